package org.tusk.monitor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.tusk.libpq.PgConnection;
import org.tusk.libpq.RealPostgres;

/** What Ctrl-C does while a query runs: a cancel request, and the monitor carries on. */
class CancelTest {

    @Test
    void cancelStopsTheRunningQueryAndTheMonitorContinues() {
        RealPostgres pg = RealPostgres.get();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Monitor m = new Monitor(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            PipedOutputStream feed = new PipedOutputStream();
            InputStream in = new PipedInputStream(feed);
            String[] args = {"-X", "-h", pg.socketDir(), "-p", Integer.toString(pg.port()), "-U", RealPostgres.SUPERUSER,
                    "-d", "postgres"};
            CompletableFuture<Integer> rc = CompletableFuture.supplyAsync(() -> m.run(args, in, false));
            feed.write("select pg_sleep(30);\n".getBytes(StandardCharsets.UTF_8));
            feed.flush();
            try (PgConnection watcher = PgConnection.connect(pg.socketConnInfo())) {
                while (watcher.query("select count(*) from pg_stat_activity where query = 'select pg_sleep(30);' and state = 'active'")
                        .getLong(0, 0) == 0) {
                    Thread.sleep(20);
                }
            }
            m.cancelRunningQuery();
            feed.write("select 'after' as x;\n".getBytes(StandardCharsets.UTF_8));
            feed.close();
            assertEquals(0, rc.get());
            String e = err.toString(StandardCharsets.UTF_8);
            assertTrue(e.contains("Cancel request sent\n"), e);
            assertTrue(e.contains("ERROR:  canceling statement due to user request\n"), e);
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("\n after\n(1 row)\n"), out.toString(StandardCharsets.UTF_8));
        });
    }
}
