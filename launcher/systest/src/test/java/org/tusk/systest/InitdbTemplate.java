package org.tusk.systest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One {@code tusk initdb} per test JVM and set of initdb options; every
 * further cluster made with the same options is a copy of that data directory
 * (PostgreSQL 16's test suites do the same with their initdb template). A data
 * directory holds everything a cluster is, including its shared-memory file
 * and lock file, so a copy taken while no postmaster runs on the template is an
 * independent cluster. Options are told apart by what they mean: a
 * {@code --pwfile} by the password in the file, not by its path. The tests of
 * initdb itself still run initdb.
 */
final class InitdbTemplate {
    private static final Map<List<String>, Path> TEMPLATES = new HashMap<>();

    private InitdbTemplate() {
    }

    /** Creates {@code dataDir} as a fresh default cluster. */
    static void createCluster(Path dataDir) throws Exception {
        createCluster(dataDir, List.of());
    }

    /** Creates {@code dataDir} as {@code tusk initdb -D dataDir OPTIONS} would. */
    static synchronized void createCluster(Path dataDir, List<String> initdbOptions) throws Exception {
        List<String> key = meaning(initdbOptions);
        Path template = TEMPLATES.get(key);
        if (template == null) {
            Path root = Files.createTempDirectory("tusk-initdb-template");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
            template = root.resolve("data");
            List<String> initdb = new ArrayList<>(List.of("initdb", "-D", template.toString()));
            initdb.addAll(initdbOptions);
            TuskCluster.Result init = TuskCluster.tusk(initdb.toArray(String[]::new));
            if (init.status() != 0) {
                throw new IllegalStateException("initdb failed: " + init.output());
            }
            TEMPLATES.put(key, template);
        }
        copyTree(template, dataDir);
    }

    /** The options with each {@code --pwfile=PATH} replaced by the file's content. */
    private static List<String> meaning(List<String> initdbOptions) throws IOException {
        List<String> key = new ArrayList<>();
        for (String option : initdbOptions) {
            key.add(option.startsWith("--pwfile=")
                    ? "--pwfile content " + Files.readString(Path.of(option.substring("--pwfile=".length())))
                    : option);
        }
        return key;
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
