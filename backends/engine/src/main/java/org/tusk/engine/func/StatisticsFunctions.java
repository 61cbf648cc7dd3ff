package org.tusk.engine.func;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.api.backend.BackendActivity;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.api.storage.TableStatistics;
import org.tusk.engine.catalog.CatalogAccess;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.FunctionBody;
import org.tusk.engine.storage.StorageSession;
import org.tusk.engine.storage.StorageTransaction;
import org.tusk.engine.types.DateTimes;
import org.tusk.xact.IsolationLevel;

/**
 * The cumulative statistics functions (pgstatfuncs.c) over the counters Tusk
 * keeps in shared memory: per database ({@link TableStatistics#databaseCounters},
 * pg_stat_database's columns) and per table ({@link TableStatistics#counters}),
 * bound by prosrc. Counters Tusk does not keep (tuples returned and fetched,
 * recovery conflicts, I/O and session times, scans) read 0, as in a fresh
 * PostgreSQL; checksum_failures is NULL, as PostgreSQL shows without data
 * checksums.
 */
final class StatisticsFunctions {
    private StatisticsFunctions() {}

    private static final long ZERO = 0L;

    static void register() {
        FunctionRegistry.bind("pg_stat_get_db_numbackends", (a, c) -> numBackends(c, (Long) a[0]));
        FunctionRegistry.bind("pg_stat_get_db_xact_commit", (a, c) -> db(c, a).xactCommit());
        FunctionRegistry.bind("pg_stat_get_db_xact_rollback", (a, c) -> db(c, a).xactRollback());
        FunctionRegistry.bind("pg_stat_get_db_blocks_fetched", (a, c) -> {
            TableStatistics.DatabaseCounters d = db(c, a);
            return d.blocksRead() + d.blocksHit();
        });
        FunctionRegistry.bind("pg_stat_get_db_blocks_hit", (a, c) -> db(c, a).blocksHit());
        FunctionRegistry.bind("pg_stat_get_db_deadlocks", (a, c) -> db(c, a).deadlocks());
        FunctionRegistry.bind("pg_stat_get_db_temp_files", (a, c) -> db(c, a).tempFiles());
        FunctionRegistry.bind("pg_stat_get_db_temp_bytes", (a, c) -> db(c, a).tempBytes());
        FunctionRegistry.bind("pg_stat_get_db_sessions", (a, c) -> db(c, a).sessions());
        FunctionRegistry.bind("pg_stat_get_db_stat_reset_time", (a, c) -> time(db(c, a).statsReset()));
        // the sums of the database's tables' counters (PostgreSQL keeps its own; a dropped table's go with it here)
        FunctionRegistry.bind("pg_stat_get_db_tuples_inserted",
                (a, c) -> tableSum(c, (Long) a[0], TableStatistics.Counters::tuplesInserted));
        FunctionRegistry.bind("pg_stat_get_db_tuples_updated",
                (a, c) -> tableSum(c, (Long) a[0], TableStatistics.Counters::tuplesUpdated));
        FunctionRegistry.bind("pg_stat_get_db_tuples_deleted",
                (a, c) -> tableSum(c, (Long) a[0], TableStatistics.Counters::tuplesDeleted));
        for (String zero : new String[] {"pg_stat_get_db_tuples_returned", "pg_stat_get_db_tuples_fetched",
            "pg_stat_get_db_conflict_all", "pg_stat_get_db_conflict_tablespace", "pg_stat_get_db_conflict_lock",
            "pg_stat_get_db_conflict_snapshot", "pg_stat_get_db_conflict_bufferpin",
            "pg_stat_get_db_conflict_startup_deadlock", "pg_stat_get_db_sessions_abandoned",
            "pg_stat_get_db_sessions_fatal", "pg_stat_get_db_sessions_killed", "pg_stat_get_numscans",
            "pg_stat_get_tuples_returned", "pg_stat_get_tuples_fetched", "pg_stat_get_blocks_fetched",
            "pg_stat_get_blocks_hit", "pg_stat_get_xact_numscans", "pg_stat_get_xact_tuples_returned",
            "pg_stat_get_xact_tuples_fetched", "pg_stat_get_xact_tuples_inserted",
            "pg_stat_get_xact_tuples_updated", "pg_stat_get_xact_tuples_deleted",
            "pg_stat_get_xact_tuples_hot_updated", "pg_stat_get_xact_blocks_fetched",
            "pg_stat_get_xact_blocks_hit"}) {
            FunctionRegistry.bind(zero, (a, c) -> ZERO);
        }
        for (String zero : new String[] {"pg_stat_get_db_blk_read_time", "pg_stat_get_db_blk_write_time",
            "pg_stat_get_db_session_time", "pg_stat_get_db_active_time",
            "pg_stat_get_db_idle_in_transaction_time"}) {
            FunctionRegistry.bind(zero, (a, c) -> 0.0);
        }
        // NULL without data checksums (DataChecksumsEnabled() false), as initdb's default cluster shows
        FunctionRegistry.bind("pg_stat_get_db_checksum_failures", (a, c) -> null);
        FunctionRegistry.bind("pg_stat_get_db_checksum_last_failure", (a, c) -> null);
        FunctionRegistry.bind("pg_stat_get_live_tuples", (a, c) -> table(c, a, TableStatistics.Counters::liveTuples));
        FunctionRegistry.bind("pg_stat_get_dead_tuples", (a, c) -> table(c, a, TableStatistics.Counters::deadTuples));
        FunctionRegistry.bind("pg_stat_get_tuples_inserted",
                (a, c) -> table(c, a, TableStatistics.Counters::tuplesInserted));
        FunctionRegistry.bind("pg_stat_get_tuples_updated",
                (a, c) -> table(c, a, TableStatistics.Counters::tuplesUpdated));
        FunctionRegistry.bind("pg_stat_get_tuples_deleted",
                (a, c) -> table(c, a, TableStatistics.Counters::tuplesDeleted));
        FunctionRegistry.bind("pg_stat_get_tuples_hot_updated",
                (a, c) -> table(c, a, TableStatistics.Counters::tuplesHotUpdated));
        FunctionRegistry.bind("pg_stat_get_mod_since_analyze",
                (a, c) -> table(c, a, TableStatistics.Counters::modsSinceAnalyze));
        FunctionRegistry.bind("pg_stat_get_ins_since_vacuum",
                (a, c) -> table(c, a, TableStatistics.Counters::insertsSinceVacuum));
        FunctionRegistry.bind("pg_stat_get_vacuum_count", (a, c) -> table(c, a, TableStatistics.Counters::vacuumCount));
        FunctionRegistry.bind("pg_stat_get_autovacuum_count",
                (a, c) -> table(c, a, TableStatistics.Counters::autovacuumCount));
        FunctionRegistry.bind("pg_stat_get_analyze_count",
                (a, c) -> table(c, a, TableStatistics.Counters::analyzeCount));
        FunctionRegistry.bind("pg_stat_get_autoanalyze_count",
                (a, c) -> table(c, a, TableStatistics.Counters::autoanalyzeCount));
        FunctionRegistry.bind("pg_stat_get_last_vacuum_time",
                (a, c) -> time(table(c, a, TableStatistics.Counters::lastVacuum)));
        FunctionRegistry.bind("pg_stat_get_last_autovacuum_time",
                (a, c) -> time(table(c, a, TableStatistics.Counters::lastAutovacuum)));
        FunctionRegistry.bind("pg_stat_get_last_analyze_time",
                (a, c) -> time(table(c, a, TableStatistics.Counters::lastAnalyze)));
        FunctionRegistry.bind("pg_stat_get_last_autoanalyze_time",
                (a, c) -> time(table(c, a, TableStatistics.Counters::lastAutoanalyze)));
        // pg_stat_reset(): the current database's counters (its tables' stay: autovacuum decides by them)
        FunctionRegistry.bind("pg_stat_reset", (a, c) -> {
            TableStatistics stats = statistics(c);
            if (stats != null) {
                stats.resetDatabase(transaction(c).databaseOid());
            }
            return "";
        });
        FunctionRegistry.bind("pg_stat_clear_snapshot", (a, c) -> "");
        // what pg_stat_get_backend_idset()'s ids stand for
        FunctionRegistry.bind("pg_stat_get_backend_pid", (a, c) -> {
            BackendActivity b = backend(c, (Integer) a[0]);
            return b == null ? null : (Object) b.pid();
        });
        FunctionRegistry.bind("pg_stat_get_backend_dbid", (a, c) -> {
            BackendActivity b = backend(c, (Integer) a[0]);
            return b == null || b.database() == null ? null : databaseOids(transaction(c)).get(b.database());
        });
        FunctionRegistry.bind("pg_stat_get_backend_activity", (a, c) -> {
            BackendActivity b = backend(c, (Integer) a[0]);
            return b == null ? null : b.query();
        });
        // Tusk does not track functions (track_functions is off by default): no counts, so no rows
        for (String none : new String[] {"pg_stat_get_function_calls", "pg_stat_get_function_total_time",
            "pg_stat_get_function_self_time", "pg_stat_get_xact_function_calls",
            "pg_stat_get_xact_function_total_time", "pg_stat_get_xact_function_self_time"}) {
            FunctionRegistry.bind(none, (a, c) -> null);
        }
    }

    /**
     * pg_stat_get_backend_idset(): the "backend ids" 1..n of the processes pg_stat_activity lists now,
     * which pg_stat_get_backend_pid/dbid/activity(id) then describe (old monitoring queries join them).
     */
    static void registerSetReturning(Map<String, FunctionBody> byProsrc) {
        byProsrc.put("pg_stat_get_backend_idset", (a, c) -> {
            int n = c.session().host().backend().activitySnapshot().size();
            List<Object> ids = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                ids.add(i);
            }
            return ids;
        });
    }

    /** The process with backend id {@code id} (1-based, in pg_stat_activity's order), or null. */
    private static BackendActivity backend(EvalContext c, int id) {
        List<BackendActivity> all = c.session().host().backend().activitySnapshot();
        return id < 1 || id > all.size() ? null : all.get(id - 1);
    }

    private static final TableStatistics.DatabaseCounters NOTHING =
            new TableStatistics.DatabaseCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    private static TableStatistics.DatabaseCounters db(EvalContext c, Object[] a) {
        TableStatistics stats = statistics(c);
        TableStatistics.DatabaseCounters d = stats == null ? null : stats.databaseCounters(((Long) a[0]).intValue());
        return d == null ? NOTHING : d;
    }

    private static StorageTransaction transaction(EvalContext c) {
        return c.session() instanceof StorageSession s ? s.storage() : null;
    }

    private static TableStatistics statistics(EvalContext c) {
        StorageTransaction txn = transaction(c);
        return txn == null ? null : txn.storage().statistics();
    }

    /** Sessions connected to the database now (what pg_stat_activity lists with that datid). */
    private static int numBackends(EvalContext c, long databaseOid) {
        StorageTransaction txn = transaction(c);
        if (txn == null) {
            return 0;
        }
        Map<String, Long> oids = databaseOids(txn);
        int n = 0;
        for (BackendActivity b : c.session().host().backend().activitySnapshot()) {
            if (b.database() != null && Long.valueOf(databaseOid).equals(oids.get(b.database()))) {
                n++;
            }
        }
        return n;
    }

    /** Database OIDs by name, from pg_database (empty without storage). */
    private static Map<String, Long> databaseOids(StorageTransaction txn) {
        Map<String, Long> oids = new HashMap<>();
        if (txn == null) {
            return oids;
        }
        SystemCatalogs.Catalog pgDatabase = SystemCatalogs.require(SystemCatalogs.PG_DATABASE);
        for (CatalogAccess.CatalogTuple t : new CatalogAccess(txn, IsolationLevel.READ_COMMITTED)
                .scan(SystemCatalogs.PG_DATABASE)) {
            oids.put((String) t.get(pgDatabase, "datname"), (Long) t.get(pgDatabase, "oid"));
        }
        return oids;
    }

    private static long tableSum(EvalContext c, long databaseOid, java.util.function.ToLongFunction<TableStatistics.Counters> field) {
        TableStatistics stats = statistics(c);
        long sum = 0;
        if (stats != null) {
            for (TableStatistics.Counters t : stats.all()) {
                if (t.relation().dbOid() == databaseOid) {
                    sum += field.applyAsLong(t);
                }
            }
        }
        return sum;
    }

    /** One relation's counter by its OID (0 for a relation nothing counted, as PostgreSQL). */
    private static long table(EvalContext c, Object[] a, java.util.function.ToLongFunction<TableStatistics.Counters> field) {
        TableStatistics stats = statistics(c);
        RelFileLocator locator = stats == null ? null : locator(transaction(c), (Long) a[0]);
        TableStatistics.Counters t = locator == null ? null : stats.counters(locator);
        return t == null ? 0 : field.applyAsLong(t);
    }

    /** The relation's files, from its pg_class row (null if there is none). */
    private static RelFileLocator locator(StorageTransaction txn, long relationOid) {
        SystemCatalogs.Catalog pgClass = SystemCatalogs.require(SystemCatalogs.PG_CLASS);
        int oid = pgClass.columnIndex("oid");
        for (CatalogAccess.CatalogTuple t : new CatalogAccess(txn, IsolationLevel.READ_COMMITTED)
                .scan(SystemCatalogs.PG_CLASS, row -> ((Long) row[oid]) == relationOid)) {
            return org.tusk.engine.catalog.PgStatTables.locator(pgClass, t, txn.databaseOid());
        }
        return null;
    }

    private static Long time(long epochMillis) {
        return epochMillis == 0 ? null : DateTimes.toPgMicros(Instant.ofEpochMilli(epochMillis));
    }
}
