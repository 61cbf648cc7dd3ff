package org.tusk.engine.relcache;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;

/**
 * RELATION_IS_OTHER_TEMP: a TEMP relation that lives in another session's
 * {@code pg_temp_N}. Its pages belong to that session's local buffers and
 * write no WAL, so this session must not read or change them: PostgreSQL
 * refuses it in ReadBuffer ("cannot access temporary tables of other
 * sessions") and, before any page is touched, in the commands that would
 * rewrite or extend it (ALTER TABLE, TRUNCATE, CREATE INDEX, CLUSTER). The
 * catalog rows stay reachable: EXPLAIN, COMMENT, GRANT, RENAME and DROP work.
 */
public final class OtherSessionTemp {

    private OtherSessionTemp() {
    }

    /** Whether {@code rel} is a temporary relation of a session other than {@code cache}'s. */
    public static boolean is(RelationDesc rel, RelationCache cache) {
        if (rel.locator() == null || !rel.locator().temp()) {
            return false;
        }
        int ns = rel.namespaceOid();
        return ns == 0 || (ns != cache.tempNamespace() && ns != cache.tempToastNamespace());
    }

    /** Refuses {@code rel} if it is another session's: "cannot {@code verb} temporary tables of other sessions". */
    public static void check(RelationDesc rel, RelationCache cache, String verb) {
        if (is(rel, cache)) {
            throw refusal(verb);
        }
    }

    /** The 0A000 error for {@code verb} ("access", "alter", "truncate", "create indexes on", "cluster"). */
    public static PgException refusal(String verb) {
        return PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot " + verb + " temporary tables of other sessions");
    }
}
