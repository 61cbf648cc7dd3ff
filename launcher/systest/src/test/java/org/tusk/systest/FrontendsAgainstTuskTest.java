package org.tusk.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.tusk.libpq.PgConnection;
import org.tusk.libpq.PgError;
import org.tusk.libpq.PgResult;

/** Tusk's own frontends against Tusk: the client library, and `tusk sql` printing what psql prints. */
class FrontendsAgainstTuskTest extends SharedClusterTest {

    private PgConnection connect(String host) {
        return PgConnection.connect("host=" + host + " port=" + cluster.port + " dbname=postgres user=" + cluster.user);
    }

    @Test
    void clientLibraryOverTcpAndUnixSocket() throws Exception {
        for (String host : List.of("127.0.0.1", cluster.socketDir.toString())) {
            try (PgConnection c = connect(host)) {
                PgResult r = c.execute("select $1::int4 + 1, $2::numeric * 2, $3::text", 41, new BigDecimal("1.25"), "tusk");
                assertEquals(42, r.getInt(0, 0));
                assertEquals(new BigDecimal("2.50"), r.getBigDecimal(0, 1));
                assertEquals("tusk", r.getString(0, 2));
                assertTrue(c.parameterStatus("server_version").startsWith("15."));
                assertEquals(c.backendPid(), c.query("select pg_backend_pid()").getInt(0, 0));
                PgError e = assertThrows(PgError.class, () -> c.query("select 1/0"));
                assertEquals("22012", e.sqlState());
                assertEquals('I', c.transactionStatus());
            }
        }
    }

    @Test
    void clientLibraryCancel() throws Exception {
        try (PgConnection c = connect("127.0.0.1")) {
            CompletableFuture<String> outcome = CompletableFuture.supplyAsync(() -> {
                try {
                    c.query("select pg_sleep(30)");
                    return "completed";
                } catch (PgError e) {
                    return e.sqlState();
                }
            });
            Thread.sleep(500);
            c.cancel();
            assertEquals("57014", outcome.get(10, TimeUnit.SECONDS));
            assertEquals(1, c.query("select 1").getInt(0, 0));
        }
    }

    @Test
    void terminalMonitorPrintsWhatPsqlPrints() throws Exception {
        String psql = Clients.require("psql");
        Path script = root.resolve("monitor.sql");
        Files.writeString(script, String.join("\n",
                "select 1 as a, 'x' as b, null::text as c, 2.50::numeric as d;",
                "select * from pg_stat_activity where false;",
                "begin;",
                "select 1 +;",
                "rollback;",
                "\\x",
                "select 42 as answer, 'tusk' as name;",
                ""));
        String port = Integer.toString(cluster.port);
        TuskCluster.Result viaPsql = TuskCluster.run(List.of(psql, "-X", "-h", "127.0.0.1", "-p", port, "-U", cluster.user,
                "-d", "postgres", "-f", script.toString()), 60);
        TuskCluster.Result viaMonitor = TuskCluster.tusk("sql", "-X", "-h", "127.0.0.1", "-p", port, "-U", cluster.user,
                "-d", "postgres", "-f", script.toString());
        assertEquals(viaPsql.output(), viaMonitor.output());
        assertEquals(viaPsql.status(), viaMonitor.status());
        assertTrue(viaPsql.output().contains("ERROR:  syntax error at or near \";\""), viaPsql.output());
    }
}
