package org.tusk.boot;

import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * initdb's bootstrap step (PostgreSQL runs {@code postgres --boot} and then
 * single-user backends): fills the new cluster's system catalogs, so that the
 * first connection to a started cluster finds them ready instead of waiting
 * for the catalog bootstrap.
 *
 * <p>Tusk's catalogs are written through the storage core (WAL, buffers,
 * transactions), which runs inside a postmaster's children. So initdb starts a
 * private postmaster that listens only on a Unix socket in a fresh temporary
 * directory (no TCP, no autovacuum, one backend), opens one session on
 * {@code postgres} as the superuser (the engine then bootstraps the shared
 * catalogs, template1, template0 and postgres, see ClusterBootstrapper), and
 * stops it with a fast shutdown, whose checkpoint leaves a clean cluster.
 * The caller writes the real {@code tusk_hba.conf} afterwards; this step
 * runs with local trust.
 */
final class InitdbBootstrap {

    private static final long START_SECONDS = 120;
    private static final long SESSION_SECONDS = 600;
    private static final long STOP_SECONDS = 120;
    /** Any port: the socket's directory is private, and the port only names the socket file. */
    private static final int PORT = 5432;
    private static final int PROTOCOL_3_0 = 196608;

    private InitdbBootstrap() {}

    /**
     * {@code dataChecksums} goes to the bootstrap server as data_checksums,
     * which only the startup process of a cluster without pg_control reads
     * (postgres --boot -k): it records it in the new pg_control.
     */
    static void run(Path dataDir, String superuser, boolean dataChecksums, PrintStream out)
            throws IOException, InterruptedException {
        Path socketDir = Files.createTempDirectory("tusk-initdb");
        Path log = dataDir.resolve("log/initdb-bootstrap.log");
        Files.writeString(dataDir.resolve(InitdbAuth.HBA_FILE), "local all all trust\n");
        List<String> cmd = new ArrayList<>(Main.javaCommand(List.of()));
        cmd.addAll(List.of("postmaster", "-D", dataDir.toString(), "-p", Integer.toString(PORT),
                "-c", "listen_addresses=", "-c", "unix_socket_directories=" + socketDir,
                "-c", "autovacuum=off", "-c", "min_spare_backends=1", "-c", "max_spare_backends=1",
                // a private server for one script: warming its spare would only compete with the script
                "-c", "backend_warmup=off", "-c", "data_checksums=" + (dataChecksums ? "on" : "off")));
        Process postmaster = new ProcessBuilder(cmd)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .redirectErrorStream(true)
                .start();
        boolean ok = false;
        try {
            out.print("running bootstrap script ... ");
            out.flush();
            awaitReady(dataDir, postmaster, log);
            firstSession(socketDir.resolve(".s.PGSQL." + PORT), superuser);
            out.println("ok");
            ok = true;
        } finally {
            stop(dataDir, postmaster, ok);
            deleteTree(socketDir);
        }
        if (postmaster.exitValue() != 0) {
            throw new IOException("the bootstrap server exited with status " + postmaster.exitValue() + "; see " + log);
        }
        Files.deleteIfExists(log);
    }

    private static void awaitReady(Path dataDir, Process postmaster, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_SECONDS * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (PostmasterPidFile.readPid(dataDir).map(p -> p == postmaster.pid()).orElse(false)
                    && PostmasterPidFile.readStatus(dataDir).map("ready"::equals).orElse(false)) {
                return;
            }
            if (!postmaster.isAlive()) {
                throw new IOException("the bootstrap server did not start; see " + log);
            }
            Thread.sleep(50);
        }
        throw new IOException("the bootstrap server did not start in time; see " + log);
    }

    /** A v3 startup on the Unix socket, read until ReadyForQuery (catalogs bootstrapped) or an error, then Terminate. */
    private static void firstSession(Path socket, String superuser) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            byte[] params = ("user\0" + superuser + "\0database\0postgres\0\0").getBytes(StandardCharsets.UTF_8);
            ByteBuffer startup = ByteBuffer.allocate(8 + params.length);
            startup.putInt(8 + params.length).putInt(PROTOCOL_3_0).put(params).flip();
            writeFully(ch, startup);
            long deadline = System.nanoTime() + SESSION_SECONDS * 1_000_000_000L;
            while (System.nanoTime() < deadline) {
                ByteBuffer header = readFully(ch, 5);
                byte type = header.get();
                int length = header.getInt();
                ByteBuffer body = readFully(ch, length - 4);
                if (type == 'E') {
                    throw new IOException("the bootstrap session failed: " + errorText(body));
                }
                if (type == 'R' && body.getInt(0) != 0) {
                    throw new IOException("the bootstrap session was asked to authenticate");
                }
                if (type == 'Z') {
                    ByteBuffer terminate = ByteBuffer.allocate(5).put((byte) 'X').putInt(4).flip();
                    writeFully(ch, terminate);
                    return;
                }
            }
            throw new IOException("the bootstrap session did not finish in time");
        }
    }

    private static String errorText(ByteBuffer body) {
        StringBuilder sb = new StringBuilder();
        while (body.hasRemaining()) {
            byte field = body.get();
            if (field == 0) {
                break;
            }
            int start = body.position();
            while (body.get() != 0) {
                // up to the field's terminator
            }
            String value = new String(body.array(), start, body.position() - start - 1, StandardCharsets.UTF_8);
            if (field == 'M' || field == 'C') {
                sb.append(sb.length() == 0 ? "" : " ").append(value);
            }
        }
        return sb.toString();
    }

    private static void writeFully(SocketChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    private static ByteBuffer readFully(SocketChannel ch, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw new IOException("the bootstrap server closed the connection");
            }
        }
        return b.flip();
    }

    /** pg_ctl stop -m fast (or immediate after a failure): the shutdown checkpoint makes the cluster clean. */
    private static void stop(Path dataDir, Process postmaster, boolean clean) throws IOException, InterruptedException {
        if (postmaster.isAlive()) {
            Files.writeString(dataDir.resolve(PgCtl.SHUTDOWN_REQUEST_FILE), (clean ? "fast" : "immediate") + "\n");
            postmaster.destroy();
            if (!postmaster.waitFor(STOP_SECONDS, java.util.concurrent.TimeUnit.SECONDS)) {
                postmaster.destroyForcibly().waitFor();
            }
        }
        postmaster.waitFor();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
