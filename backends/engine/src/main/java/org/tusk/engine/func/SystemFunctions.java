package org.tusk.engine.func;

import java.time.Instant;

import org.tusk.api.backend.BackendSignal;
import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.guc.GucTable;
import org.tusk.engine.types.DateTimes;

/**
 * System information and administration functions that need the session but
 * no catalog (version, settings, backend signalling, the transaction clock),
 * bound by prosrc.
 */
final class SystemFunctions {
    private SystemFunctions() {}

    static final String VERSION = "PostgreSQL " + GucTable.SERVER_VERSION
            + " on x86_64-pc-linux-gnu, compiled by javac 17, 64-bit";

    static void register() {
        FunctionRegistry.bind("pgsql_version", (a, c) -> VERSION);
        FunctionRegistry.bind("show_config_by_name", (a, c) -> c.session().currentSetting((String) a[0], false));
        FunctionRegistry.bind("show_config_by_name_missing_ok",
                (a, c) -> c.session().currentSetting((String) a[0], (Boolean) a[1]));
        // not strict: a null name is an error, a null is_local means false
        FunctionRegistry.bind("set_config_by_name", (a, c) -> {
            if (a[0] == null) {
                throw Ereport.error(SqlState.NULL_VALUE_NOT_ALLOWED, "SET requires parameter name");
            }
            return c.session().setConfig((String) a[0], (String) a[1], Boolean.TRUE.equals(a[2]));
        });
        // text::regclass (pg_cast's implicit text_regclass): regclassin of the text
        FunctionRegistry.bind("text_regclass", (a, c) -> org.tusk.engine.types.RegclassIo.input((String) a[0]));
        FunctionRegistry.bind("pg_backend_pid", (a, c) -> c.session().host().backend().pid());
        FunctionRegistry.bind("pg_encoding_max_length_sql", (a, c) -> encodingMaxLength((Integer) a[0]));
        FunctionRegistry.bind("pg_sleep", SystemFunctions::pgSleep);
        // pg_current_xact_id (and txid_current, same prosrc, as bigint): the top-level xid as a
        // FullTransactionId (xid8, epoch 0 here), assigning one if the transaction has none yet
        FunctionRegistry.bind("pg_current_xact_id", (a, c) -> Integer.toUnsignedLong(currentXid(c, true)));
        FunctionRegistry.bind("pg_current_xact_id_if_assigned", (a, c) -> {
            int xid = currentXid(c, false);
            return xid == 0 ? null : (Object) Integer.toUnsignedLong(xid);
        });
        // xid8 -> xid: the low 32 bits (the epoch is dropped)
        FunctionRegistry.bind("xid8toxid", (a, c) -> ((Long) a[0]) & 0xFFFFFFFFL);
        // pg_notify(channel, payload): not strict; a null channel is an empty one, a null payload none
        FunctionRegistry.bind("pg_notify", (a, c) -> {
            c.session().notify(a[0] == null ? "" : (String) a[0], (String) a[1]);
            return "";
        });
        FunctionRegistry.bind("now", (a, c) -> c.session().transactionStartMicros());
        FunctionRegistry.bind("statement_timestamp", (a, c) -> c.session().statementStartMicros());
        FunctionRegistry.bind("clock_timestamp", (a, c) -> DateTimes.toPgMicros(Instant.now()));
        FunctionRegistry.bind("current_database", (a, c) -> c.session().databaseName());
        FunctionRegistry.bind("current_schema", (a, c) -> "public");
        FunctionRegistry.bind("current_user", (a, c) -> c.session().currentUser());
        FunctionRegistry.bind("session_user", (a, c) -> c.session().sessionUser());
        FunctionRegistry.bind("pg_is_in_recovery", (a, c) -> false);
        FunctionRegistry.bind("pg_cancel_backend", (a, c) -> signal(c, (Integer) a[0], BackendSignal.CANCEL));
        // pg_terminate_backend(pid, timeout DEFAULT 0): a call without the timeout passes one argument
        FunctionRegistry.bind("pg_terminate_backend", (a, c) -> {
            if (a.length > 1 && (Long) a[1] < 0) {
                throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "\"timeout\" must not be negative");
            }
            return signal(c, (Integer) a[0], BackendSignal.TERMINATE);
        });
    }

    /**
     * GetTopTransactionId (assign) / GetTopTransactionIdIfAny: 0 when the session has no storage
     * or, without {@code assign}, no xid yet. PostgreSQL refuses to assign one during recovery
     * only; a read-only transaction gets one too.
     */
    private static int currentXid(EvalContext c, boolean assign) {
        if (!(c.session() instanceof org.tusk.engine.storage.StorageSession s) || s.storage() == null) {
            return 0;
        }
        if (!assign) {
            return s.storage().isStarted() ? s.storage().manager().topXidIfAny() : 0;
        }
        org.tusk.api.storage.TransactionContext txn = s.transactionContext();
        int top = s.storage().manager().topXidIfAny();
        // assignXid gives the current (sub)transaction's xid, parents first: at top level that
        // is the top-level xid itself (and it is locked, so others can wait for it)
        return top != 0 ? top : s.storage().nestingLevel() == 0 ? txn.assignXid()
                : assignThenTop(txn, s.storage().manager());
    }

    private static int assignThenTop(org.tusk.api.storage.TransactionContext txn, org.tusk.xact.TransactionManager m) {
        txn.assignXid();
        return m.topXidIfAny();
    }

    private static Object pgSleep(Object[] a, EvalContext c) {
        double seconds = (Double) a[0];
        long endNanos = System.nanoTime() + (long) (seconds * 1e9);
        // Sleep in slices, as pg_sleep does, checking for interrupts on each wakeup.
        while (true) {
            c.checkForInterrupts();
            long remainingMs = (endNanos - System.nanoTime()) / 1_000_000L;
            if (remainingMs <= 0) {
                break;
            }
            // wake up for statement_timeout too (the next check throws 57014)
            long toDeadlineMs = (c.session().statementDeadlineNanos() - System.nanoTime()) / 1_000_000L + 1;
            c.session().host().backend().sleep(Math.max(1, Math.min(Math.min(remainingMs, 1000L), toDeadlineMs)));
        }
        return "";
    }

    private static Object signal(EvalContext c, int pid, BackendSignal signal) {
        boolean ok = c.session().host().backend().signalBackend(pid, signal);
        if (!ok) {
            c.session().host().notice(Ereport.warning(SqlState.WARNING, "PID " + pid + " is not a PostgreSQL backend process"));
        }
        return ok;
    }

    /**
     * The most bytes one character takes in server encoding {@code encoding} (pg_wchar_table's
     * maxmblen, by PostgreSQL's pg_enc number), or null for a number that names no server
     * encoding (information_schema.columns' character_octet_length multiplies by it).
     */
    private static final int[] ENCODING_MAX_LENGTH = {
        1, 3, 3, 3, 4, 3, 4, 4,                                  // SQL_ASCII .. MULE_INTERNAL
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, // LATIN1 .. KOI8U
        2, 2, 2, 2, 4, 3, 2                                      // SJIS, BIG5, GBK, UHC, GB18030, JOHAB, SHIFT_JIS_2004
    };

    static Integer encodingMaxLength(int encoding) {
        return encoding < 0 || encoding >= ENCODING_MAX_LENGTH.length ? null : ENCODING_MAX_LENGTH[encoding];
    }
}
