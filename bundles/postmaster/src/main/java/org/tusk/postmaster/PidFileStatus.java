package org.tusk.postmaster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Updates the status line (the 8th) of {@code postmaster.pid}, which the
 * launcher created: {@code tusk start} waits for "ready", as pg_ctl does.
 */
final class PidFileStatus {

    private static final int STATUS_LINE = 7;

    private PidFileStatus() {}

    static void markReady(Path dataDir) {
        mark(dataDir, "ready");
    }

    static void mark(Path dataDir, String status) {
        Path file = dataDir.resolve("postmaster.pid");
        try {
            List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
            while (lines.size() <= STATUS_LINE) lines.add("");
            lines.set(STATUS_LINE, status);
            Path tmp = file.resolveSibling("postmaster.pid.tmp");
            Files.writeString(tmp, String.join("\n", lines) + "\n");
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(PidFileStatus.class).warn("could not update postmaster.pid: {}", e.getMessage());
        }
    }
}
