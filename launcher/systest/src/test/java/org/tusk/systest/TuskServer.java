package org.tusk.systest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.tusk.libpq.PgConnection;
import org.tusk.libpq.ServerUnderTest;
import org.tusk.libpq.TestCertificates;

/**
 * The Tusk cluster the client library's scenario classes run against
 * ({@code *OnTuskTest}): started once per test JVM on first use and shared by
 * those classes, stopped by a shutdown hook. Set up like libpq's RealPostgres:
 * TLS on with the {@link TestCertificates} (server certificate for
 * {@code localhost}), tusk_hba.conf trusting the superuser, md5 for
 * {@value #MD5_USER}, scram-sha-256 for {@value #SCRAM_USER}, TLS-only access
 * for {@value #SSL_ONLY_USER}, and {@code hostssl ... cert} (client
 * certificates checked against the test CA, {@code ssl_ca_file}) for the
 * certificate's user {@link TestCertificates#CLIENT_CN}.
 */
final class TuskServer implements ServerUnderTest {
    static final String MD5_USER = "md5user";
    static final String MD5_PASSWORD = "md5 secret";
    static final String SCRAM_USER = "scramuser";
    static final String SCRAM_PASSWORD = "scram-secret";
    static final String SSL_ONLY_USER = "ssluser";

    private static TuskServer instance;
    private static RuntimeException failure;

    private final Path root;
    private final TuskCluster cluster;

    private TuskServer(Path root, TuskCluster cluster) {
        this.root = root;
        this.cluster = cluster;
    }

    /** The running cluster, started on first use; a failed start fails every later caller the same way. */
    static synchronized TuskServer get() {
        if (instance == null) {
            if (failure != null) throw failure;
            Clients.require("openssl"); // skips locally, fails in CI
            try {
                instance = start();
            } catch (Exception e) {
                failure = new IllegalStateException("could not start the shared Tusk cluster", e);
                throw failure;
            }
        }
        return instance;
    }

    private static TuskServer start() throws Exception {
        Path root = Files.createTempDirectory("tusk-libpq-suite");
        Path tls = root.resolve("tls");
        TestCertificates.make(tls);
        TuskCluster cluster = TuskCluster.start(root, List.of(), "ssl=on",
                "ssl_cert_file=" + tls.resolve("server.crt"), "ssl_key_file=" + tls.resolve("server.key"),
                "ssl_ca_file=" + tls.resolve("ca.crt"));
        TuskServer server = new TuskServer(root, cluster);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "stop-shared-tusk"));
        Files.writeString(cluster.dataDir.resolve("tusk_hba.conf"), String.join("\n",
                "hostssl all " + TestCertificates.CLIENT_CN + ",certother 127.0.0.1/32 cert",
                "hostssl all " + SSL_ONLY_USER + " 127.0.0.1/32 trust",
                "host    all " + SSL_ONLY_USER + " 127.0.0.1/32 reject",
                "local   all " + MD5_USER + " md5",
                "host    all " + MD5_USER + " 127.0.0.1/32 md5",
                "local   all " + SCRAM_USER + " scram-sha-256",
                "host    all " + SCRAM_USER + " 127.0.0.1/32 scram-sha-256",
                "local   all all trust",
                "host    all all 127.0.0.1/32 trust", ""));
        // the first connection also waits out the backends' warm-up, outside any test's time limit
        try (PgConnection c = PgConnection.connect(server.socketConnInfo())) {
            c.query("set password_encryption = 'md5'");
            c.query("create role " + MD5_USER + " login password '" + MD5_PASSWORD + "'");
            c.query("set password_encryption = 'scram-sha-256'");
            c.query("create role " + SCRAM_USER + " login password '" + SCRAM_PASSWORD + "'");
            c.query("create role " + SSL_ONLY_USER + " login");
            c.query("create role " + TestCertificates.CLIENT_CN + " login");
            c.query("create role certother login");
        }
        return server;
    }

    private void stop() {
        try {
            cluster.close();
        } catch (Exception ignored) {
            // best effort at JVM exit
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp dir is harmless
        }
    }

    String log() { return cluster.log(); }

    @Override public String name() { return "Tusk"; }
    @Override public int port() { return cluster.port; }
    @Override public String socketDir() { return cluster.socketDir.toString(); }
    @Override public String superuser() { return cluster.user; }
    @Override public String md5User() { return MD5_USER; }
    @Override public String md5Password() { return MD5_PASSWORD; }
    @Override public String scramUser() { return SCRAM_USER; }
    @Override public String scramPassword() { return SCRAM_PASSWORD; }
    @Override public String sslOnlyUser() { return SSL_ONLY_USER; }
    @Override public Path caCert() { return root.resolve("tls/ca.crt"); }
    @Override public Path otherCaCert() { return root.resolve("tls/other.crt"); }
    @Override public boolean hasPgStatSsl() { return true; }

    /**
     * A session may wait for a backend JVM to start (seconds; a minute when
     * seven builds share two cores), where PostgreSQL forks in milliseconds.
     */
    @Override public Duration timeLimit() { return Duration.ofSeconds(120); }
}
