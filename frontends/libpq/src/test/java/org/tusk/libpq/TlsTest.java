package org.tusk.libpq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/**
 * sslmode, certificates and the SSLRequest negotiation, run against each
 * {@link ServerUnderTest} (ssl on, the test CA of {@link TestCertificates}):
 * {@code TlsOnPostgresTest} here, {@code TlsOnTuskTest} in launcher/systest.
 */
public abstract class TlsTest {

    /** The server these scenarios run against (may skip the test when it is not available). */
    protected abstract ServerUnderTest server();

    private String tcp(String extra) {
        return server().tcpConnInfo() + " " + extra;
    }

    /** Whether the server says this session uses TLS (the client's view where it has no pg_stat_ssl). */
    private boolean sslPerServer(PgConnection c) {
        if (!server().hasPgStatSsl()) return c.sslInUse();
        return c.query("select ssl from pg_stat_ssl where pid = pg_backend_pid()").getBoolean(0, 0);
    }

    @Test
    public void modesWithoutVerification() {
        ServerUnderTest pg = server();
        assertFalse(Files.exists(Path.of(System.getProperty("user.home"), ".postgresql", "root.crt")),
                "the tests assume no ~/.postgresql/root.crt");
        assertTimeoutPreemptively(server().timeLimit(), () -> {
            try (PgConnection c = PgConnection.connect(tcp(""))) { // default prefer
                assertTrue(c.sslInUse());
                assertTrue(sslPerServer(c));
                assertTrue(c.sslProtocol().startsWith("TLSv1."), c.sslProtocol());
            }
            for (String mode : new String[] {"require", "prefer"}) {
                try (PgConnection c = PgConnection.connect(tcp("sslmode=" + mode))) {
                    assertTrue(c.sslInUse() && sslPerServer(c), mode);
                }
            }
            for (String mode : new String[] {"disable", "allow"}) {
                try (PgConnection c = PgConnection.connect(tcp("sslmode=" + mode))) {
                    assertFalse(c.sslInUse() || sslPerServer(c), mode);
                    assertEquals(null, c.sslProtocol());
                }
            }
            // libpq never uses TLS on a Unix-domain socket, not even with sslmode=require
            try (PgConnection c = PgConnection.connect(pg.socketConnInfo() + " sslmode=require")) {
                assertFalse(c.sslInUse());
            }
            try (PgConnection c = PgConnection.connect(tcp("sslmode=require ssl_min_protocol_version=TLSv1.3"))) {
                assertEquals("TLSv1.3", c.sslProtocol());
            }
            PgError e = assertThrows(PgError.class, () -> PgConnection.connect(tcp("sslmode=sometimes")));
            assertEquals("invalid sslmode value: \"sometimes\"\n", e.libpqMessage());
        });
    }

    @Test
    public void allowRetriesWithTlsWhenThePlainConnectionIsRejected() {
        assertTimeoutPreemptively(server().timeLimit(), () -> {
            String ssluser = tcp("user=" + server().sslOnlyUser());
            try (PgConnection c = PgConnection.connect(ssluser + " sslmode=allow")) {
                assertTrue(c.sslInUse());
                assertEquals(server().sslOnlyUser(), c.query("select current_user").getString(0, 0));
            }
            PgError e = assertThrows(PgError.class, () -> PgConnection.connect(ssluser + " sslmode=disable"));
            assertEquals("28000", e.sqlState());
            assertTrue(e.libpqMessage().contains("pg_hba.conf rejects connection"), e.libpqMessage());
        });
    }

    @Test
    public void verifyCaAndVerifyFull() {
        ServerUnderTest pg = server();
        assertTimeoutPreemptively(server().timeLimit(), () -> {
            String ca = " sslrootcert=" + pg.caCert();
            try (PgConnection c = PgConnection.connect(tcp("sslmode=verify-ca" + ca))) {
                assertTrue(c.sslInUse());
            }
            // the certificate names "localhost": good with that host name (hostaddr avoids an IPv6 lookup) ...
            try (PgConnection c = PgConnection.connect(tcp("sslmode=verify-full host=localhost hostaddr=127.0.0.1" + ca))) {
                assertTrue(c.sslInUse() && sslPerServer(c));
            }
            // ... and wrong for 127.0.0.1
            String prefix = "connection to server at \"127.0.0.1\", port " + pg.port() + " failed: ";
            PgError e = assertThrows(PgError.class, () -> PgConnection.connect(tcp("sslmode=verify-full" + ca)));
            assertEquals("08001", e.sqlState());
            assertEquals(prefix + "server certificate for \"localhost\" does not match host name \"127.0.0.1\"\n", e.libpqMessage());
            // signed by another CA
            for (String mode : new String[] {"verify-ca", "verify-full", "require"}) {
                e = assertThrows(PgError.class, () -> PgConnection.connect(tcp("host=localhost hostaddr=127.0.0.1 sslmode=" + mode
                        + " sslrootcert=" + pg.otherCaCert())));
                assertTrue(e.libpqMessage().endsWith("failed: SSL error: certificate verify failed\n"), e.libpqMessage());
            }
            // no root certificate at all
            e = assertThrows(PgError.class, () -> PgConnection.connect(tcp("sslmode=verify-ca")));
            assertEquals(prefix + "root certificate file \"" + Path.of(System.getProperty("user.home"), ".postgresql", "root.crt")
                    + "\" does not exist\nEither provide the file or change sslmode to disable server certificate verification.\n",
                    e.libpqMessage());
        });
    }

    @Test
    public void clientCertificateAuthentication() {
        ServerUnderTest pg = server();
        assertTimeoutPreemptively(server().timeLimit(), () -> {
            String base = tcp("user=" + pg.certUser() + " host=localhost hostaddr=127.0.0.1 sslmode=verify-full sslrootcert="
                    + pg.caCert());
            try (PgConnection c = PgConnection.connect(base + " sslcert=" + pg.clientCert() + " sslkey=" + pg.clientKey())) {
                assertEquals(pg.certUser(), c.query("select current_user").getString(0, 0));
                if (pg.hasPgStatSsl()) {
                    PgResult r = c.query("select ssl, version, bits > 0, client_dn, issuer_dn, client_serial is not null "
                            + "from pg_stat_ssl where pid = pg_backend_pid()");
                    assertTrue(r.getBoolean(0, 0));
                    assertEquals(c.sslProtocol(), r.getString(0, 1));
                    assertTrue(r.getBoolean(0, 2));
                    assertEquals("/CN=" + pg.certUser(), r.getString(0, 3)); // PostgreSQL 15's X509_NAME_to_cstring form
                    assertEquals("/CN=tusk-test-ca", r.getString(0, 4));
                    assertTrue(r.getBoolean(0, 5));
                }
            }
            // a verified certificate whose CN is not the user's name
            PgError mismatch = assertThrows(PgError.class, () -> PgConnection.connect(base.replace("user=" + pg.certUser(),
                    "user=" + pg.certMismatchUser()) + " sslcert=" + pg.clientCert() + " sslkey=" + pg.clientKey()));
            assertEquals("28000", mismatch.sqlState());
            assertEquals("certificate authentication failed for user \"" + pg.certMismatchUser() + "\"", mismatch.getMessage());
            PgError e = assertThrows(PgError.class, () -> PgConnection.connect(base + " sslcert=/nonexistent.crt"));
            assertEquals("28000", e.sqlState());
            e = assertThrows(PgError.class, () -> PgConnection.connect(base + " sslcert=" + pg.clientCert() + " sslkey=/nonexistent.key"));
            assertTrue(e.libpqMessage().endsWith("failed: certificate present, but not private key file \"/nonexistent.key\"\n"),
                    e.libpqMessage());
        });
    }

    @Test
    public void serverWithoutTls() throws Exception {
        ServerUnderTest pg = server();
        try (NoTlsProxy proxy = new NoTlsProxy(pg.port())) {
            assertTimeoutPreemptively(server().timeLimit(), () -> {
                String base = "host=127.0.0.1 port=" + proxy.port() + " user=" + pg.superuser() + " dbname=postgres";
                for (String mode : new String[] {"require", "verify-ca", "verify-full"}) {
                    PgError e = assertThrows(PgError.class, () -> PgConnection.connect(base + " sslmode=" + mode + " sslrootcert="
                            + pg.caCert()));
                    assertEquals("08001", e.sqlState());
                    assertEquals("connection to server at \"127.0.0.1\", port " + proxy.port()
                            + " failed: server does not support SSL, but SSL was required\n", e.libpqMessage());
                }
                for (String mode : new String[] {"prefer", "allow", "disable"}) {
                    try (PgConnection c = PgConnection.connect(base + " sslmode=" + mode)) {
                        assertFalse(c.sslInUse());
                        assertEquals(1, c.query("select 1").getInt(0, 0));
                    }
                }
            });
        }
    }

    @Test
    public void cancelWorksOnATlsConnection() {
        assertTimeoutPreemptively(server().timeLimit(), () -> {
            ExecutorService ex = Executors.newSingleThreadExecutor();
            try (PgConnection c = PgConnection.connect(tcp("sslmode=require")); PgConnection watcher = PgConnection.connect(tcp(""))) {
                assertTrue(c.sslInUse());
                Future<PgError> running = ex.submit(() -> {
                    try {
                        c.query("select pg_sleep(30)");
                        return null;
                    } catch (PgError e) {
                        return e;
                    }
                });
                while (watcher.execute("select count(*) from pg_stat_activity where pid = $1 and state = 'active'", c.backendPid())
                        .getLong(0, 0) == 0) {
                    Thread.sleep(20);
                }
                c.cancel();
                assertEquals("57014", running.get().sqlState());
                assertEquals(1, c.query("select 1").getInt(0, 0));
            } finally {
                ex.shutdownNow();
            }
        });
    }

    /** A TCP proxy to the real server that answers every SSLRequest with 'N', like a server with ssl=off. */
    static final class NoTlsProxy implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "no-tls-proxy");
            t.setDaemon(true);
            return t;
        });

        NoTlsProxy(int target) throws IOException {
            pool.submit(() -> {
                while (!server.isClosed()) {
                    Socket client;
                    try {
                        client = server.accept();
                    } catch (IOException e) {
                        return null;
                    }
                    pool.submit(() -> serve(client, target));
                }
                return null;
            });
        }

        int port() { return server.getLocalPort(); }

        private Void serve(Socket client, int target) throws IOException {
            try (client; Socket up = new Socket(InetAddress.getLoopbackAddress(), target)) {
                DataInputStream in = new DataInputStream(client.getInputStream());
                byte[] packet;
                while (true) {
                    int len = in.readInt();
                    packet = new byte[len - 4];
                    in.readFully(packet);
                    if (len == 8 && ByteBuffer.wrap(packet).getInt() == 80877103) {
                        client.getOutputStream().write('N');
                        client.getOutputStream().flush();
                    } else {
                        break;
                    }
                }
                OutputStream upOut = up.getOutputStream();
                upOut.write(ByteBuffer.allocate(4).putInt(packet.length + 4).array());
                upOut.write(packet);
                upOut.flush();
                Future<?> back = pool.submit(() -> pump(up.getInputStream(), client.getOutputStream()));
                pump(in, upOut);
                back.cancel(true);
            } catch (IOException e) {
                // the client went away
            }
            return null;
        }

        private static Void pump(InputStream in, OutputStream out) {
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            server.close();
            pool.shutdownNow();
        }
    }
}
