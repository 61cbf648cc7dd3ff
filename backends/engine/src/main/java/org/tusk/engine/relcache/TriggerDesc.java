package org.tusk.engine.relcache;

import java.util.List;

/**
 * One pg_trigger row as the relcache keeps it with its table (Trigger in
 * PostgreSQL's TriggerDesc): what fires it (tgtype's bits), whether it is
 * enabled, the function and its arguments, UPDATE OF's columns and the WHEN
 * condition's source text.
 *
 * @param enabled   tgenabled: 'O' origin (enabled), 'D' disabled, 'R' replica, 'A' always
 * @param columns   UPDATE OF's attnums (empty: any column)
 * @param whenText  the WHEN condition as SQL over OLD and NEW, or null
 */
public record TriggerDesc(long oid, String name, long funcOid, int type, char enabled, boolean internal,
        List<String> args, int[] columns, String whenText, String oldTable, String newTable) {

    public static final int ROW = 1;
    public static final int BEFORE = 2;
    public static final int INSERT = 4;
    public static final int DELETE = 8;
    public static final int UPDATE = 16;
    public static final int TRUNCATE = 32;
    public static final int INSTEAD = 64;

    public boolean isRow() {
        return (type & ROW) != 0;
    }

    /** "BEFORE", "AFTER" or "INSTEAD OF" (TG_WHEN). */
    public String timing() {
        return (type & BEFORE) != 0 ? "BEFORE" : (type & INSTEAD) != 0 ? "INSTEAD OF" : "AFTER";
    }

    /** Whether it fires in a session with session_replication_role = origin (the default). */
    public boolean firesInOrigin() {
        return enabled == 'O' || enabled == 'A';
    }

    /** Whether this trigger fires for {@code event} (one of the event bits) at {@code timing} on rows or statements. */
    public boolean matches(int event, String timingName, boolean row) {
        return (type & event) != 0 && timing().equals(timingName) && isRow() == row && firesInOrigin();
    }
}
