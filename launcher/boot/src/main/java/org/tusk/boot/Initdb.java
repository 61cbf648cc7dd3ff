package org.tusk.boot;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Creates a database cluster: the data directory with its version file, a
 * commented {@code tusk.conf}, and the bootstrap catalogs. Until the storage
 * layer lands, the shared catalogs are text files under {@code global/}:
 * {@code pg_database} ("oid datname") and {@code pg_authid} ("oid rolname rolsuper key=value...",
 * see FileRoleStore in tusk-api). Client authentication rules go to {@code tusk_hba.conf}
 * (see {@link InitdbAuth}). Then the system catalogs are bootstrapped
 * ({@link InitdbBootstrap}), so the first connection finds them.
 * OIDs are PostgreSQL's: template1 = 1, template0 = 4, postgres = 5, the
 * bootstrap superuser = 10.
 */
final class Initdb {

    private Initdb() {}

    static int run(Path dataDir, String superuser, PrintStream out, PrintStream err) throws IOException {
        return run(dataDir, superuser, InitdbAuth.trust(), false, out, err);
    }

    /**
     * {@code dataChecksums} is initdb's {@code -k}: pages carry checksums, for
     * good (pg_control records it; off by default, as in PostgreSQL).
     */
    static int run(Path dataDir, String superuser, InitdbAuth auth, boolean dataChecksums, PrintStream out,
            PrintStream err) throws IOException {
        if (Files.exists(dataDir)) {
            boolean empty;
            try (Stream<Path> s = Files.list(dataDir)) {
                empty = s.findAny().isEmpty();
            }
            if (!empty) {
                err.println("initdb: error: directory \"" + dataDir + "\" exists but is not empty");
                err.println("initdb: hint: If you want to create a new database system, either remove or empty the directory \""
                        + dataDir + "\" or run initdb with an argument other than \"" + dataDir + "\".");
                return 1;
            }
        }
        out.println("The files belonging to this database system will be owned by user \"" + System.getProperty("user.name") + "\".");
        out.println("The database cluster will be initialized with superuser \"" + superuser + "\".");
        out.println();
        out.println("Data page checksums are " + (dataChecksums ? "enabled." : "disabled."));
        out.println();
        out.println("creating directory " + dataDir + " ... ok");
        Files.createDirectories(dataDir);
        for (String sub : new String[] {"global", "base/1", "base/4", "base/5", "pg_wal", "log"}) {
            Files.createDirectories(dataDir.resolve(sub));
        }
        Files.writeString(dataDir.resolve("PG_VERSION"), "15\n");
        Files.writeString(dataDir.resolve("global/pg_database"), "1 template1\n4 template0\n5 postgres\n");
        Files.writeString(dataDir.resolve("global/pg_authid"), auth.superuserLine(superuser));
        Files.writeString(dataDir.resolve(ServerSettings.CONF_FILE), DEFAULT_CONF);
        out.println("creating configuration files ... ok");
        try {
            InitdbBootstrap.run(dataDir, superuser, dataChecksums, out);
        } catch (IOException | InterruptedException e) {
            out.println("failed");
            err.println("initdb: error: " + e.getMessage());
            return 1;
        }
        auth.write(dataDir);
        out.println();
        if (auth.warnTrust()) {
            err.println("initdb: warning: enabling \"trust\" authentication for local connections");
            err.println("initdb: hint: You can change this by editing " + InitdbAuth.HBA_FILE
                    + " or using the option -A, or --auth-local and --auth-host, the next time you run initdb.");
        }
        out.println("Success. You can now start the database server using:");
        out.println();
        out.println("    ./tusk start -D " + dataDir + " -l logfile");
        out.println();
        return 0;
    }

    private static final String DEFAULT_CONF = String.join("\n",
            "# Tusk configuration file (postgresql.conf syntax: name = value, # comments).",
            "# Settings given with -c on the command line override these. SHOW name prints the value in effect.",
            "",
            "#listen_addresses = 'localhost'    # comma-separated addresses, or '*'",
            "#port = 5432",
            "#unix_socket_directories = '/tmp'",
            "#max_connections = 100             # sessions; the next one gets FATAL 53300",
            "",
            "# The backend pool: warm backend processes waiting for a connection",
            "#min_spare_backends = 2",
            "#max_spare_backends = 4",
            "#spare_backend_idle_timeout = 120  # seconds an idle backend beyond max_spare_backends stays warm",
            "#backend_reuse = on                # a backend serves another session after a clean end",
            "#backend_warmup = on               # idle pooled backends replay a pgbench-like workload to compile their hot paths",
            "#max_sessions_per_backend = 10000  # then it exits and is replaced",
            "#backend_jvm_options = ''          # extra JVM options for backend processes",
            "",
            "#shared_buffers = 128MB",
            "#TimeZone = 'Etc/UTC'",
            "");
}
