package org.tusk.memam.internal;

import org.tusk.api.storage.RelFileLocator;
import org.tusk.shmem.ShmemArea;

/**
 * One 8 kB block of a memory table: a slotted page like the heap's, in native
 * byte order, with its owner written in the header so that a stale or foreign
 * tuple id is recognized:
 *
 * <pre>
 *  0 spcOid, 4 dbOid, 8 relNumber   owning relation (all zero: free block)
 * 12 next      u32  next block of the relation + 1 (0 = last); next free block + 1 when free
 * 16 nitems    u32  line pointers in use (PostgreSQL's PageGetMaxOffsetNumber)
 * 20 upper     u32  start of tuple space (pd_upper); tuples grow down from the end
 * 24 unused    u32  line pointers below nitems that are LP_UNUSED (reusable; LP_DEAD ones are not)
 * 28 reserved
 * 32 line pointers, 4 bytes each: bits 0-15 tuple offset, 16-29 length, 30-31 flags
 * </pre>
 *
 * The caller holds the owning relation's partition lock (shared to read,
 * exclusive to change).
 */
public final class MemoryBlock {

    public static final int B_SPC = 0;
    public static final int B_DB = 4;
    public static final int B_REL = 8;
    public static final int B_NEXT = 12;
    public static final int B_NITEMS = 16;
    public static final int B_UPPER = 20;
    public static final int B_UNUSED = 24;
    public static final int HEADER = 32;
    public static final int LP_SIZE = 4;

    public static final int LP_UNUSED = 0;
    public static final int LP_NORMAL = 1;
    /** Removed by VACUUM, number still reserved: an index entry may point here until index vacuuming. */
    public static final int LP_DEAD = 3;

    /** The largest tuple (header included) that fits an empty block with its line pointer, MAXALIGNed down. */
    public static final int MAX_TUPLE = (MemoryLayout.BLCKSZ - HEADER - LP_SIZE) & ~7;

    private final ShmemArea area;
    private final int base;
    private final int number;

    public MemoryBlock(ShmemArea area, MemoryLayout layout, int number) {
        this.area = area;
        this.base = layout.block(number);
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** A block just taken from the allocator (all zero) becomes an empty block of {@code owner}. */
    public void initialize(RelFileLocator owner) {
        area.putInt(base + B_SPC, owner.spcOid());
        area.putInt(base + B_DB, owner.dbOid());
        area.putInt(base + B_REL, owner.relNumber());
        area.putInt(base + B_NEXT, 0);
        area.putInt(base + B_NITEMS, 0);
        area.putInt(base + B_UPPER, MemoryLayout.BLCKSZ);
        area.putInt(base + B_UNUSED, 0);
    }

    public boolean isOwnedBy(RelFileLocator relation) {
        return area.getInt(base + B_REL) == relation.relNumber() && area.getInt(base + B_DB) == relation.dbOid()
                && area.getInt(base + B_SPC) == relation.spcOid();
    }

    public int next() {
        return area.getInt(base + B_NEXT) - 1;
    }

    public void setNext(int block) {
        area.putInt(base + B_NEXT, block + 1);
    }

    public int nitems() {
        return area.getInt(base + B_NITEMS);
    }

    private int lp(int offset) {
        return area.getInt(base + HEADER + (offset - 1) * LP_SIZE);
    }

    private void setLp(int offset, int tupleAt, int length, int flags) {
        area.putInt(base + HEADER + (offset - 1) * LP_SIZE, tupleAt | length << 16 | flags << 30);
    }

    /** Whether line pointer {@code offset} exists and holds a tuple. */
    public boolean isNormal(int offset) {
        return offset >= 1 && offset <= nitems() && lp(offset) >>> 30 == LP_NORMAL;
    }

    /** Area offset of the tuple at a NORMAL line pointer. */
    public int tupleAt(int offset) {
        return base + (lp(offset) & 0xFFFF);
    }

    /** Length of the tuple at a NORMAL line pointer, header included. */
    public int tupleLength(int offset) {
        return lp(offset) >>> 16 & 0x3FFF;
    }

    public MemTuple header(int offset) {
        return MemTuple.read(area, tupleAt(offset));
    }

    public void setHeader(int offset, MemTuple header) {
        header.write(area, tupleAt(offset));
    }

    /** The executor's bytes of the tuple at {@code offset} (a private copy). */
    public byte[] data(int offset) {
        byte[] data = new byte[tupleLength(offset) - MemTuple.DATA];
        area.getBytes(tupleAt(offset) + MemTuple.DATA, data, 0, data.length);
        return data;
    }

    public int freeSpace() {
        return area.getInt(base + B_UPPER) - HEADER - nitems() * LP_SIZE;
    }

    /** Whether a tuple of {@code length} bytes fits (PageGetFreeSpace against MAXALIGN(length) + a line pointer). */
    public boolean fits(int length) {
        int lpNeeded = area.getInt(base + B_UNUSED) > 0 ? 0 : LP_SIZE;
        return freeSpace() >= align(length) + lpNeeded;
    }

    /**
     * PageAddItem: stores {@code header} + {@code data} and returns its line
     * pointer number (the first unused one, else a new one). The caller
     * checked {@link #fits}; the header's ctid is set to the new position.
     */
    public int add(MemTuple header, byte[] data) {
        int length = MemTuple.DATA + data.length;
        int offset = firstUnused();
        if (offset < 0) {
            offset = nitems() + 1;
            area.putInt(base + B_NITEMS, offset);
        } else {
            area.putInt(base + B_UNUSED, area.getInt(base + B_UNUSED) - 1);
        }
        int upper = area.getInt(base + B_UPPER) - align(length);
        area.putInt(base + B_UPPER, upper);
        new MemTuple(header.xmin(), header.xmax(), header.cid(), number, offset, header.infomask())
                .write(area, base + upper);
        area.putBytes(base + upper + MemTuple.DATA, data, 0, data.length);
        setLp(offset, upper, length, LP_NORMAL);
        return offset;
    }

    private int firstUnused() {
        if (area.getInt(base + B_UNUSED) == 0) {
            return -1;
        }
        for (int offset = 1, n = nitems(); offset <= n; offset++) {
            if (lp(offset) >>> 30 == LP_UNUSED) {
                return offset;
            }
        }
        throw new IllegalStateException("memory block " + number + " counts unused line pointers but has none");
    }

    /**
     * Removes the tuples at {@code dead} (their line pointers become LP_DEAD:
     * the numbers stay reserved until {@link #reclaim}) and compacts the rest
     * toward the end of the block (PageRepairFragmentation). Line pointer
     * numbers of the remaining tuples do not change.
     */
    public void removeAndCompact(int[] dead) {
        for (int offset : dead) {
            setLp(offset, 0, 0, LP_DEAD);
        }
        compact();
    }

    /** Whether {@code offset} is an LP_DEAD line pointer of this block. */
    public boolean isDead(int offset) {
        return offset >= 1 && offset <= nitems() && lp(offset) >>> 30 == LP_DEAD;
    }

    /** The LP_DEAD line pointers at {@code offsets} become LP_UNUSED (reusable); returns how many did. */
    public int reclaim(int[] offsets) {
        int n = 0;
        for (int offset : offsets) {
            if (isDead(offset)) {
                setLp(offset, 0, 0, LP_UNUSED);
                n++;
            }
        }
        if (n > 0) {
            compact();
        }
        return n;
    }

    /** Cuts trailing LP_UNUSED line pointers, moves the tuples together and recounts the unused ones. */
    private void compact() {
        int n = nitems();
        while (n > 0 && lp(n) >>> 30 == LP_UNUSED) {
            n--;
        }
        area.putInt(base + B_NITEMS, n);
        int unused = 0;
        byte[] copy = new byte[MemoryLayout.BLCKSZ];
        area.getBytes(base, copy, 0, copy.length);
        int upper = MemoryLayout.BLCKSZ;
        for (int offset = 1; offset <= n; offset++) {
            int lp = lp(offset);
            if (lp >>> 30 != LP_NORMAL) {
                if (lp >>> 30 == LP_UNUSED) {
                    unused++;
                }
                continue;
            }
            int length = lp >>> 16 & 0x3FFF;
            upper -= align(length);
            area.putBytes(base + upper, copy, lp & 0xFFFF, length);
            setLp(offset, upper, length, LP_NORMAL);
        }
        area.putInt(base + B_UPPER, upper);
        area.putInt(base + B_UNUSED, unused);
    }

    static int align(int length) {
        return (length + 7) & ~7;
    }
}
