package org.tusk.systest;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real Tusk cluster for a test: {@code tusk initdb} into a temporary
 * directory (a copy of the {@link InitdbTemplate} for its initdb options),
 * {@code tusk start} on a free port with its Unix socket in that
 * directory, and {@code tusk stop} (then a check that no process is left) at
 * the end. Everything goes through the distribution's launcher, as a user would.
 */
final class TuskCluster implements AutoCloseable {

    /** The superuser's password in the clusters of {@link #startWithScram}. */
    static final String SUPERUSER_PASSWORD = "tusk superuser pw";

    static final Path DIST = Path.of(System.getProperty("tusk.dist", "../dist/target/tusk")).toAbsolutePath().normalize();

    final Path dataDir;
    final Path socketDir;
    final int port;
    final String user = System.getProperty("user.name");
    private boolean running;
    private String[] settings = new String[0];

    private TuskCluster(Path root, int port) {
        this.dataDir = root.resolve("data");
        this.socketDir = root;
        this.port = port;
    }

    /** Creates and starts a cluster under {@code root} with extra -c settings. */
    static TuskCluster start(Path root, String... settings) throws Exception {
        return start(root, List.of(), settings);
    }

    /**
     * A cluster whose TCP connections need a password (initdb --auth-host=scram-sha-256, the socket trusted), the
     * superuser's being {@link #SUPERUSER_PASSWORD}: the classes that test authentication share its template.
     */
    static TuskCluster startWithScram(Path root, String... settings) throws Exception {
        Path pwfile = root.resolve("pwfile");
        Files.writeString(pwfile, SUPERUSER_PASSWORD + "\n");
        return start(root, List.of("--auth-host=scram-sha-256", "--auth-local=trust", "--pwfile=" + pwfile), settings);
    }

    /** Creates a cluster with extra initdb options (--auth-host=..., --pwfile=...), then starts it. */
    static TuskCluster start(Path root, List<String> initdbOptions, String... settings) throws Exception {
        TuskCluster c = new TuskCluster(root, freePort());
        InitdbTemplate.createCluster(c.dataDir, initdbOptions);
        c.settings = settings;
        c.launch();
        return c;
    }

    /** Starts the stopped cluster again on the same data directory and port. */
    void restart() throws Exception {
        launch();
    }

    private void launch() throws Exception {
        List<String> args = new ArrayList<>(List.of("start", "-D", dataDir.toString(), "-p", Integer.toString(port),
                "-c", "unix_socket_directories=" + socketDir, "-c", "listen_addresses=127.0.0.1",
                "-l", socketDir.resolve("server.log").toString(),
                // Warm-up replays a pgbench-like workload in every idle spare: on a 2-core CI machine that is
                // CPU the tests' own sessions wait for. WarmPoolTest turns it on (a later -c wins).
                "-c", "backend_warmup=off"));
        for (String s : settings) {
            args.add("-c");
            args.add(s);
        }
        Result start = tusk(args.toArray(String[]::new));
        if (start.status != 0) {
            throw new IllegalStateException("start failed: " + start.output + "\nlog:\n" + log());
        }
        running = true;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    String log() {
        try {
            return Files.readString(socketDir.resolve("server.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** Whether the log shows a shutdown checkpoint that completed (PostgreSQL's "checkpoint starting: shutdown ..." then "checkpoint complete"). */
    static boolean loggedShutdownCheckpoint(String log) {
        int start = log.indexOf("checkpoint starting: shutdown");
        return start >= 0 && log.indexOf("checkpoint complete:", start) > 0;
    }

    long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    Connection connect() throws SQLException {
        return connect(new Properties());
    }

    Connection connect(Properties extra) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("connectTimeout", "20");
        p.putAll(extra);
        return DriverManager.getConnection(jdbcUrl(), p);
    }

    /** The backend processes (children of the postmaster). */
    List<Long> backendPids() throws IOException {
        long pm = postmasterPid();
        return ProcessHandle.of(pm).map(h -> h.children().map(ProcessHandle::pid).toList()).orElse(List.of());
    }

    Result stop(String mode) throws Exception {
        Result r = tusk("stop", "-D", dataDir.toString(), "-m", mode);
        running = false;
        return r;
    }

    @Override
    public void close() throws Exception {
        if (running) {
            List<Long> pids = new ArrayList<>();
            try {
                pids.add(postmasterPid());
                pids.addAll(backendPids());
            } catch (IOException ignored) {
                // already gone
            }
            stop("immediate");
            for (long pid : pids) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    record Result(int status, String output) {}

    /** Runs {@code tusk ARGS} through the distribution's launcher. */
    static Result tusk(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (Runtime.version().feature() >= 23) {
            cmd.add("--sun-misc-unsafe-memory-access=allow"); // as ./tusk does: Felix 7 still uses sun.misc.Unsafe
        }
        cmd.addAll(List.of("-jar", DIST.resolve("tusk-boot.jar").toString()));
        cmd.addAll(List.of(args));
        return run(cmd, 120);
    }

    static Result run(List<String> cmd, long timeoutSeconds) throws Exception {
        return run(cmd, java.util.Map.of(), timeoutSeconds);
    }

    /** Runs a command with extra environment variables (PGPASSWORD for the clients). */
    static Result run(List<String> cmd, java.util.Map<String, String> env, long timeoutSeconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().remove("PGDATA");
        pb.environment().remove("PGPASSWORD");
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + cmd);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
