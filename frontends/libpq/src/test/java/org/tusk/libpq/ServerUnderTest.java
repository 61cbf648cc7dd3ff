package org.tusk.libpq;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The server a scenario class (PgConnectionTest, CopyNotifyAsyncTest,
 * PipelineTest, TlsTest) runs against: a real PostgreSQL 15
 * ({@link RealPostgres}) or a Tusk cluster (launcher/systest's TuskServer).
 * It says how to reach the server and which roles and TLS files it was set up
 * with; where a server legitimately answers differently from PostgreSQL the
 * scenarios ask it here instead of hard-coding PostgreSQL's answer.
 *
 * <p>Every server under test listens on 127.0.0.1 and on a Unix socket, runs
 * with TLS on (a server certificate for DNS name {@code localhost} only,
 * signed by {@link #caCert()}), trusts the superuser, and has the roles
 * {@link #md5User()} (md5 authentication), {@link #scramUser()}
 * (scram-sha-256) and {@link #sslOnlyUser()} (trusted over TLS, rejected over
 * plain TCP).
 */
public interface ServerUnderTest {

    /** For messages: "PostgreSQL 15", "Tusk". */
    String name();

    int port();

    /** The Unix socket directory (host=... for socket connections). */
    String socketDir();

    String superuser();

    /** conninfo for a Unix-socket connection as the superuser to database postgres. */
    default String socketConnInfo() {
        return "host=" + socketDir() + " port=" + port() + " user=" + superuser() + " dbname=postgres";
    }

    /** conninfo for a TCP connection to 127.0.0.1 as the superuser to database postgres. */
    default String tcpConnInfo() {
        return "host=127.0.0.1 port=" + port() + " user=" + superuser() + " dbname=postgres";
    }

    String md5User();

    String md5Password();

    String scramUser();

    String scramPassword();

    /** A role that may only connect over TLS (hostssl trust, host reject), for sslmode=allow. */
    String sslOnlyUser();

    /** The test CA's certificate (PEM) that signed the server (and client) certificates. */
    Path caCert();

    /** A second CA that signed nothing this server uses. */
    Path otherCaCert();

    /** The role that authenticates with {@link #clientCert()} ({@code hostssl ... cert}) where the server has that method. */
    default String certUser() {
        return TestCertificates.CLIENT_CN;
    }

    /** A role on a {@code hostssl ... cert} line that no test certificate names: {@link #clientCert()} must not log it in. */
    default String certMismatchUser() {
        return "certother";
    }

    default Path clientCert() {
        return caCert().resolveSibling("client.crt");
    }

    default Path clientKey() {
        return caCert().resolveSibling("client.key");
    }

    /**
     * Whether the server has the view pg_stat_ssl, so a session can ask the
     * server whether it uses TLS; without it the scenarios trust the client's view.
     */
    boolean hasPgStatSsl();

    /**
     * How long one scenario may take. PostgreSQL forks a backend in
     * milliseconds; a server whose backends are JVMs may make a connection
     * wait for one to start, much longer on a loaded machine.
     */
    default Duration timeLimit() {
        return Duration.ofSeconds(30);
    }

    /** Rows for the bulk COPY scenario: a million where COPY is fast enough for a unit test. */
    default int bulkRows() {
        return 1_000_000;
    }

    /**
     * Whether CREATE TEMP TABLE makes a session-private table. Where it does
     * not, {@link #scratchTable} makes an ordinary one, dropped first, so the
     * names the scenarios use must be unique across them.
     */
    default boolean hasTemporaryTables() {
        return true;
    }

    /** SQL (one or two statements) that creates an empty scratch table {@code name(columns)} for one scenario. */
    default String scratchTable(String name, String columns) {
        return hasTemporaryTables() ? "create temp table " + name + "(" + columns + ")"
                : "drop table if exists " + name + "; create table " + name + "(" + columns + ")";
    }
}
