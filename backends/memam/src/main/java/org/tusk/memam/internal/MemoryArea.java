package org.tusk.memam.internal;

import static org.tusk.memam.internal.MemoryLayout.*;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.shmem.LWLock;
import org.tusk.shmem.LWLockMode;
import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.ShmemArea;

/**
 * This process's handle on the memory-table area: the relation directory
 * (an open-addressing hash table of RelFileLocators), the block allocator
 * (a free list plus a high-water mark) and the LWLocks, taken with this
 * process's slot. Lock order: a relation's partition lock, then the directory
 * lock, then the allocator lock; each is held for a few memory accesses only.
 */
public final class MemoryArea {

    public static final String HINT = "You might need to increase \"memory_table_size\".";

    private final ShmemArea area;
    private final ProcSlot slot;
    private final MemoryLayout layout;

    public MemoryArea(ShmemArea area, ProcSlot slot) {
        this.area = area;
        this.slot = slot;
        this.layout = new MemoryLayout(area);
    }

    public MemoryLayout layout() {
        return layout;
    }

    public MemoryBlock block(int number) {
        return new MemoryBlock(area, layout, number);
    }

    // --- locks ------------------------------------------------------------------

    /** Takes the partition lock of {@code relation}; close the result to release it. */
    public Held lockRelation(RelFileLocator relation, LWLockMode mode) {
        return acquire(area.lwlock(FIRST_PARTITION_LOCK + Math.floorMod(hash(relation), layout.partitions())), mode);
    }

    private Held acquire(LWLock lock, LWLockMode mode) {
        try {
            lock.acquire(mode, slot);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Held(lock);
    }

    /** An LWLock held by this process, released by close (for try-with-resources). */
    public final class Held implements AutoCloseable {
        private LWLock lock;

        private Held(LWLock lock) {
            this.lock = lock;
        }

        @Override
        public void close() {
            if (lock != null) {
                LWLock held = lock;
                lock = null;
                try {
                    held.release(slot);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    static int hash(RelFileLocator relation) {
        int h = relation.relNumber() * 0x9E3779B1 ^ relation.dbOid() * 0x85EBCA77 ^ relation.spcOid() * 0xC2B2AE3D;
        h ^= h >>> 16;
        h *= 0x7FEB352D;
        return h ^ h >>> 15;
    }

    // --- relation directory (caller holds the relation's partition lock) --------------

    /** The directory entry offset of {@code relation}, or -1 if it has no storage. */
    public int lookup(RelFileLocator relation) {
        try (Held directory = acquire(area.lwlock(DIRECTORY_LOCK), LWLockMode.SHARED)) {
            return probe(relation, false);
        }
    }

    /** The entry of {@code relation}, created empty if missing (the caller holds the partition lock EXCLUSIVE). */
    public int lookupOrCreate(RelFileLocator relation) {
        int entry = lookup(relation);
        if (entry >= 0) {
            return entry;
        }
        try (Held directory = acquire(area.lwlock(DIRECTORY_LOCK), LWLockMode.EXCLUSIVE)) {
            entry = probe(relation, true);
        }
        if (entry < 0) {
            throw PgException.error(SqlState.DISK_FULL, "could not create memory table " + relation
                    + ": out of shared memory (all " + layout.directoryEntries() + " directory entries in use)")
                    .withHint(HINT);
        }
        return entry;
    }

    /**
     * Linear probing from the relation's hash. With {@code create}, a missing
     * relation gets the first deleted or never-used entry passed on the way
     * (-1 if the directory is full); without, -1 means missing.
     */
    private int probe(RelFileLocator relation, boolean create) {
        int mask = layout.directoryEntries() - 1;
        int start = hash(relation) & mask;
        int reusable = -1;
        for (int i = 0; i <= mask; i++) {
            int entry = layout.entry((start + i) & mask);
            int state = area.getInt(entry + E_STATE);
            if (state == ENTRY_EMPTY) {
                if (reusable < 0) {
                    reusable = entry;
                }
                break;
            }
            if (state == ENTRY_DELETED) {
                if (reusable < 0) {
                    reusable = entry;
                }
            } else if (area.getInt(entry + E_REL) == relation.relNumber()
                    && area.getInt(entry + E_DB) == relation.dbOid()
                    && area.getInt(entry + E_SPC) == relation.spcOid()) {
                return entry;
            }
        }
        if (!create || reusable < 0) {
            return -1;
        }
        area.putInt(reusable + E_SPC, relation.spcOid());
        area.putInt(reusable + E_DB, relation.dbOid());
        area.putInt(reusable + E_REL, relation.relNumber());
        area.putInt(reusable + E_FIRST, 0);
        area.putInt(reusable + E_LAST, 0);
        area.putInt(reusable + E_NBLOCKS, 0);
        area.putInt(reusable + E_FREE_HINT, 0);
        area.putInt(reusable + E_STATE, ENTRY_IN_USE);
        return reusable;
    }

    public int firstBlock(int entry) {
        return area.getInt(entry + E_FIRST) - 1;
    }

    public int lastBlock(int entry) {
        return area.getInt(entry + E_LAST) - 1;
    }

    public int nblocks(int entry) {
        return area.getInt(entry + E_NBLOCKS);
    }

    public int freeHint(int entry) {
        return area.getInt(entry + E_FREE_HINT) - 1;
    }

    public void setFreeHint(int entry, int block) {
        area.putInt(entry + E_FREE_HINT, block + 1);
    }

    /**
     * Removes the relation's entry and gives its blocks back (the caller holds
     * the partition lock EXCLUSIVE). Blocks are zeroed, so a stale tuple id
     * into them finds no owner.
     */
    public void drop(RelFileLocator relation) {
        int entry = lookup(relation);
        if (entry < 0) {
            return;
        }
        int first = firstBlock(entry);
        int last = lastBlock(entry);
        int count = nblocks(entry);
        try (Held directory = acquire(area.lwlock(DIRECTORY_LOCK), LWLockMode.EXCLUSIVE)) {
            area.putInt(entry + E_STATE, ENTRY_DELETED);
        }
        if (first < 0) {
            return;
        }
        for (int b = first; b >= 0;) {
            MemoryBlock block = block(b);
            int next = block.next();
            area.zero(layout.block(b), BLCKSZ);
            if (next >= 0) {
                block.setNext(next);        // keeps the chain for the free list below
            }
            b = next;
        }
        try (Held allocator = acquire(area.lwlock(ALLOCATOR_LOCK), LWLockMode.EXCLUSIVE)) {
            block(last).setNext(area.getInt(CTL_FREE_HEAD) - 1);
            area.putInt(CTL_FREE_HEAD, first + 1);
            area.putInt(CTL_IN_USE, area.getInt(CTL_IN_USE) - count);
        }
    }

    // --- allocator -------------------------------------------------------------------

    /**
     * Appends a new empty block to {@code relation}'s chain (the caller holds
     * its partition lock EXCLUSIVE): from the free list, else the never-used
     * tail; 53100 when the area is full.
     */
    public MemoryBlock extend(RelFileLocator relation, int entry) {
        int number;
        try (Held allocator = acquire(area.lwlock(ALLOCATOR_LOCK), LWLockMode.EXCLUSIVE)) {
            int free = area.getInt(CTL_FREE_HEAD) - 1;
            if (free >= 0) {
                number = free;
                area.putInt(CTL_FREE_HEAD, block(free).next() + 1);
            } else {
                number = area.getInt(CTL_HIGH_WATER);
                if (number >= layout.nblocks()) {
                    throw PgException.error(SqlState.DISK_FULL, "could not extend memory table " + relation
                            + ": out of shared memory").withHint(HINT);
                }
                area.putInt(CTL_HIGH_WATER, number + 1);
            }
            area.putInt(CTL_IN_USE, area.getInt(CTL_IN_USE) + 1);
        }
        MemoryBlock block = block(number);
        block.initialize(relation);
        int last = lastBlock(entry);
        if (last >= 0) {
            block(last).setNext(number);
        } else {
            area.putInt(entry + E_FIRST, number + 1);
        }
        area.putInt(entry + E_LAST, number + 1);
        area.putInt(entry + E_NBLOCKS, nblocks(entry) + 1);
        return block;
    }

    /** Blocks owned by relations now (approximate without the allocator lock; for statistics and tests). */
    public int blocksInUse() {
        return area.getIntVolatile(CTL_IN_USE);
    }
}
