package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.engine.storage.DmlOnStorageTest.query;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.engine.EngineSession;
import org.tusk.api.storage.IndexVacuumResult;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.api.storage.TableStatistics;
import org.tusk.api.storage.VacuumTargets;
import org.tusk.heapam.HeapAccessMethod;
import org.tusk.heapam.HeapCheck;
import org.tusk.nbtree.BTreeCheck;
import org.tusk.storage.Autovacuum;
import org.tusk.storage.ProcessStorage;

/**
 * VACUUM through SQL and autovacuum through the catalogs' {@link VacuumTargets}:
 * dead rows leave the heap and every index, their line pointers become
 * reusable, pg_stat_user_tables shows the counters, and HeapCheck / BTreeCheck
 * (amcheck) find the table and index consistent afterwards.
 */
class VacuumOnStorageTest {

    @TempDir
    static Path dir;

    static StorageCluster cluster;
    static StorageCluster.Backend backendA;
    static EngineSession a;
    static EngineSession b;
    /** A third process, playing the autovacuum launcher. */
    static ProcessStorage launcher;
    static CatalogVacuumTargets targets;

    @BeforeAll
    static void start() throws Exception {
        cluster = new StorageCluster(dir);
        backendA = cluster.backend(0);
        a = backendA.connect("postgres");
        b = cluster.backend(1).connect("postgres");
        launcher = cluster.process(2);
        targets = new CatalogVacuumTargets(cluster.engineStorage(launcher));
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
        cluster.close();
    }

    private static void fill(String table, int from, int to) {
        StringBuilder sql = new StringBuilder("INSERT INTO " + table + " VALUES ");
        for (int i = from; i <= to; i++) {
            sql.append(i == from ? "" : ", ").append("(").append(i).append(", repeat('x', 100))");
        }
        assertEquals(List.of("INSERT 0 " + (to - from + 1)), query(a, sql.toString()));
    }

    private static RelFileLocator locator(String relname) {
        return RelFileLocator.of(5, Integer.parseInt(query(a,
                "SELECT relfilenode FROM pg_class WHERE relname = '" + relname + "'").get(0)));
    }

    private static HeapAccessMethod heap(ProcessStorage ps) {
        return new HeapAccessMethod(ps.buffers(), ps.wal(), ps::status);
    }

    /** Index entries left (bulkDelete that removes nothing counts them). */
    private static long indexEntries(RelFileLocator table, String index) {
        try (VacuumTargets.OpenTable open = targets.open(table)) {
            for (VacuumTargets.IndexTarget t : open.indexes()) {
                if (t.index().name().equals(index)) {
                    IndexVacuumResult r = t.accessMethod().bulkDelete(t.index(), tid -> false);
                    assertEquals(List.of(), BTreeCheck.check(backendA.storage.buffers(), t.index()));
                    return r.tuplesRemaining();
                }
            }
        }
        throw new AssertionError("no index " + index);
    }

    @Test
    void vacuumRemovesIndexEntriesReclaimsLinePointersAndReports() {
        query(a, "CREATE TABLE vt (id int PRIMARY KEY, pad text)");
        fill("vt", 1, 300);
        assertEquals(List.of("DELETE 250"), query(a, "DELETE FROM vt WHERE id > 50"));
        assertEquals(List.of("UPDATE 10"), query(a, "UPDATE vt SET pad = 'y' WHERE id <= 10"));
        assertEquals(List.of("vt|300|10|250|10"), query(a, "SELECT relname, n_tup_ins, n_tup_upd, n_tup_del, "
                + "n_tup_hot_upd FROM pg_stat_user_tables WHERE relname = 'vt'"), "all ten updates were HOT");
        RelFileLocator vt = locator("vt");
        assertEquals(300, indexEntries(vt, "vt_pkey"), "the UPDATE keeps id: HOT, no new index entries");

        assertEquals(List.of(), query(a, "VACUUM vt"));
        assertEquals(List.of("50|0|1|0|t|f"), query(a, "SELECT n_live_tup, n_dead_tup, vacuum_count, autovacuum_count, "
                + "last_vacuum IS NOT NULL, last_autovacuum IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'vt'"));
        assertEquals(50, indexEntries(vt, "vt_pkey"));
        assertEquals(List.of(), heap(backendA.storage).collectDeadTuples(vt), "every dead line pointer reclaimed");
        assertEquals(List.of(), HeapCheck.check(backendA.storage.buffers(), vt, backendA.storage::status));
        String pages = query(a, "SELECT relpages FROM pg_class WHERE relname = 'vt'").get(0);

        fill("vt", 1001, 1250);   // fits where the deleted rows were
        assertEquals(List.of(), query(a, "VACUUM ANALYZE vt"));
        assertEquals(List.of(pages), query(a, "SELECT relpages FROM pg_class WHERE relname = 'vt'"));
        assertEquals(List.of("y"), query(a, "SELECT pad FROM vt WHERE id = 7"));
        assertEquals(List.of(), query(a, "SELECT pad FROM vt WHERE id = 60"));
        assertEquals(List.of("300"), query(a, "SELECT count(*) FROM vt"));
        assertEquals(300, indexEntries(vt, "vt_pkey"));
    }

    /**
     * VACUUM without ANALYZE reports its own count (no second, MVCC scan over every page): it skips runs of
     * 32+ all-frozen pages but reads the last, and estimates reltuples as vac_estimate_reltuples does. The
     * figures are PostgreSQL 15's for the same statements (124 pages of 81 rows, the last with 37).
     */
    @Test
    void plainVacuumEstimatesReltuplesFromThePagesItReadAsPostgresDoes() {
        query(a, "CREATE TABLE vt5 (id int, pad text)");
        query(a, "INSERT INTO vt5 SELECT g, repeat('x', 60) FROM generate_series(1, 10000) g");
        query(a, "VACUUM (FREEZE) vt5");
        String size = "SELECT relpages, reltuples FROM pg_class WHERE relname = 'vt5'";
        String live = "SELECT n_live_tup FROM pg_stat_user_tables WHERE relname = 'vt5'";
        assertEquals(List.of("124|10000"), query(a, size));
        query(a, "DELETE FROM vt5 WHERE id <= 5");
        query(a, "VACUUM vt5");
        assertEquals(List.of("124|10000"), query(a, size), "two pages read of 124: the old count stays");
        query(a, "DELETE FROM vt5 WHERE id <= 400");
        query(a, "VACUUM vt5");
        assertEquals(List.of("124|9558"), query(a, size), "118 unread pages at the old density, 42 rows read");
        assertEquals(List.of("9558"), query(a, live));
        query(a, "DROP TABLE vt5");
    }

    @Test
    void autovacuumCleansIndexesThroughTheCatalogs() {
        query(a, "CREATE TABLE av (id int PRIMARY KEY, pad text)");
        query(a, "CREATE INDEX av_pad ON av (pad)");
        fill("av", 1, 200);
        assertEquals(List.of("DELETE 150"), query(a, "DELETE FROM av WHERE id % 4 <> 0"));
        RelFileLocator av = locator("av");
        TableStatistics stats = cluster.statistics();
        Autovacuum.Settings settings = Autovacuum.Settings.from(Map.of("autovacuum_vacuum_threshold", "100"));
        HeapAccessMethod heap = heap(launcher);
        heap.setStatistics(stats);

        // a session holding a lock that conflicts with ShareUpdateExclusiveLock: autovacuum skips the table
        query(b, "BEGIN");
        assertEquals(List.of(), query(b, "CREATE INDEX av_later ON av (id, pad)"));
        assertNull(targets.open(av));
        List<TableStatistics.Counters> done = Autovacuum.runOnce(stats, name -> heap, targets,
                launcher.xacts().procArray().oldestXmin(), settings);
        assertTrue(done.stream().noneMatch(c -> c.relation().equals(av)), done.toString());
        query(b, "ROLLBACK");

        done = Autovacuum.runOnce(stats, name -> heap, targets, launcher.xacts().procArray().oldestXmin(), settings);
        assertTrue(done.stream().anyMatch(c -> c.relation().equals(av)), done.toString());
        assertEquals(List.of("50|0|0|1|t"), query(a, "SELECT n_live_tup, n_dead_tup, vacuum_count, autovacuum_count, "
                + "last_autovacuum IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'av'"));
        assertEquals(List.of(), heap.collectDeadTuples(av), "every dead line pointer reclaimed");
        assertEquals(50, indexEntries(av, "av_pkey"));
        assertEquals(50, indexEntries(av, "av_pad"));
        assertEquals(List.of("xxxxxxxxxx"), query(a, "SELECT substr(pad, 1, 10) FROM av WHERE id = 8"));
        assertEquals(List.of(), query(a, "SELECT pad FROM av WHERE id = 9"));
    }

    @Test
    void pgStatWalCountsTheSyncsOfCommits() {
        query(a, "CREATE TABLE walcount (id int)");
        long before = Long.parseLong(query(a, "SELECT wal_sync FROM pg_stat_wal").get(0));
        query(a, "INSERT INTO walcount VALUES (1)");
        query(a, "INSERT INTO walcount VALUES (2)");
        List<String> after = query(a, "SELECT wal_sync, wal_write > 0, wal_records, stats_reset IS NULL FROM pg_stat_wal");
        String[] f = after.get(0).split("\\|");
        assertTrue(Long.parseLong(f[0]) >= before + 2, "each autocommit INSERT syncs its commit record: " + after);
        assertEquals("t|0|t", f[1] + "|" + f[2] + "|" + f[3]);
    }

    @Test
    void openTableIsGoneAfterDrop() {
        query(a, "CREATE TABLE gone (id int PRIMARY KEY)");
        RelFileLocator gone = locator("gone");
        try (VacuumTargets.OpenTable open = targets.open(gone)) {
            assertNotNull(open);
            assertEquals(List.of("gone_pkey"), open.indexes().stream().map(t -> t.index().name()).toList());
        }
        query(a, "DROP TABLE gone");
        assertNull(targets.open(gone));
    }

    @Test
    void autovacuumLeavesOtherSessionsTemporaryTablesAlone() {
        query(a, "CREATE TEMP TABLE tmp_av (id int PRIMARY KEY)");
        RelFileLocator tmp = RelFileLocator.of(5, Integer.parseInt(query(a,
                "SELECT relfilenode FROM pg_class WHERE relname = 'tmp_av'").get(0)));
        query(a, "CREATE TABLE plain_av (id int PRIMARY KEY)");
        try (VacuumTargets.OpenTable open = targets.open(locator("plain_av"))) {
            assertNotNull(open, "the permanent table beside it is a target");
        }
        assertNull(targets.open(tmp), "a temporary table is its session's own");
        query(a, "DROP TABLE tmp_av, plain_av");
    }

    /**
     * The race that crashed the checkpointer: autovacuum must keep DROP
     * DATABASE away while it vacuums one of the database's tables (and skip
     * the tables of a dropped database), or it dirties visibility-map pages in
     * shared buffers after DROP DATABASE dropped them, and the checkpointer
     * fails to write them to the removed directory.
     */
    @Test
    void openTableKeepsDropDatabaseWaitingAndADroppedDatabaseIsSkipped() throws Exception {
        query(a, "CREATE DATABASE vacdrop");
        int dbOid = Integer.parseInt(query(a, "SELECT oid FROM pg_database WHERE datname = 'vacdrop'").get(0));
        StorageCluster.Backend other = cluster.backend(3);
        EngineSession c = other.connect("vacdrop");
        RelFileLocator table;
        try {
            query(c, "CREATE TABLE doomed (id int PRIMARY KEY)");
            query(c, "INSERT INTO doomed SELECT g FROM generate_series(1, 100) g");
            table = RelFileLocator.of(dbOid, Integer.parseInt(query(c,
                    "SELECT relfilenode FROM pg_class WHERE relname = 'doomed'").get(0)));
        } finally {
            c.close();
        }
        java.util.concurrent.CompletableFuture<List<String>> drop;
        try (VacuumTargets.OpenTable open = targets.open(table)) {
            assertNotNull(open);
            drop = java.util.concurrent.CompletableFuture.supplyAsync(() -> query(b, "DROP DATABASE vacdrop"));
            Thread.sleep(500);
            assertTrue(!drop.isDone(), "DROP DATABASE waits for the vacuum of one of its tables: " + (drop.isDone()
                    ? drop.getNow(null) : ""));
        }
        drop.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(List.of("0"), query(a, "SELECT count(*) FROM pg_database WHERE datname = 'vacdrop'"));
        assertNull(targets.open(table), "a dropped database's tables are not vacuumed");
    }

    @Test
    void statViewsSplitUserAndSystemTables() {
        query(a, "CREATE TABLE plain (id int)");
        assertEquals(List.of("public|plain|0|0"), query(a,
                "SELECT schemaname, relname, n_tup_ins, vacuum_count FROM pg_stat_user_tables WHERE relname = 'plain'"));
        assertEquals(List.of(), query(a, "SELECT relname FROM pg_stat_user_tables WHERE relname = 'pg_class'"));
        assertEquals(List.of("pg_catalog"), query(a, "SELECT schemaname FROM pg_stat_sys_tables WHERE relname = 'pg_class'"));
        assertEquals(List.of("2"), query(a,
                "SELECT count(*) FROM pg_stat_all_tables WHERE relname IN ('pg_class', 'plain')"));
    }
}
