package org.tusk.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.io.TempDir;

/** PostgreSQL's process-per-user model, for real: one backend process per session, crash isolation, reuse. */
@Isolated("after a backend crash the reinitialized server must take a new connection within 10 s: backend JVMs "
        + "starting for another class could stretch that")
class ProcessModelTest {

    @TempDir
    Path root;

    static int backendPid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void eachSessionHasItsOwnBackendProcessThatOwnsTheClientSocket() throws Exception {
        try (TuskCluster cluster = TuskCluster.start(root)) {
            long postmaster = cluster.postmasterPid();
            List<Connection> sessions = new ArrayList<>();
            try {
                Set<Integer> pids = new HashSet<>();
                for (int i = 0; i < 4; i++) {
                    Connection c = cluster.connect();
                    sessions.add(c);
                    pids.add(backendPid(c));
                }
                assertEquals(4, pids.size(), "four sessions, four backends: " + pids);
                for (int pid : pids) {
                    assertNotEquals(postmaster, pid);
                    ProcessHandle h = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid));
                    assertTrue(h.isAlive());
                    assertEquals(postmaster, h.parent().map(ProcessHandle::pid).orElse(-1L), "backend is the postmaster's child");
                }
                // the server side of each client's TCP connection is a descriptor of that backend, not of the postmaster
                for (Connection c : sessions) {
                    int pid = backendPid(c);
                    long inode = serverSocketInode(cluster.port, localPortOf(c));
                    assertTrue(inode > 0, "connection found in /proc/net/tcp");
                    assertTrue(processHasSocket(pid, inode), "backend " + pid + " holds the server socket");
                    assertFalse(processHasSocket(postmaster, inode), "postmaster closed its copy");
                }
            } finally {
                for (Connection c : sessions) c.close();
            }
        }
    }

    /** pgjdbc does not expose its socket; the backend reports the client port through pg_stat_activity. */
    private static int localPortOf(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select client_port from pg_stat_activity where pid = pg_backend_pid()")) {
            assertTrue(rs.next());
            return rs.getInt(1);
        }
    }

    private static long serverSocketInode(int serverPort, int clientPort) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/net/tcp"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 10 || !f[1].contains(":")) continue;
            int local = Integer.parseInt(f[1].split(":")[1], 16);
            int remote = Integer.parseInt(f[2].split(":")[1], 16);
            if (local == serverPort && remote == clientPort) {
                return Long.parseLong(f[9]);
            }
        }
        return -1;
    }

    private static boolean processHasSocket(long pid, long inode) throws Exception {
        Path fds = Path.of("/proc", Long.toString(pid), "fd");
        try (var s = Files.list(fds)) {
            for (Path fd : (Iterable<Path>) s::iterator) {
                try {
                    if (Files.readSymbolicLink(fd).toString().equals("socket:[" + inode + "]")) return true;
                } catch (Exception ignored) {
                    // descriptor closed while listing
                }
            }
        }
        return false;
    }

    @Test
    void killingOneBackendMakesTheOthersQuitAndTheServerRecovers() throws Exception {
        try (TuskCluster cluster = TuskCluster.start(root)) {
            long postmaster = cluster.postmasterPid();
            try (Connection victim = cluster.connect(); Connection bystander = cluster.connect()) {
                int victimPid = backendPid(victim);
                assertNotEquals(victimPid, backendPid(bystander));
                ProcessHandle.of(victimPid).orElseThrow().destroyForcibly();
                try (Statement s = bystander.createStatement()) {
                    long deadline = System.nanoTime() + 10_000_000_000L;
                    while (true) {
                        s.execute("select 1");
                        if (System.nanoTime() > deadline) fail("the other session was not terminated");
                        Thread.sleep(100);
                    }
                } catch (SQLException e) {
                    // 57P02 when the FATAL arrived, or 08006 when the connection was already closed
                    assertTrue(List.of("57P02", "08006", "08003").contains(e.getSQLState()), e.getSQLState() + " " + e.getMessage());
                }
            }
            assertEquals(postmaster, cluster.postmasterPid(), "the postmaster survives");
            assertTrue(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false));
            long deadline = System.nanoTime() + 10_000_000_000L;
            SQLException last = null;
            while (System.nanoTime() < deadline) {
                try (Connection c = cluster.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 42")) {
                    assertTrue(rs.next());
                    assertEquals(42, rs.getInt(1));
                    assertTrue(cluster.log().contains("all server processes terminated; reinitializing"), cluster.log());
                    return;
                } catch (SQLException e) {
                    last = e;
                    Thread.sleep(200);
                }
            }
            fail("no new connection within 10 s after the crash: " + last + "\n" + cluster.log());
        }
    }

    @Test
    void pgStatActivityListsEverySessionAndReusedBackendsStartClean() throws Exception {
        try (TuskCluster cluster = TuskCluster.start(root, "min_spare_backends=1", "max_spare_backends=1")) {
            Properties app = new Properties();
            app.setProperty("ApplicationName", "systest-a");
            try (Connection a = cluster.connect(app); Connection b = cluster.connect()) {
                int pidA = backendPid(a);
                try (Statement s = b.createStatement();
                     ResultSet rs = s.executeQuery("select pid, usename, datname, application_name, state, query, backend_start "
                             + "from pg_stat_activity where application_name = 'systest-a'")) {
                    assertTrue(rs.next(), "session a listed");
                    assertEquals(pidA, rs.getInt("pid"));
                    assertEquals(cluster.user, rs.getString("usename"));
                    assertEquals("postgres", rs.getString("datname"));
                    assertEquals("idle", rs.getString("state"));
                    assertNotNull(rs.getTimestamp("backend_start"));
                }
                try (Statement s = b.createStatement();
                     ResultSet rs = s.executeQuery("select count(*) from pg_stat_activity")) {
                    assertTrue(rs.next());
                    assertEquals(2, rs.getLong(1));
                }
            }
            // a session that changes a setting, then ends cleanly; the next session on the same backend sees the default
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < 4; i++) {
                try (Connection c = cluster.connect(); Statement s = c.createStatement()) {
                    seen.add(backendPid(c));
                    try (ResultSet rs = s.executeQuery("show extra_float_digits")) {
                        rs.next();
                        assertEquals("1", rs.getString(1), "session state was reset");
                    }
                    s.execute("set extra_float_digits = 2");
                }
                Thread.sleep(50);
            }
            assertTrue(seen.size() < 4, "backends were reused: " + seen);
        }
    }

    @Test
    void psShowsUserDatabaseAndState() throws Exception {
        try (TuskCluster cluster = TuskCluster.start(root); Connection c = cluster.connect()) {
            int pid = backendPid(c);
            String title = new String(Files.readAllBytes(Path.of("/proc", Integer.toString(pid), "cmdline"))).replace('\0', ' ').strip();
            assertEquals("tusk: " + cluster.user + " postgres 127.0.0.1(" + localPortOf(c) + ") idle", title);
        }
    }

    @Test
    void withoutReuseEverySessionGetsAFreshBackend() throws Exception {
        try (TuskCluster cluster = TuskCluster.start(root, "backend_reuse=off", "min_spare_backends=1")) {
            Set<Integer> pids = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                try (Connection c = cluster.connect()) {
                    pids.add(backendPid(c));
                }
            }
            assertEquals(3, pids.size(), "no backend served two sessions: " + pids);
        }
    }

    @Test
    void backendsExitWhenThePostmasterDies() throws Exception {
        try (TuskCluster cluster = TuskCluster.start(root)) {
            List<Long> backends = new ArrayList<>();
            try (Connection c = cluster.connect()) {
                backendPid(c);
                backends.addAll(cluster.backendPids());
                assertFalse(backends.isEmpty());
                ProcessHandle.of(cluster.postmasterPid()).orElseThrow().destroyForcibly();
                for (long pid : backends) {
                    ProcessHandle.of(pid).ifPresent(h -> {
                        try {
                            h.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
                        } catch (Exception e) {
                            fail("backend " + pid + " outlived its postmaster");
                        }
                    });
                }
            } catch (SQLException expected) {
                // the session's connection ends with its backend
            }
            for (long pid : backends) {
                assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "backend " + pid + " still alive");
            }
        }
    }
}
