package org.tusk.lmgr.internal;

import static org.tusk.lmgr.internal.LockTableLayout.*;

import org.tusk.lmgr.LockMode;
import org.tusk.lmgr.LockTag;
import org.tusk.lmgr.LockTagType;
import org.tusk.shmem.LWLock;
import org.tusk.shmem.ShmemArea;
import org.tusk.shmem.WaitEvent;

/**
 * The shared lock table (lock.c's LockMethodLockHash and
 * LockMethodProcLockHash, plus the wait fields of each PGPROC), accessed by
 * offset in the lmgr area. Entry numbers are plain indexes; links store
 * index + 1 so that zero means "none" and zeroed memory is an empty table.
 *
 * <p>Locking: a LOCK, its PROCLOCKs, its wait queue and the wait fields of
 * the processes queued on it are read and written only under the LWLock of
 * the LOCK's partition (bucket mod 16; the deadlock detector and pg_locks
 * take all sixteen). The free lists are shared by all partitions and are
 * lock-free stacks with a version counter against ABA. A waiter polls its own
 * wait status without the lock, so that field is accessed volatile.
 */
final class LockTable {

    static final int NUM_PARTITIONS = 16;

    private final ShmemArea area;
    private final LockTableLayout layout;

    LockTable(ShmemArea area, int maxBackends) {
        this.area = area;
        this.layout = LockTableLayout.of(maxBackends, area.size());
        if (area.lwlockCount() < NUM_PARTITIONS) {
            throw new IllegalStateException("lock manager area has " + area.lwlockCount() + " LWLocks, needs "
                    + NUM_PARTITIONS);
        }
        area.nameTranche(0, NUM_PARTITIONS, WaitEvent.LWLOCK_LOCK_MANAGER);
    }

    LockTableLayout layout() {
        return layout;
    }

    int capacity() {
        return layout.capacity;
    }

    int bucketCount() {
        return layout.capacity;
    }

    // --- hashing and partitions ---------------------------------------------------------

    int bucketOf(LockTag tag) {
        int h = tag.type().ordinal() * 0x9E3779B9;
        h = (h ^ tag.field1()) * 0x85EBCA6B;
        h = (h ^ tag.field2()) * 0xC2B2AE35;
        h = (h ^ tag.field3()) * 0x85EBCA6B;
        h = (h ^ tag.field4()) * 0xC2B2AE35;
        h ^= h >>> 16;
        return Integer.remainderUnsigned(h, bucketCount());
    }

    static int partitionOfBucket(int bucket) {
        return bucket % NUM_PARTITIONS;
    }

    LWLock partitionLock(int partition) {
        return area.lwlock(partition);
    }

    // --- LOCK objects ---------------------------------------------------------------------

    /** The LOCK for {@code tag} in {@code bucket}, or -1. */
    int findLock(LockTag tag, int bucket) {
        for (int link = area.getInt(layout.bucket(bucket)); link != 0; link = lockInt(link - 1, L_HASH_NEXT)) {
            int lock = link - 1;
            if (tagEquals(lock, tag)) {
                return lock;
            }
        }
        return -1;
    }

    /** A new, empty LOCK for {@code tag} linked into {@code bucket}, or -1 when the table is full. */
    int createLock(LockTag tag, int bucket) {
        int lock = allocate(H_LOCK_FREE, H_LOCK_HIGH_WATER, layout.capacity, true);
        if (lock < 0) {
            return -1;
        }
        int base = layout.lock(lock);
        area.zero(base, LOCK_SIZE);
        area.putInt(base + L_FIELD1, tag.field1());
        area.putInt(base + L_FIELD2, tag.field2());
        area.putInt(base + L_FIELD3, tag.field3());
        area.putInt(base + L_FIELD4, tag.field4());
        area.putInt(base + L_TYPE, tag.type().ordinal() + 1);
        area.putInt(base + L_HASH_NEXT, area.getInt(layout.bucket(bucket)));
        area.putInt(layout.bucket(bucket), lock + 1);
        return lock;
    }

    /** Unlinks an unused LOCK from its bucket and frees it. */
    void removeLock(int lock, int bucket) {
        int previous = 0;
        int link = area.getInt(layout.bucket(bucket));
        while (link != 0 && link != lock + 1) {
            previous = link;
            link = lockInt(link - 1, L_HASH_NEXT);
        }
        if (link == 0) {
            throw new IllegalStateException("lock table corrupted: LOCK " + lock + " not in bucket " + bucket);
        }
        int next = lockInt(lock, L_HASH_NEXT);
        if (previous == 0) {
            area.putInt(layout.bucket(bucket), next);
        } else {
            setLockInt(previous - 1, L_HASH_NEXT, next);
        }
        area.zero(layout.lock(lock), LOCK_SIZE);
        free(H_LOCK_FREE, lock, layout.lock(lock) + L_FREE_NEXT);
    }

    /** First LOCK of {@code bucket}, or -1; then {@link #nextInBucket}. */
    int firstInBucket(int bucket) {
        return area.getInt(layout.bucket(bucket)) - 1;
    }

    int nextInBucket(int lock) {
        return lockInt(lock, L_HASH_NEXT) - 1;
    }

    LockTag tagOf(int lock) {
        int base = layout.lock(lock);
        return new LockTag(LockTagType.ofOrdinal(area.getInt(base + L_TYPE) - 1), area.getInt(base + L_FIELD1),
                area.getInt(base + L_FIELD2), area.getInt(base + L_FIELD3), area.getInt(base + L_FIELD4));
    }

    private boolean tagEquals(int lock, LockTag tag) {
        int base = layout.lock(lock);
        return area.getInt(base + L_TYPE) == tag.type().ordinal() + 1 && area.getInt(base + L_FIELD1) == tag.field1()
                && area.getInt(base + L_FIELD2) == tag.field2() && area.getInt(base + L_FIELD3) == tag.field3()
                && area.getInt(base + L_FIELD4) == tag.field4();
    }

    int lockInt(int lock, int field) {
        return area.getInt(layout.lock(lock) + field);
    }

    void setLockInt(int lock, int field, int value) {
        area.putInt(layout.lock(lock) + field, value);
    }

    int requested(int lock, LockMode mode) {
        return lockInt(lock, L_REQUESTED + 4 * mode.ordinal());
    }

    int granted(int lock, LockMode mode) {
        return lockInt(lock, L_GRANTED + 4 * mode.ordinal());
    }

    private void addTo(int lock, int field, int delta) {
        setLockInt(lock, field, lockInt(lock, field) + delta);
    }

    /** A process asks for {@code mode}: counted before it is granted or queued. */
    void addRequest(int lock, LockMode mode) {
        addTo(lock, L_N_REQUESTED, 1);
        addTo(lock, L_REQUESTED + 4 * mode.ordinal(), 1);
    }

    /** Withdraws a request that was never granted (a dontWait miss or an abandoned wait). */
    void removeRequest(int lock, LockMode mode) {
        addTo(lock, L_N_REQUESTED, -1);
        addTo(lock, L_REQUESTED + 4 * mode.ordinal(), -1);
        if (granted(lock, mode) == requested(lock, mode)) {
            setLockInt(lock, L_WAIT_MASK, lockInt(lock, L_WAIT_MASK) & ~mode.bit());
        }
    }

    /** GrantLock: records the grant of a counted request. */
    void grant(int lock, int procLock, LockMode mode) {
        addTo(lock, L_N_GRANTED, 1);
        addTo(lock, L_GRANTED + 4 * mode.ordinal(), 1);
        setLockInt(lock, L_GRANT_MASK, lockInt(lock, L_GRANT_MASK) | mode.bit());
        if (granted(lock, mode) == requested(lock, mode)) {
            setLockInt(lock, L_WAIT_MASK, lockInt(lock, L_WAIT_MASK) & ~mode.bit());
        }
        setProcLockInt(procLock, PL_HOLD_MASK, procLockInt(procLock, PL_HOLD_MASK) | mode.bit());
    }

    /** UnGrantLock: takes back a grant and its request; returns whether waiters may now be grantable. */
    boolean ungrant(int lock, int procLock, LockMode mode) {
        addTo(lock, L_N_REQUESTED, -1);
        addTo(lock, L_REQUESTED + 4 * mode.ordinal(), -1);
        addTo(lock, L_N_GRANTED, -1);
        addTo(lock, L_GRANTED + 4 * mode.ordinal(), -1);
        if (granted(lock, mode) == 0) {
            setLockInt(lock, L_GRANT_MASK, lockInt(lock, L_GRANT_MASK) & ~mode.bit());
        }
        if (granted(lock, mode) == requested(lock, mode)) {
            setLockInt(lock, L_WAIT_MASK, lockInt(lock, L_WAIT_MASK) & ~mode.bit());
        }
        setProcLockInt(procLock, PL_HOLD_MASK, procLockInt(procLock, PL_HOLD_MASK) & ~mode.bit());
        return (mode.conflictMask() & lockInt(lock, L_WAIT_MASK)) != 0;
    }

    /**
     * LockCheckConflicts: whether {@code mode} conflicts with a mode granted to
     * some process other than the one holding {@code myHoldMask} (a process
     * never conflicts with itself).
     */
    boolean conflictsWithOthers(int lock, LockMode mode, int myHoldMask) {
        int conflicts = mode.conflictMask();
        if ((conflicts & lockInt(lock, L_GRANT_MASK)) == 0) {
            return false;
        }
        for (int m = 0; m < 8; m++) {
            int bit = 1 << m;
            if ((conflicts & bit) != 0) {
                int others = lockInt(lock, L_GRANTED + 4 * m) - ((myHoldMask & bit) != 0 ? 1 : 0);
                if (others > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    // --- PROCLOCK objects -----------------------------------------------------------------

    /** The PROCLOCK of {@code procNumber} on {@code lock}, or -1. */
    int findProcLock(int lock, int procNumber) {
        for (int pl = firstProcLock(lock); pl >= 0; pl = nextProcLock(pl)) {
            if (procLockInt(pl, PL_PROC) == procNumber) {
                return pl;
            }
        }
        return -1;
    }

    /** A new PROCLOCK (holding nothing) of {@code procNumber} on {@code lock}, or -1 when full. */
    int createProcLock(int lock, int procNumber) {
        int pl = allocate(H_PROCLOCK_FREE, H_PROCLOCK_HIGH_WATER, layout.procLockCapacity(), false);
        if (pl < 0) {
            return -1;
        }
        setProcLockInt(pl, PL_PROC, procNumber);
        setProcLockInt(pl, PL_HOLD_MASK, 0);
        setProcLockInt(pl, PL_NEXT, lockInt(lock, L_PROCLOCKS));
        setProcLockInt(pl, PL_LOCK, lock + 1);
        setLockInt(lock, L_PROCLOCKS, pl + 1);
        return pl;
    }

    void removeProcLock(int lock, int procLock) {
        int previous = 0;
        int link = lockInt(lock, L_PROCLOCKS);
        while (link != 0 && link != procLock + 1) {
            previous = link;
            link = procLockInt(link - 1, PL_NEXT);
        }
        if (link == 0) {
            throw new IllegalStateException("lock table corrupted: PROCLOCK " + procLock + " not on LOCK " + lock);
        }
        int next = procLockInt(procLock, PL_NEXT);
        if (previous == 0) {
            setLockInt(lock, L_PROCLOCKS, next);
        } else {
            setProcLockInt(previous - 1, PL_NEXT, next);
        }
        setProcLockInt(procLock, PL_LOCK, 0);
        setProcLockInt(procLock, PL_HOLD_MASK, 0);
        free(H_PROCLOCK_FREE, procLock, layout.procLock(procLock) + PL_NEXT);
    }

    int firstProcLock(int lock) {
        return lockInt(lock, L_PROCLOCKS) - 1;
    }

    int nextProcLock(int procLock) {
        return procLockInt(procLock, PL_NEXT) - 1;
    }

    int procLockInt(int procLock, int field) {
        return area.getInt(layout.procLock(procLock) + field);
    }

    private void setProcLockInt(int procLock, int field, int value) {
        area.putInt(layout.procLock(procLock) + field, value);
    }

    int holdMask(int procLock) {
        return procLockInt(procLock, PL_HOLD_MASK);
    }

    int holder(int procLock) {
        return procLockInt(procLock, PL_PROC);
    }

    // --- per-process wait fields and the wait queue ---------------------------------------

    int procInt(int procNumber, int field) {
        return area.getInt(layout.proc(procNumber) + field);
    }

    void setProcInt(int procNumber, int field, int value) {
        area.putInt(layout.proc(procNumber) + field, value);
    }

    int waitStatus(int procNumber) {
        return area.getIntVolatile(layout.proc(procNumber) + P_WAIT_STATUS);
    }

    void setWaitStatus(int procNumber, int status) {
        area.putIntVolatile(layout.proc(procNumber) + P_WAIT_STATUS, status);
    }

    long waitStartMicros(int procNumber) {
        return area.getLong(layout.proc(procNumber) + P_WAIT_START);
    }

    void setWaitStartMicros(int procNumber, long micros) {
        area.putLong(layout.proc(procNumber) + P_WAIT_START, micros);
    }

    /** The LOCK {@code procNumber} waits on, or -1. */
    int waitLock(int procNumber) {
        return procInt(procNumber, P_WAIT_LOCK) - 1;
    }

    int waitProcLock(int procNumber) {
        return procInt(procNumber, P_WAIT_PROCLOCK) - 1;
    }

    LockMode waitMode(int procNumber) {
        return LockMode.ofOrdinal(procInt(procNumber, P_WAIT_MODE));
    }

    /** First waiting proc of {@code lock}, or -1; then {@link #nextWaiter}. */
    int firstWaiter(int lock) {
        return lockInt(lock, L_WAIT_HEAD) - 1;
    }

    int nextWaiter(int procNumber) {
        return procInt(procNumber, P_WAIT_NEXT) - 1;
    }

    /** Links {@code procNumber} into the queue after {@code previous} (-1: at the head). */
    void insertWaiter(int lock, int previous, int procNumber) {
        if (previous < 0) {
            setProcInt(procNumber, P_WAIT_NEXT, lockInt(lock, L_WAIT_HEAD));
            setLockInt(lock, L_WAIT_HEAD, procNumber + 1);
        } else {
            setProcInt(procNumber, P_WAIT_NEXT, procInt(previous, P_WAIT_NEXT));
            setProcInt(previous, P_WAIT_NEXT, procNumber + 1);
        }
    }

    /** Unlinks {@code procNumber} from the wait queue of {@code lock}. */
    void unlinkWaiter(int lock, int procNumber) {
        int previous = -1;
        int current = firstWaiter(lock);
        while (current >= 0 && current != procNumber) {
            previous = current;
            current = nextWaiter(current);
        }
        if (current < 0) {
            throw new IllegalStateException("lock table corrupted: proc " + procNumber + " not queued on LOCK " + lock);
        }
        int next = procInt(procNumber, P_WAIT_NEXT);
        if (previous < 0) {
            setLockInt(lock, L_WAIT_HEAD, next);
        } else {
            setProcInt(previous, P_WAIT_NEXT, next);
        }
        setProcInt(procNumber, P_WAIT_NEXT, 0);
    }

    // --- free lists -------------------------------------------------------------------------

    /**
     * Pops a free entry, or takes a never-used one above the high-water mark;
     * -1 when the table is full. (Zeroed memory: empty list, high water 0.)
     */
    private int allocate(int freeHead, int highWater, int capacity, boolean isLock) {
        for (;;) {
            long head = area.getLongVolatile(freeHead);
            int link = (int) head;
            if (link == 0) {
                break;
            }
            int entry = link - 1;
            int next = area.getIntVolatile(isLock ? layout.lock(entry) + L_FREE_NEXT
                    : layout.procLock(entry) + PL_NEXT);
            long version = (head >>> 32) + 1;
            if (area.compareAndSetLong(freeHead, head, version << 32 | (next & 0xFFFFFFFFL))) {
                return entry;
            }
        }
        for (;;) {
            int used = area.getIntVolatile(highWater);
            if (used >= capacity) {
                return -1;
            }
            if (area.compareAndSetInt(highWater, used, used + 1)) {
                return used;
            }
        }
    }

    private void free(int freeHead, int entry, int nextField) {
        for (;;) {
            long head = area.getLongVolatile(freeHead);
            area.putIntVolatile(nextField, (int) head);
            long version = (head >>> 32) + 1;
            if (area.compareAndSetLong(freeHead, head, version << 32 | (entry + 1))) {
                return;
            }
        }
    }
}
