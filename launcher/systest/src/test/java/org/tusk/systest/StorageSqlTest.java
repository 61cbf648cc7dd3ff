package org.tusk.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage layer through SQL with real processes and pgjdbc: heap and
 * memory tables with btree indexes changed from several sessions at once,
 * VACUUM and autovacuum reclaiming what they left behind, every index lookup
 * agreeing with a sequential scan afterwards, and a restart that empties the
 * memory table but keeps the heap table.
 */
@Timeout(240)
class StorageSqlTest {

    @TempDir
    Path root;


    static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    /** Each session adds 1 to random rows' {@code bal} in its own transactions; returns the increments made. */
    static long concurrentIncrements(TuskCluster cluster, String table, int sessions, int each, int rowCount)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        try {
            List<Future<Long>> done = new ArrayList<>();
            for (int t = 0; t < sessions; t++) {
                done.add(pool.submit(() -> {
                    long n = 0;
                    try (Connection c = cluster.connect();
                            PreparedStatement up = c.prepareStatement(
                                    "UPDATE " + table + " SET bal = bal + 1, note = note || 'x' WHERE id = ?")) {
                        for (int i = 0; i < each; i++) {
                            up.setInt(1, 1 + ThreadLocalRandom.current().nextInt(rowCount));
                            n += up.executeUpdate();
                        }
                    }
                    return n;
                }));
            }
            long total = 0;
            for (Future<Long> f : done) {
                total += f.get(120, TimeUnit.SECONDS);
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every row found by its primary key and by its bal through the indexes is the row a sequential scan sees. */
    static void indexesAgreeWithTheTable(Connection c, String table, int rowCount) throws SQLException {
        Map<Integer, Integer> seq = new HashMap<>();
        for (String r : rows(c, "SELECT id, bal FROM " + table)) {
            String[] f = r.split("\\|");
            seq.put(Integer.parseInt(f[0]), Integer.parseInt(f[1]));
        }
        assertEquals(rowCount, seq.size(), table + ": " + seq);
        Map<Integer, Integer> byBal = new HashMap<>();
        seq.values().forEach(b -> byBal.merge(b, 1, Integer::sum));
        try (PreparedStatement byId = c.prepareStatement("SELECT bal FROM " + table + " WHERE id = ?");
                PreparedStatement countBal = c.prepareStatement("SELECT id FROM " + table + " WHERE bal = ?")) {
            for (Map.Entry<Integer, Integer> e : seq.entrySet()) {
                byId.setInt(1, e.getKey());
                try (ResultSet rs = byId.executeQuery()) {
                    assertTrue(rs.next(), table + " id " + e.getKey() + " not found by the index");
                    assertEquals(e.getValue(), rs.getInt(1), table + " id " + e.getKey());
                    assertTrue(!rs.next(), table + " id " + e.getKey() + " found twice");
                }
            }
            for (Map.Entry<Integer, Integer> e : byBal.entrySet()) {
                countBal.setInt(1, e.getKey());
                int n = 0;
                try (ResultSet rs = countBal.executeQuery()) {
                    while (rs.next()) {
                        assertEquals(e.getKey(), seq.get(rs.getInt(1)), table + " row " + rs.getInt(1));
                        n++;
                    }
                }
                assertEquals(e.getValue(), n, table + " rows with bal " + e.getKey());
            }
        }
    }

    static void createAndFill(Connection c, String table, String using, int rowCount) throws SQLException {
        exec(c, "CREATE TABLE " + table + " (id int PRIMARY KEY, bal int NOT NULL, note text)" + using);
        exec(c, "CREATE INDEX " + table + "_bal ON " + table + " (bal)");
        StringBuilder sql = new StringBuilder("INSERT INTO " + table + " VALUES ");
        for (int i = 1; i <= rowCount; i++) {
            sql.append(i > 1 ? ", " : "").append("(").append(i).append(", 0, '')");
        }
        exec(c, sql.toString());
    }

    /** One cluster for every part (starting one costs more than the parts); the restart comes last. */
    @Test
    void storageThroughSql() throws Exception {
        try (TuskCluster cluster = TuskCluster.start(root, "autovacuum_naptime=1", "autovacuum_vacuum_threshold=20",
                "autovacuum_vacuum_scale_factor=0")) {
            statementTimeoutThroughPgjdbc(cluster);
            checkpointCommand(cluster);
            autovacuumAnalyzesChangedTablesButNoTempTable(cluster);
            concurrentUpdatesThenVacuumLeaveConsistentHeapAndIndexes(cluster);
            memoryTableBesideAHeapTableAndARestart(cluster);
        }
    }

    /**
     * CHECKPOINT asks the checkpointer for a checkpoint and returns once it is done (its log line is
     * there); a role that is neither superuser nor has pg_checkpoint's privileges gets PostgreSQL's 42501.
     */
    private static void checkpointCommand(TuskCluster cluster) throws Exception {
        try (Connection c = cluster.connect()) {
            int before = occurrences(cluster.log(), "INFO Checkpoint - checkpoint complete");
            exec(c, "CHECKPOINT");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (occurrences(cluster.log(), "INFO Checkpoint - checkpoint complete") <= before) {
                if (System.nanoTime() > deadline) {
                    fail("CHECKPOINT returned, but no checkpoint was logged:\n" + cluster.log());
                }
                Thread.sleep(50);
            }
            exec(c, "CREATE ROLE no_checkpoint");
            exec(c, "SET ROLE no_checkpoint");
            try {
                exec(c, "CHECKPOINT");
                fail("CHECKPOINT as a role without pg_checkpoint");
            } catch (SQLException e) {
                assertEquals("42501", e.getSQLState());
                assertTrue(e.getMessage().contains(
                        "must be superuser or have privileges of pg_checkpoint to do CHECKPOINT"), e.getMessage());
            }
            exec(c, "RESET ROLE");
            exec(c, "DROP ROLE no_checkpoint");
        }
    }

    /**
     * Autovacuum's ANALYZE (relation_needs_vacanalyze's analyze half): a table loaded past
     * autovacuum_analyze_threshold (50) + 0.1 x reltuples changes gets statistics, reltuples and
     * last_autoanalyze without anybody running ANALYZE; a TEMP table, whose data only its session
     * sees, gets none. A manual ANALYZE counts as such and resets n_mod_since_analyze.
     */
    private static void autovacuumAnalyzesChangedTablesButNoTempTable(TuskCluster cluster) throws Exception {
        try (Connection c = cluster.connect(); Connection owner = cluster.connect()) {
            exec(owner, "CREATE TEMP TABLE aa_temp (id int, v text)");
            exec(owner, "INSERT INTO aa_temp SELECT g, 'v' || (g % 5) FROM generate_series(1, 2000) g");
            exec(c, "CREATE TABLE aa (id int PRIMARY KEY, v text)");
            exec(c, "INSERT INTO aa SELECT g, 'v' || (g % 5) FROM generate_series(1, 2000) g");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!rows(c, "SELECT autoanalyze_count FROM pg_stat_user_tables WHERE relname = 'aa'").equals(List.of("1"))) {
                if (System.nanoTime() > deadline) {
                    fail("aa was not analyzed by autovacuum:\n" + cluster.log());
                }
                Thread.sleep(200);
            }
            assertEquals(List.of("id|-1", "v|5"), rows(c, "SELECT attname, n_distinct FROM pg_stats"
                    + " WHERE tablename = 'aa' ORDER BY attname"));
            assertEquals(List.of("2000"), rows(c, "SELECT reltuples::int FROM pg_class WHERE relname = 'aa'"));
            assertEquals(List.of("0|t|0|f"), rows(c, "SELECT n_mod_since_analyze, last_autoanalyze IS NOT NULL,"
                    + " analyze_count, last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'aa'"));
            assertTrue(cluster.log().contains("automatic analyze of table \"postgres.public.aa\""), cluster.log());
            // the TEMP table had rounds enough meanwhile: still no statistics, and its counters say so
            assertEquals(List.of(), rows(owner, "SELECT attname FROM pg_stats WHERE tablename = 'aa_temp'"));
            assertEquals(List.of("2000|0"), rows(owner, "SELECT n_mod_since_analyze, autoanalyze_count"
                    + " FROM pg_stat_user_tables WHERE relname = 'aa_temp'"));
            exec(c, "UPDATE aa SET v = 'w' WHERE id <= 10");
            exec(c, "ANALYZE aa");
            assertEquals(List.of("0|1|1"), rows(c, "SELECT n_mod_since_analyze, analyze_count, autoanalyze_count"
                    + " FROM pg_stat_user_tables WHERE relname = 'aa'"));
            // every ANALYZE rewrites pg_statistic rows; autovacuum never analyzes pg_statistic for that
            for (int i = 0; i < 40; i++) {
                exec(c, "ANALYZE aa");
            }
            assertTrue(Long.parseLong(rows(c, "SELECT n_mod_since_analyze FROM pg_stat_sys_tables"
                    + " WHERE relname = 'pg_statistic'").get(0)) > 60, "pg_statistic changed enough to call for it");
            Thread.sleep(3_000);    // three autovacuum rounds
            assertTrue(!cluster.log().contains("automatic analyze of table \"postgres.pg_catalog.pg_statistic\""),
                    cluster.log());
            exec(c, "DROP TABLE aa");
        }
    }

    private static int occurrences(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static void concurrentUpdatesThenVacuumLeaveConsistentHeapAndIndexes(TuskCluster cluster) throws Exception {
        {
            try (Connection c = cluster.connect()) {
                createAndFill(c, "acct", "", 40);
                long made = concurrentIncrements(cluster, "acct", 3, 60, 40);
                assertEquals(List.of(Long.toString(made)), rows(c, "SELECT sum(bal) FROM acct"));
                assertEquals(List.of("40|" + made), rows(c,
                        "SELECT n_tup_ins, n_tup_upd FROM pg_stat_user_tables WHERE relname = 'acct'"));

                // nobody calls VACUUM: the autovacuum launcher notices the dead versions and cleans up
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!rows(c, "SELECT autovacuum_count > 0 FROM pg_stat_user_tables WHERE relname = 'acct'")
                        .equals(List.of("t"))) {
                    if (System.nanoTime() > deadline) {
                        fail("no autovacuum of acct: " + rows(c, "SELECT * FROM pg_stat_user_tables") + "\n"
                                + cluster.log());
                    }
                    Thread.sleep(200);
                }
                indexesAgreeWithTheTable(c, "acct", 40);

                // a second round reuses what autovacuum freed, then a manual VACUUM
                long more = concurrentIncrements(cluster, "acct", 3, 40, 40);
                exec(c, "VACUUM acct");
                assertEquals(List.of((made + more) + "|40|0"),
                        rows(c, "SELECT (SELECT sum(bal) FROM acct), n_live_tup, n_dead_tup FROM pg_stat_user_tables"
                                + " WHERE relname = 'acct'"));
                assertEquals(List.of("1"), rows(c, "SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = 'acct'"));
                indexesAgreeWithTheTable(c, "acct", 40);
                // the table stays small: freed space and line pointers are reused
                int pages = Integer.parseInt(rows(c, "SELECT relpages FROM pg_class WHERE relname = 'acct'").get(0));
                assertTrue(pages <= 20, pages + " pages for 40 rows");
            }
            assertTrue(cluster.log().contains("automatic vacuum of table"), cluster.log());
        }
    }

    private static void memoryTableBesideAHeapTableAndARestart(TuskCluster cluster) throws Exception {
        {
            try (Connection c = cluster.connect()) {
                createAndFill(c, "m", " USING memory", 30);
                createAndFill(c, "h", "", 30);
                concurrentIncrements(cluster, "m", 2, 40, 30);
                concurrentIncrements(cluster, "h", 2, 40, 30);
                try (Connection d = cluster.connect()) {
                    exec(d, "DELETE FROM m WHERE id > 25");
                    exec(d, "INSERT INTO m VALUES (26, 1000, 'new'), (27, 1001, 'new')");
                    exec(d, "DELETE FROM h WHERE id > 25");
                    exec(d, "INSERT INTO h VALUES (26, 1000, 'new'), (27, 1001, 'new')");
                }
                exec(c, "VACUUM");
                indexesAgreeWithTheTable(c, "m", 27);
                indexesAgreeWithTheTable(c, "h", 27);
                assertEquals(List.of("27|new"), rows(c, "SELECT id, note FROM m WHERE bal = 1001"));
                assertEquals(rows(c, "SELECT sum(bal) FROM h"), rows(c, "SELECT sum(bal) + 0 FROM h"));
            }
            cluster.stop("fast");
            cluster.restart();
            try (Connection c = cluster.connect()) {
                assertEquals(List.of("0"), rows(c, "SELECT count(*) FROM m"), "a memory table is empty after a restart");
                assertEquals(List.of("27"), rows(c, "SELECT count(*) FROM h"));
                indexesAgreeWithTheTable(c, "h", 27);
                // the B-trees over the memory table were reset with it (init forks): the keys it had before
                // the restart are free again, and reused TIDs do not meet stale entries
                for (int id = 1; id <= 27; id++) {
                    exec(c, "INSERT INTO m VALUES (" + id + ", " + (2000 + id) + ", 'again')");
                }
                indexesAgreeWithTheTable(c, "m", 27);
                assertEquals(List.of("again"), rows(c, "SELECT note FROM m WHERE id = 5"));
                assertEquals(List.of("7"), rows(c, "SELECT id FROM m WHERE bal = 2007"));
            }
        }
    }

    private static void statementTimeoutThroughPgjdbc(TuskCluster cluster) throws Exception {
        {
            try (Connection a = cluster.connect(); Connection b = cluster.connect()) {
                exec(a, "CREATE TABLE st (id int PRIMARY KEY, x int)");
                exec(a, "INSERT INTO st VALUES (1, 1)");
                exec(a, "SET statement_timeout = '300ms'");
                try {
                    rows(a, "SELECT pg_sleep(5)");
                    fail("pg_sleep outlived statement_timeout");
                } catch (SQLException e) {
                    assertEquals("57014", e.getSQLState());
                    assertTrue(e.getMessage().contains("canceling statement due to statement timeout"), e.getMessage());
                }
                b.setAutoCommit(false);
                exec(b, "UPDATE st SET x = 2 WHERE id = 1");
                long t0 = System.nanoTime();
                try {
                    exec(a, "UPDATE st SET x = 3 WHERE id = 1");
                    fail("the row lock wait outlived statement_timeout");
                } catch (SQLException e) {
                    assertEquals("57014", e.getSQLState());
                }
                assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(3));
                b.commit();
                exec(a, "UPDATE st SET x = 3 WHERE id = 1");
                assertEquals(List.of("3"), rows(a, "SELECT x FROM st"));
                exec(a, "RESET statement_timeout");
            }
        }
    }
}
