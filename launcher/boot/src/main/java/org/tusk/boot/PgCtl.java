package org.tusk.boot;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code tusk start | stop | status}: pg_ctl's behaviour. start runs the
 * postmaster in the background (its own session, so a Ctrl-C in the starting
 * terminal does not reach it) and waits until it accepts connections.
 */
final class PgCtl {

    /** Written by stop before it signals the postmaster: the shutdown mode (smart, fast, immediate). */
    static final String SHUTDOWN_REQUEST_FILE = "postmaster.shutdown";
    private static final long WAIT_SECONDS = 60;

    private PgCtl() {}

    static int start(CommandLine cl, PrintStream out, PrintStream err) throws Exception {
        Path dataDir = cl.requireDataDir("tusk start");
        if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
            err.println("tusk start: directory \"" + dataDir + "\" is not a database cluster directory");
            return 1;
        }
        Optional<Long> running = PostmasterPidFile.readPid(dataDir);
        if (running.isPresent() && PostmasterPidFile.isAlive(running.get())) {
            err.println("tusk start: another server might be running; trying to start server anyway");
        }
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            cmd.add("/usr/bin/setsid");
        }
        cmd.addAll(Main.javaCommand(List.of()));
        cmd.add("postmaster");
        cmd.add("-D");
        cmd.add(dataDir.toString());
        for (String s : cl.settings) {
            cmd.add("-c");
            cmd.add(s);
        }
        Path log = cl.logFile != null ? Path.of(cl.logFile).toAbsolutePath() : dataDir.resolve("log/tusk.log");
        Files.createDirectories(log.getParent());
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true);
        Process p = pb.start();
        out.print("waiting for server to start...");
        out.flush();
        long deadline = System.nanoTime() + WAIT_SECONDS * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            Optional<Long> pid = PostmasterPidFile.readPid(dataDir);
            long postmasterPid = p.pid();
            // setsid execs in place, so the child's pid is the postmaster's
            if (pid.isPresent() && pid.get() == postmasterPid
                    && PostmasterPidFile.readStatus(dataDir).map("ready"::equals).orElse(false)) {
                out.println(" done");
                out.println("server started");
                return 0;
            }
            if (!p.isAlive()) {
                out.println(" stopped waiting");
                err.println("tusk start: could not start server");
                err.println("Examine the log output: " + log);
                printFatal(log, logStart, err);
                return 1;
            }
            Thread.sleep(50);
            out.print(".");
            out.flush();
        }
        out.println(" stopped waiting");
        err.println("tusk start: server did not start in time");
        return 1;
    }

    /** The reasons the postmaster gave in this start's part of the log (its FATAL, HINT and bind errors). */
    private static void printFatal(Path log, long from, PrintStream err) {
        try {
            byte[] all = Files.readAllBytes(log);
            String mine = new String(all, (int) Math.min(from, all.length), (int) (all.length - Math.min(from, all.length)),
                    java.nio.charset.StandardCharsets.UTF_8);
            for (String l : mine.split("\n")) {
                if (l.contains("FATAL") || l.contains("HINT") || l.contains("could not")) {
                    err.println("  " + l.strip());
                }
            }
        } catch (IOException ignored) {
            // the message above already names the log
        }
    }

    static int stop(CommandLine cl, PrintStream out, PrintStream err) throws Exception {
        Path dataDir = cl.requireDataDir("tusk stop");
        String mode = cl.mode;
        if (!List.of("smart", "fast", "immediate", "s", "f", "i").contains(mode)) {
            err.println("tusk stop: unrecognized shutdown mode \"" + mode + "\"");
            return 1;
        }
        mode = switch (mode.charAt(0)) { case 's' -> "smart"; case 'i' -> "immediate"; default -> "fast"; };
        Optional<Long> pid = PostmasterPidFile.readPid(dataDir);
        if (pid.isEmpty()) {
            err.println("tusk stop: PID file \"" + dataDir.resolve(PostmasterPidFile.NAME) + "\" does not exist");
            err.println("Is server running?");
            return 1;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid.get());
        if (handle.isEmpty() || !handle.get().isAlive()) {
            err.println("tusk stop: could not send stop signal (PID: " + pid.get() + "): No such process");
            return 1;
        }
        Files.writeString(dataDir.resolve(SHUTDOWN_REQUEST_FILE), mode + "\n");
        handle.get().destroy(); // SIGTERM; the postmaster reads the requested mode
        out.print("waiting for server to shut down...");
        out.flush();
        long deadline = System.nanoTime() + WAIT_SECONDS * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!handle.get().isAlive()) {
                out.println(" done");
                out.println("server stopped");
                return 0;
            }
            Thread.sleep(50);
            out.print(".");
            out.flush();
        }
        out.println(" failed");
        err.println("tusk stop: server does not shut down");
        return 1;
    }

    static int status(CommandLine cl, PrintStream out, PrintStream err) throws Exception {
        Path dataDir = cl.requireDataDir("tusk status");
        Optional<Long> pid = PostmasterPidFile.readPid(dataDir);
        if (pid.isPresent() && PostmasterPidFile.isAlive(pid.get())) {
            out.println("tusk: server is running (PID: " + pid.get() + ")");
            ProcessHandle.of(pid.get()).flatMap(h -> h.info().commandLine()).ifPresent(out::println);
            return 0;
        }
        out.println("tusk: no server running");
        return 3;
    }
}
