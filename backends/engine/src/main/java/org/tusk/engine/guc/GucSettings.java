package org.tusk.engine.guc;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;

/**
 * One session's configuration values, with PostgreSQL's transactional
 * semantics: SET is undone by a rollback, SET LOCAL lasts until the end of the
 * transaction, savepoints nest (guc.c's GUC stack, kept here as snapshots).
 */
public final class GucSettings {
    /** The GUC_REPORT variables in the order PostgreSQL 15 sends them at startup. */
    public static final List<String> REPORTED = List.of("application_name", "client_encoding", "DateStyle",
            "default_transaction_read_only", "in_hot_standby", "integer_datetimes", "IntervalStyle", "is_superuser",
            "server_encoding", "server_version", "session_authorization", "standard_conforming_strings", "TimeZone");

    private final GucTable table = GucTable.INSTANCE;
    private final Map<String, GucVariable> placeholders = new HashMap<>();
    /** What RESET returns to: boot value, then server settings, then the startup packet. */
    private final Map<String, String> resetValues = new HashMap<>();
    /** Values set with session scope (survive commit). */
    private Map<String, String> sessionValues = new HashMap<>();
    /** Effective values, including SET LOCAL ones. */
    private Map<String, String> currentValues = new HashMap<>();
    private final Deque<Map<String, String>[]> stack = new ArrayDeque<>();
    private final Map<String, String> lastReported = new HashMap<>();
    /** Bumped by every change of any value: lets changedReported() skip its scan after most statements. */
    private long version;
    private long reportedVersion = -1;
    /**
     * beginTransaction deferred copying the settings for a rollback: nothing has changed since the
     * transaction began (most transactions change nothing), so commit and abort have nothing to undo.
     */
    private boolean baseSnapshotPending;

    private static String key(String name) {
        return lowerCase(name);
    }

    /** name.toLowerCase(Locale.ROOT) without the copy when it is lower case already (callers mostly pass constants). */
    static String lowerCase(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z' || c > 0x7f) {
                // mixed-case names are mostly the built-ins' own (TimeZone, DateStyle), asked for
                // several times per row: remember their lower-case form instead of copying each time
                String lower = LOWER_CASE.get(name);
                if (lower == null) {
                    lower = name.toLowerCase(Locale.ROOT);
                    if (LOWER_CASE.size() < 4096) {
                        LOWER_CASE.put(name, lower);
                    }
                }
                return lower;
            }
        }
        return name;
    }

    private static final java.util.concurrent.ConcurrentHashMap<String, String> LOWER_CASE =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The variable, or null; names containing a dot are custom placeholders. */
    public GucVariable find(String name) {
        GucVariable v = table.find(name);
        if (v == null) {
            v = placeholders.get(key(name));
        }
        return v;
    }

    private GucVariable findOrError(String name, boolean createPlaceholder) {
        GucVariable v = find(name);
        if (v == null && createPlaceholder && name.indexOf('.') > 0) {
            v = GucVariable.placeholder(key(name));
            placeholders.put(key(name), v);
        }
        if (v == null) {
            throw unrecognized(name);
        }
        return v;
    }

    public static PgException unrecognized(String name) {
        return Ereport.error(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name + "\"");
    }

    /** Installs a server-level default (tusk.conf, -c): becomes the boot and reset value. */
    public void setServerDefault(String name, String value) {
        beforeChange();
        GucVariable v = table.find(name);
        if (v == null) {
            if (name.indexOf('.') <= 0) {
                return;
            }
            v = findOrError(name, true);
        }
        String normalized = v.normalize(value);
        resetValues.put(key(v.name()), normalized);
    }

    /** Forces an internal value (is_superuser, session_authorization) for this session. */
    public void setInternal(String name, String value) {
        beforeChange();
        resetValues.put(key(name), value);
        currentValues.remove(key(name));
        sessionValues.remove(key(name));
    }

    /** GUC_NO_RESET_ALL: RESET ALL leaves the session and current role alone. */
    private static boolean isNoResetAll(GucVariable v) {
        return v.name().equals("session_authorization") || v.name().equals("role");
    }

    /** A startup-packet setting: like SET, but it also becomes the value RESET returns to. */
    public void setStartup(String name, String value) {
        beforeChange();
        GucVariable v = findOrError(name, true);
        if (isNoResetAll(v)) {
            // the role checks of SET SESSION AUTHORIZATION / SET ROLE are not made for startup options
            throw Ereport.error("55P02", "parameter \"" + v.name() + "\" cannot be changed");
        }
        checkSettable(v);
        resetValues.put(key(v.name()), v.normalize(value));
    }

    private void checkSettable(GucVariable v) {
        switch (v.context()) {
            case INTERNAL:
                throw Ereport.error("55P02", "parameter \"" + v.name() + "\" cannot be changed");
            case POSTMASTER:
                throw Ereport.error("55P02", "parameter \"" + v.name() + "\" cannot be changed without restarting the server");
            case SIGHUP:
                throw Ereport.error("55P02", "parameter \"" + v.name() + "\" cannot be changed now");
            default:
                break;
        }
    }

    /** SET name = value (null value: SET ... TO DEFAULT). Returns the new value. */
    public String set(String name, String value, boolean local) {
        beforeChange();
        GucVariable v = findOrError(name, true);
        checkSettable(v);
        String k = key(v.name());
        String normalized = value == null ? resetValue(v) : v.normalize(value, name);
        currentValues.put(k, normalized);
        if (!local) {
            sessionValues.put(k, normalized);
        }
        return normalized;
    }

    public void reset(String name) {
        set(name, null, false);
    }

    /** RESET ALL: every user-settable variable back to its reset value. */
    public void resetAll() {
        beforeChange();
        for (String k : new java.util.ArrayList<>(currentValues.keySet())) {
            GucVariable v = find(k);
            if (v != null && (v.context() == GucContext.USER || v.context() == GucContext.SUPERUSER)
                    && !isNoResetAll(v)) {
                currentValues.remove(k);
                sessionValues.remove(k);
            }
        }
    }

    private String resetValue(GucVariable v) {
        String r = resetValues.get(key(v.name()));
        return r != null ? r : v.bootValue();
    }

    /** The value SHOW prints; ERROR 42704 if unknown. */
    public String show(String name) {
        GucVariable v = find(name);
        if (v == null) {
            throw unrecognized(name);
        }
        return value(v);
    }

    /** The value, or null when no such variable exists. */
    public String get(String name) {
        GucVariable v = find(name);
        return v == null ? null : value(v);
    }

    private String value(GucVariable v) {
        String c = currentValues.get(key(v.name()));
        return c != null ? c : resetValue(v);
    }

    // ---- transactions ----

    @SuppressWarnings("unchecked")
    private void push() {
        stack.push(new Map[] {new HashMap<>(sessionValues), new HashMap<>(currentValues)});
    }

    /** Bumped by every change of a value: callers caching something derived from settings compare it. */
    public long version() {
        return version;
    }

    /** Every change goes through here first: takes the copy beginTransaction deferred. */
    private void beforeChange() {
        version++;
        if (baseSnapshotPending) {
            baseSnapshotPending = false;
            push();
        }
    }

    public void beginTransaction() {
        stack.clear();
        baseSnapshotPending = true;
    }

    /** End of transaction: SET LOCAL values go away, SET ones stay. */
    public void commit() {
        stack.clear();
        if (baseSnapshotPending) {
            baseSnapshotPending = false;   // nothing changed: current values are the session's already
            return;
        }
        version++;
        currentValues = new HashMap<>(sessionValues);
    }

    /** Rollback: everything set during the transaction is undone. */
    public void abort() {
        if (baseSnapshotPending) {
            baseSnapshotPending = false;
            stack.clear();
            return;
        }
        version++;
        if (!stack.isEmpty()) {
            Map<String, String>[] first = stack.getLast();
            sessionValues = new HashMap<>(first[0]);
            currentValues = new HashMap<>(first[0]);
        } else {
            currentValues = new HashMap<>(sessionValues);
        }
        stack.clear();
    }

    public void savepoint() {
        if (baseSnapshotPending) {
            baseSnapshotPending = false;
            push();   // the transaction's own first, so that abort finds it at the bottom
        }
        push();
    }

    /** RELEASE of the savepoint at nesting level {@code level} (0 = first savepoint) and all later ones. */
    public void releaseSavepoint(int level) {
        version++;
        while (stack.size() > level + 1 && stack.size() > 1) {
            stack.pop();
        }
    }

    /** ROLLBACK TO the savepoint at nesting level {@code level}: back to its values; it stays. */
    public void rollbackToSavepoint(int level) {
        version++;
        while (stack.size() > level + 2) {
            stack.pop();
        }
        Map<String, String>[] top = stack.peek();
        if (top != null) {
            sessionValues = new HashMap<>(top[0]);
            currentValues = new HashMap<>(top[1]);
        }
    }

    // ---- reporting ----

    /** The GUC_REPORT variables and their values, in startup order. */
    public Map<String, String> reported() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : REPORTED) {
            out.put(name, show(name));
        }
        return out;
    }

    /** Reported variables whose value changed since the last call (ReportChangedGUCOptions). */
    public Map<String, String> changedReported() {
        if (version == reportedVersion) {
            return Map.of();
        }
        reportedVersion = version;
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : REPORTED) {
            String v = show(name);
            if (!v.equals(lastReported.get(name))) {
                lastReported.put(name, v);
                out.put(name, v);
            }
        }
        return out;
    }

    /** Every variable for SHOW ALL, sorted by name. */
    public List<String[]> showAll() {
        List<String[]> rows = new java.util.ArrayList<>();
        java.util.TreeMap<String, GucVariable> all = new java.util.TreeMap<>();
        for (GucVariable v : table.all()) {
            all.put(key(v.name()), v);
        }
        for (GucVariable v : all.values()) {
            rows.add(new String[] {v.name(), value(v), v.description()});
        }
        return rows;
    }
}
