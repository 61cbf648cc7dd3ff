package org.tusk.lmgr.internal;

/**
 * Where things are in the lock manager's shared memory area. Everything is
 * derived from maxBackends and the area's size, so that an all-zero area is a
 * valid empty lock table and no process has to initialize it:
 * <pre>
 *  header      64 bytes: free-list heads and high-water marks
 *  procs       maxBackends × 32 bytes: what each process waits for (PGPROC's waitLock ...)
 *  fast path   maxBackends × 192 bytes: each process's fast-path relation locks (PGPROC's fpRelId,
 *              fpLockBits), guarded by that process's LWLock (area LWLock 16 + procNumber)
 *  strong      1024 × 4 bytes: FastPathStrongRelationLocks (atomic counters)
 *  buckets     capacity × 4 bytes: hash chain heads (LOCK index + 1)
 *  locks       capacity × 128 bytes: LOCK objects
 *  proclocks   2 × capacity × 16 bytes: PROCLOCK objects
 * </pre>
 */
public final class LockTableLayout {

    static final int HEADER_SIZE = 64;
    static final int PROC_SIZE = 32;
    static final int BUCKET_SIZE = 4;
    static final int LOCK_SIZE = 128;
    static final int PROCLOCK_SIZE = 16;
    /** FP_LOCK_SLOTS_PER_BACKEND. */
    static final int FP_SLOTS = 16;
    /** Per process: FP_SLOTS × (database, relation) ints, then one long of mode bits (3 per slot). */
    static final int FP_PROC_SIZE = 192;
    static final int FP_MODES = FP_SLOTS * 8;
    /** FAST_PATH_STRONG_LOCK_HASH_PARTITIONS. */
    static final int FP_STRONG_PARTITIONS = 1024;
    /** PostgreSQL sizes the PROCLOCK table at twice the LOCK table. */
    static final int PROCLOCKS_PER_LOCK = 2;
    private static final int ALIGN = 64;

    // header fields
    static final int H_LOCK_FREE = 0;         // long: version << 32 | (free LOCK index + 1)
    static final int H_LOCK_HIGH_WATER = 8;   // int: LOCK entries ever handed out
    static final int H_PROCLOCK_FREE = 16;    // long
    static final int H_PROCLOCK_HIGH_WATER = 24;

    // proc fields (one per ProcSlot)
    static final int P_WAIT_LOCK = 0;         // LOCK index + 1 awaited, 0 = none
    static final int P_WAIT_PROCLOCK = 4;     // PROCLOCK index + 1 of the wait
    static final int P_WAIT_MODE = 8;         // LockMode ordinal
    static final int P_WAIT_STATUS = 12;      // see SharedLockManager.WAIT_*
    static final int P_WAIT_NEXT = 16;        // next proc in the lock's wait queue, procNumber + 1
    static final int P_WAIT_START = 24;       // long: microseconds since the epoch

    // LOCK fields
    static final int L_TYPE = 0;              // LockTagType ordinal + 1; 0 = free entry
    static final int L_FIELD1 = 4;
    static final int L_FIELD2 = 8;
    static final int L_FIELD3 = 12;
    static final int L_FIELD4 = 16;
    static final int L_HASH_NEXT = 20;        // next LOCK in the bucket, index + 1
    static final int L_GRANT_MASK = 24;
    static final int L_WAIT_MASK = 28;
    static final int L_N_REQUESTED = 32;
    static final int L_N_GRANTED = 36;
    static final int L_WAIT_HEAD = 40;        // first waiting proc, procNumber + 1
    static final int L_PROCLOCKS = 44;        // first PROCLOCK of this lock, index + 1
    static final int L_FREE_NEXT = 48;
    static final int L_REQUESTED = 52;        // int[8]
    static final int L_GRANTED = 84;          // int[8]

    // PROCLOCK fields
    static final int PL_LOCK = 0;             // LOCK index + 1; 0 = free entry
    static final int PL_PROC = 4;             // procNumber of the holder
    static final int PL_HOLD_MASK = 8;
    static final int PL_NEXT = 12;            // next PROCLOCK of the same LOCK, or next free one

    final int maxBackends;
    final int capacity;
    final int procs;
    final int fastPath;
    final int strongCounts;
    final int buckets;
    final int locks;
    final int procLocks;

    private LockTableLayout(int maxBackends, int capacity) {
        this.maxBackends = maxBackends;
        this.capacity = capacity;
        this.procs = HEADER_SIZE;
        this.fastPath = align(procs + maxBackends * PROC_SIZE);
        this.strongCounts = fastPath + maxBackends * FP_PROC_SIZE;
        this.buckets = strongCounts + FP_STRONG_PARTITIONS * 4;
        this.locks = align(buckets + capacity * BUCKET_SIZE);
        this.procLocks = locks + capacity * LOCK_SIZE;
    }

    int procLockCapacity() {
        return capacity * PROCLOCKS_PER_LOCK;
    }

    int end() {
        return procLocks + procLockCapacity() * PROCLOCK_SIZE;
    }

    /** Bytes of an area holding {@code capacity} locks for {@code maxBackends} processes. */
    public static long areaBytes(int maxBackends, long capacity) {
        if (capacity > (Integer.MAX_VALUE - fixedBytes(maxBackends)) / perLockBytes()) {
            throw new IllegalArgumentException("lock table of " + capacity + " entries is too large");
        }
        return new LockTableLayout(maxBackends, (int) capacity).end();
    }

    /** The layout of an existing area of {@code areaSize} bytes (the inverse of {@link #areaBytes}). */
    static LockTableLayout of(int maxBackends, int areaSize) {
        int fixed = (int) fixedBytes(maxBackends);
        int capacity = Math.max(0, (areaSize - fixed) / perLockBytes());
        // Alignment padding is below one entry's worth, so at most one step down is needed.
        while (capacity > 0 && new LockTableLayout(maxBackends, capacity).end() > areaSize) {
            capacity--;
        }
        if (capacity < 1) {
            throw new IllegalStateException("lock manager area of " + areaSize + " bytes is too small for "
                    + maxBackends + " backends");
        }
        return new LockTableLayout(maxBackends, capacity);
    }

    int proc(int procNumber) {
        return procs + procNumber * PROC_SIZE;
    }

    /** The fast-path slots of {@code procNumber}: slot i's database at + 8i, relation at + 8i + 4. */
    int fastPath(int procNumber) {
        return fastPath + procNumber * FP_PROC_SIZE;
    }

    int strongCount(int partition) {
        return strongCounts + partition * 4;
    }

    int bucket(int bucket) {
        return buckets + bucket * BUCKET_SIZE;
    }

    int lock(int index) {
        return locks + index * LOCK_SIZE;
    }

    int procLock(int index) {
        return procLocks + index * PROCLOCK_SIZE;
    }

    private static long fixedBytes(int maxBackends) {
        return align(HEADER_SIZE + maxBackends * PROC_SIZE) + (long) maxBackends * FP_PROC_SIZE
                + FP_STRONG_PARTITIONS * 4L;
    }

    private static int perLockBytes() {
        return BUCKET_SIZE + LOCK_SIZE + PROCLOCKS_PER_LOCK * PROCLOCK_SIZE;
    }

    private static int align(int offset) {
        return (offset + ALIGN - 1) & -ALIGN;
    }
}
