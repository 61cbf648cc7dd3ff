package org.tusk.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** Unmodified PostgreSQL clients against a real Tusk server: psql, pgjdbc, node-postgres, pgbench. */
class ClientCompatibilityTest extends SharedClusterTest {

    private TuskCluster.Result psql(String host, String sql) throws Exception {
        return TuskCluster.run(List.of(Clients.require("psql"), "-X", "-h", host, "-p", Integer.toString(cluster.port),
                "-U", cluster.user, "-d", "postgres", "-c", sql), 60);
    }

    @Test
    void psqlOverTcp() throws Exception {
        TuskCluster.Result r = psql("127.0.0.1", "select 1");
        assertEquals(0, r.status(), r.output());
        assertEquals(" ?column? \n----------\n        1\n(1 row)\n\n", r.output());
    }

    @Test
    void psqlOverUnixSocket() throws Exception {
        TuskCluster.Result r = psql(cluster.socketDir.toString(), "select 'unix' as via");
        assertEquals(0, r.status(), r.output());
        assertTrue(r.output().contains(" unix\n"), r.output());
    }

    @Test
    void psqlReportsSyntaxErrorWithPosition() throws Exception {
        TuskCluster.Result r = psql("127.0.0.1", "select 1 + * 2");
        assertEquals(1, r.status(), r.output());
        assertEquals("ERROR:  syntax error at or near \"*\"\nLINE 1: select 1 + * 2\n                   ^\n", r.output());
        // "+*" is one operator in PostgreSQL's lexer, so this one is a lookup failure, with a hint
        TuskCluster.Result op = psql("127.0.0.1", "select 1 +* 2");
        assertEquals("ERROR:  operator does not exist: integer +* integer\nLINE 1: select 1 +* 2\n                 ^\n"
                + "HINT:  No operator matches the given name and argument types. You might need to add explicit type casts.\n", op.output());
    }

    @Test
    void pgjdbcPreparedStatementWithBinaryParameters() throws Exception {
        // prepareThreshold=1 switches pgjdbc to named statements and binary transfer at once
        Properties p = new Properties();
        p.setProperty("prepareThreshold", "1");
        try (Connection c = cluster.connect(p);
             PreparedStatement ps = c.prepareStatement("select ?::int4 + 1, ?::int8 * 2, ?::numeric + 1.5, ?::text || 'x'")) {
            for (int i = 0; i < 3; i++) {
                ps.setInt(1, 41 + i);
                ps.setLong(2, 3_000_000_000L);
                ps.setBigDecimal(3, new BigDecimal("10.25"));
                ps.setString(4, "tusk");
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(42 + i, rs.getInt(1));
                    assertEquals(6_000_000_000L, rs.getLong(2));
                    assertEquals(new BigDecimal("11.75"), rs.getBigDecimal(3));
                    assertEquals("tuskx", rs.getString(4));
                }
            }
            assertTrue(c.getMetaData().getDatabaseProductVersion().startsWith("15."));
        }
    }

    @Test
    void nodePostgresParameterizedQuery() throws Exception {
        Path script = Clients.nodeScript();
        String node = Clients.require("node");
        TuskCluster.Result r = TuskCluster.run(List.of(node, script.toString(), "127.0.0.1", Integer.toString(cluster.port),
                cluster.user, "postgres"), 60);
        assertEquals(0, r.status(), r.output());
        assertTrue(r.output().contains("{\"n\":42,\"t\":\"tusk\"}"), r.output());
    }

    @Test
    void pgbenchSelectOneWithEightClientsAndWithReconnects() throws Exception {
        String pgbench = Clients.require("pgbench");
        Path script = root.resolve("select1.sql");
        java.nio.file.Files.writeString(script, "select 1;\n");
        for (List<String> extra : List.<List<String>>of(List.of(), List.of("-C"), List.of("-M", "extended"), List.of("-M", "prepared"))) {
            List<String> cmd = new java.util.ArrayList<>(List.of(pgbench, "-n", "-f", script.toString(), "-c", "8", "-j", "2",
                    "-t", "50", "-h", "127.0.0.1", "-p", Integer.toString(cluster.port), "-U", cluster.user, "postgres"));
            cmd.addAll(extra);
            TuskCluster.Result r = TuskCluster.run(cmd, 120);
            assertEquals(0, r.status(), extra + ": " + r.output());
            assertTrue(r.output().contains("number of transactions actually processed: 400/400"), extra + ": " + r.output());
        }
    }
}
