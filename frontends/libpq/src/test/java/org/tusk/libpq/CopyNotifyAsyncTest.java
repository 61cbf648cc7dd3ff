package org.tusk.libpq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;

/**
 * COPY streams, LISTEN/NOTIFY and the async calls, run against each
 * {@link ServerUnderTest} ({@code CopyNotifyAsyncOnPostgresTest} here,
 * {@code CopyNotifyAsyncOnTuskTest} in launcher/systest).
 */
public abstract class CopyNotifyAsyncTest {

    /** The server these scenarios run against (may skip the test when it is not available). */
    protected abstract ServerUnderTest server();

    private PgConnection connect() {
        return PgConnection.connect(server().tcpConnInfo() + " sslmode=disable");
    }

    /** "i\tv<i>\n" for i in [0, rows), generated on the fly. */
    public static InputStream rows(int rows) {
        return new InputStream() {
            private int next;
            private byte[] line = new byte[0];
            private int pos;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = 0;
                while (n < len) {
                    if (pos == line.length) {
                        if (next == rows) return n == 0 ? -1 : n;
                        line = (next + "\tv" + next + "\n").getBytes(StandardCharsets.US_ASCII);
                        next++;
                        pos = 0;
                    }
                    int k = Math.min(len - n, line.length - pos);
                    System.arraycopy(line, pos, b, off + n, k);
                    pos += k;
                    n += k;
                }
                return n;
            }
        };
    }

    @Test
    public void copyAMillionRowsInAndOut() { // ServerUnderTest.bulkRows(): a million on PostgreSQL
        assertTimeoutPreemptively(server().timeLimit(), () -> {
            try (PgConnection c = connect()) {
                int n = server().bulkRows();
                c.queryAll(server().scratchTable("m", "a int, b text"));
                assertEquals(n, c.copyIn("copy m from stdin", rows(n)));
                assertEquals(n, c.query("select count(*) from m").getLong(0, 0));
                long[] stats = new long[2];
                OutputStream sink = new OutputStream() {
                    @Override public void write(int b) { stats[0]++; if (b == '\n') stats[1]++; }
                    @Override public void write(byte[] b, int off, int len) {
                        stats[0] += len;
                        for (int i = off; i < off + len; i++) if (b[i] == '\n') stats[1]++;
                    }
                };
                assertEquals(n, c.copyOut("copy m to stdout", sink));
                assertEquals(n, stats[1]);
                assertEquals(rows(n).transferTo(OutputStream.nullOutputStream()), stats[0], "byte for byte as much as sent");
                assertEquals('I', c.transactionStatus());
            }
        });
    }

    @Test
    public void copyFailuresKeepTheConnectionUsable() {
        assertTimeoutPreemptively(server().timeLimit(), () -> {
            try (PgConnection c = connect()) {
                c.queryAll(server().scratchTable("cf", "a int, b text"));
                // the stream throws: CopyFail, the server's 57014 with the stream's exception as cause
                InputStream broken = new SequenceInputStream(rows(10), new InputStream() {
                    @Override public int read() throws IOException { throw new IOException("disk on fire"); }
                });
                PgError e = assertThrows(PgError.class, () -> c.copyIn("copy cf from stdin", broken));
                assertEquals("57014", e.sqlState());
                assertTrue(e.getMessage().contains("disk on fire"), e.getMessage());
                assertTrue(e.getCause() instanceof IOException);
                assertEquals(0, c.query("select count(*) from cf").getLong(0, 0));
                // bad data: the server's error
                e = assertThrows(PgError.class, () -> c.copyIn("copy cf from stdin",
                        new ByteArrayInputStream("1\ta\nx\tb\n".getBytes(StandardCharsets.UTF_8))));
                assertEquals("22P02", e.sqlState());
                // bad data early in a big stream: stops sending once the server has said no
                e = assertThrows(PgError.class, () -> c.copyIn("copy cf from stdin", new SequenceInputStream(
                        new ByteArrayInputStream("x\ty\n".getBytes(StandardCharsets.UTF_8)), rows(3_000_000))));
                assertEquals("22P02", e.sqlState());
                // the sink throws: cancelled, 58030, connection fine
                assertEquals(3, c.copyIn("copy cf from stdin", rows(3)));
                c.query("insert into cf select g, 'x' from generate_series(1, 200000) g");
                OutputStream failing = new OutputStream() {
                    @Override public void write(int b) throws IOException { throw new IOException("no space left"); }
                };
                e = assertThrows(PgError.class, () -> c.copyOut("copy cf to stdout", failing));
                assertEquals("58030", e.sqlState());
                assertEquals("could not write COPY data: no space left", e.getMessage());
                assertEquals(200003, c.query("select count(*) from cf").getLong(0, 0));
                // query() still collects COPY TO STDOUT data, and refuses COPY FROM STDIN
                assertEquals("0\tv0\n", new String(c.query("copy (select * from cf order by a limit 1) to stdout").copyData(),
                        StandardCharsets.UTF_8));
                assertThrows(PgError.class, () -> c.query("copy cf from stdin"));
                assertEquals(1, c.query("select 1").getInt(0, 0));
            }
        });
    }

    @Test
    public void notificationsAcrossTwoConnections() {
        assertTimeoutPreemptively(server().timeLimit(), () -> {
            try (PgConnection listener = connect(); PgConnection sender = connect();
                    PgConnection socketListener = PgConnection.connect(server().socketConnInfo())) {
                listener.query("listen jobs");
                socketListener.query("listen jobs");
                assertNull(listener.waitForNotification(Duration.ofMillis(50)), "nothing yet: times out");
                sender.query("notify jobs, 'one'");
                PgNotification n = listener.waitForNotification(Duration.ofSeconds(10));
                assertEquals("jobs", n.channel());
                assertEquals("one", n.payload());
                assertEquals(sender.backendPid(), n.backendPid());
                // over a Unix socket too (selector-based timeouts)
                assertEquals("one", socketListener.waitForNotification(Duration.ofSeconds(10)).payload());
                assertNull(socketListener.waitForNotification(Duration.ofMillis(50)));
                // several, in order, delivered with the next query or by getNotifications()
                sender.query("begin; select pg_notify('jobs', 'a'); select pg_notify('jobs', 'b'); commit");
                sender.execute("select pg_notify('other', 'x')");
                listener.query("select 1");
                List<PgNotification> got = listener.getNotifications();
                assertEquals(List.of("a", "b"), got.stream().map(PgNotification::payload).toList());
                sender.query("notify jobs, 'c'");
                long deadline = System.nanoTime() + 10_000_000_000L;
                List<PgNotification> later = new ArrayList<>();
                while (later.isEmpty() && System.nanoTime() < deadline) {
                    later.addAll(listener.getNotifications());
                    Thread.sleep(5);
                }
                assertEquals("c", later.get(0).payload());
                // a handler instead of the queue, fed from a waiting thread
                List<PgNotification> handled = new CopyOnWriteArrayList<>();
                listener.setNotificationHandler(handled::add);
                CompletableFuture<PgNotification> waiting = CompletableFuture.supplyAsync(
                        () -> listener.waitForNotification(Duration.ofSeconds(10)));
                sender.query("notify jobs, 'd'");
                assertEquals("d", waiting.get().payload());
                assertEquals("d", handled.get(0).payload());
                assertTrue(listener.getNotifications().isEmpty());
                // a terminated listener fails cleanly while waiting
                sender.execute("select pg_terminate_backend($1)", listener.backendPid());
                PgError e = assertThrows(PgError.class, () -> listener.waitForNotification(Duration.ofSeconds(10)));
                assertTrue(e.sqlState().equals("57P01") || e.sqlState().equals("08006"), e.sqlState());
                assertTrue(listener.isClosed());
            }
        });
    }

    @Test
    public void asyncCallsRunInOrderOnOneConnection() {
        assertTimeoutPreemptively(server().timeLimit(), () -> {
            try (PgConnection c = connect()) {
                c.queryAll(server().scratchTable("q", "i int"));
                List<CompletableFuture<PgResult>> fs = new ArrayList<>();
                // each count sees exactly the inserts queued before it (no subquery in RETURNING: Tusk has none yet)
                for (int i = 0; i < 200; i++) {
                    c.executeAsync("insert into q values ($1)", i);
                    fs.add(c.executeAsync("select count(*) from q"));
                }
                for (int i = 0; i < 200; i++) assertEquals(i + 1, fs.get(i).get().getLong(0, 0), "serialized in call order");
                CompletableFuture<PgResult> sum = c.queryAsync("select sum(i) from q");
                CompletableFuture<PgResult> bad = c.queryAsync("select 1/0");
                CompletableFuture<PgResult> after = c.executeAsync("select $1::int * 2", 21);
                assertEquals(19900, sum.get().getLong(0, 0));
                ExecutionException e = assertThrows(ExecutionException.class, bad::get);
                assertEquals("22012", ((PgError) e.getCause()).sqlState());
                assertEquals(42, after.join().getInt(0, 0));
                assertEquals(2, c.queryAllAsync("select 1; select 2").get().size());
                c.prepare("p", "select $1::int + 1");
                assertEquals(8, c.executePreparedAsync("p", 7).get().getInt(0, 0));
                assertEquals(1, c.query("select 1").getInt(0, 0), "blocking calls mix with async ones");
                c.close();
                e = assertThrows(ExecutionException.class, () -> c.queryAsync("select 1").get());
                assertEquals("08003", ((PgError) e.getCause()).sqlState());
            }
        });
    }
}
