package org.tusk.memam.internal;

import org.tusk.shmem.ShmemArea;

/**
 * Where things are in the memory-table area. Everything is derived from the
 * area's size, so every process computes the same layout, and all-zero memory
 * is a valid empty state (no relation, no block handed out, empty free list):
 *
 * <pre>
 * [control 64 B][relation directory: entries x 32 B][pad to 8 kB][block 0][block 1]...
 *
 * control:   0 high water u32  blocks ever handed out from the never-used tail
 *            4 free head  u32  first free block + 1 (0 = none), linked through B_NEXT
 *            8 in use     u32  blocks owned by relations (statistics)
 * entry:     0 state u32 (0 never used, 1 in use, 2 deleted), 4 spcOid, 8 dbOid, 12 relNumber,
 *           16 first block + 1, 20 last block + 1, 24 nblocks, 28 free-space hint block + 1
 * </pre>
 *
 * LWLocks of the area: 0 the allocator (control words), 1 the directory's
 * state and locator fields, 2.. one per relation partition (a relation's
 * directory block-list fields and all of its blocks).
 */
public final class MemoryLayout {

    public static final int BLCKSZ = 8192;

    public static final int CTL_HIGH_WATER = 0;
    public static final int CTL_FREE_HEAD = 4;
    public static final int CTL_IN_USE = 8;
    static final int DIRECTORY = 64;

    public static final int ENTRY_SIZE = 32;
    public static final int E_STATE = 0;
    public static final int E_SPC = 4;
    public static final int E_DB = 8;
    public static final int E_REL = 12;
    public static final int E_FIRST = 16;
    public static final int E_LAST = 20;
    public static final int E_NBLOCKS = 24;
    public static final int E_FREE_HINT = 28;
    public static final int ENTRY_EMPTY = 0;
    public static final int ENTRY_IN_USE = 1;
    public static final int ENTRY_DELETED = 2;

    public static final int ALLOCATOR_LOCK = 0;
    public static final int DIRECTORY_LOCK = 1;
    public static final int FIRST_PARTITION_LOCK = 2;

    private final int directoryEntries;
    private final int blocksStart;
    private final int nblocks;
    private final int partitions;

    public MemoryLayout(ShmemArea area) {
        if (area.lwlockCount() < FIRST_PARTITION_LOCK + 1) {
            throw new IllegalArgumentException("memory table area " + area.name() + " needs at least "
                    + (FIRST_PARTITION_LOCK + 1) + " LWLocks, has " + area.lwlockCount());
        }
        // One directory entry per block (a relation with rows has at least one), a power of two
        // for the probe mask, 64..8192: at most 256 kB, 1/128 of the area.
        int wanted = Math.max(64, Math.min(8192, area.size() / BLCKSZ));
        this.directoryEntries = Integer.highestOneBit(wanted);
        int directoryEnd = DIRECTORY + directoryEntries * ENTRY_SIZE;
        this.blocksStart = (directoryEnd + BLCKSZ - 1) / BLCKSZ * BLCKSZ;
        this.nblocks = Math.max(0, (area.size() - blocksStart) / BLCKSZ);
        this.partitions = area.lwlockCount() - FIRST_PARTITION_LOCK;
    }

    public int directoryEntries() {
        return directoryEntries;
    }

    /** Blocks the area holds. */
    public int nblocks() {
        return nblocks;
    }

    public int entry(int index) {
        return DIRECTORY + index * ENTRY_SIZE;
    }

    /** Offset of block {@code block} in the area. */
    public int block(int block) {
        return blocksStart + block * BLCKSZ;
    }

    public boolean isBlock(int block) {
        return Integer.compareUnsigned(block, nblocks) < 0;
    }

    public int partitions() {
        return partitions;
    }
}
