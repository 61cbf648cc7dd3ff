package org.tusk.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** A long pg_sleep is cancelled by a CancelRequest, by pg_cancel_backend and by psql's Ctrl-C; pg_terminate_backend ends a session. */
class CancelAndTerminateTest extends SharedClusterTest {

    /** Runs pg_sleep(30) and returns the SQLSTATE it failed with and how long it ran (for the message only). */
    private static CompletableFuture<String> sleepIn(Connection c) {
        return CompletableFuture.supplyAsync(() -> {
            try (Statement s = c.createStatement()) {
                s.execute("select pg_sleep(30)");
                return "completed";
            } catch (SQLException e) {
                return e.getSQLState() + " " + e.getMessage();
            }
        });
    }

    private static void awaitActive(Connection observer, int pid) throws Exception {
        for (int i = 0; i < 100; i++) {
            try (Statement s = observer.createStatement();
                 ResultSet rs = s.executeQuery("select state from pg_stat_activity where pid = " + pid)) {
                if (rs.next() && "active".equals(rs.getString(1))) return;
            }
            Thread.sleep(50);
        }
        fail("backend " + pid + " never became active");
    }

    @Test
    void cancelRequestFromTheDriver() throws Exception {
        try (Connection c = cluster.connect(); Connection observer = cluster.connect(); Statement s = c.createStatement()) {
            int pid = ProcessModelTest.backendPid(c);
            CompletableFuture<String> outcome = CompletableFuture.supplyAsync(() -> {
                try {
                    s.execute("select pg_sleep(30)");
                    return "completed";
                } catch (SQLException e) {
                    return e.getSQLState() + " " + e.getMessage();
                }
            });
            awaitActive(observer, pid);
            s.cancel();
            String r = outcome.get(10, TimeUnit.SECONDS);
            assertTrue(r.startsWith("57014 ERROR: canceling statement due to user request"), r);
            assertEquals(pid, ProcessModelTest.backendPid(c), "the session goes on in the same backend");
        }
    }

    @Test
    void pgCancelBackendFromAnotherSession() throws Exception {
        try (Connection c = cluster.connect(); Connection other = cluster.connect()) {
            int pid = ProcessModelTest.backendPid(c);
            CompletableFuture<String> outcome = sleepIn(c);
            awaitActive(other, pid);
            try (Statement s = other.createStatement(); ResultSet rs = s.executeQuery("select pg_cancel_backend(" + pid + ")")) {
                assertTrue(rs.next());
                assertTrue(rs.getBoolean(1));
            }
            String r = outcome.get(10, TimeUnit.SECONDS);
            assertTrue(r.startsWith("57014"), r);
        }
    }

    @Test
    void pgTerminateBackendEndsTheSession() throws Exception {
        try (Connection c = cluster.connect(); Connection other = cluster.connect()) {
            int pid = ProcessModelTest.backendPid(c);
            try (Statement s = other.createStatement(); ResultSet rs = s.executeQuery("select pg_terminate_backend(" + pid + ")")) {
                assertTrue(rs.next());
                assertTrue(rs.getBoolean(1));
            }
            try (Statement s = c.createStatement()) {
                for (int i = 0; i < 50; i++) {
                    s.execute("select 1");
                    Thread.sleep(100);
                }
                fail("terminated session still works");
            } catch (SQLException e) {
                assertTrue(List.of("57P01", "08006", "08003").contains(e.getSQLState()), e.getSQLState() + " " + e.getMessage());
            }
            try (Statement s = other.createStatement(); ResultSet rs = s.executeQuery("select pg_cancel_backend(1)")) {
                assertTrue(rs.next());
                assertTrue(!rs.getBoolean(1), "pid 1 is not a backend");
            }
        }
    }

    @Test
    void psqlCtrlCCancelsTheRunningQuery() throws Exception {
        String psql = Clients.require("psql");
        ProcessBuilder pb = new ProcessBuilder(psql, "-X", "-h", "127.0.0.1", "-p", Integer.toString(cluster.port), "-U", cluster.user,
                "-d", "postgres", "-c", "select pg_sleep(30)").redirectErrorStream(true);
        Process p = pb.start();
        try (Connection observer = cluster.connect()) {
            for (int i = 0; ; i++) {
                try (Statement s = observer.createStatement();
                     ResultSet rs = s.executeQuery("select count(*) from pg_stat_activity where state = 'active' and query like '%pg_sleep(30)%' and pid <> pg_backend_pid()")) {
                    rs.next();
                    if (rs.getLong(1) == 1) break;
                }
                if (i > 100) fail("psql's query never became active");
                Thread.sleep(50);
            }
        }
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor(); // what Ctrl-C does to psql
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "psql ended");
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(out.contains("canceling statement due to user request"), out);
    }
}
