package org.tusk.memam.internal;

import org.tusk.shmem.ShmemArea;

/**
 * The header of one tuple version in a memory block (the heap's
 * HeapTupleHeaderData, slimmed: no natts, no null bitmap, no t_hoff since the
 * data always start at {@link #DATA}), in native byte order:
 *
 * <pre>
 *  0 t_xmin     u32  inserting transaction
 *  4 t_xmax     u32  deleting, updating or locking transaction, 0 if none
 *  8 t_cid      u32  cmin or cmax, or a combo command id (MEM_COMBOCID)
 * 12 ctid block u32  this version's block, or its newer version's
 * 16 ctid off   u32  low 16 bits: line pointer number of the same;
 *                    high 16 bits: infomask, flags below
 * 20 reserved   u32  zero
 * 24 data            the executor's opaque bytes
 * </pre>
 *
 * The flag values are PostgreSQL's t_infomask bits of the same meaning. There
 * are no hint bits: the commit log is asked every time, except for a frozen
 * xmin (set by VACUUM).
 *
 * <p>The record is a private copy of the header, read under the block's lock.
 */
public record MemTuple(int xmin, int xmax, int cid, int ctidBlock, int ctidOffset, int infomask) {

    public static final int T_XMIN = 0;
    public static final int T_XMAX = 4;
    public static final int T_CID = 8;
    public static final int T_CTID_BLOCK = 12;
    public static final int T_CTID_OFFSET = 16;
    public static final int DATA = 24;

    public static final int XMAX_KEYSHR_LOCK = 0x0010;
    public static final int COMBOCID = 0x0020;
    public static final int XMAX_EXCL_LOCK = 0x0040;
    public static final int XMAX_LOCK_ONLY = 0x0080;
    public static final int XMAX_SHR_LOCK = XMAX_EXCL_LOCK | XMAX_KEYSHR_LOCK;
    public static final int LOCK_MASK = XMAX_SHR_LOCK;
    /** HEAP_XMIN_FROZEN (COMMITTED | INVALID): the inserter is visible to everybody. */
    public static final int XMIN_FROZEN = 0x0300;
    public static final int XMAX_INVALID = 0x0800;
    public static final int UPDATED = 0x2000;
    /** Every bit describing xmax, cleared when xmax is replaced. */
    public static final int XMAX_BITS = XMAX_INVALID | LOCK_MASK | XMAX_LOCK_ONLY;

    public static MemTuple read(ShmemArea area, int at) {
        int offsetAndMask = area.getInt(at + T_CTID_OFFSET);
        return new MemTuple(area.getInt(at + T_XMIN), area.getInt(at + T_XMAX), area.getInt(at + T_CID),
                area.getInt(at + T_CTID_BLOCK), offsetAndMask & 0xFFFF, offsetAndMask >>> 16);
    }

    /** Writes the whole header at {@code at} (the caller holds the block's lock exclusively). */
    public void write(ShmemArea area, int at) {
        area.putInt(at + T_XMIN, xmin);
        area.putInt(at + T_XMAX, xmax);
        area.putInt(at + T_CID, cid);
        area.putInt(at + T_CTID_BLOCK, ctidBlock);
        area.putInt(at + T_CTID_OFFSET, ctidOffset & 0xFFFF | (infomask & 0xFFFF) << 16);
        area.putInt(at + 20, 0);
    }

    public boolean xminFrozen() {
        return (infomask & XMIN_FROZEN) == XMIN_FROZEN;
    }

    public boolean xmaxInvalid() {
        return (infomask & XMAX_INVALID) != 0 || xmax == Xids.INVALID;
    }

    public boolean xmaxIsLockedOnly() {
        return (infomask & XMAX_LOCK_ONLY) != 0;
    }

    /** HeapTupleHeaderGetCmin. */
    public int cmin() {
        return (infomask & COMBOCID) != 0 ? ComboCids.cmin(cid) : cid;
    }

    /** HeapTupleHeaderGetCmax. */
    public int cmax() {
        return (infomask & COMBOCID) != 0 ? ComboCids.cmax(cid) : cid;
    }

    public boolean ctidIs(int block, int offset) {
        return ctidBlock == block && ctidOffset == offset;
    }

    public MemTuple withXmax(int newXmax, int newCid, int newInfomask, int newCtidBlock, int newCtidOffset) {
        return new MemTuple(xmin, newXmax, newCid, newCtidBlock, newCtidOffset, newInfomask);
    }

    public MemTuple withInfomask(int newXmax, int newInfomask) {
        return new MemTuple(xmin, newXmax, cid, ctidBlock, ctidOffset, newInfomask);
    }
}
