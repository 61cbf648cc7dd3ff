package org.tusk.boot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The options shared by tusk's server commands, parsed as pg_ctl and postgres parse theirs. */
final class CommandLine {
    Path dataDir;
    String port;
    String logFile;
    String mode = "fast";
    String user;
    final List<String> settings = new ArrayList<>();
    final List<String> rest = new ArrayList<>();
    /** Backend role only: the postmaster's control socket and this backend's slot. */
    String controlSocket;
    String slot;
    /** Auxiliary processes only: startup, checkpointer. */
    String role;

    static CommandLine parse(String[] args, int from) throws ConfigException {
        CommandLine cl = new CommandLine();
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-D": case "--pgdata": cl.dataDir = Path.of(value(args, ++i, a)); break;
                case "-p": case "--port": cl.port = value(args, ++i, a); break;
                case "-l": case "--log": cl.logFile = value(args, ++i, a); break;
                case "-m": case "--mode": cl.mode = value(args, ++i, a); break;
                case "-U": case "--username": cl.user = value(args, ++i, a); break;
                case "-c": cl.settings.add(value(args, ++i, a)); break;
                case "--control": cl.controlSocket = value(args, ++i, a); break;
                case "--slot": cl.slot = value(args, ++i, a); break;
                case "--role": cl.role = value(args, ++i, a); break;
                default:
                    if (a.startsWith("-D") && a.length() > 2) cl.dataDir = Path.of(a.substring(2));
                    else if (a.startsWith("--") && a.contains("=")) cl.settings.add(a.substring(2));
                    else cl.rest.add(a);
            }
        }
        if (cl.dataDir == null && System.getenv("PGDATA") != null && !System.getenv("PGDATA").isEmpty()) {
            cl.dataDir = Path.of(System.getenv("PGDATA"));
        }
        if (cl.dataDir != null) {
            cl.dataDir = cl.dataDir.toAbsolutePath().normalize();
        }
        if (cl.port != null) {
            cl.settings.add("port=" + cl.port);
        }
        return cl;
    }

    private static String value(String[] args, int i, String option) throws ConfigException {
        if (i >= args.length) {
            throw new ConfigException("option requires an argument -- '" + option + "'");
        }
        return args[i];
    }

    Path requireDataDir(String program) throws ConfigException {
        if (dataDir == null) {
            throw new ConfigException("no database directory specified and environment variable PGDATA unset\n"
                    + "Try \"" + program + " --help\" for more information.");
        }
        return dataDir;
    }
}
