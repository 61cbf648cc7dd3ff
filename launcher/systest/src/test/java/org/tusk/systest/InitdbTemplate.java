package org.tusk.systest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One {@code tusk initdb} per test JVM for the clusters that need nothing but
 * the defaults; every further default cluster is a copy of that data
 * directory (PostgreSQL 16's test suites do the same with their initdb
 * template). A data directory holds everything a cluster is, including its
 * shared-memory file and lock file, so a copy taken while no postmaster runs
 * on the template is an independent cluster. Clusters made with initdb options
 * (authentication methods, password files) and the tests of initdb itself
 * still run initdb.
 */
final class InitdbTemplate {
    private static Path template;

    private InitdbTemplate() {
    }

    /** Creates {@code dataDir} as a fresh default cluster. */
    static synchronized void createCluster(Path dataDir) throws Exception {
        if (template == null) {
            Path root = Files.createTempDirectory("tusk-initdb-template");
            Path dir = root.resolve("data");
            TuskCluster.Result init = TuskCluster.tusk("initdb", "-D", dir.toString());
            if (init.status() != 0) {
                throw new IllegalStateException("initdb failed: " + init.output());
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
            template = dir;
        }
        copyTree(template, dataDir);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary directory; the OS cleans it up eventually
        }
    }
}
