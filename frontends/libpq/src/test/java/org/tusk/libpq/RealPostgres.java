package org.tusk.libpq;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL 15 for tests, started once per test JVM: initdb as the OS
 * user {@value #OS_USER} (initdb refuses root) into a temporary directory, a
 * free TCP port on 127.0.0.1 and a private Unix socket directory. Trust
 * authentication, except the roles md5user (md5) and scramuser
 * (scram-sha-256). Stopped by a shutdown hook. Tests that need it are skipped
 * (with the reason) when not running as root or without the binaries.
 */
public final class RealPostgres implements ServerUnderTest {
    public static final String BIN = "/usr/lib/postgresql/15/bin";
    public static final String OS_USER = "tuskpg";
    /** The superuser initdb creates (named like the OS user, as psql's default user is the OS user). */
    public static final String SUPERUSER = OS_USER;
    public static final String MD5_USER = "md5user";
    public static final String MD5_PASSWORD = "md5 secret";
    public static final String SCRAM_USER = "scramuser";
    public static final String SCRAM_PASSWORD = "scram-secret";
    /** A role that may only connect over TLS (hostssl), for sslmode=allow. */
    public static final String SSL_ONLY_USER = "ssluser";
    /** A role that authenticates with a client certificate (hostssl ... cert). */
    public static final String CERT_USER = TestCertificates.CLIENT_CN;

    private static RealPostgres instance;
    private static String unavailable;

    private final Path dir;
    private final Path data;
    private final int port;
    private int standbyPort;

    private RealPostgres(Path dir, int port) {
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
    }

    /** The running server, starting it on first use; skips the calling test if impossible. */
    public static synchronized RealPostgres get() {
        if (instance == null && unavailable == null) {
            try {
                instance = start();
            } catch (Exception e) {
                unavailable = e.toString();
            }
        }
        assumeTrue(instance != null, () -> "real PostgreSQL 15 not available: " + unavailable);
        return instance;
    }

    @Override public String name() { return "PostgreSQL 15"; }
    @Override public int port() { return port; }
    /** The Unix socket directory (host=... for socket connections). */
    @Override public String socketDir() { return dir.toString(); }
    @Override public String superuser() { return SUPERUSER; }
    public String psql() { return BIN + "/psql"; }

    @Override public String md5User() { return MD5_USER; }
    @Override public String md5Password() { return MD5_PASSWORD; }
    @Override public String scramUser() { return SCRAM_USER; }
    @Override public String scramPassword() { return SCRAM_PASSWORD; }
    @Override public String sslOnlyUser() { return SSL_ONLY_USER; }
    @Override public boolean hasPgStatSsl() { return true; }

    /** The test CA's certificate (PEM) that signed the server and client certificates. */
    @Override public Path caCert() { return dir.resolve("tls/ca.crt"); }
    /** A second CA that signed nothing this server uses. */
    @Override public Path otherCaCert() { return dir.resolve("tls/other.crt"); }
    /** Client certificate for {@value #CERT_USER} and its PKCS#1 RSA key. */
    @Override public Path clientCert() { return dir.resolve("tls/client.crt"); }
    @Override public Path clientKey() { return dir.resolve("tls/client.key"); }

    /**
     * A hot standby streaming from this server (pg_basebackup -R), started on
     * first use on another port with the same socket directory; returns its port.
     */
    public synchronized int standbyPort() throws Exception {
        if (standbyPort == 0) {
            Path sdata = dir.resolve("standby");
            int p;
            try (ServerSocket s = new ServerSocket(0)) {
                p = s.getLocalPort();
            }
            su(BIN + "/pg_basebackup -D " + sdata + " -R -X stream -h " + dir + " -p " + port + " -U " + SUPERUSER, "pg_basebackup");
            su(BIN + "/pg_ctl -D " + sdata + " -l " + dir.resolve("standby.log") + " -w -t 60 -o \"-p " + p + " -k " + dir
                    + " -c listen_addresses=127.0.0.1\" start", "pg_ctl start standby");
            standbyPort = p;
        }
        return standbyPort;
    }

    private static RealPostgres start() throws Exception {
        String why = null;
        if (!"root".equals(System.getProperty("user.name"))) why = "tests must run as root to create the OS user " + OS_USER;
        else if (!Files.isExecutable(Path.of(BIN, "initdb"))) why = "no PostgreSQL 15 binaries in " + BIN;
        if (why != null) throw new IllegalStateException(why);
        if (run(List.of("id", OS_USER)) != 0) {
            check(run(List.of("useradd", "-m", OS_USER)), "useradd");
        }
        Path dir = Files.createTempDirectory("tusk-realpg");
        check(run(List.of("chown", OS_USER, dir.toString())), "chown");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RealPostgres pg = new RealPostgres(dir, port);
        pg.su(BIN + "/initdb -D " + pg.data + " -U " + SUPERUSER + " -A trust -E UTF8 --locale=C --no-sync", "initdb");
        pg.makeCertificates();
        String hba = String.join("\n",
                "local replication all trust",
                "hostssl all " + CERT_USER + ",certother 127.0.0.1/32 cert",
                "hostssl all " + SSL_ONLY_USER + " 127.0.0.1/32 trust",
                "host all " + SSL_ONLY_USER + " 127.0.0.1/32 reject",
                "local all " + MD5_USER + " md5",
                "host all " + MD5_USER + " 127.0.0.1/32 md5",
                "local all " + SCRAM_USER + " scram-sha-256",
                "host all " + SCRAM_USER + " 127.0.0.1/32 scram-sha-256",
                "local all all trust",
                "host all all 127.0.0.1/32 trust", "");
        Files.writeString(pg.data.resolve("pg_hba.conf"), hba);
        Runtime.getRuntime().addShutdownHook(new Thread(pg::stop, "stop-real-postgres"));
        pg.su(BIN + "/pg_ctl -D " + pg.data + " -l " + dir.resolve("log") + " -w -t 60 -o \"-p " + port + " -k " + dir
                + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40 -c ssl=on -c ssl_ca_file=ca.crt\" start",
                "pg_ctl start");
        check(run(List.of(pg.psql(), "-X", "-q", "-h", dir.toString(), "-p", Integer.toString(port), "-U", SUPERUSER,
                "-d", "postgres", "-c", "set password_encryption = 'md5'; create role " + MD5_USER + " login password '"
                        + MD5_PASSWORD + "'; set password_encryption = 'scram-sha-256'; create role " + SCRAM_USER
                        + " login password '" + SCRAM_PASSWORD + "'; create role " + SSL_ONLY_USER + " login; create role "
                        + CERT_USER + " login; create role certother login")), "create roles");
        return pg;
    }

    /** The test certificates (see {@link TestCertificates}); the server's files copied into the data directory. */
    private void makeCertificates() throws IOException, InterruptedException {
        Path tls = dir.resolve("tls");
        TestCertificates.make(tls);
        for (String f : new String[] {"server.crt", "server.key", "ca.crt"}) {
            Files.copy(tls.resolve(f), data.resolve(f));
            check(run(List.of("chown", OS_USER, data.resolve(f).toString())), "chown");
            check(run(List.of("chmod", "600", data.resolve(f).toString())), "chmod");
        }
    }

    private void stop() {
        if (standbyPort != 0) {
            try {
                su(BIN + "/pg_ctl -D " + dir.resolve("standby") + " -m immediate -w stop", "pg_ctl stop standby");
            } catch (Exception ignored) {
                // best effort at JVM exit
            }
        }
        try {
            su(BIN + "/pg_ctl -D " + data + " -m immediate -w stop", "pg_ctl stop");
        } catch (Exception ignored) {
            // best effort at JVM exit
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp dir is harmless
        }
    }

    private void su(String command, String what) throws IOException, InterruptedException {
        check(run(List.of("su", OS_USER, "-c", command)), what);
    }

    private static void check(int rc, String what) {
        if (rc != 0) throw new IllegalStateException(what + " failed with exit status " + rc);
    }

    private static int run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        if (p.exitValue() != 0) System.err.println(String.join(" ", cmd) + ": " + new String(out, StandardCharsets.UTF_8));
        return p.exitValue();
    }
}
