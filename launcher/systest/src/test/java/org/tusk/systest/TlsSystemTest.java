package org.tusk.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.libpq.PgConnection;

/**
 * TLS in the real server: a CA and a server certificate for {@code localhost}
 * made with the openssl CLI, the server started with {@code ssl=on}, and
 * tusk_hba.conf admitting TCP clients only over TLS (hostssl with SCRAM,
 * hostnossl reject). psql (verify-ca with SCRAM-SHA-256-PLUS channel binding,
 * and a plain attempt that is refused), pgjdbc (ssl=true, sslmode=require) and
 * the Java client library (verify-full) connect unmodified.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsSystemTest {
    static final String PASSWORD = TuskCluster.SUPERUSER_PASSWORD;

    @TempDir
    static Path root;
    Path certs;
    TuskCluster cluster;

    @BeforeAll
    void startCluster() throws Exception {
        certs = Files.createDirectories(root.resolve("certs"));
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2",
                "-subj", "/CN=Tusk systest CA");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                "-subj", "/CN=localhost");
        Files.writeString(certs.resolve("san.ext"), "subjectAltName=DNS:localhost\n");
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.crt", "-days", "2", "-extfile", "san.ext");
        Files.setPosixFilePermissions(certs.resolve("server.key"), PosixFilePermissions.fromString("rw-------"));
        cluster = TuskCluster.startWithScram(root, "ssl=on", "ssl_cert_file=" + certs.resolve("server.crt"), "ssl_key_file=" + certs.resolve("server.key"));
        Files.writeString(cluster.dataDir.resolve("tusk_hba.conf"), String.join("\n",
                "local     all all              trust",
                "hostnossl all all 127.0.0.1/32 reject",
                "hostssl   all all 127.0.0.1/32 scram-sha-256",
                ""));
        // The first connection after start waits for the backends' warm-up (many seconds on a busy
        // machine), longer than pgjdbc waits for the answer to its SSLRequest: take that wait here.
        TuskCluster.Result warm = psql("host=localhost sslmode=require");
        assertEquals(0, warm.status(), warm.output() + cluster.log());
    }

    private void openssl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Clients.require("openssl")));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(certs.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor() == 0, String.join(" ", cmd) + ": " + out);
    }

    @AfterAll
    void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    TuskCluster.Result psql(String conninfo) throws Exception {
        return TuskCluster.run(List.of(Clients.require("psql"), "-X", "-w", "-Atc", "select 41 + 1",
                conninfo + " port=" + cluster.port + " user=" + cluster.user + " dbname=postgres"),
                Map.of("PGPASSWORD", PASSWORD, "HOME", root.toString()), 60);
    }

    @Test
    void psqlVerifyCaWithChannelBindingAndPlainRefused() throws Exception {
        TuskCluster.Result tls = psql("host=localhost sslmode=verify-ca channel_binding=require sslrootcert="
                + certs.resolve("ca.crt"));
        assertEquals(0, tls.status(), tls.output() + cluster.log());
        assertEquals("42", tls.output().strip());
        TuskCluster.Result plain = psql("host=127.0.0.1 sslmode=disable");
        assertEquals(2, plain.status(), plain.output());
        assertTrue(plain.output().contains("FATAL:  pg_hba.conf rejects connection for host \"127.0.0.1\", user \""
                + cluster.user + "\", database \"postgres\", no encryption"), plain.output());
    }

    @Test
    void pgjdbcOverTls() throws Exception {
        Properties p = new Properties();
        p.setProperty("user", cluster.user);
        p.setProperty("password", PASSWORD);
        p.setProperty("ssl", "true");
        p.setProperty("sslmode", "require");
        p.setProperty("connectTimeout", "60");
        p.setProperty("socketTimeout", "60");
        p.setProperty("loginTimeout", "60");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + cluster.port + "/postgres", p);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 40 + 2")) {
            assertTrue(rs.next());
            assertEquals(42, rs.getInt(1));
        }
    }

    @Test
    void clientLibraryVerifyFull() throws Exception {
        try (PgConnection c = PgConnection.connect("host=localhost port=" + cluster.port + " dbname=postgres user="
                + cluster.user + " password='" + PASSWORD + "' sslmode=verify-full sslrootcert=" + certs.resolve("ca.crt"))) {
            assertTrue(c.sslInUse());
            assertEquals("42", c.query("select 41 + 1").getString(0, 0));
        }
    }
}
