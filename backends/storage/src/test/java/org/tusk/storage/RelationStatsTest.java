package org.tusk.storage;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.api.storage.TableStatistics;
import org.tusk.shmem.ShmemSegment;

/** The shared counters and autovacuum's trigger rule (one process; AutovacuumTest has the real processes). */
class RelationStatsTest {

    @TempDir
    Path dir;

    @Test
    void databaseCountersAreKeptPerDatabaseBesideTheRelations() throws Exception {
        try (ShmemSegment segment = ShmemSegment.create(dir.resolve("shm"), 2, dir.resolve("latches"),
                List.of(RelationStats.shmemRequest()))) {
            RelationStats writer = new RelationStats(segment);
            RelationStats reader = new RelationStats(segment);
            assertNull(reader.databaseCounters(5));
            writer.countTransactionEnd(5, true, 3, 40);
            writer.countTransactionEnd(5, true, 0, 10);
            writer.countTransactionEnd(5, false, 1, 0);
            writer.countTransactionEnd(1, true, 0, 0);
            writer.countDeadlock(5);
            writer.countTempFile(5, 8192);
            writer.countSession(5);
            assertEquals(new TableStatistics.DatabaseCounters(5, 2, 1, 4, 50, 1, 1, 8192, 1, 0),
                    reader.databaseCounters(5));
            assertEquals(1, reader.databaseCounters(1).xactCommit());
            // the database entries take no relation entry: autovacuum's list stays the relations'
            assertEquals(List.of(), reader.all());
            writer.resetDatabase(5);
            TableStatistics.DatabaseCounters reset = reader.databaseCounters(5);
            assertEquals(0, reset.xactCommit() + reset.xactRollback() + reset.blocksHit() + reset.sessions());
            assertTrue(reset.statsReset() > 0);
            assertEquals(1, reader.databaseCounters(1).xactCommit(), "another database's counters stay");
        }
    }

    @Test
    void countersAreKeptPerRelationAndSeenThroughAnotherAttachment() throws Exception {
        try (ShmemSegment segment = ShmemSegment.create(dir.resolve("shm"), 2, dir.resolve("latches"),
                List.of(RelationStats.shmemRequest()))) {
            RelationStats writer = new RelationStats(segment);
            RelationStats reader = new RelationStats(segment);
            RelFileLocator a = RelFileLocator.of(5, 16384);
            RelFileLocator b = RelFileLocator.of(5, 16385);
            assertNull(reader.counters(a));
            for (int i = 0; i < 10; i++) {
                writer.countInsert(a, "heap");
            }
            writer.countUpdate(a, "heap");
            writer.countUpdate(a, "heap", true);
            writer.countUpdate(a, "heap", false);
            writer.countDelete(a, "heap");
            writer.countInsert(b, "memory");
            TableStatistics.Counters ca = reader.counters(a);
            assertEquals(10, ca.tuplesInserted());
            assertEquals(3, ca.tuplesUpdated());
            assertEquals(1, ca.tuplesHotUpdated(), "n_tup_hot_upd: only the update that said hot");
            assertEquals(1, ca.tuplesDeleted());
            assertEquals(9, ca.liveTuples());
            assertEquals(4, ca.deadTuples());
            assertEquals("heap", ca.accessMethod());
            assertEquals("memory", reader.counters(b).accessMethod());
            assertEquals(2, reader.all().size());
            reader.reportVacuum(a, 9, 0, true);
            ca = writer.counters(a);
            assertEquals(0, ca.deadTuples());
            assertEquals(1, ca.autovacuumCount());
            assertEquals(0, ca.vacuumCount());
            assertTrue(ca.lastAutovacuum() > 0);
            writer.drop(a);
            assertNull(reader.counters(a), "a dropped relation has no counters (pg_stat_get_* of a dropped oid)");
            assertEquals(1, reader.all().size());
            writer.countInsert(a, "heap");
            assertEquals(1, reader.counters(a).tuplesInserted(), "a reused locator starts from zero");
        }
    }

    /**
     * Dropped relations free their entries: each pooled backend's warm-up creates and drops TEMP
     * tables, so a server that runs long creates far more relations than the table has entries.
     */
    /** pgstat_update_heap_dead_tuples: what pruning freed no longer counts as dead; no entry is made for it. */
    @Test
    void prunedVersionsStopCountingAsDead() throws Exception {
        try (ShmemSegment segment = ShmemSegment.create(dir.resolve("shm"), 2, dir.resolve("latches"),
                List.of(RelationStats.shmemRequest()))) {
            RelationStats stats = new RelationStats(segment);
            RelFileLocator a = RelFileLocator.of(5, 16384);
            for (int i = 0; i < 5; i++) {
                stats.countUpdate(a, "heap", true);
            }
            stats.countPruned(a, 3);
            assertEquals(2, stats.counters(a).deadTuples());
            assertEquals(5, stats.counters(a).tuplesUpdated());
            RelFileLocator never = RelFileLocator.of(5, 16385);
            stats.countPruned(never, 4);
            assertNull(stats.counters(never));
        }
    }

    @Test
    void droppedRelationsFreeTheirEntriesForNewOnes() throws Exception {
        try (ShmemSegment segment = ShmemSegment.create(dir.resolve("shm"), 2, dir.resolve("latches"),
                List.of(RelationStats.shmemRequest()))) {
            RelationStats stats = new RelationStats(segment);
            RelFileLocator kept = RelFileLocator.of(5, 1259);
            stats.countInsert(kept, "heap");
            for (int r = 0; r < 3 * RelationStats.ENTRIES; r++) {
                RelFileLocator temp = RelFileLocator.of(5, 100_000 + r);
                stats.countInserts(temp, "heap", 3);
                stats.countUpdate(temp, "heap", false);
                assertEquals(3, stats.counters(temp).tuplesInserted(), "relation " + r);
                assertEquals(1, stats.counters(temp).tuplesUpdated());
                stats.drop(temp);
                assertNull(stats.counters(temp));
            }
            assertEquals(1, stats.counters(kept).tuplesInserted(), "an entry found past tombstones");
            assertEquals(1, stats.all().size());
            RelFileLocator late = RelFileLocator.of(5, 999_999);
            stats.countDelete(late, "heap");
            assertEquals(1, stats.counters(late).deadTuples(), "a relation counted after all that still gets an entry");
        }
    }

    @Test
    void manyRelationsFitAndProbeCorrectly() throws Exception {
        try (ShmemSegment segment = ShmemSegment.create(dir.resolve("shm"), 2, dir.resolve("latches"),
                List.of(RelationStats.shmemRequest()))) {
            RelationStats stats = new RelationStats(segment);
            for (int r = 0; r < 3000; r++) {
                for (int i = 0; i <= r % 7; i++) {
                    stats.countDelete(RelFileLocator.of(5, 20000 + r), "heap");
                }
            }
            for (int r = 0; r < 3000; r++) {
                assertEquals(r % 7 + 1, stats.counters(RelFileLocator.of(5, 20000 + r)).deadTuples(), "relation " + r);
            }
            assertEquals(3000, stats.all().size());
        }
    }

    @Test
    void autovacuumStartsPastThresholdPlusScaleFactorTimesTuples() {
        Autovacuum.Settings settings = Autovacuum.Settings.from(Map.of());
        assertEquals(new Autovacuum.Settings(true, 60_000, 50, 0.2, 1000, 0.2, 50, 0.1), settings,
                "PostgreSQL's defaults");
        RelFileLocator rel = RelFileLocator.of(5, 1);
        // 1000 live tuples: 50 + 0.2 * 1000 = 250 dead ones are tolerated, the 251st is not
        assertFalse(Autovacuum.needsVacuum(counters(rel, 1000, 250), settings));
        assertTrue(Autovacuum.needsVacuum(counters(rel, 1000, 251), settings));
        assertFalse(Autovacuum.needsVacuum(counters(rel, 0, 50), settings));
        assertTrue(Autovacuum.needsVacuum(counters(rel, 0, 51), settings));
        assertEquals(100, Autovacuum.Settings.from(Map.of("autovacuum_naptime", "100ms")).naptimeMillis());
        assertEquals(2000, Autovacuum.Settings.from(Map.of("autovacuum_naptime", "2")).naptimeMillis(),
                "seconds without a unit");
        assertFalse(Autovacuum.Settings.from(Map.of("autovacuum", "off")).enabled());
        assertThrows(IllegalArgumentException.class, () -> Autovacuum.Settings.from(Map.of("autovacuum", "maybe")));
    }

    /**
     * n_mod_since_analyze counts inserts, updates and deletes since the last ANALYZE, n_ins_since_vacuum
     * inserts since the last VACUUM; what was counted after ANALYZE or VACUUM read the counters at
     * their start stays counted.
     */
    @Test
    void changesSinceAnalyzeAndInsertsSinceVacuumCountFromWhatTheRunSaw() throws Exception {
        try (ShmemSegment segment = ShmemSegment.create(dir.resolve("shm"), 2, dir.resolve("latches"),
                List.of(RelationStats.shmemRequest()))) {
            RelationStats stats = new RelationStats(segment);
            RelFileLocator a = RelFileLocator.of(5, 16384);
            stats.countInserts(a, "heap", 10);
            stats.countUpdate(a, "heap", true);
            stats.countUpdate(a, "heap", false);
            stats.countDelete(a, "heap");
            TableStatistics.Counters before = stats.counters(a);
            assertEquals(13, before.modsSinceAnalyze());
            assertEquals(10, before.insertsSinceVacuum());
            stats.countInserts(a, "heap", 2);     // while ANALYZE samples
            stats.reportAnalyze(before, true);
            TableStatistics.Counters after = stats.counters(a);
            assertEquals(2, after.modsSinceAnalyze(), "the changes made during ANALYZE still count");
            assertEquals(1, after.autoanalyzeCount());
            assertEquals(0, after.analyzeCount());
            assertTrue(after.lastAutoanalyze() > 0);
            assertEquals(0, after.lastAnalyze());
            assertEquals(12, after.insertsSinceVacuum(), "ANALYZE leaves the inserts since VACUUM");
            stats.reportAnalyze(after, false);
            assertEquals(1, stats.counters(a).analyzeCount());
            assertEquals(0, stats.counters(a).modsSinceAnalyze());

            TableStatistics.Counters vacuumStart = stats.counters(a);
            stats.countInsert(a, "heap");         // while VACUUM runs
            stats.reportVacuum(vacuumStart, 11, 0, false);
            assertEquals(1, stats.counters(a).insertsSinceVacuum());
            stats.reportVacuum(a, 12, 0, true);
            assertEquals(0, stats.counters(a).insertsSinceVacuum());
            assertEquals(16, stats.counters(a).tuplesChanged(), "n_tup_* themselves are never reset");
        }
    }

    /** all() says which relations are TEMP (their locators come back from shared memory). */
    @Test
    void tempRelationsAreKnownAsSuch() throws Exception {
        try (ShmemSegment segment = ShmemSegment.create(dir.resolve("shm"), 2, dir.resolve("latches"),
                List.of(RelationStats.shmemRequest()))) {
            RelationStats stats = new RelationStats(segment);
            stats.countInsert(RelFileLocator.of(5, 16384, 't'), "heap");
            stats.countInsert(RelFileLocator.of(5, 16385, 'p'), "heap");
            Map<Integer, Boolean> temp = new java.util.HashMap<>();
            stats.all().forEach(c -> temp.put(c.relation().relNumber(), c.relation().temp()));
            assertEquals(Map.of(16384, true, 16385, false), temp);
        }
    }

    /**
     * relation_needs_vacanalyze: inserts past autovacuum_vacuum_insert_threshold +
     * insert_scale_factor * reltuples call for a vacuum (-1 never), changes past
     * autovacuum_analyze_threshold + analyze_scale_factor * reltuples for an ANALYZE.
     */
    @Test
    void insertsCallForVacuumAndChangesForAnalyze() {
        Autovacuum.Settings settings = Autovacuum.Settings.from(Map.of());
        RelFileLocator rel = RelFileLocator.of(5, 1);
        assertFalse(Autovacuum.needsVacuum(withChanges(rel, 1000, 1200, 0), settings));
        assertTrue(Autovacuum.needsVacuum(withChanges(rel, 1000, 1201, 0), settings));
        assertFalse(Autovacuum.needsVacuum(withChanges(rel, 1000, 5000, 0),
                Autovacuum.Settings.from(Map.of("autovacuum_vacuum_insert_threshold", "-1"))));
        assertFalse(Autovacuum.needsAnalyze(withChanges(rel, 1000, 0, 150), settings));
        assertTrue(Autovacuum.needsAnalyze(withChanges(rel, 1000, 0, 151), settings));
        assertTrue(Autovacuum.needsAnalyze(withChanges(rel, 0, 0, 51), settings), "a new table: 50 changes");
        assertFalse(Autovacuum.needsAnalyze(withChanges(rel, 0, 0, 51),
                Autovacuum.Settings.from(Map.of("autovacuum_analyze_threshold", "100"))));
    }

    /** A round offers the analyzer every permanent relation that needs ANALYZE, and no TEMP relation. */
    @Test
    void aRoundAnalyzesWhatNeedsItButNoTempRelation() throws Exception {
        try (ShmemSegment segment = ShmemSegment.create(dir.resolve("shm"), 2, dir.resolve("latches"),
                List.of(RelationStats.shmemRequest()))) {
            RelationStats stats = new RelationStats(segment);
            RelFileLocator loaded = RelFileLocator.of(5, 16384);
            RelFileLocator quiet = RelFileLocator.of(5, 16385);
            RelFileLocator temp = RelFileLocator.of(5, 16386, 't');
            stats.countInserts(loaded, "heap", 100);
            stats.countInserts(quiet, "heap", 10);
            stats.countInserts(temp, "heap", 100);
            List<RelFileLocator> offered = new java.util.ArrayList<>();
            Autovacuum.runOnce(stats, am -> null, null, 0, Autovacuum.Settings.from(Map.of()), offered::add);
            assertEquals(List.of(loaded), offered);
        }
    }

    private static TableStatistics.Counters withChanges(RelFileLocator rel, long live, long insertsSinceVacuum,
            long modsSinceAnalyze) {
        return new TableStatistics.Counters(rel, "heap", 0, 0, 0, live, 0, 0, 0, 0, 0, 0, modsSinceAnalyze,
                insertsSinceVacuum, 0, 0, 0, 0);
    }

    private static TableStatistics.Counters counters(RelFileLocator rel, long live, long dead) {
        return new TableStatistics.Counters(rel, "heap", 0, 0, 0, live, dead, 0, 0, 0, 0);
    }
}
