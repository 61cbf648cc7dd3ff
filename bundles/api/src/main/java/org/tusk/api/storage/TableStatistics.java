package org.tusk.api.storage;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Per-relation activity counters shared by every process (PostgreSQL's
 * cumulative statistics for tables, pg_stat_user_tables), offered as a
 * service by the storage core; table access methods count their changes,
 * VACUUM reports what it found, and autovacuum reads them to pick its
 * targets. Counts are advisory: no lock protects their consistency with the
 * data (since 1.2).
 */
@ProviderType
public interface TableStatistics {

    /**
     * One relation's counters (n_tup_ins ... autovacuum_count; times in ms since the epoch, 0 = never);
     * {@code tuplesHotUpdated} (n_tup_hot_upd, since 1.7) counts the updates among {@code tuplesUpdated}
     * that made a heap-only tuple. Since 1.11: {@code modsSinceAnalyze} (n_mod_since_analyze: rows
     * inserted, updated or deleted since the last ANALYZE), {@code insertsSinceVacuum}
     * (n_ins_since_vacuum), and ANALYZE's times and counts.
     */
    record Counters(RelFileLocator relation, String accessMethod, long tuplesInserted, long tuplesUpdated,
            long tuplesDeleted, long liveTuples, long deadTuples, long lastVacuum, long lastAutovacuum,
            long vacuumCount, long autovacuumCount, long tuplesHotUpdated, long modsSinceAnalyze,
            long insertsSinceVacuum, long lastAnalyze, long lastAutoanalyze, long analyzeCount,
            long autoanalyzeCount) {

        /** Counters without ANALYZE's (the 1.7 form). */
        public Counters(RelFileLocator relation, String accessMethod, long tuplesInserted, long tuplesUpdated,
                long tuplesDeleted, long liveTuples, long deadTuples, long lastVacuum, long lastAutovacuum,
                long vacuumCount, long autovacuumCount, long tuplesHotUpdated) {
            this(relation, accessMethod, tuplesInserted, tuplesUpdated, tuplesDeleted, liveTuples, deadTuples,
                    lastVacuum, lastAutovacuum, vacuumCount, autovacuumCount, tuplesHotUpdated, 0, 0, 0, 0, 0, 0);
        }

        /** Counters without HOT updates (the 1.6 form). */
        public Counters(RelFileLocator relation, String accessMethod, long tuplesInserted, long tuplesUpdated,
                long tuplesDeleted, long liveTuples, long deadTuples, long lastVacuum, long lastAutovacuum,
                long vacuumCount, long autovacuumCount) {
            this(relation, accessMethod, tuplesInserted, tuplesUpdated, tuplesDeleted, liveTuples, deadTuples,
                    lastVacuum, lastAutovacuum, vacuumCount, autovacuumCount, 0);
        }

        /** Every row change counted (PostgreSQL's changes_since_analyze counts all three). */
        public long tuplesChanged() {
            return tuplesInserted + tuplesUpdated + tuplesDeleted;
        }
    }

    /** pgstat_count_heap_insert / _update / _delete: {@code inserted} new versions etc. by access method {@code am}. */
    void countInsert(RelFileLocator relation, String am);

    /** (1.6) {@code n} inserts at once (a multi-insert's page: one update of the shared counters). */
    default void countInserts(RelFileLocator relation, String am, int n) {
        for (int i = 0; i < n; i++) {
            countInsert(relation, am);
        }
    }

    void countUpdate(RelFileLocator relation, String am);

    /**
     * (1.7) pgstat_count_heap_update(rel, hot): an update, which also counts in n_tup_hot_upd when
     * {@code hot} (the new version is a heap-only tuple).
     */
    default void countUpdate(RelFileLocator relation, String am, boolean hot) {
        countUpdate(relation, am);
    }

    void countDelete(RelFileLocator relation, String am);

    /**
     * (1.8) pgstat_update_heap_dead_tuples after heap_page_prune: pruning outside VACUUM removed
     * {@code tuples} dead versions (their storage is free; line pointers it only marked dead still
     * count), so they no longer call for an autovacuum. Without it, every update counted a dead
     * tuple until the next VACUUM however many pruning had already removed, and autovacuum scanned
     * all of pgbench_accounts every 0.2 x its rows of updates.
     */
    default void countPruned(RelFileLocator relation, int tuples) {
    }

    /** pgstat_report_vacuum: the relation now has {@code liveTuples} live and {@code deadTuples} dead versions. */
    void reportVacuum(RelFileLocator relation, long liveTuples, long deadTuples, boolean autovacuum);

    /**
     * pgstat_report_vacuum for a VACUUM that ran while others kept working:
     * the live and dead counts become what VACUUM found, plus whatever other
     * processes counted since {@code before} was read (at the start of the
     * VACUUM), so changes made during a long VACUUM are not lost and their
     * dead tuples still call for the next round (since 1.3).
     */
    void reportVacuum(Counters before, long liveTuples, long deadTuples, boolean autovacuum);

    /**
     * (1.11) pgstat_report_analyze: ANALYZE (automatic when {@code autovacuum}) finished on the
     * relation whose counters were {@code before} when it started; the changes counted since then
     * stay in n_mod_since_analyze, so they still call for the next one.
     */
    default void reportAnalyze(Counters before, boolean autovacuum) {
    }

    /** The relation's counters, or null if nothing was counted since the server started. */
    Counters counters(RelFileLocator relation);

    /** Every relation with counters. */
    List<Counters> all();

    /**
     * (1.13) One database's counters for pg_stat_database: top-level transactions ended by commit and by
     * rollback, shared buffer reads and hits of its sessions, deadlocks its sessions were chosen victim of,
     * temporary files written and their bytes, sessions started; {@code statsReset} in ms since the epoch,
     * 0 = never reset.
     */
    record DatabaseCounters(int database, long xactCommit, long xactRollback, long blocksRead, long blocksHit,
            long deadlocks, long tempFiles, long tempBytes, long sessions, long statsReset) {
    }

    /**
     * (1.13) AtEOXact_PgStat_Database and pgstat_report_stat's buffer flush: a top-level transaction of
     * a session of {@code database} ended ({@code committed} or rolled back), and its session read
     * {@code blocksRead} blocks and found {@code blocksHit} in shared buffers since the last report.
     */
    default void countTransactionEnd(int database, boolean committed, long blocksRead, long blocksHit) {
    }

    /** (1.13) pgstat_report_deadlock: a session of {@code database} was chosen as a deadlock's victim. */
    default void countDeadlock(int database) {
    }

    /** (1.13) pgstat_report_tempfile: a session of {@code database} wrote a temporary file of {@code bytes}. */
    default void countTempFile(int database, long bytes) {
    }

    /** (1.13) pgstat_report_connect: a session connected to {@code database}. */
    default void countSession(int database) {
    }

    /** (1.13) The database's counters, or null if nothing was counted since the server started. */
    default DatabaseCounters databaseCounters(int database) {
        return null;
    }

    /** (1.13) pg_stat_reset for {@code database}'s own counters: zeroed, stats_reset now. */
    default void resetDatabase(int database) {
    }

    /** Forgets a dropped relation. */
    void drop(RelFileLocator relation);
}
