package org.tusk.wal.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WAL segment files in {@code pg_wal/} (xlog.c's XLogFileInit/XLogFileOpen,
 * xlog_internal.h's XLogFileName): segment number {@code lsn / segmentSize},
 * named {@code TTTTTTTTXXXXXXXXYYYYYYYY} with timeline 1, XXXXXXXX the
 * segment number divided by segments per 4 GB and YYYYYYYY the remainder.
 */
public final class SegmentFiles {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentFiles.class);

    public static final String WAL_DIR = "pg_wal";
    public static final int TIMELINE = 1;
    private static final int ZERO_CHUNK = 256 << 10;

    private final Path walDir;
    private final int segmentSize;

    public SegmentFiles(Path dataDir, int segmentSize) {
        this.walDir = dataDir.resolve(WAL_DIR);
        this.segmentSize = segmentSize;
    }

    public Path walDir() {
        return walDir;
    }

    public int segmentSize() {
        return segmentSize;
    }

    public long segmentOf(long lsn) {
        return lsn / segmentSize;
    }

    public static String fileName(long segno, int segmentSize) {
        long perId = 0x1_0000_0000L / segmentSize;
        return String.format("%08X%08X%08X", TIMELINE, segno / perId, segno % perId);
    }

    public Path path(long segno) {
        return walDir.resolve(fileName(segno, segmentSize));
    }

    /** The segment number of a file name, or -1 if it does not name a segment of timeline 1. */
    public long parse(String name) {
        if (name.length() != 24 || !name.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) {
            return -1;
        }
        if (Long.parseLong(name.substring(0, 8), 16) != TIMELINE) {
            return -1;
        }
        long perId = 0x1_0000_0000L / segmentSize;
        long low = Long.parseLong(name.substring(16), 16);
        if (low >= perId) {
            return -1;
        }
        return Long.parseLong(name.substring(8, 16), 16) * perId + low;
    }

    /** Opens an existing segment for reading; null if there is none. */
    public FileChannel openForRead(long segno) throws IOException {
        try {
            return FileChannel.open(path(segno), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * XLogFileInit: opens segment {@code segno} for writing, creating it first
     * at full size filled with zeroes (written to a temporary file, synced,
     * then renamed into place, so a crash never leaves a short segment behind)
     * and extending a short one with zeroes. An existing full-size file (one a
     * checkpoint recycled, {@link #recycle}) is used as it is: neither zeroed
     * nor synced. Caller holds WALWriteLock, or is alone (bootstrap, startup).
     */
    public FileChannel openForWrite(long segno) throws IOException {
        Path file = path(segno);
        if (!Files.exists(file)) {
            Files.createDirectories(walDir);
            Path temp = walDir.resolve("xlogtemp." + ProcessHandle.current().pid());
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                zeroFill(channel, 0, segmentSize);
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(walDir);
            LOG.debug("created WAL segment {}", file.getFileName());
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long size = channel.size();
        if (size < segmentSize) {
            zeroFill(channel, size, segmentSize);
            channel.force(true);
        }
        return channel;
    }

    /**
     * InstallXLogFileSegment with find_free, for a segment a checkpoint no
     * longer needs (RemoveXlogFile with wal_recycle): renames segment
     * {@code oldSegno} to the lowest segment number from {@code fromSegno} on
     * that has no file, if that number is at most {@code upToSegno}, and
     * returns it; else leaves the file alone and returns -1. The file keeps
     * its old records: a writer overwrites them as it goes, and the reader
     * stops at the first one that is not the successor of the record before
     * (xl_prev, CRC), as it does at any end of WAL. The rename replaces
     * nothing, since the caller holds WALWriteLock (under which segments are
     * created, {@link #openForWrite}); the caller fsyncs the directory.
     */
    public long recycle(long oldSegno, long fromSegno, long upToSegno) throws IOException {
        for (long segno = fromSegno; segno <= upToSegno; segno++) {
            if (!Files.exists(path(segno))) {
                Files.move(path(oldSegno), path(segno), StandardCopyOption.ATOMIC_MOVE);
                return segno;
            }
        }
        return -1;
    }

    /** Writes zeroes over [from, to) of {@code channel}. */
    public static void zeroFill(FileChannel channel, long from, long to) throws IOException {
        ByteBuffer zeroes = ByteBuffer.allocateDirect((int) Math.min(ZERO_CHUNK, Math.max(1, to - from)));
        long pos = from;
        while (pos < to) {
            zeroes.clear();
            zeroes.limit((int) Math.min(zeroes.capacity(), to - pos));
            pos += channel.write(zeroes, pos);
        }
    }

    /** Segment numbers present in pg_wal, ascending. */
    public List<Long> list() throws IOException {
        List<Long> segments = new ArrayList<>();
        if (!Files.isDirectory(walDir)) {
            return segments;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(walDir)) {
            for (Path p : stream) {
                long segno = parse(p.getFileName().toString());
                if (segno >= 0) {
                    segments.add(segno);
                }
            }
        }
        segments.sort(null);
        return segments;
    }

    /** fsync of a directory, so a rename or unlink in it is durable (fsync_fname on a directory). */
    public static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debug("could not fsync directory {}: {}", dir, e.toString());
        }
    }
}
