package org.tusk.boot;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code tusk} with no arguments: the newcomer's path. Creates {@code ./data}
 * (or {@code $PGDATA}) on first use, starts the server there unless it is
 * running (on {@code $PGPORT} when set), and opens the terminal monitor on it.
 */
final class QuickStart {

    private QuickStart() {}

    static int run(PrintStream out, PrintStream err) throws Exception {
        String env = System.getenv("PGDATA");
        Path dataDir = (env != null && !env.isEmpty() ? Path.of(env) : Path.of("data")).toAbsolutePath().normalize();
        String user = System.getProperty("user.name");
        if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
            int rc = Initdb.run(dataDir, user, out, err);
            if (rc != 0) {
                return rc;
            }
        }
        String port = System.getenv("PGPORT");
        CommandLine cl = CommandLine.parse(port != null && !port.isEmpty()
                ? new String[] {"-D", dataDir.toString(), "-p", port}
                : new String[] {"-D", dataDir.toString()}, 0);
        Optional<Long> pid = PostmasterPidFile.readPid(dataDir);
        if (pid.isEmpty() || !PostmasterPidFile.isAlive(pid.get())) {
            int rc = PgCtl.start(cl, out, err);
            if (rc != 0) {
                return rc;
            }
        }
        List<String> lines = PostmasterPidFile.read(dataDir).orElseThrow();
        String runningPort = lines.get(3).strip();
        String socketDir = lines.get(4).strip();
        out.println("Tusk is running in the background: data directory " + dataDir + ", port " + runningPort + ".");
        out.println("Stop it with: ./tusk stop -D " + dataDir);
        out.println();
        return Frontends.run("sql", new String[] {"-h", socketDir, "-p", runningPort, "-d", "postgres"}, err);
    }
}
