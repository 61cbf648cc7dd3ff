package org.tusk.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client authentication with the real postmaster and unmodified clients: a
 * cluster made by {@code tusk initdb --auth-host=scram-sha-256 --auth-local=trust
 * --pwfile=...}, two more roles written into global/pg_authid (one with a SCRAM
 * secret made by PostgreSQL 15, one with an md5 hash), and tusk_hba.conf rules
 * for each method. psql, pgjdbc and node-postgres log in with SCRAM; wrong
 * passwords, reject lines and connections no line matches get PostgreSQL's
 * FATALs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthenticationTest {
    static final String SUPERUSER_PASSWORD = TuskCluster.SUPERUSER_PASSWORD;
    /** rolpassword of CREATE ROLE ... PASSWORD 'pencil' on PostgreSQL 15. */
    static final String PENCIL_SECRET = "SCRAM-SHA-256$4096:WA6RvejinFLGDwo5MFGvIg==$dQnQwQJ/cwuPV1BXv8dQm7RRmZUqssyW8r0Nu"
            + "+wumFQ=:k07xv7q+5VAzSTDLd6Y0/YTWHL2NSKm4i/Fbvke/LTo=";

    @TempDir
    static Path root;
    TuskCluster cluster;

    @BeforeAll
    void startCluster() throws Exception {
        cluster = TuskCluster.startWithScram(root);
        Files.writeString(cluster.dataDir.resolve("global/pg_authid"),
                "16384 alice f login=t password=" + PENCIL_SECRET + "\n"
                        + "16385 md5user f login=t password=md5" + md5Hex("m5pw" + "md5user") + "\n"
                        + "16386 nologin f login=f password=" + PENCIL_SECRET + "\n",
                StandardOpenOption.APPEND);
        Files.writeString(cluster.dataDir.resolve("tusk_hba.conf"), String.join("\n",
                "local all       all                    trust",
                "host  all       md5user  127.0.0.1/32  md5",
                "host  all       rejected 127.0.0.1/32  reject",
                "host  postgres  all      127.0.0.1/32  scram-sha-256",
                ""));
    }

    @AfterAll
    void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    static String md5Hex(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    TuskCluster.Result psql(String host, String user, String database, String password) throws Exception {
        return TuskCluster.run(List.of(Clients.require("psql"), "-X", "-w", "-h", host, "-p", Integer.toString(cluster.port),
                "-U", user, "-d", database, "-Atc", "select 41 + 1"), password == null ? Map.of() : Map.of("PGPASSWORD", password), 60);
    }

    @Test
    void initdbWroteTheRequestedRules() throws Exception {
        // the test rewrote tusk_hba.conf; the superuser's secret is initdb's
        String authid = Files.readString(cluster.dataDir.resolve("global/pg_authid"));
        assertTrue(authid.startsWith("10 " + cluster.user + " t "), authid);
        assertTrue(authid.lines().findFirst().orElseThrow().contains(" password=SCRAM-SHA-256$4096:"), authid);
    }

    @Test
    void psqlScramAsTheSuperuserAndAsARoleWithAPostgresMadeSecret() throws Exception {
        TuskCluster.Result su = psql("127.0.0.1", cluster.user, "postgres", SUPERUSER_PASSWORD);
        assertEquals(0, su.status(), su.output() + cluster.log());
        assertEquals("42", su.output().strip());
        TuskCluster.Result alice = psql("127.0.0.1", "alice", "postgres", "pencil");
        assertEquals(0, alice.status(), alice.output());
        assertEquals("42", alice.output().strip());
    }

    @Test
    void psqlWrongPasswordNoPasswordAndUnknownRoleGet28P01() throws Exception {
        for (String[] up : new String[][] {{"alice", "pencils"}, {cluster.user, "nope"}, {"ghost", "pencil"}}) {
            TuskCluster.Result r = psql("127.0.0.1", up[0], "postgres", up[1]);
            assertEquals(2, r.status(), r.output());
            assertTrue(r.output().contains("FATAL:  password authentication failed for user \"" + up[0] + "\""), r.output());
        }
        TuskCluster.Result none = psql("127.0.0.1", "alice", "postgres", null);
        assertEquals(2, none.status(), none.output());
        assertTrue(none.output().contains("no password supplied"), none.output());
    }

    @Test
    void psqlMd5RejectNoEntryNologinAndTrustOverTheSocket() throws Exception {
        TuskCluster.Result md5 = psql("127.0.0.1", "md5user", "postgres", "m5pw");
        assertEquals(0, md5.status(), md5.output());
        TuskCluster.Result badMd5 = psql("127.0.0.1", "md5user", "postgres", "m5pW");
        assertTrue(badMd5.output().contains("FATAL:  password authentication failed for user \"md5user\""), badMd5.output());
        TuskCluster.Result rejected = psql("127.0.0.1", "rejected", "postgres", "x");
        assertTrue(rejected.output().contains("FATAL:  pg_hba.conf rejects connection for host \"127.0.0.1\", user \"rejected\", "
                + "database \"postgres\", no encryption"), rejected.output());
        TuskCluster.Result noEntry = psql("127.0.0.1", "alice", "template1", "pencil");
        assertTrue(noEntry.output().contains("FATAL:  no pg_hba.conf entry for host \"127.0.0.1\", user \"alice\", "
                + "database \"template1\", no encryption"), noEntry.output());
        TuskCluster.Result nologin = psql("127.0.0.1", "nologin", "postgres", "pencil");
        assertTrue(nologin.output().contains("FATAL:  role \"nologin\" is not permitted to log in"), nologin.output());
        TuskCluster.Result local = psql(cluster.socketDir.toString(), "alice", "postgres", null);
        assertEquals(0, local.status(), local.output());
        assertEquals("42", local.output().strip());
    }

    @Test
    void pgjdbcScram() throws Exception {
        Properties p = new Properties();
        p.setProperty("user", "alice");
        p.setProperty("password", "pencil");
        p.setProperty("connectTimeout", "20");
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl(), p); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select 1")) {
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));
        }
        p.setProperty("password", "wrong");
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(cluster.jdbcUrl(), p));
        assertEquals("28P01", e.getSQLState());
        assertTrue(e.getMessage().contains("password authentication failed for user \"alice\""), e.getMessage());
    }

    @Test
    void nodePostgresScram() throws Exception {
        Path script = Clients.nodeScript();
        String node = Clients.require("node");
        List<String> cmd = List.of(node, script.toString(), "127.0.0.1", Integer.toString(cluster.port), "alice", "postgres");
        TuskCluster.Result ok = TuskCluster.run(cmd, Map.of("PGPASSWORD", "pencil"), 60);
        assertEquals(0, ok.status(), ok.output());
        assertTrue(ok.output().contains("{\"n\":42,\"t\":\"tusk\"}"), ok.output());
        TuskCluster.Result bad = TuskCluster.run(cmd, Map.of("PGPASSWORD", "pencil!"), 60);
        assertEquals(1, bad.status(), bad.output());
        assertTrue(bad.output().contains("ERROR 28P01 password authentication failed for user \"alice\""), bad.output());
    }
}
