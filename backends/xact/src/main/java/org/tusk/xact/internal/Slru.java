package org.tusk.xact.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.shmem.LWLock;
import org.tusk.shmem.LWLockMode;
import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.ShmemArea;
import org.tusk.shmem.ShmemRequest;
import org.tusk.shmem.WaitEvent;
import org.tusk.wal.WalWriter;

/**
 * A simple LRU cache of 8 kB pages of a file-backed array (PostgreSQL's
 * slru.c), kept in a {@link ShmemArea}. Files are {@code <dir>/XXXX}, 32 pages
 * each; a page not on disk reads as zeros.
 *
 * <p>Area layout: a 64-byte header (LRU clock), a bitmap of segments written
 * since the last {@link #flush} (to know which files to fsync), one 16-byte
 * descriptor per buffer ({@code pageNo + 1} with 0 = empty, dirty flag, last
 * use), then the pages. All-zero memory is an empty cache.
 *
 * <p>One LWLock (the area's lock 0, PostgreSQL's SLRU control lock) guards
 * everything. Unlike PostgreSQL we also hold it, exclusively, across page
 * I/O: misses are rare for the commit log's access pattern, and it keeps
 * the buffer states to two (empty, valid).
 *
 * <p>WAL before data, as slru.c's group LSNs: a commit log page may hold the
 * status of a transaction whose commit record is not flushed yet (an
 * asynchronous commit, {@link #noteAsyncCommitLsn}). Written out first and
 * followed by a crash, the page would say committed for an xid that the WAL
 * never saw, which the next start could hand out again. So before any page is
 * written, the WAL is flushed up to the latest such commit record. One LSN for
 * the whole SLRU (in the header) instead of one per page group: writes are
 * rare (eviction, checkpoint) and by then the WAL is mostly flushed anyway.
 *
 * <p>Callers: {@link #lockShared}/{@link #lockExclusive}, then
 * {@link #findResident} (shared) or {@link #loadPage}/{@link #zeroPage}
 * (exclusive), read or change the bytes at {@link #pageOffset}, call
 * {@link #markDirty} after a change, and {@link #unlock}.
 */
final class Slru {

    static final int PAGE_SIZE = 8192;
    static final int PAGES_PER_SEGMENT = 32;

    private static final int HDR_CLOCK = 0;
    /** The end of the latest asynchronous commit record whose status a page holds (8 bytes, aligned). */
    private static final int HDR_ASYNC_COMMIT_LSN = 8;
    private static final int HEADER_SIZE = 64;
    private static final int DESC_SIZE = 16;
    private static final int D_PAGE_PLUS_ONE = 0;
    private static final int D_DIRTY = 4;
    private static final int D_LAST_USED = 8;

    private final String name;
    private final ShmemArea area;
    private final LWLock controlLock;
    private final ProcSlot self;
    private final Path directory;
    private final int buffers;
    private final int segments;
    private final int bitmapOffset;
    private final int descriptorsOffset;
    private final int pagesOffset;
    /** Flushes WAL before page writes ({@link #noteAsyncCommitLsn}); null for an SLRU without commit LSNs. */
    private final WalWriter wal;

    /**
     * @param waitEvent  the tranche a process sleeping on its control lock shows (XactSLRU, SubtransSLRU)
     * @param totalPages how many pages the whole array has (2^32 entries / entries per page), which
     *                   sizes the bitmap of written segments
     * @param wal        this process's WAL, flushed before a page is written while an asynchronous commit's
     *                   record may not be; null if this SLRU never holds such a status (pg_subtrans), or
     *                   for a process that makes no commits (the startup process during redo)
     */
    Slru(String name, int waitEvent, ShmemArea area, ProcSlot self, Path directory, long totalPages, WalWriter wal) {
        this.wal = wal;
        this.name = name;
        this.area = area;
        this.controlLock = area.lwlock(0).tranche(waitEvent);
        this.self = self;
        this.directory = directory;
        this.segments = segmentCount(totalPages);
        this.bitmapOffset = HEADER_SIZE;
        int bitmapBytes = align(segments / 8 + 1, 64);
        this.descriptorsOffset = bitmapOffset + bitmapBytes;
        this.buffers = (int) ((area.size() - descriptorsOffset - 64) / (DESC_SIZE + PAGE_SIZE));
        this.pagesOffset = align(descriptorsOffset + buffers * DESC_SIZE, 64);
        if (buffers < 1) {
            throw new IllegalArgumentException("shared memory area " + area.name() + " has no room for a page");
        }
    }

    /** The area an SLRU of {@code buffers} pages needs. */
    static ShmemRequest request(String areaName, int buffers, long totalPages) {
        long bitmapBytes = align(segmentCount(totalPages) / 8 + 1, 64);
        long bytes = HEADER_SIZE + bitmapBytes + 64 + (long) buffers * (DESC_SIZE + PAGE_SIZE);
        return new ShmemRequest(areaName, bytes, 1);
    }

    private static int segmentCount(long totalPages) {
        return (int) ((totalPages + PAGES_PER_SEGMENT - 1) / PAGES_PER_SEGMENT);
    }

    private static int align(int value, int alignment) {
        return (value + alignment - 1) / alignment * alignment;
    }

    int bufferCount() {
        return buffers;
    }

    Path directory() {
        return directory;
    }

    // --- locking --------------------------------------------------------------------------

    void lockShared() {
        acquire(LWLockMode.SHARED);
    }

    void lockExclusive() {
        acquire(LWLockMode.EXCLUSIVE);
    }

    private void acquire(LWLockMode mode) {
        try {
            controlLock.acquire(mode, self);
        } catch (IOException e) {
            throw new UncheckedIOException("waiting for the " + name + " SLRU lock", e);
        }
    }

    void unlock() {
        try {
            controlLock.release(self);
        } catch (IOException e) {
            throw new UncheckedIOException("waking waiters of the " + name + " SLRU lock", e);
        }
    }

    // --- buffers (lock held) -------------------------------------------------------------

    /** The buffer holding {@code pageNo}, or -1; shared lock suffices. Counts as a use. */
    int findResident(int pageNo) {
        int wanted = pageNo + 1;
        for (int b = 0; b < buffers; b++) {
            if (area.getIntVolatile(descriptor(b) + D_PAGE_PLUS_ONE) == wanted) {
                touch(b);
                return b;
            }
        }
        return -1;
    }

    /** SimpleLruReadPage: the buffer holding {@code pageNo}, read in if needed. Exclusive lock. */
    int loadPage(int pageNo, int xidForErrors) {
        int b = findResident(pageNo);
        if (b >= 0) {
            return b;
        }
        b = evictVictim(xidForErrors);
        readPage(pageNo, b, xidForErrors);
        area.putIntVolatile(descriptor(b) + D_DIRTY, 0);
        area.putIntVolatile(descriptor(b) + D_PAGE_PLUS_ONE, pageNo + 1);
        touch(b);
        return b;
    }

    /** SimpleLruZeroPage: a buffer for {@code pageNo} filled with zeros and dirty. Exclusive lock. */
    int zeroPage(int pageNo, int xidForErrors) {
        int b = findResident(pageNo);
        if (b < 0) {
            b = evictVictim(xidForErrors);
            area.putIntVolatile(descriptor(b) + D_PAGE_PLUS_ONE, pageNo + 1);
            touch(b);
        }
        area.zero(pageOffset(b), PAGE_SIZE);
        markDirty(b);
        return b;
    }

    /** Offset in the area of the page held by buffer {@code b}. */
    int pageOffset(int b) {
        return pagesOffset + b * PAGE_SIZE;
    }

    ShmemArea area() {
        return area;
    }

    void markDirty(int b) {
        area.putIntVolatile(descriptor(b) + D_DIRTY, 1);
    }

    private int descriptor(int b) {
        return descriptorsOffset + b * DESC_SIZE;
    }

    /** Racy under a shared lock, as in PostgreSQL: a lost update only makes the LRU order a bit off. */
    private void touch(int b) {
        int now = area.getAndAddInt(HDR_CLOCK, 1) + 1;
        area.putIntVolatile(descriptor(b) + D_LAST_USED, now);
    }

    /** An empty buffer, or the least recently used one after writing it out if dirty. */
    private int evictVictim(int xidForErrors) {
        int clock = area.getIntVolatile(HDR_CLOCK);
        int victim = -1;
        int victimAge = -1;
        for (int b = 0; b < buffers; b++) {
            int d = descriptor(b);
            if (area.getIntVolatile(d + D_PAGE_PLUS_ONE) == 0) {
                return b;
            }
            int age = clock - area.getIntVolatile(d + D_LAST_USED);   // wraps harmlessly
            if (age > victimAge || victim < 0) {
                victim = b;
                victimAge = age;
            }
        }
        writeIfDirty(victim, xidForErrors);
        area.putIntVolatile(descriptor(victim) + D_PAGE_PLUS_ONE, 0);
        return victim;
    }

    private void writeIfDirty(int b, int xidForErrors) {
        int d = descriptor(b);
        if (area.getIntVolatile(d + D_DIRTY) == 0) {
            return;
        }
        int pageNo = area.getIntVolatile(d + D_PAGE_PLUS_ONE) - 1;
        writePage(pageNo, b, xidForErrors);
        area.putIntVolatile(d + D_DIRTY, 0);
    }

    // --- files ----------------------------------------------------------------------------

    static String segmentName(int segment) {
        return String.format(Locale.ROOT, "%04X", segment);
    }

    private Path segmentFile(int pageNo) {
        return directory.resolve(segmentName(pageNo / PAGES_PER_SEGMENT));
    }

    private long offsetInSegment(int pageNo) {
        return (long) (pageNo % PAGES_PER_SEGMENT) * PAGE_SIZE;
    }

    private void readPage(int pageNo, int b, int xid) {
        ByteBuffer target = area.slice(pageOffset(b), PAGE_SIZE);
        Path file = segmentFile(pageNo);
        long offset = offsetInSegment(pageNo);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (target.hasRemaining()) {
                int n = channel.read(target, offset + target.position());
                if (n < 0) {
                    break;
                }
            }
        } catch (NoSuchFileException e) {
            // A page never written reads as zeros (everything IN_PROGRESS / no parent).
        } catch (IOException e) {
            throw ioError(xid, "Could not read from file \"" + relative(file) + "\" at offset " + offset, e);
        }
        while (target.hasRemaining()) {
            target.put((byte) 0);
        }
    }

    /**
     * TransactionIdAsyncCommitTree's LSN: a page is about to hold the status of a transaction whose commit
     * record ends at {@code commitLsn} and may not be flushed. Exclusive lock held (as for every write).
     */
    void noteAsyncCommitLsn(long commitLsn) {
        if (commitLsn > area.getLongVolatile(HDR_ASYNC_COMMIT_LSN)) {
            area.putLongVolatile(HDR_ASYNC_COMMIT_LSN, commitLsn);
        }
    }

    /** SlruPhysicalWritePage's XLogFlush(max_lsn): WAL before data. */
    private void flushWalOfAsyncCommits() {
        long lsn = area.getLongVolatile(HDR_ASYNC_COMMIT_LSN);
        if (lsn == 0) {
            return;
        }
        if (wal == null) {
            throw new IllegalStateException("the " + name + " SLRU holds asynchronous commits but this process"
                    + " has no WAL to flush before writing it");
        }
        wal.flush(lsn);
    }

    private void writePage(int pageNo, int b, int xid) {
        flushWalOfAsyncCommits();
        ByteBuffer source = area.slice(pageOffset(b), PAGE_SIZE);
        Path file = segmentFile(pageNo);
        long offset = offsetInSegment(pageNo);
        try {
            Files.createDirectories(directory);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                while (source.hasRemaining()) {
                    channel.write(source, offset + source.position());
                }
            }
        } catch (IOException e) {
            throw ioError(xid, "Could not write to file \"" + relative(file) + "\" at offset " + offset, e);
        }
        int segment = pageNo / PAGES_PER_SEGMENT;
        area.getAndBitwiseOrInt(bitmapOffset + segment / 32 * 4, 1 << (segment % 32));
    }

    /**
     * SimpleLruWriteAll + fsync (checkpoint): writes every dirty page, then
     * fsyncs each segment file written since the last flush, by any process
     * (fsync on any descriptor of a file flushes its dirty pages), and the
     * directory. Takes the lock exclusively.
     */
    void flush() throws IOException {
        lockExclusive();
        try {
            for (int b = 0; b < buffers; b++) {
                writeIfDirty(b, 0);
            }
            boolean any = false;
            for (int word = 0; word * 32 < segments; word++) {
                int bits = area.getIntVolatile(bitmapOffset + word * 4);
                for (int bit = 0; bits != 0 && bit < 32; bit++) {
                    if ((bits & 1 << bit) == 0) {
                        continue;
                    }
                    Path file = directory.resolve(segmentName(word * 32 + bit));
                    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        channel.force(true);
                    }
                    any = true;
                }
                area.putIntVolatile(bitmapOffset + word * 4, 0);
            }
            if (any) {
                try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
                    dir.force(true);
                }
            }
        } finally {
            unlock();
        }
    }

    /** Forgets every cached page without writing it (for pg_subtrans at startup, whose contents die with the server). */
    void discardAll() {
        lockExclusive();
        try {
            for (int b = 0; b < buffers; b++) {
                area.putIntVolatile(descriptor(b) + D_PAGE_PLUS_ONE, 0);
                area.putIntVolatile(descriptor(b) + D_DIRTY, 0);
            }
        } finally {
            unlock();
        }
    }

    private String relative(Path file) {
        Path parent = directory.getFileName();
        return parent == null ? file.toString() : parent + "/" + file.getFileName();
    }

    private static PgException ioError(int xid, String detail, IOException cause) {
        return new PgException(org.tusk.api.error.Severity.ERROR, SqlState.IO_ERROR,
                "could not access status of transaction " + Integer.toUnsignedString(xid),
                detail + ": " + cause.getMessage() + ".", null, 0, cause);
    }
}
