package org.tusk.protocol.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.auth.FileRoleStore;
import org.tusk.api.auth.RoleRecord;
import org.tusk.api.auth.ScramSecret;
import org.tusk.api.backend.BackendContext;
import org.tusk.api.engine.QueryEngine;
import org.tusk.api.protocol.ClientConnection;
import org.tusk.api.protocol.TerminationListener;

/**
 * TLS in the backend, driven by the real psql (libpq 15): sslmode require,
 * verify-ca and verify-full against a CA made with the openssl CLI, PKCS#1 RSA
 * and SEC1 EC keys, hostssl/hostnossl lines, SCRAM-SHA-256-PLUS with
 * channel_binding=require, the protocol range, and ssl=off. Skipped without
 * psql or openssl.
 */
class TlsTest {
    @TempDir
    static Path certs;
    @TempDir
    Path data;

    private ServerSocket listener;
    private Thread acceptor;
    private FakeBackendContext backend;
    private final Map<String, String> settings = new HashMap<>();

    @BeforeAll
    static void makeCertificates() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/psql")), "psql is not installed");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2",
                "-subj", "/CN=Tusk Test CA");
        // the server's RSA key in PKCS#1 ("BEGIN RSA PRIVATE KEY")
        openssl("genrsa", "-traditional", "-out", "server.key", "2048");
        openssl("req", "-new", "-key", "server.key", "-out", "server.csr", "-subj", "/CN=localhost");
        Files.writeString(certs.resolve("san.ext"), "subjectAltName=DNS:localhost\n");
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.crt", "-days", "2", "-sha256", "-extfile", "san.ext");
        // an EC key in SEC1 form ("BEGIN EC PARAMETERS" + "BEGIN EC PRIVATE KEY")
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-out", "ec.key");
        openssl("req", "-new", "-key", "ec.key", "-out", "ec.csr", "-subj", "/CN=localhost");
        openssl("x509", "-req", "-in", "ec.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "ec.crt", "-days", "2", "-sha384", "-extfile", "san.ext");
        for (String key : new String[] {"server.key", "ec.key", "ca.key"}) {
            Files.setPosixFilePermissions(certs.resolve(key), PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static void openssl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(certs.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", cmd) + ": " + out);
    }

    @BeforeEach
    void server() throws Exception {
        Files.createDirectories(data.resolve("global"));
        FileRoleStore roles = new FileRoleStore(data);
        roles.create(new RoleRecord(10, "postgres", true, true, true, true, true, true, true, -1, null, null));
        roles.create(ClientAuthenticationTest.login(16384, "scram_user", ScramSecret.create("s3cret").toString(), null));
        settings.put("ssl", "on");
        settings.put("ssl_cert_file", certs.resolve("server.crt").toString());
        settings.put("ssl_key_file", certs.resolve("server.key").toString());
        FakeQueryEngine engine = new FakeQueryEngine();
        engine.roleStore = roles;
        backend = new FakeBackendContext();
        backend.dataDirectory = data;
        backend.serverSettings = settings;
        listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> acceptLoop(engine), "tls-test-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop(FakeQueryEngine engine) {
        while (!listener.isClosed()) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                return;
            }
            Thread t = new Thread(() -> serve(s, engine), "tls-test-session");
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Socket s, FakeQueryEngine engine) {
        try (s) {
            s.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = new BufferedOutputStream(s.getOutputStream());
            ClientConnection connection = new ClientConnection() {
                @Override public InputStream input() { return in; }
                @Override public OutputStream output() { return out; }
                @Override public String remoteAddress() { return "127.0.0.1"; }
                @Override public int remotePort() { return s.getPort(); }
                @Override public BackendContext backend() { return backend; }
                @Override public QueryEngine engine() { return engine; }
                @Override public void onTermination(TerminationListener listener) { }
            };
            new PostgresProtocolHandler().serve(connection);
        } catch (IOException ignored) {
            // the client went away
        }
    }

    @AfterEach
    void stop() throws IOException {
        listener.close();
    }

    private void hba(String... lines) throws IOException {
        Files.writeString(data.resolve("tusk_hba.conf"), String.join("\n", lines) + "\n");
    }

    /** Runs psql with a conninfo string; returns exit code and output (stdout + stderr). */
    private String[] psql(String conninfo, String sql) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("psql", "-X", "-At", "-c", sql,
                conninfo + " port=" + listener.getLocalPort() + " dbname=postgres connect_timeout=10")
                .redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", "s3cret");
        pb.environment().put("HOME", data.toString()); // no ~/.postgresql of the machine's user
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "psql did not finish");
        return new String[] {String.valueOf(p.exitValue()), out};
    }

    private static void assertOk(String[] r, String expected) {
        assertEquals("0", r[0], r[1]);
        assertEquals(expected, r[1]);
    }

    @Test
    void verifyCaWithScramChannelBindingOverHostssl() throws Exception {
        hba("hostssl all scram_user 127.0.0.1/32 scram-sha-256");
        String ca = " sslrootcert=" + certs.resolve("ca.crt");
        assertOk(psql("host=127.0.0.1 user=scram_user sslmode=verify-ca channel_binding=require" + ca, "select 5"), "5");
        assertOk(psql("host=localhost user=scram_user sslmode=verify-full" + ca, "select 6"), "6");
        assertOk(psql("host=127.0.0.1 user=scram_user sslmode=require channel_binding=disable", "select 7"), "7");
        // hostssl does not match a plain connection
        String[] plain = psql("host=127.0.0.1 user=scram_user sslmode=disable", "select 1");
        assertEquals("2", plain[0], plain[1]);
        assertTrue(plain[1].contains("no pg_hba.conf entry for host \"127.0.0.1\", user \"scram_user\", "
                + "database \"postgres\", no encryption"), plain[1]);
        // a wrong password over TLS still fails as usual
        hba("hostssl all scram_user 127.0.0.1/32 scram-sha-256");
        String[] wrong = psqlWithPassword("host=127.0.0.1 user=scram_user sslmode=require", "nope");
        assertTrue(wrong[1].contains("password authentication failed for user \"scram_user\""), wrong[1]);
    }

    private String[] psqlWithPassword(String conninfo, String password) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("psql", "-X", "-At", "-c", "select 1",
                conninfo + " port=" + listener.getLocalPort() + " dbname=postgres connect_timeout=10")
                .redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", password);
        pb.environment().put("HOME", data.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return new String[] {String.valueOf(p.exitValue()), out};
    }

    @Test
    void hostnosslMatchesOnlyPlainConnections() throws Exception {
        hba("hostnossl all all 127.0.0.1/32 reject", "host all all 127.0.0.1/32 trust");
        assertOk(psql("host=127.0.0.1 user=postgres sslmode=require", "select 1"), "1");
        String[] plain = psql("host=127.0.0.1 user=postgres sslmode=disable", "select 1");
        assertTrue(plain[1].contains("pg_hba.conf rejects connection for host \"127.0.0.1\", user \"postgres\", "
                + "database \"postgres\", no encryption"), plain[1]);
        hba("hostnossl all all 127.0.0.1/32 trust");
        String[] tls = psql("host=127.0.0.1 user=postgres sslmode=require", "select 1");
        assertTrue(tls[1].contains("no pg_hba.conf entry for host \"127.0.0.1\", user \"postgres\", "
                + "database \"postgres\", SSL encryption"), tls[1]);
        // prefer (the default) falls back to... nothing: TLS is offered, so it is used and refused by the line
        assertOk(psql("host=127.0.0.1 user=postgres sslmode=disable", "select 2"), "2");
    }

    @Test
    void ecKeyAndProtocolRange() throws Exception {
        hba("host all all 127.0.0.1/32 trust");
        settings.put("ssl_cert_file", certs.resolve("ec.crt").toString());
        settings.put("ssl_key_file", certs.resolve("ec.key").toString());
        settings.put("ssl_min_protocol_version", "TLSv1.3");
        String ca = " sslrootcert=" + certs.resolve("ca.crt");
        assertOk(psql("host=localhost user=postgres sslmode=verify-full" + ca, "select 3"), "3");
        String[] old = psql("host=localhost user=postgres sslmode=require ssl_max_protocol_version=TLSv1.2", "select 3");
        assertEquals("2", old[0], old[1]);
        assertTrue(old[1].contains("SSL error"), old[1]);
    }

    @Test
    void withoutSslTheServerAnswersN() throws Exception {
        hba("host all all 127.0.0.1/32 trust");
        settings.put("ssl", "off");
        String[] r = psql("host=127.0.0.1 user=postgres sslmode=require", "select 1");
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains("server does not support SSL, but SSL was required"), r[1]);
        assertOk(psql("host=127.0.0.1 user=postgres sslmode=prefer", "select 4"), "4");
        // unusable files: logged, and the server carries on without TLS
        settings.put("ssl", "on");
        settings.put("ssl_key_file", certs.resolve("missing.key").toString());
        assertOk(psql("host=127.0.0.1 user=postgres sslmode=prefer", "select 8"), "8");
    }
}
