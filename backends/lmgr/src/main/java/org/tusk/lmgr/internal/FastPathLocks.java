package org.tusk.lmgr.internal;

import static org.tusk.lmgr.internal.LockTableLayout.FP_MODES;
import static org.tusk.lmgr.internal.LockTableLayout.FP_SLOTS;
import static org.tusk.lmgr.internal.LockTableLayout.FP_STRONG_PARTITIONS;

import org.tusk.lmgr.LockMode;
import org.tusk.lmgr.LockTag;
import org.tusk.lmgr.LockTagType;
import org.tusk.shmem.LWLock;
import org.tusk.shmem.ShmemArea;
import org.tusk.shmem.WaitEvent;

/**
 * Fast-path relation locks (lock.c's fpRelId / fpLockBits in PGPROC and
 * FastPathStrongRelationLocks). Nearly every transaction takes
 * AccessShareLock, RowShareLock or RowExclusiveLock on a few relations, and
 * those weak modes never conflict with each other; recording them in the
 * shared lock table would make every backend take the same partition LWLock
 * exclusively twice per relation and transaction. Instead each process keeps
 * up to {@value LockTableLayout#FP_SLOTS} (database, relation) pairs with
 * three mode bits each in its own slot of shared memory, guarded by its own
 * LWLock, which only it and strong lockers take.
 *
 * <p>The protocol that keeps a strong lock from missing a weak one: a weak
 * locker, holding its own fast-path LWLock, reads the strong-lock counter of
 * the relation's partition (hash of the tag mod 1024) and uses its slots
 * only if it is zero. A strong locker first increments that counter, then
 * visits every process's slots under that process's LWLock and moves matching
 * entries into the shared table (FastPathTransferRelationLocks). Either the
 * weak locker's section came first (the strong locker finds and transfers
 * its entry) or it sees the counter (and goes to the shared table); LWLock
 * acquisition and release are full fences. The counter stays up until the
 * strong lock is released.
 */
final class FastPathLocks {

    /** Modes that may use the fast path: weaker than ShareUpdateExclusiveLock. */
    private static final int WEAK_MODES = LockMode.ACCESS_SHARE.bit() | LockMode.ROW_SHARE.bit()
            | LockMode.ROW_EXCLUSIVE.bit();
    private static final int BITS_PER_SLOT = 3;

    private final ShmemArea area;
    private final LockTableLayout layout;

    FastPathLocks(ShmemArea area, LockTableLayout layout) {
        this.area = area;
        this.layout = layout;
        if (area.lwlockCount() < LockTable.NUM_PARTITIONS + layout.maxBackends) {
            throw new IllegalStateException("lock manager area has " + area.lwlockCount() + " LWLocks, needs "
                    + (LockTable.NUM_PARTITIONS + layout.maxBackends));
        }
        area.nameTranche(LockTable.NUM_PARTITIONS, layout.maxBackends, WaitEvent.LWLOCK_LOCK_FAST_PATH);
    }

    /** EligibleForRelationFastPath: a relation lock in a weak mode. */
    static boolean eligible(LockTag tag, LockMode mode) {
        return tag.type() == LockTagType.RELATION && (WEAK_MODES & mode.bit()) != 0;
    }

    /** ConflictsWithRelationFastPath: a relation lock in a mode that conflicts with some weak mode. */
    static boolean strong(LockTag tag, LockMode mode) {
        return tag.type() == LockTagType.RELATION && mode.ordinal() > LockMode.SHARE_UPDATE_EXCLUSIVE.ordinal();
    }

    /** The LWLock guarding {@code procNumber}'s slots (PGPROC's fpInfoLock). */
    LWLock lockOf(int procNumber) {
        return area.lwlock(LockTable.NUM_PARTITIONS + procNumber);
    }

    // --- strong-lock counters (FastPathStrongRelationLocks) -----------------------------------

    static int strongPartition(LockTag tag) {
        int h = (tag.field1() * 0x9E3779B9) ^ (tag.field2() * 0x85EBCA6B);
        h ^= h >>> 15;
        return Integer.remainderUnsigned(h, FP_STRONG_PARTITIONS);
    }

    int strongCount(int partition) {
        return area.getIntVolatile(layout.strongCount(partition));
    }

    void addStrong(int partition, int delta) {
        int before = area.getAndAddInt(layout.strongCount(partition), delta);
        if (before + delta < 0) {
            throw new IllegalStateException("fast-path strong lock count of partition " + partition + " below zero");
        }
    }

    // --- one process's slots (caller holds lockOf(procNumber)) --------------------------------

    int database(int procNumber, int slot) {
        return area.getInt(layout.fastPath(procNumber) + slot * 8);
    }

    int relation(int procNumber, int slot) {
        return area.getInt(layout.fastPath(procNumber) + slot * 8 + 4);
    }

    /** The mask (LockMode bits) of the modes slot {@code slot} holds; 0 = slot unused. */
    int modes(int procNumber, int slot) {
        long bits = area.getLong(layout.fastPath(procNumber) + FP_MODES);
        return (int) (bits >>> (slot * BITS_PER_SLOT)) & 7;   // weak modes are bits 0..2 of a LockMode mask
    }

    private void setModes(int procNumber, int slot, int modes) {
        int at = layout.fastPath(procNumber) + FP_MODES;
        long bits = area.getLong(at);
        long shift = slot * BITS_PER_SLOT;
        bits = (bits & ~(7L << shift)) | ((long) modes << shift);
        area.putLong(at, bits);
    }

    /**
     * FastPathGrantRelationLock: records {@code mode} on (database, relation),
     * in the slot already used for that relation or a free one; false when all
     * slots are taken by other relations.
     */
    boolean grant(int procNumber, int database, int relation, LockMode mode) {
        int free = -1;
        for (int slot = 0; slot < FP_SLOTS; slot++) {
            int modes = modes(procNumber, slot);
            if (modes == 0) {
                if (free < 0) {
                    free = slot;
                }
            } else if (relation(procNumber, slot) == relation && database(procNumber, slot) == database) {
                setModes(procNumber, slot, modes | mode.bit());
                return true;
            }
        }
        if (free < 0) {
            return false;
        }
        int base = layout.fastPath(procNumber) + free * 8;
        area.putInt(base, database);
        area.putInt(base + 4, relation);
        setModes(procNumber, free, mode.bit());
        return true;
    }

    /** FastPathUnGrantRelationLock: false if the mode is not there (a strong locker moved it). */
    boolean ungrant(int procNumber, int database, int relation, LockMode mode) {
        for (int slot = 0; slot < FP_SLOTS; slot++) {
            int modes = modes(procNumber, slot);
            if ((modes & mode.bit()) != 0 && relation(procNumber, slot) == relation
                    && database(procNumber, slot) == database) {
                setModes(procNumber, slot, modes & ~mode.bit());
                return true;
            }
        }
        return false;
    }

    /** Clears one slot's modes (after moving them to the shared table). */
    void clear(int procNumber, int slot) {
        setModes(procNumber, slot, 0);
    }
}
