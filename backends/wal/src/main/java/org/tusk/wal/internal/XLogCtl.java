package org.tusk.wal.internal;

import java.util.concurrent.locks.LockSupport;

import org.tusk.shmem.LWLock;
import org.tusk.shmem.ShmemArea;
import org.tusk.shmem.ShmemRequest;
import org.tusk.shmem.WaitEvent;
import org.tusk.wal.Wal;
import org.tusk.wal.WalSettings;

/**
 * The WAL's shared memory (PostgreSQL's XLogCtlData and XLogCtlInsert), in
 * the area {@value #AREA_NAME}. Layout, hot words each on a 64-byte line:
 * <pre>
 *    0  int   insertpos_lck   spinlock over the two words below
 *    8  long  CurrBytePos     where the next record will start (= LSN; no page headers)
 *   16  long  PrevBytePos     start of the last reserved record (next record's xl_prev)
 *   64  long  RedoRecPtr      redo pointer of the latest checkpoint
 *  128  long  LogwrtResult.Write   WAL before this is written to the segment files
 *  192  long  LogwrtResult.Flush   WAL before this is durable
 *  256  long  InitializedUpTo      end of the newest buffer page initialized (under WALBufMappingLock)
 *  320  long  stats: flushCalls, syncs, writes, buffersFull (get-and-add)
 *  384  long  started (1 after Wal.startAt), 392 segment size, 400 buffer pages
 *  512  NUM_INSERTION_SLOTS x 64 bytes: insertingAt (WALInsertLock.insertingAt;
 *       0 = no insertion, 1 = insertion started, position not known yet,
 *       else every byte of the holder's record below it is copied)
 * 1024  long xlblocks[pages]: end LSN of the WAL page each buffer page holds (0 = none)
 *  ...  pages x 8192 bytes of buffer pages, WAL page p in buffer page p mod pages
 * </pre>
 * LWLocks: 0..NUM_INSERTION_SLOTS-1 the insertion locks, then WALWriteLock,
 * then WALBufMappingLock. All-zero memory is "not started": {@link #start}
 * must run before any insertion.
 */
public final class XLogCtl {

    public static final String AREA_NAME = "wal";
    /** NUM_XLOGINSERT_LOCKS. */
    public static final int NUM_INSERTION_SLOTS = 8;
    static final int WAL_WRITE_LOCK = NUM_INSERTION_SLOTS;
    static final int WAL_BUF_MAPPING_LOCK = NUM_INSERTION_SLOTS + 1;
    static final int NUM_LWLOCKS = NUM_INSERTION_SLOTS + 2;

    static final long INSERTING_UNKNOWN = 1;

    private static final int OFF_INSERTPOS_LCK = 0;
    private static final int OFF_CURR_BYTE_POS = 8;
    private static final int OFF_PREV_BYTE_POS = 16;
    private static final int OFF_REDO_REC_PTR = 64;
    private static final int OFF_WRITE = 128;
    private static final int OFF_FLUSH = 192;
    private static final int OFF_INITIALIZED_UPTO = 256;
    static final int STAT_FLUSH_CALLS = 320;
    static final int STAT_SYNCS = 328;
    static final int STAT_WRITES = 336;
    static final int STAT_BUFFERS_FULL = 344;
    private static final int OFF_STARTED = 384;
    private static final int OFF_SEGMENT_SIZE = 392;
    private static final int OFF_PAGES = 400;
    private static final int OFF_SLOTS = 512;
    private static final int SLOT_STRIDE = 64;
    private static final int OFF_XLBLOCKS = OFF_SLOTS + NUM_INSERTION_SLOTS * SLOT_STRIDE;

    private final ShmemArea area;
    private final int pages;
    private final int pagesOffset;

    private XLogCtl(ShmemArea area, int pages) {
        this.area = area;
        this.pages = pages;
        this.pagesOffset = pagesOffset(pages);
        area.nameTranche(0, NUM_INSERTION_SLOTS, WaitEvent.LWLOCK_WAL_INSERT);
        area.lwlock(WAL_WRITE_LOCK).tranche(WaitEvent.LWLOCK_WAL_WRITE);
        area.lwlock(WAL_BUF_MAPPING_LOCK).tranche(WaitEvent.LWLOCK_WAL_BUF_MAPPING);
    }

    private static int pagesOffset(int pages) {
        return (int) RecordFormat.align(OFF_XLBLOCKS + 8L * pages) + Wal.PAGE_SIZE - 1 & -Wal.PAGE_SIZE;
    }

    public static ShmemRequest request(WalSettings settings) {
        int pages = settings.bufferPages();
        return new ShmemRequest(AREA_NAME, pagesOffset(pages) + (long) pages * Wal.PAGE_SIZE, NUM_LWLOCKS);
    }

    /** Wraps the area; checks it was sized for {@code settings}. */
    public static XLogCtl of(ShmemArea area, WalSettings settings) {
        ShmemRequest expected = request(settings);
        if (area.size() != expected.bytes() || area.lwlockCount() != NUM_LWLOCKS) {
            throw new IllegalStateException("shared memory area \"" + AREA_NAME + "\" does not match the WAL settings "
                    + settings + ": " + area);
        }
        return new XLogCtl(area, settings.bufferPages());
    }

    /**
     * Sets the insert, write and flush positions after recovery and maps the
     * buffer page that will receive the next record. Only the startup process,
     * before anybody inserts.
     */
    public void start(WalSettings settings, long endOfWal, long prevRecordLsn, long redo) {
        area.zero(0, area.size());
        area.putLong(OFF_CURR_BYTE_POS, endOfWal);
        area.putLong(OFF_PREV_BYTE_POS, prevRecordLsn);
        area.putLong(OFF_REDO_REC_PTR, redo);
        area.putLong(OFF_WRITE, endOfWal);
        area.putLong(OFF_FLUSH, endOfWal);
        long pageStart = pageStart(endOfWal);
        // The part of this page before endOfWal is on disk already; it stays zero here and is never written
        // from the buffer, because writes start at LogwrtResult.Write = endOfWal.
        area.putLong(xlblockOffset(bufferIndex(pageStart)), pageStart + Wal.PAGE_SIZE);
        area.putLong(OFF_INITIALIZED_UPTO, pageStart + Wal.PAGE_SIZE);
        area.putLong(OFF_SEGMENT_SIZE, settings.segmentSize());
        area.putLong(OFF_PAGES, pages);
        area.putLongVolatile(OFF_STARTED, 1);
    }

    public boolean started() {
        return area.getLongVolatile(OFF_STARTED) == 1;
    }

    public long segmentSize() {
        return area.getLongVolatile(OFF_SEGMENT_SIZE);
    }

    // --- LWLocks ---------------------------------------------------------------------

    LWLock insertionLock(int slot) {
        return area.lwlock(slot);
    }

    LWLock writeLock() {
        return area.lwlock(WAL_WRITE_LOCK);
    }

    LWLock bufMappingLock() {
        return area.lwlock(WAL_BUF_MAPPING_LOCK);
    }

    // --- insert position (ReserveXLogInsertLocation) ---------------------------------

    /**
     * Reserves {@code size} bytes at the insert position; returns {start, prev}.
     * The spinlock makes the two words move together; it is held for a few
     * instructions only, so waiting for it spins, then yields, then parks.
     */
    long[] reserve(long size) {
        lockInsertPos();
        try {
            long start = area.getLong(OFF_CURR_BYTE_POS);
            long prev = area.getLong(OFF_PREV_BYTE_POS);
            area.putLongVolatile(OFF_CURR_BYTE_POS, start + size);
            area.putLong(OFF_PREV_BYTE_POS, start);
            return new long[] {start, prev};
        } finally {
            area.putIntVolatile(OFF_INSERTPOS_LCK, 0);
        }
    }

    /** The current insert position, read under the spinlock so no half-made reservation is seen. */
    long currentInsertPosition() {
        lockInsertPos();
        try {
            return area.getLong(OFF_CURR_BYTE_POS);
        } finally {
            area.putIntVolatile(OFF_INSERTPOS_LCK, 0);
        }
    }

    long reservedUpTo() {
        return area.getLongVolatile(OFF_CURR_BYTE_POS);
    }

    private void lockInsertPos() {
        int spins = 0;
        while (!area.compareAndSetInt(OFF_INSERTPOS_LCK, 0, 1)) {
            spins++;
            if (spins < 100) {
                Thread.onSpinWait();
            } else if (spins < 200) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(10_000);
            }
        }
    }

    // --- redo pointer ----------------------------------------------------------------

    long redoRecPtr() {
        return area.getLongVolatile(OFF_REDO_REC_PTR);
    }

    void setRedoRecPtr(long redo) {
        area.putLongVolatile(OFF_REDO_REC_PTR, redo);
    }

    // --- insertion slots -------------------------------------------------------------

    long insertingAt(int slot) {
        return area.getLongVolatile(OFF_SLOTS + slot * SLOT_STRIDE);
    }

    void setInsertingAt(int slot, long value) {
        area.putLongVolatile(OFF_SLOTS + slot * SLOT_STRIDE, value);
    }

    // --- write / flush results -------------------------------------------------------

    long writtenUpTo() {
        return area.getLongVolatile(OFF_WRITE);
    }

    void setWrittenUpTo(long lsn) {
        area.putLongVolatile(OFF_WRITE, lsn);
    }

    long flushedUpTo() {
        return area.getLongVolatile(OFF_FLUSH);
    }

    void setFlushedUpTo(long lsn) {
        area.putLongVolatile(OFF_FLUSH, lsn);
    }

    long initializedUpTo() {
        return area.getLongVolatile(OFF_INITIALIZED_UPTO);
    }

    void setInitializedUpTo(long lsn) {
        area.putLongVolatile(OFF_INITIALIZED_UPTO, lsn);
    }

    // --- buffer pages ----------------------------------------------------------------

    int pages() {
        return pages;
    }

    static long pageStart(long lsn) {
        return lsn & -(long) Wal.PAGE_SIZE;
    }

    int bufferIndex(long lsn) {
        return (int) ((lsn / Wal.PAGE_SIZE) % pages);
    }

    private static int xlblockOffset(int index) {
        return OFF_XLBLOCKS + index * 8;
    }

    /** End LSN of the WAL page buffer page {@code index} holds, 0 if none yet. */
    long xlblock(int index) {
        return area.getLongVolatile(xlblockOffset(index));
    }

    void setXlblock(int index, long pageEnd) {
        area.putLongVolatile(xlblockOffset(index), pageEnd);
    }

    /** Offset in the area of byte {@code lsn} in its buffer page. */
    int bufferOffset(long lsn) {
        return pagesOffset + bufferIndex(lsn) * Wal.PAGE_SIZE + (int) (lsn % Wal.PAGE_SIZE);
    }

    void zeroPage(int index) {
        area.zero(pagesOffset + index * Wal.PAGE_SIZE, Wal.PAGE_SIZE);
    }

    ShmemArea area() {
        return area;
    }

    // --- statistics ------------------------------------------------------------------

    void count(int stat) {
        area.getAndAddLong(stat, 1);
    }

    long stat(int stat) {
        return area.getLongVolatile(stat);
    }
}
