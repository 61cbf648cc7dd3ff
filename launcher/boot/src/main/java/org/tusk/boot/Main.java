package org.tusk.boot;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.framework.launch.Framework;

/**
 * {@code tusk}: the one command. Server administration (initdb, start, stop,
 * status), the server processes themselves (postmaster, backend), and client
 * programs (frontends such as {@code sql}) are all subcommands.
 */
public final class Main {

    /** Exit status a bundle asks for before it stops the framework (e.g. the postmaster on a FATAL start-up error). */
    static final String EXIT_STATUS_PROPERTY = "tusk.exit.status";

    private Main() {}

    public static void main(String[] args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        String command = args.length == 0 ? "" : args[0];
        int status;
        try {
            status = switch (command) {
                case "" -> QuickStart.run(out, err);
                case "initdb" -> initdb(args, out, err);
                case "start" -> PgCtl.start(CommandLine.parse(args, 1), out, err);
                case "stop" -> PgCtl.stop(CommandLine.parse(args, 1), out, err);
                case "status" -> PgCtl.status(CommandLine.parse(args, 1), out, err);
                case "postmaster" -> ServerProcess.postmaster(CommandLine.parse(args, 1), err);
                case "backend" -> ServerProcess.backend(CommandLine.parse(args, 1), err);
                case "help", "-h", "--help", "-?" -> Frontends.help(out);
                default -> Frontends.run(command, java.util.Arrays.copyOfRange(args, 1, args.length), err);
            };
        } catch (ConfigException e) {
            err.println((command.equals("postmaster") ? "FATAL:  " : "tusk " + command + ": ") + e.getMessage());
            status = 1;
        } catch (Exception e) {
            err.println("tusk " + command + ": " + e);
            status = 1;
        }
        System.exit(status);
    }

    private static int initdb(String[] args, PrintStream out, PrintStream err) throws Exception {
        CommandLine cl = CommandLine.parse(args, 1);
        Path dataDir = cl.requireDataDir("tusk initdb");
        String user = cl.user != null ? cl.user : System.getProperty("user.name");
        boolean dataChecksums = cl.rest.contains("-k") || cl.rest.contains("--data-checksums");
        return Initdb.run(dataDir, user, InitdbAuth.fromOptions(cl.settings, cl.rest), dataChecksums, out, err);
    }

    /** The command line that runs this launcher again in a new JVM, for the given JVM options. */
    static List<String> javaCommand(List<String> jvmOptions) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(runtimeOptions());
        cmd.addAll(jvmOptions);
        // -jar, not -cp: the jar's manifest carries Add-Exports for sun.nio.ch (see the postmaster's TCP handoff)
        cmd.add("-jar");
        cmd.add(Distribution.locate().bootJar().toString());
        return cmd;
    }

    /**
     * Options every Tusk JVM needs on this Java version. Felix 7 still calls
     * sun.misc.Unsafe's memory methods, which JDK 23+ warns about on stderr
     * (and that would land in front of a frontend's output); the flag does not
     * exist before 23.
     */
    public static List<String> runtimeOptions() {
        return Runtime.version().feature() >= 23 ? List.of("--sun-misc-unsafe-memory-access=allow") : List.of();
    }

    /** Waits for a framework to stop and returns the exit status its bundles asked for (0 by default). */
    static int awaitStop(Framework framework) throws InterruptedException {
        framework.waitForStop(0);
        String s = System.getProperty(EXIT_STATUS_PROPERTY, "0");
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    static long nowEpochSeconds() {
        return Instant.now().getEpochSecond();
    }


}
