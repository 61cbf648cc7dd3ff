package org.tusk.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.tusk.libpq.PgConnection;
import org.tusk.libpq.PgNotification;

/**
 * LISTEN/NOTIFY between backends of a real postmaster: delivery to an idle
 * listener, at the end of a listener's transaction, at commit only, folded
 * duplicates, self-notifications, pg_notify, pg_listening_channels, UNLISTEN *,
 * the payload limit. Expected behaviour checked against PostgreSQL 15.
 */
class NotifySystemTest extends SharedClusterTest {

    private static List<String> await(Connection c, int count) throws Exception {
        List<String> got = new ArrayList<>();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (got.size() < count && System.nanoTime() < deadline) {
            PGNotification[] ns = c.unwrap(PGConnection.class).getNotifications(200);
            if (ns != null) {
                for (PGNotification n : ns) {
                    got.add(n.getName() + ":" + n.getParameter() + ":" + n.getPID());
                }
            }
        }
        return got;
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void idleListenerHearsCommittedNotifiesOnly() throws Exception {
        try (Connection listener = cluster.connect(); Connection sender = cluster.connect()) {
            int senderPid = ProcessModelTest.backendPid(sender);
            exec(listener, "LISTEN jobs");
            exec(sender, "NOTIFY jobs, 'one'");
            // the listener sends nothing: the backend pushes the notification while it waits for the client
            assertEquals(List.of("jobs:one:" + senderPid), await(listener, 1));

            sender.setAutoCommit(false);
            exec(sender, "NOTIFY jobs, 'rolled back'");
            sender.rollback();
            exec(sender, "NOTIFY jobs, 'a'");
            exec(sender, "NOTIFY jobs, 'a'");
            exec(sender, "SELECT pg_notify('jobs', 'b')");
            exec(sender, "NOTIFY other, 'not listened'");
            sender.commit();
            assertEquals(List.of("jobs:a:" + senderPid, "jobs:b:" + senderPid), await(listener, 2));
            PGNotification[] more = listener.unwrap(PGConnection.class).getNotifications(300);
            assertEquals(0, more == null ? 0 : more.length, "duplicates folded, other channels not delivered");
        }
    }

    @Test
    void listenerInTransactionHearsAtItsEnd() throws Exception {
        try (Connection listener = cluster.connect(); Connection sender = cluster.connect()) {
            exec(listener, "LISTEN t1");
            listener.setAutoCommit(false);
            exec(listener, "SELECT 1");
            exec(sender, "NOTIFY t1, 'x'");
            PGNotification[] early = listener.unwrap(PGConnection.class).getNotifications(500);
            assertEquals(0, early == null ? 0 : early.length, "not delivered inside a transaction block");
            listener.commit();
            assertEquals(1, await(listener, 1).size());
        }
    }

    @Test
    void selfNotificationChannelsAndUnlisten() throws Exception {
        try (Connection c = cluster.connect()) {
            int pid = ProcessModelTest.backendPid(c);
            exec(c, "LISTEN a");
            exec(c, "LISTEN b");
            exec(c, "LISTEN a");
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT * FROM pg_listening_channels()")) {
                List<String> channels = new ArrayList<>();
                while (rs.next()) {
                    channels.add(rs.getString(1));
                }
                assertEquals(List.of("a", "b"), channels);
            }
            exec(c, "NOTIFY a, 'me'");
            assertEquals(List.of("a:me:" + pid), await(c, 1));
            exec(c, "UNLISTEN *");
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_listening_channels()")) {
                rs.next();
                assertEquals(0, rs.getInt(1));
            }
            exec(c, "NOTIFY a, 'unheard'");
            PGNotification[] none = c.unwrap(PGConnection.class).getNotifications(300);
            assertEquals(0, none == null ? 0 : none.length);

            SQLException tooLong = assertThrows(SQLException.class,
                    () -> exec(c, "NOTIFY a, '" + "x".repeat(8000) + "'"));
            assertEquals("22023", tooLong.getSQLState());
            assertEquals(true, tooLong.getMessage().startsWith("ERROR: payload string too long"), tooLong.getMessage());
            exec(c, "NOTIFY a, '" + "x".repeat(7999) + "'");
        }
    }

    @Test
    void clientLibraryNotificationApi() throws Exception {
        String conninfo = "host=127.0.0.1 port=" + cluster.port + " dbname=postgres user=" + cluster.user;
        try (PgConnection listener = PgConnection.connect(conninfo); PgConnection sender = PgConnection.connect(conninfo)) {
            listener.query("LISTEN libpq_channel");
            sender.query("SELECT pg_notify('libpq_channel', 'hello')");
            PgNotification n = listener.waitForNotification(Duration.ofSeconds(10));
            assertNotNull(n, "notification delivered to an idle libpq connection");
            assertEquals(new PgNotification(sender.backendPid(), "libpq_channel", "hello"), n);
            listener.query("UNLISTEN libpq_channel");
            sender.query("NOTIFY libpq_channel");
            assertNull(listener.waitForNotification(Duration.ofMillis(500)));
        }
    }
}
