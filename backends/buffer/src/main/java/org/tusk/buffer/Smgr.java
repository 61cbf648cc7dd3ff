package org.tusk.buffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.RelFileLocator;

/**
 * The storage manager (PostgreSQL's smgr.c over md.c): a relation fork is a
 * chain of segment files {@code <path>}, {@code <path>.1}, ... of
 * {@link #RELSEG_SIZE} blocks each (1 GB); every segment but the last is full.
 * Block numbers are unsigned 32-bit values held in ints.
 *
 * <p>Each process has its own instance and caches its own open channels
 * (PostgreSQL's per-backend md file descriptors). A process that learns that
 * a relation was dropped or truncated by another one calls {@link #forget}.
 * Thread-safe: channels are used with positional reads and writes only.
 */
public final class Smgr implements AutoCloseable {

    /** Blocks per segment file: 1 GB of 8 kB pages. */
    public static final int RELSEG_SIZE = 131072;

    private record SegmentKey(RelFileLocator locator, ForkNumber fork, int segment) {
    }

    private final Path dataDir;
    private final int blocksPerSegment;
    private final ConcurrentHashMap<SegmentKey, FileChannel> open = new ConcurrentHashMap<>();

    public Smgr(Path dataDir) {
        this(dataDir, RELSEG_SIZE);
    }

    /** For tests: segments of {@code blocksPerSegment} blocks, so that segment boundaries are cheap to reach. */
    public Smgr(Path dataDir, int blocksPerSegment) {
        if (blocksPerSegment < 1) {
            throw new IllegalArgumentException("blocksPerSegment must be positive");
        }
        this.dataDir = dataDir;
        this.blocksPerSegment = blocksPerSegment;
    }

    public Path dataDir() {
        return dataDir;
    }

    public int blocksPerSegment() {
        return blocksPerSegment;
    }

    /** The file of one segment: {@code <data>/base/<db>/<rel>[_fork][.N]}. */
    public Path segmentPath(RelFileLocator locator, ForkNumber fork, int segment) {
        String name = locator.path(fork);
        return dataDir.resolve(segment == 0 ? name : name + "." + segment);
    }

    /** mdcreate: an empty first segment (and its directory). An existing file is left alone (redo may repeat it). */
    public void create(RelFileLocator locator, ForkNumber fork) {
        Path path = segmentPath(locator, fork, 0);
        try {
            channel(locator, fork, 0, true);
        } catch (IOException e) {
            throw ioError("could not create file \"" + path + "\"", e);
        }
    }

    public boolean exists(RelFileLocator locator, ForkNumber fork) {
        return open.containsKey(new SegmentKey(locator, fork, 0)) || Files.exists(segmentPath(locator, fork, 0));
    }

    /** mdnblocks: full segments times their size plus the blocks of the first one that is not full. */
    public int nblocks(RelFileLocator locator, ForkNumber fork) {
        long total = 0;
        for (int segment = 0;; segment++) {
            FileChannel channel;
            try {
                channel = channel(locator, fork, segment, false);
            } catch (NoSuchFileException e) {
                if (segment == 0) {
                    throw PgException.error(SqlState.IO_ERROR, "could not open file \"" + relPath(locator, fork, 0)
                            + "\": No such file or directory");
                }
                return (int) total;
            } catch (IOException e) {
                throw ioError("could not open file \"" + relPath(locator, fork, segment) + "\"", e);
            }
            long blocks;
            try {
                blocks = channel.size() / Page.BLCKSZ;
            } catch (IOException e) {
                throw ioError("could not seek to end of file \"" + relPath(locator, fork, segment) + "\"", e);
            }
            total += Math.min(blocks, blocksPerSegment);
            if (blocks < blocksPerSegment) {
                return (int) total;
            }
        }
    }

    /**
     * mdextend: writes {@code page} as block {@code block}, which must be at or
     * past the current end and in the last segment or the next one (blocks in
     * between read back as zeroes; skipping a whole segment would hide the
     * later ones from {@link #nblocks}). Creates the segment file if this is
     * its first block.
     */
    public void extend(RelFileLocator locator, ForkNumber fork, int block, ByteBuffer page) {
        writeBlock(locator, fork, block, page, true, "extend");
    }

    /** mdzeroextend: writes {@code count} zero pages starting at {@code block}. */
    public void zeroExtend(RelFileLocator locator, ForkNumber fork, int block, int count) {
        ByteBuffer zero = Page.allocate();
        for (int i = 0; i < count; i++) {
            extend(locator, fork, block + i, zero);
        }
    }

    /** mdwrite: overwrites block {@code block}, whose segment file must exist. */
    public void write(RelFileLocator locator, ForkNumber fork, int block, ByteBuffer page) {
        writeBlock(locator, fork, block, page, false, "write");
    }

    /**
     * mdread: reads block {@code block} into {@code target} (8192 bytes from
     * position 0). A block past the end of the file is an error, as in
     * PostgreSQL ("could not read block ... read only 0 of 8192 bytes").
     */
    public void read(RelFileLocator locator, ForkNumber fork, int block, ByteBuffer target) {
        int segment = segmentOf(block);
        long position = positionOf(block);
        ByteBuffer dst = target.duplicate().clear().limit(Page.BLCKSZ);
        try {
            FileChannel channel = channel(locator, fork, segment, false);
            while (dst.hasRemaining()) {
                int n = channel.read(dst, position + dst.position());
                if (n < 0) {
                    break;
                }
            }
        } catch (NoSuchFileException e) {
            // a missing segment reads as a short read
        } catch (IOException e) {
            throw ioError("could not read block " + Integer.toUnsignedString(block) + " in file \""
                    + relPath(locator, fork, segment) + "\"", e);
        }
        if (dst.hasRemaining()) {
            throw PgException.error(SqlState.DATA_CORRUPTED, "could not read block " + Integer.toUnsignedString(block)
                    + " in file \"" + relPath(locator, fork, segment) + "\": read only " + dst.position() + " of "
                    + Page.BLCKSZ + " bytes");
        }
    }

    /** mdtruncate: the fork keeps its first {@code nblocks} blocks; later segments are emptied or removed. */
    public void truncate(RelFileLocator locator, ForkNumber fork, int nblocks) {
        int current = nblocks(locator, fork);
        if (Integer.compareUnsigned(nblocks, current) > 0) {
            throw PgException.error(SqlState.IO_ERROR, "could not truncate file \"" + relPath(locator, fork, 0)
                    + "\" to " + nblocks + " blocks: it's only " + current + " blocks now");
        }
        int lastSegment = current == 0 ? 0 : segmentOf(current - 1);
        for (int segment = lastSegment; segment >= 0; segment--) {
            long segmentStart = (long) segment * blocksPerSegment;
            long keep = Math.max(0, Math.min(blocksPerSegment, Integer.toUnsignedLong(nblocks) - segmentStart));
            try {
                if (keep == 0 && segment > 0) {
                    closeSegment(locator, fork, segment);
                    Files.deleteIfExists(segmentPath(locator, fork, segment));
                } else {
                    channel(locator, fork, segment, false).truncate(keep * Page.BLCKSZ);
                }
            } catch (IOException e) {
                throw ioError("could not truncate file \"" + relPath(locator, fork, segment) + "\"", e);
            }
        }
    }

    /** mdunlink: removes every segment of the fork; a missing fork is not an error. */
    public void unlink(RelFileLocator locator, ForkNumber fork) {
        forget(locator, fork);
        for (int segment = 0;; segment++) {
            try {
                if (!Files.deleteIfExists(segmentPath(locator, fork, segment))) {
                    return;   // segments are contiguous: the first missing one ends the chain
                }
            } catch (IOException e) {
                throw ioError("could not remove file \"" + relPath(locator, fork, segment) + "\"", e);
            }
        }
    }

    /** mdimmedsync: fsyncs every segment of the fork now. */
    public void immedsync(RelFileLocator locator, ForkNumber fork) {
        for (int segment = 0;; segment++) {
            if (!sync(locator, fork, segment)) {
                return;
            }
        }
    }

    /**
     * fsyncs one segment (the checkpointer's mdsyncfiletag). Returns false if
     * the file does not exist (dropped since the write: nothing to do).
     */
    public boolean sync(RelFileLocator locator, ForkNumber fork, int segment) {
        try {
            channel(locator, fork, segment, false).force(true);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw ioError("could not fsync file \"" + relPath(locator, fork, segment) + "\"", e);
        }
    }

    /** The segment number that holds {@code block}. */
    public int segmentOf(int block) {
        return (int) (Integer.toUnsignedLong(block) / blocksPerSegment);
    }

    /** Closes this process's channels of the fork (smgrclose), e.g. after another process dropped or truncated it. */
    public void forget(RelFileLocator locator, ForkNumber fork) {
        open.keySet().removeIf(key -> {
            if (key.locator().equals(locator) && key.fork() == fork) {
                closeQuietly(open.get(key));
                return true;
            }
            return false;
        });
    }

    /** {@link #forget} for every fork of the relation. */
    public void forget(RelFileLocator locator) {
        for (ForkNumber fork : ForkNumber.values()) {
            forget(locator, fork);
        }
    }

    @Override
    public void close() {
        open.values().forEach(Smgr::closeQuietly);
        open.clear();
    }

    private void writeBlock(RelFileLocator locator, ForkNumber fork, int block, ByteBuffer page, boolean create,
            String verb) {
        int segment = segmentOf(block);
        long position = positionOf(block);
        ByteBuffer src = page.duplicate().clear().limit(Page.BLCKSZ);
        try {
            FileChannel channel = channel(locator, fork, segment, create);
            while (src.hasRemaining()) {
                channel.write(src, position + src.position());
            }
        } catch (IOException e) {
            throw ioError("could not " + verb + " block " + Integer.toUnsignedString(block) + " in file \""
                    + relPath(locator, fork, segment) + "\"", e);
        }
    }

    private long positionOf(int block) {
        return Integer.toUnsignedLong(block) % blocksPerSegment * Page.BLCKSZ;
    }

    private FileChannel channel(RelFileLocator locator, ForkNumber fork, int segment, boolean create)
            throws IOException {
        SegmentKey key = new SegmentKey(locator, fork, segment);
        FileChannel channel = open.get(key);
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        Path path = segmentPath(locator, fork, segment);
        if (create) {
            // only when the file is opened: per extended block it was a mkdir and two stats (a third of
            // the system calls of pgbench -i's load)
            Files.createDirectories(path.getParent());
        }
        FileChannel opened = create
                ? FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileChannel raced = open.putIfAbsent(key, opened);
        if (raced != null && raced.isOpen()) {
            opened.close();
            return raced;
        }
        if (raced != null) {
            open.put(key, opened);
        }
        return opened;
    }

    private void closeSegment(RelFileLocator locator, ForkNumber fork, int segment) {
        closeQuietly(open.remove(new SegmentKey(locator, fork, segment)));
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a channel we no longer need cannot lose data
            }
        }
    }

    /** The segment file's path relative to the data directory, as messages show it ("base/5/16384_vm.1"). */
    public String relPath(RelFileLocator locator, ForkNumber fork, int segment) {
        String name = locator.path(fork);
        return segment == 0 ? name : name + "." + segment;
    }

    private static PgException ioError(String message, IOException cause) {
        return new PgException(org.tusk.api.error.Severity.ERROR, SqlState.IO_ERROR, message + ": " + cause.getMessage(),
                null, null, 0, cause);
    }
}
