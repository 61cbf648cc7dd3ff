package org.tusk.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm pool: pooled backends warm their JIT by replaying pgbench-shaped work on TEMP tables
 * (backend's Warmup), give way to a client at once, leave nothing behind, and stay in the pool for
 * spare_backend_idle_timeout after a burst instead of retiring one a second.
 */
@Isolated("it waits for the warm-up's CPU use to settle and times how soon a client is served")
class WarmPoolTest {

    @TempDir
    Path root;

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    /**
     * A few warm-up rounds (backend_jvm_options shortens them): the warm-up sessions' TEMP tables
     * show up in other sessions' pg_class while they run, as any session's would, and are all gone
     * when warm-up has finished; the warm-up sessions never appear in pg_stat_activity.
     */
    @Test
    @Timeout(180)
    void warmUpRunsOnTempTablesAndLeavesNothingBehind() throws Exception {
        try (TuskCluster cluster = TuskCluster.start(root, "min_spare_backends=2", "max_spare_backends=2",
                "backend_warmup=on", "backend_jvm_options=-Dtusk.warmup.rounds=5");
             Connection c = cluster.connect(); Statement s = c.createStatement()) {
            String warmupRelations = "select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                    + "where c.relname like 'warmup%' and n.nspname like 'pg_temp%'";
            long deadline = System.nanoTime() + 150_000_000_000L;
            while (true) {
                long n = count(s, warmupRelations);
                assertEquals(1, count(s, "select count(*) from pg_stat_activity"), "only this session is listed");
                assertEquals(0, count(s, "select count(*) from pg_stat_activity where application_name = 'warmup'"));
                if (n == 0 && busyBackendCpuSettled(cluster)) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    fail("warm-up relations still there: " + n + "\n" + cluster.log());
                }
                Thread.sleep(200);
            }
            assertEquals(0, count(s, "select count(*) from pg_class where relname like 'warmup%'"));
            assertEquals(0, count(s, "select count(*) from pg_stat_user_tables where relname like 'warmup%'"));
            // the spare that warmed up serves a session normally and has no TEMP relation of its own
            try (Connection other = cluster.connect(); Statement o = other.createStatement()) {
                assertEquals(0, count(o, "select count(*) from pg_class where relnamespace = pg_my_temp_schema()"));
                o.execute("create temp table warmup_accounts (aid int primary key)");
                o.execute("insert into warmup_accounts values (1)");
                assertEquals(1, count(o, "select count(*) from warmup_accounts"));
            }
        }
    }

    /** Whether no backend used CPU in the last half second (warm-up rounds have ended). */
    private static boolean busyBackendCpuSettled(TuskCluster cluster) throws Exception {
        long before = totalCpuMillis(cluster);
        Thread.sleep(500);
        return totalCpuMillis(cluster) - before < 50;
    }

    private static long totalCpuMillis(TuskCluster cluster) throws Exception {
        long sum = 0;
        for (long pid : cluster.backendPids()) {
            sum += ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration()).map(d -> d.toMillis()).orElse(0L);
        }
        return sum;
    }

    /**
     * A client arriving while every spare is in the middle of its warm-up is served at once: the
     * warm-up session ends at its next transaction boundary, dropping its TEMP tables, so the
     * client's backend has none.
     */
    @Test
    @Timeout(180)
    void aClientArrivingDuringWarmUpGetsTheBackendAtOnce() throws Exception {
        // A warm-up session starts only after no other session has been active for the quiet time,
        // sampled every 250 ms. This test's own polling query is such activity: with the default 3 s
        // (12 samples in a row) and a poll every 200 ms, a slow loaded machine kept the spare from
        // ever starting (CI, session 15). A short quiet time and a poll a second let it start.
        try (TuskCluster cluster = TuskCluster.start(root, "min_spare_backends=1", "max_spare_backends=1",
                "backend_warmup=on", "backend_jvm_options=-Dtusk.warmup.rounds=100000 -Dtusk.warmup.quiet.millis=500")) {
            try (Connection c = cluster.connect(); Statement s = c.createStatement()) {
                // the spare started for min_spare_backends warms up on TEMP copies of pgbench's tables
                long deadline = System.nanoTime() + 120_000_000_000L;
                while (count(s, "select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                        + "where c.relname in ('warmup_accounts', 'warmup_accounts_pkey') and n.nspname like 'pg_temp%'") < 2) {
                    if (System.nanoTime() > deadline) {
                        fail("no warm-up tables seen:\n" + cluster.log());
                    }
                    Thread.sleep(1_000);
                }
            }
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                try (Connection c = cluster.connect(); Statement s = c.createStatement()) {
                    assertEquals(0, count(s, "select count(*) from pg_class where relnamespace = pg_my_temp_schema()"));
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    // a cold connection on a loaded 2-core machine takes seconds; warm-up itself would never end
                    assertTrue(millis < 15_000, "connected and queried after " + millis + " ms");
                }
                Thread.sleep(2_000); // the backend goes back to warming up
            }
            // A fast shutdown while the spares are mid-round: a backend that exited holding a buffer
            // LWLock would leave the checkpointer's shutdown checkpoint waiting for ever.
            TuskCluster.Result stop = cluster.stop("fast");
            assertEquals(0, stop.status(), "fast shutdown during warm-up:\n" + stop.output() + "\n" + cluster.log());
            assertTrue(TuskCluster.loggedShutdownCheckpoint(cluster.log()), cluster.log());
        }
    }

    /**
     * Real traffic counts as warm-up: a backend whose client ran as many statements as its warm-up
     * rounds would have (backend's Warmup.STATEMENTS_PER_ROUND, about 80 a round) does not warm up
     * after the client leaves, where it used to resume its rounds (and burn CPU beside the next
     * run). Seen from outside as the backend's "warm-up client" thread, which a warm-up session
     * runs on and which ends once warm-up is finished.
     */
    @Test
    @Timeout(240)
    void aBackendWhoseClientsRanEnoughStatementsDoesNotWarmUpAfterwards() throws Exception {
        try (TuskCluster cluster = TuskCluster.start(root, "min_spare_backends=1", "max_spare_backends=1",
                "backend_warmup=on", "backend_jvm_options=-Dtusk.warmup.rounds=20 -Dtusk.warmup.quiet.millis=1000")) {
            int pid;
            try (Connection c = cluster.connect(); Statement s = c.createStatement()) {
                pid = ProcessModelTest.backendPid(c);
                for (int i = 0; i < 20 * 100; i++) {   // more than 20 rounds' statements
                    s.execute("select " + i);
                }
            }
            // any warm-up thread from before the client ends with the session; then none comes back,
            // although the cluster is quiet (1 s is enough to start a warm-up session here)
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (hasWarmupThread(pid)) {
                if (System.nanoTime() > deadline) {
                    fail("warm-up thread still there after the client left:\n" + cluster.log());
                }
                Thread.sleep(200);
            }
            for (int i = 0; i < 40; i++) {
                Thread.sleep(250);
                assertTrue(!hasWarmupThread(pid), "backend " + pid + " warms up again after its client");
            }
        }
    }

    /** Whether the backend has its warm-up client's thread (Linux: thread names in /proc). */
    private static boolean hasWarmupThread(int pid) throws Exception {
        Path tasks = Path.of("/proc", Integer.toString(pid), "task");
        try (var threads = java.nio.file.Files.list(tasks)) {
            return threads.anyMatch(t -> {
                try {
                    return java.nio.file.Files.readString(t.resolve("comm")).strip().equals("warm-up client");
                } catch (java.io.IOException e) {
                    return false;     // the thread ended meanwhile
                }
            });
        }
    }

    /**
     * After a burst of sessions, the backends beyond max_spare_backends stay (warm) until they have
     * been idle for spare_backend_idle_timeout, then retire down to max_spare_backends.
     */
    @Test
    @Timeout(300)
    void excessSparesStayForTheIdleTimeoutThenRetire() throws Exception {
        try (TuskCluster cluster = TuskCluster.start(root, "min_spare_backends=1", "max_spare_backends=1",
                "spare_backend_idle_timeout=6", "autovacuum=off")) {
            Set<Integer> pids = new HashSet<>();
            List<Connection> burst = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    Connection c = cluster.connect();
                    burst.add(c);
                    pids.add(ProcessModelTest.backendPid(c));
                }
            } finally {
                for (Connection c : burst) c.close();
            }
            assertEquals(3, pids.size());
            long closed = System.nanoTime();
            Thread.sleep(3_000);
            for (int pid : pids) {
                assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                        "backend " + pid + " retired after 3 s idle:\n" + cluster.log());
            }
            long deadline = closed + 60_000_000_000L;
            while (true) {
                long alive = pids.stream().filter(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false)).count();
                if (alive <= 1) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    fail(alive + " of the burst's backends still alive 60 s after it:\n" + cluster.log());
                }
                Thread.sleep(250);
            }
            try (Connection c = cluster.connect(); Statement s = c.createStatement()) {
                assertEquals(1, count(s, "select 1"));
            }
        }
    }

    /**
     * A spare whose start finishes after a session ended goes behind the backend that served the session:
     * that one's JIT has compiled real work, the spare's has not. The first connection takes the initial
     * spare, and the pool starts another to keep one spare; the connection closes long before that JVM is
     * up, so the new spare becomes idle after the served backend. The next client must get the served one.
     */
    @Test
    @Timeout(120)
    void aBackendThatServedASessionIsHandedOutBeforeAFreshSpare() throws Exception {
        try (TuskCluster cluster = TuskCluster.start(root, "min_spare_backends=1", "max_spare_backends=4",
                "backend_warmup=off", "autovacuum=off")) {
            int served;
            try (Connection c = cluster.connect()) {
                // from BackendKeyData, not a query: the session must end before the new spare is up
                served = c.unwrap(org.postgresql.PGConnection.class).getBackendPID();
            }
            // the spare started for the first connection becomes idle meanwhile (a JVM starts in 1-3 s)
            Thread.sleep(8_000);
            for (int i = 0; i < 3; i++) {
                try (Connection c = cluster.connect()) {
                    assertEquals(served, ProcessModelTest.backendPid(c), "session " + i + " went to a fresh spare");
                }
            }
        }
    }
}
