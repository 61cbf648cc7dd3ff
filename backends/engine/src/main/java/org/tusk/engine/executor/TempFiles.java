package org.tusk.engine.executor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The query's temporary files (fd.c's OpenTemporaryFile): named
 * {@code pgsql_tmp<pid>.<n>} in the data directory's {@code base/pgsql_tmp}
 * (the system temp directory when there is no data directory, as in unit tests),
 * tracked so that {@link #deleteAll()} removes every one at the end of the query
 * or on error.
 */
public final class TempFiles {
    private final Path directory;
    private final int pid;
    private final List<Path> open = new ArrayList<>();
    private int counter;
    /** Told each deleted file's size (pgstat_report_tempfile, pg_stat_database's temp_files/temp_bytes). */
    private final LongConsumer deletedFileBytes;

    public TempFiles(Path directory, int pid) {
        this(directory, pid, bytes -> { });
    }

    public TempFiles(Path directory, int pid, LongConsumer deletedFileBytes) {
        this.directory = directory;
        this.pid = pid;
        this.deletedFileBytes = deletedFileBytes;
    }

    public Path directory() {
        return directory != null ? directory : Path.of(System.getProperty("java.io.tmpdir"));
    }

    public synchronized Path create() {
        try {
            Path dir = directory();
            Files.createDirectories(dir);
            Path p;
            do {
                p = dir.resolve("pgsql_tmp" + pid + "." + counter++);
            } while (Files.exists(p));
            Files.createFile(p);
            open.add(p);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("could not create temporary file", e);
        }
    }

    public synchronized void delete(Path p) {
        if (open.remove(p)) {
            try {
                // ReportTemporaryFileUsage: a file's size counts when it is deleted
                deletedFileBytes.accept(Files.exists(p) ? Files.size(p) : 0);
            } catch (IOException unreadable) {
                // not counted; the file is still deleted below
            }
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort; deleteAll retries nothing, the next start removes leftovers
            }
        }
    }

    public synchronized int openCount() {
        return open.size();
    }

    public synchronized void deleteAll() {
        if (open.isEmpty()) {
            return;   // most queries spill nothing: no copy of the list at every query's end
        }
        for (Path p : List.copyOf(open)) {
            delete(p);
        }
    }
}
