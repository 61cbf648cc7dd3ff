package org.tusk.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pg_stat_activity's wait_event_type and wait_event name what a backend process is waiting for, as PostgreSQL
 * 15 names it: a row lock held by another transaction (Lock transactionid), a relation lock (Lock relation),
 * pg_sleep (Timeout PgSleep), and the client's next message when idle (Client ClientRead). A third session
 * watches the waiting one's row, so the test sees what the waiter publishes in shared memory; it also
 * sees the holder's backend_xid and backend_xmin while its transaction runs, and neither after it.
 */
class WaitEventSystemTest {

    @TempDir
    Path root;

    @Test
    void waitsAreNamedInPgStatActivity() throws Exception {
        try (TuskCluster c = TuskCluster.start(root); Connection holder = c.connect(); Connection waiter = c.connect();
                Connection watcher = c.connect()) {
            try (Statement s = holder.createStatement()) {
                s.execute("CREATE TABLE acct (id int PRIMARY KEY, balance int)");
                s.execute("INSERT INTO acct VALUES (1, 100)");
            }
            int waiterPid = pidOf(waiter);
            int holderPid = pidOf(holder);
            assertEquals("Client|ClientRead|idle", waitOf(watcher, waiterPid));

            holder.setAutoCommit(false);
            long holderXid;
            try (Statement s = holder.createStatement()) {
                s.execute("UPDATE acct SET balance = balance + 1 WHERE id = 1");
                try (ResultSet rs = s.executeQuery("SELECT txid_current()")) {
                    rs.next();
                    holderXid = rs.getLong(1);
                }
            }
            // backend_xid: the holder's transaction id while it runs; backend_xmin: the holder's snapshot
            assertEquals(holderXid + "|true", xidOf(watcher, holderPid));
            CompletableFuture<Void> update = run(waiter, "UPDATE acct SET balance = balance + 10 WHERE id = 1");
            assertEquals("Lock|transactionid|active", awaitWait(watcher, waiterPid, "Lock|transactionid|active"));
            holder.commit();
            update.get(60, TimeUnit.SECONDS);
            assertEquals("null|false", xidOf(watcher, holderPid), "the committed transaction's ids are gone");

            try (Statement s = holder.createStatement()) {
                s.execute("LOCK TABLE acct IN ACCESS EXCLUSIVE MODE");
            }
            CompletableFuture<Void> select = run(waiter, "SELECT count(*) FROM acct");
            assertEquals("Lock|relation|active", awaitWait(watcher, waiterPid, "Lock|relation|active"));
            holder.rollback();
            select.get(60, TimeUnit.SECONDS);

            CompletableFuture<Void> sleep = run(waiter, "SELECT pg_sleep(2)");
            assertEquals("Timeout|PgSleep|active", awaitWait(watcher, waiterPid, "Timeout|PgSleep|active"));
            sleep.get(60, TimeUnit.SECONDS);
            // the wait ended with the statement: idle again, and the row's balance shows both updates ran
            assertEquals("Client|ClientRead|idle", awaitWait(watcher, waiterPid, "Client|ClientRead|idle"));
            try (Statement s = watcher.createStatement(); ResultSet rs = s.executeQuery("SELECT balance FROM acct")) {
                rs.next();
                assertEquals(111, rs.getInt(1));
            }
            // a session running a statement, not waiting: both columns are null
            try (Statement s = watcher.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT wait_event_type, wait_event FROM pg_stat_activity WHERE pid = pg_backend_pid()")) {
                rs.next();
                assertNull(rs.getString(1));
                assertNull(rs.getString(2));
            }
        }
    }

    private static CompletableFuture<Void> run(Connection c, String sql) {
        return CompletableFuture.runAsync(() -> {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new RuntimeException(e);
            }
        });
    }

    /** Polls {@code pid}'s row until it shows {@code expected} (or a minute passes); returns the last one seen. */
    private static String awaitWait(Connection watcher, int pid, String expected) throws Exception {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String seen;
        do {
            seen = waitOf(watcher, pid);
            if (expected.equals(seen)) {
                return seen;
            }
            Thread.sleep(20);
        } while (System.nanoTime() - giveUp < 0);
        return seen;
    }

    private static String waitOf(Connection watcher, int pid) throws SQLException {
        try (PreparedStatement ps = watcher.prepareStatement(
                "SELECT wait_event_type, wait_event, state FROM pg_stat_activity WHERE pid = ?")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3);
            }
        }
    }

    /** backend_xid, and whether backend_xmin is set, of {@code pid}'s row. */
    private static String xidOf(Connection watcher, int pid) throws SQLException {
        try (PreparedStatement ps = watcher.prepareStatement(
                "SELECT backend_xid::text::bigint, backend_xmin IS NOT NULL FROM pg_stat_activity WHERE pid = ?")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1) + "|" + rs.getBoolean(2);
            }
        }
    }

    private static int pidOf(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
