package org.tusk.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pg_ctl-like commands, settings, admission control and shutdown modes. */
class ServerLifecycleTest {

    @TempDir
    Path root;

    @Test
    void initdbCreatesTheClusterAndRefusesANonEmptyDirectory() throws Exception {
        Path dir = root.resolve("c");
        TuskCluster.Result r = TuskCluster.tusk("initdb", "-D", dir.toString(), "-U", "alice");
        assertEquals(0, r.status(), r.output());
        assertTrue(Files.readString(dir.resolve("global/pg_database")).contains(" postgres"));
        assertTrue(Files.readString(dir.resolve("global/pg_database")).contains(" template1"));
        assertTrue(Files.readString(dir.resolve("global/pg_authid")).contains(" alice t"));
        TuskCluster.Result again = TuskCluster.tusk("initdb", "-D", dir.toString());
        assertEquals(1, again.status());
        assertTrue(again.output().contains("exists but is not empty"), again.output());
    }

    @Test
    void settingsFromConfFileAndCommandLineAreVisibleThroughShow() throws Exception {
        try (TuskCluster cluster = TuskCluster.start(root, "work_mem=8MB")) {
            try (Connection c = cluster.connect(); Statement s = c.createStatement()) {
                assertEquals(Integer.toString(cluster.port), show(s, "port"));
                assertEquals("8MB", show(s, "work_mem"));
                assertEquals("100", show(s, "max_connections"));
                assertTrue(show(s, "server_version").startsWith("15."));
                assertEquals("off", show(s, "data_checksums"), "initdb's default, as PostgreSQL's");
            }
            TuskCluster.Result status = TuskCluster.tusk("status", "-D", cluster.dataDir.toString());
            assertEquals(0, status.status(), status.output());
            assertTrue(status.output().contains("server is running (PID: " + cluster.postmasterPid() + ")"), status.output());

            // a second postmaster on the same data directory is refused by the lock file
            TuskCluster.Result second = TuskCluster.tusk("start", "-D", cluster.dataDir.toString(), "-p",
                    Integer.toString(TuskCluster.freePort()), "-l", root.resolve("second.log").toString());
            assertNotEquals(0, second.status());
            assertTrue(Files.readString(root.resolve("second.log")).contains("lock file \"postmaster.pid\" already exists"));
        }
    }

    @Test
    void initdbKMakesAClusterWithDataChecksumsForGood() throws Exception {
        TuskCluster.Result r = TuskCluster.tusk("initdb", "-D", root.resolve("k").toString(), "-k");
        assertEquals(0, r.status(), r.output());
        assertTrue(r.output().contains("Data page checksums are enabled."), r.output());
        try (TuskCluster cluster = TuskCluster.start(root, List.of("--data-checksums"))) {
            try (Connection c = cluster.connect(); Statement s = c.createStatement()) {
                assertEquals("on", show(s, "data_checksums"));
                s.execute("create table t (a int)");
                s.execute("insert into t select generate_series(1, 100)");
                s.execute("checkpoint");
                try (ResultSet rs = s.executeQuery("select buffers_checkpoint > 0, checkpoints_req > 0 from pg_stat_bgwriter")) {
                    assertTrue(rs.next());
                    assertTrue(rs.getBoolean(1) && rs.getBoolean(2), "CHECKPOINT wrote the table's pages");
                }
            }
            // pg_control keeps it: the next start reads it from there
            assertEquals(0, cluster.stop("fast").status());
            cluster.restart();
            try (Connection c = cluster.connect(); Statement s = c.createStatement()) {
                assertEquals("on", show(s, "data_checksums"));
                try (ResultSet rs = s.executeQuery("select count(*) from t")) {
                    assertTrue(rs.next());
                    assertEquals(100, rs.getInt(1), "pages written with checksums verify");
                }
            }
        }
    }

    private static String show(Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("show " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void startFailsClearlyOnABadSettingAndOnAPortInUse() throws Exception {
        Path dir = root.resolve("d");
        InitdbTemplate.createCluster(dir);
        TuskCluster.Result bad = TuskCluster.tusk("start", "-D", dir.toString(), "-c", "no_such_setting=1", "-l", root.resolve("l1").toString());
        assertNotEquals(0, bad.status());
        assertTrue(bad.output().contains("unrecognized configuration parameter \"no_such_setting\""), bad.output());
        TuskCluster.Result badValue = TuskCluster.tusk("start", "-D", dir.toString(), "-c", "max_connections=lots", "-l", root.resolve("l2").toString());
        assertNotEquals(0, badValue.status());
        assertTrue(badValue.output().contains("invalid value for parameter \"max_connections\""), badValue.output());
        // an internal parameter is what the cluster was initialized or built with: refused, as PostgreSQL's FATAL
        TuskCluster.Result internal = TuskCluster.tusk("start", "-D", dir.toString(), "-c", "data_checksums=on", "-l", root.resolve("l4").toString());
        assertNotEquals(0, internal.status());
        assertTrue(internal.output().contains("parameter \"data_checksums\" cannot be changed"), internal.output());
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            TuskCluster.Result busy = TuskCluster.tusk("start", "-D", dir.toString(), "-p", Integer.toString(taken.getLocalPort()),
                    "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + root, "-l", root.resolve("l3").toString());
            assertNotEquals(0, busy.status());
            assertTrue(busy.output().contains("could not create any TCP/IP sockets"), busy.output());
        }
        assertEquals(3, TuskCluster.tusk("status", "-D", dir.toString()).status());
    }

    @Test
    void theConnectionPastMaxConnectionsIsRefused() throws Exception {
        try (TuskCluster cluster = TuskCluster.start(root, "max_connections=2")) {
            try (Connection a = cluster.connect(); Connection b = cluster.connect()) {
                SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, cluster::connect);
                assertEquals("53300", e.getSQLState(), e.getMessage());
                assertTrue(e.getMessage().contains("sorry, too many clients already"), e.getMessage());
            }
        }
    }

    @Test
    void aCleanStopNeedsNoRecoveryWhileAfterAnImmediateStopTheStartupProcessReplaysWal() throws Exception {
        Path dir = root.resolve("recovery");
        Files.createDirectories(dir);
        TuskCluster cluster = TuskCluster.start(dir);
        try {
            assertEquals(0, cluster.stop("fast").status());
            assertTrue(TuskCluster.loggedShutdownCheckpoint(cluster.log()), cluster.log());
            cluster.restart();
            assertFalse(cluster.log().contains("automatic recovery in progress"), cluster.log());
            try (Connection c = cluster.connect()) {
                assertTrue(c.createStatement().execute("select 1"));
            }
            assertEquals(0, cluster.stop("immediate").status());
            cluster.restart();
            String log = cluster.log();
            assertTrue(log.contains("database system was not properly shut down; automatic recovery in progress"), log);
            assertTrue(log.contains("redo starts at"), log);
            try (Connection c = cluster.connect()) {
                assertTrue(c.createStatement().execute("select 1"), "accepting connections after recovery");
            }
        } finally {
            cluster.close();
        }
    }

    /**
     * A backend that does not answer a fast shutdown's Quit is SIGKILLed after 5 s; it may have died holding a
     * buffer LWLock, so, as in PostgreSQL after a child crash during a shutdown, the postmaster writes no
     * shutdown checkpoint (the checkpointer waited for ever on such a lock) and the next start recovers.
     * SIGSTOP makes the straggler.
     */
    @Test
    void aBackendKilledInAFastShutdownSkipsTheShutdownCheckpointAndTheNextStartRecovers() throws Exception {
        TuskCluster cluster = clusterWithOneCommittedRow("straggler", 42);
        try {
            Connection stuck = cluster.connect();
            int pid = ProcessModelTest.backendPid(stuck);
            assertEquals(0, new ProcessBuilder("kill", "-STOP", Integer.toString(pid)).start().waitFor());
            TuskCluster.Result r = cluster.stop("fast");
            assertEquals(0, r.status(), r.output());
            String log = cluster.log();
            assertTrue(log.contains("was terminated by signal 9: Killed during shutdown"), log);
            assertTrue(log.contains("no shutdown checkpoint"), log);
            assertFalse(log.contains("checkpoint starting: shutdown"), log);
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the straggler is gone");
            try {
                stuck.close();
            } catch (SQLException expected) {
                // its backend is gone
            }
            cluster.restart();
            assertTrue(cluster.log().contains("automatic recovery in progress"), cluster.log());
            try (Connection c = cluster.connect();
                    ResultSet rs = c.createStatement().executeQuery("select a from kept")) {
                assertTrue(rs.next(), "the committed row survived");
                assertEquals(42, rs.getInt(1));
            }
        } finally {
            cluster.close();
        }
    }

    /**
     * A fast shutdown ends a running session as PostgreSQL's SIGTERM does: at the session's next interrupt
     * check, with a FATAL 57P01 to its client, a rollback and the session's temporary relations dropped, and
     * then a shutdown checkpoint, so the next start needs no recovery. (Ending the backend at once from its
     * control thread left the temporary table in pg_class, and could stop a commit half-way, after which
     * the shutdown checkpoint waited for ever.)
     */
    @Test
    void aFastShutdownEndsARunningSessionAtItsNextInterruptCheck() throws Exception {
        TuskCluster cluster = clusterWithOneCommittedRow("orderly", 1);
        try {
            Connection busy = cluster.connect();
            busy.createStatement().execute("create temp table scratch (a int)");
            busy.setAutoCommit(false);
            busy.createStatement().execute("insert into kept values (2)");
            java.util.concurrent.atomic.AtomicReference<SQLException> failure = new java.util.concurrent.atomic.AtomicReference<>();
            Thread running = new Thread(() -> {
                try {
                    busy.createStatement().execute("select pg_sleep(120)");
                } catch (SQLException e) {
                    failure.set(e);
                }
            });
            running.start();
            try (Connection watcher = cluster.connect(); Statement w = watcher.createStatement()) {
                for (int i = 0; i < 600; i++) {
                    try (ResultSet rs = w.executeQuery(
                            "select count(*) from pg_stat_activity where state = 'active' and query like 'select pg_sleep%'")) {
                        rs.next();
                        if (rs.getInt(1) == 1) {
                            break;
                        }
                    }
                    Thread.sleep(50);
                }
            }
            TuskCluster.Result r = cluster.stop("fast");
            assertEquals(0, r.status(), r.output());
            running.join(30_000);
            assertFalse(running.isAlive(), "the sleeping statement ended");
            assertEquals("57P01", failure.get() == null ? null : failure.get().getSQLState(), String.valueOf(failure.get()));
            String log = cluster.log();
            assertFalse(log.contains("during shutdown"), log);
            assertFalse(log.contains("no shutdown checkpoint"), log);
            cluster.restart();
            assertFalse(cluster.log().contains("automatic recovery in progress"), cluster.log());
            try (Connection c = cluster.connect(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("select count(*) from pg_class where relname = 'scratch'")) {
                    rs.next();
                    assertEquals(0, rs.getInt(1), "the session's temporary table was dropped when it ended");
                }
                try (ResultSet rs = s.executeQuery("select string_agg(a::text, ',') from kept")) {
                    rs.next();
                    assertEquals("1", rs.getString(1), "the interrupted transaction rolled back");
                }
            }
        } finally {
            cluster.close();
        }
    }

    /** A started cluster in {@code root/name} whose table kept holds one committed row, {@code value}. */
    private TuskCluster clusterWithOneCommittedRow(String name, int value) throws Exception {
        Path dir = root.resolve(name);
        Files.createDirectories(dir);
        TuskCluster cluster = TuskCluster.start(dir);
        try (Connection c = cluster.connect(); Statement s = c.createStatement()) {
            s.execute("create table kept (a int)");
            s.execute("insert into kept values (" + value + ")");
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    @Test
    void everyShutdownModeLeavesNoProcessBehind() throws Exception {
        for (String mode : List.of("smart", "fast", "immediate")) {
            Path dir = root.resolve(mode);
            Files.createDirectories(dir);
            TuskCluster cluster = TuskCluster.start(dir);
            List<Long> pids = new ArrayList<>();
            pids.add(cluster.postmasterPid());
            Connection open = null;
            if (!mode.equals("smart")) {
                open = cluster.connect(); // fast and immediate end sessions; smart would wait for them
            }
            Thread.sleep(300);
            pids.addAll(cluster.backendPids());
            assertTrue(pids.size() > 1, "backends were running");
            TuskCluster.Result r = cluster.stop(mode);
            assertEquals(0, r.status(), mode + ": " + r.output());
            for (long pid : pids) {
                ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
                assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), mode + ": process " + pid + " left behind");
            }
            assertFalse(Files.exists(cluster.dataDir.resolve("postmaster.pid")), mode + ": lock file removed");
            if (open != null) {
                Connection c = open;
                SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                        () -> c.createStatement().execute("select 1"));
                assertTrue(List.of("57P01", "08006", "08003").contains(e.getSQLState()), mode + ": " + e.getSQLState());
                open.close();
            }
            cluster.close();
        }
    }
}
