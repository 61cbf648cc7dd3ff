package org.tusk.boot;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * {@code postmaster.pid}: the data directory's lock file, in PostgreSQL's
 * layout (pid, data directory, start time, port, socket directory, listen
 * address, shared memory, status). It stops a second postmaster from using
 * the same data directory; pg_ctl-style commands read it.
 */
final class PostmasterPidFile {

    static final String NAME = "postmaster.pid";
    static final int LINE_STATUS = 7;

    private PostmasterPidFile() {}

    /** Creates the lock file for this process, refusing when a live postmaster holds it. */
    static void create(Path dataDir, long startEpochSeconds, String port, String socketDir, String listenAddress, Path shmem)
            throws IOException, ConfigException {
        Path file = dataDir.resolve(NAME);
        String content = String.join("\n", List.of(
                Long.toString(ProcessHandle.current().pid()),
                dataDir.toString(),
                Long.toString(startEpochSeconds),
                port,
                socketDir,
                listenAddress,
                shmem.toString(),
                "starting")) + "\n";
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                Files.writeString(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return;
            } catch (FileAlreadyExistsException e) {
                Optional<Long> holder = readPid(dataDir);
                if (holder.isPresent() && holder.get() != ProcessHandle.current().pid() && isAlive(holder.get())) {
                    throw new ConfigException("lock file \"" + NAME + "\" already exists\nHINT:  Is another postmaster (PID "
                            + holder.get() + ") running in data directory \"" + dataDir + "\"?");
                }
                // stale: left by a postmaster that is gone (kill -9, power loss)
                Files.deleteIfExists(file);
            }
        }
        throw new ConfigException("could not create lock file \"" + file + "\"");
    }

    static Optional<List<String>> read(Path dataDir) {
        try {
            return Optional.of(Files.readAllLines(dataDir.resolve(NAME)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Optional<Long> readPid(Path dataDir) {
        return read(dataDir).filter(l -> !l.isEmpty()).flatMap(l -> {
            try {
                return Optional.of(Long.parseLong(l.get(0).strip()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    static Optional<String> readStatus(Path dataDir) {
        return read(dataDir).filter(l -> l.size() > LINE_STATUS).map(l -> l.get(LINE_STATUS).strip());
    }

    static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static void remove(Path dataDir) {
        try {
            Optional<Long> pid = readPid(dataDir);
            if (pid.isPresent() && pid.get() == ProcessHandle.current().pid()) {
                Files.deleteIfExists(dataDir.resolve(NAME));
            }
        } catch (IOException ignored) {
            // nothing to do: a stale lock file is detected and replaced at the next start
        }
    }
}
