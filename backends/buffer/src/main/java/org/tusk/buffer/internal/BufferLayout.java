package org.tusk.buffer.internal;

import org.tusk.buffer.Page;

/**
 * Where everything of the shared buffer pool lives inside its {@code ShmemArea}
 * ("tusk.buffers"), all derived from the number of buffers, which itself is
 * recovered from the area's LWLock count so that attaching needs no
 * configuration. All-zero memory is the valid empty pool.
 *
 * <pre>
 * control lines (128 bytes)    clock hand, data checksums flag, fsync queue count / overflow / cycle,
 *                              allocations since the bgwriter's last round; then the pg_stat_bgwriter counters
 * descriptors  nBuffers x 64   state word, tag (spc, db, rel, fork, block), mapping chain link, content lock
 * buckets      nBuckets x 4    mapping hash table heads: buffer id + 1, 0 = empty
 * fsync queue  capacity x 32   (spc, db, rel, fork, segment)
 * pages        nBuffers x 8192 (8 kB aligned within the area)
 * </pre>
 *
 * LWLocks of the area's tranche: one I/O lock per buffer, {@link
 * #NUM_BUFFER_PARTITIONS} mapping partition locks, {@link #NUM_EXTENSION_LOCKS}
 * relation extension locks, one fsync queue lock. A buffer's content lock is
 * not in the tranche but in its descriptor ({@link #D_CONTENT_LOCK}, as
 * PostgreSQL keeps content_lock inside BufferDesc): a buffer access pins (CAS
 * on the state word) and then locks, and with both on one cache line a page
 * nobody touched lately costs one miss instead of two.
 */
public final class BufferLayout {

    public static final String AREA_NAME = "tusk.buffers";
    public static final int NUM_BUFFER_PARTITIONS = 128;
    public static final int NUM_EXTENSION_LOCKS = 16;
    private static final int FIXED_LWLOCKS = NUM_BUFFER_PARTITIONS + NUM_EXTENSION_LOCKS + 1;
    /** LWLocks of the tranche per buffer: its I/O lock. */
    private static final int LWLOCKS_PER_BUFFER = 1;

    // control line: what backends touch (the clock hand on every victim search)
    public static final int CTL_CLOCK_HAND = 0;
    /** pg_control's data_checksum_version, published by the startup process: 1 = pages carry checksums. */
    public static final int CTL_DATA_CHECKSUMS = 4;
    public static final int CTL_FSYNC_COUNT = 8;
    public static final int CTL_FSYNC_OVERFLOW = 12;
    public static final int CTL_FSYNC_CYCLE = 16;
    /** StrategyControl's numBufferAllocs: clock-sweep allocations since the bgwriter's last StrategySyncStart. */
    public static final int CTL_NUM_BUFFER_ALLOCS = 20;
    // second line: pg_stat_bgwriter's cumulative counters (longs), apart from the hand's line
    public static final int CTL_BUFFERS_ALLOC = 64;
    public static final int CTL_BUFFERS_CLEAN = 72;
    public static final int CTL_MAXWRITTEN_CLEAN = 80;
    public static final int CTL_BUFFERS_BACKEND = 88;
    public static final int CTL_BUFFERS_CHECKPOINT = 96;
    private static final int CONTROL_SIZE = 128;

    // descriptor fields
    public static final int DESC_SIZE = 64;
    public static final int D_STATE = 0;
    public static final int D_SPC = 4;
    public static final int D_DB = 8;
    public static final int D_REL = 12;
    public static final int D_FORK = 16;
    public static final int D_BLOCK = 20;
    public static final int D_HASH_NEXT = 24;
    /** The content lock's words ({@link org.tusk.shmem.ShmemArea#embeddedLWLock}), 4-aligned, inside the line. */
    public static final int D_CONTENT_LOCK = 32;

    public static final int FSYNC_ENTRY_SIZE = 32;

    public final int nBuffers;
    public final int nBuckets;
    public final int fsyncCapacity;
    public final int descriptors;
    public final int buckets;
    public final int fsyncQueue;
    public final int pages;
    public final long areaSize;

    public BufferLayout(int nBuffers) {
        if (nBuffers < 16) {
            throw new IllegalArgumentException("shared_buffers must be at least 16 buffers: " + nBuffers);
        }
        this.nBuffers = nBuffers;
        this.nBuckets = Math.max(NUM_BUFFER_PARTITIONS, Integer.highestOneBit(nBuffers * 2 - 1) << 1);
        this.fsyncCapacity = Math.max(64, Math.min(nBuffers, 1024));
        this.descriptors = CONTROL_SIZE;
        this.buckets = descriptors + nBuffers * DESC_SIZE;
        this.fsyncQueue = buckets + nBuckets * Integer.BYTES;
        long pagesAt = align(fsyncQueue + (long) fsyncCapacity * FSYNC_ENTRY_SIZE, Page.BLCKSZ);
        this.areaSize = pagesAt + (long) nBuffers * Page.BLCKSZ;
        if (areaSize > Integer.MAX_VALUE - (1 << 20)) {
            throw new IllegalArgumentException("shared_buffers too large: " + nBuffers + " buffers");
        }
        this.pages = (int) pagesAt;
    }

    public static int lwlockCount(int nBuffers) {
        return LWLOCKS_PER_BUFFER * nBuffers + FIXED_LWLOCKS;
    }

    /** Inverse of {@link #lwlockCount}: what attach uses to learn the pool size. */
    public static int nBuffersFromLWLockCount(int lwlocks) {
        int n = (lwlocks - FIXED_LWLOCKS) / LWLOCKS_PER_BUFFER;
        if (n < 16 || lwlockCount(n) != lwlocks) {
            throw new IllegalStateException("area " + AREA_NAME + " has " + lwlocks + " LWLocks, which fits no pool size");
        }
        return n;
    }

    public int descriptor(int bufferId) {
        return descriptors + bufferId * DESC_SIZE;
    }

    public int page(int bufferId) {
        return pages + bufferId * Page.BLCKSZ;
    }

    public int bucket(int index) {
        return buckets + index * Integer.BYTES;
    }

    public int fsyncEntry(int index) {
        return fsyncQueue + index * FSYNC_ENTRY_SIZE;
    }

    /** Where buffer {@code bufferId}'s content lock lies in the area: inside its descriptor. */
    public int contentLock(int bufferId) {
        return descriptor(bufferId) + D_CONTENT_LOCK;
    }

    public int ioLock(int bufferId) {
        return bufferId;
    }

    public int partitionLock(int partition) {
        return nBuffers + partition;
    }

    public int extensionLock(int index) {
        return nBuffers + NUM_BUFFER_PARTITIONS + index;
    }

    public int fsyncQueueLock() {
        return nBuffers + NUM_BUFFER_PARTITIONS + NUM_EXTENSION_LOCKS;
    }

    private static long align(long value, int alignment) {
        return (value + alignment - 1) / alignment * alignment;
    }
}
