package org.tusk.systest;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

import org.opentest4j.TestAbortedException;

/**
 * Locates the real client programs the compatibility tests drive (psql,
 * pgbench, node). Missing ones skip the test on a developer machine, but fail
 * it in CI, where {@code TUSK_REQUIRE_CLIENTS} is set.
 */
final class Clients {

    private Clients() {}

    static String require(String program) {
        for (String dir : new String[] {"/usr/lib/postgresql/15/bin", "/usr/bin", "/usr/local/bin"}) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        if (System.getenv("TUSK_REQUIRE_CLIENTS") != null) {
            fail(program + " is required but not installed");
        }
        throw new TestAbortedException(program + " is not installed");
    }

    /** The node-postgres test script, with its node_modules installed by .ci/run (npm install). */
    static Path nodeScript() {
        Path dir = Path.of(System.getProperty("tusk.repo", "../..")).resolve("launcher/systest/node").toAbsolutePath().normalize();
        if (!Files.isDirectory(dir.resolve("node_modules/pg"))) {
            if (System.getenv("TUSK_REQUIRE_CLIENTS") != null) {
                fail("node-postgres is not installed: run npm install in " + dir);
            }
            throw new TestAbortedException("node-postgres is not installed (npm install in " + dir + ")");
        }
        return dir.resolve("query.js");
    }
}
