package org.tusk.heapam.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The header every heap tuple starts with (PostgreSQL's HeapTupleHeaderData,
 * htup_details.h), little-endian, followed at {@code t_hoff} by the opaque
 * tuple data the executor formed:
 *
 * <pre>
 *  0 t_xmin       u32  inserting transaction
 *  4 t_xmax       u32  deleting, updating or locking transaction, 0 if none
 *  8 t_cid        u32  cmin or cmax, or a combo command id (HEAP_COMBOCID)
 * 12 t_ctid       6    bi_hi u16, bi_lo u16, ip_posid u16: this tuple, or its newer version
 * 18 t_infomask2  u16  number of attributes (always 0: data are opaque) and HOT/keys flags
 * 20 t_infomask   u16  hint and xmax-kind flags below
 * 22 t_hoff       u8   offset of the data: 24 (MAXALIGN of 23, no null bitmap)
 * </pre>
 *
 * All accessors take a view of one tuple (position 0 = tuple start), as
 * {@code Page.item} returns it.
 */
public final class HeapTupleHeader {

    public static final int T_XMIN = 0;
    public static final int T_XMAX = 4;
    public static final int T_CID = 8;
    public static final int T_CTID = 12;
    public static final int T_INFOMASK2 = 18;
    public static final int T_INFOMASK = 20;
    public static final int T_HOFF = 22;
    /** SizeofHeapTupleHeader (offsetof t_bits). */
    public static final int SIZE = 23;
    /** t_hoff of every tuple we write: MAXALIGN(SizeofHeapTupleHeader). */
    public static final int HOFF = 24;
    /** MaxHeapTuplesPerPage: no heap page holds more tuples than this. */
    public static final int MAX_TUPLES_PER_PAGE = (org.tusk.buffer.Page.BLCKSZ - org.tusk.buffer.Page.SIZE_OF_PAGE_HEADER)
            / (org.tusk.buffer.Page.maxAlign(SIZE) + org.tusk.buffer.Page.ITEM_ID_SIZE);

    // t_infomask
    public static final int HEAP_XMAX_KEYSHR_LOCK = 0x0010;
    public static final int HEAP_COMBOCID = 0x0020;
    public static final int HEAP_XMAX_EXCL_LOCK = 0x0040;
    public static final int HEAP_XMAX_LOCK_ONLY = 0x0080;
    public static final int HEAP_XMAX_SHR_LOCK = HEAP_XMAX_EXCL_LOCK | HEAP_XMAX_KEYSHR_LOCK;
    public static final int HEAP_LOCK_MASK = HEAP_XMAX_SHR_LOCK;
    public static final int HEAP_XMIN_COMMITTED = 0x0100;
    public static final int HEAP_XMIN_INVALID = 0x0200;
    public static final int HEAP_XMIN_FROZEN = HEAP_XMIN_COMMITTED | HEAP_XMIN_INVALID;
    public static final int HEAP_XMAX_COMMITTED = 0x0400;
    public static final int HEAP_XMAX_INVALID = 0x0800;
    public static final int HEAP_XMAX_IS_MULTI = 0x1000;
    public static final int HEAP_UPDATED = 0x2000;
    /** Every bit describing xmax (cleared when xmax is replaced). */
    public static final int HEAP_XMAX_BITS = HEAP_XMAX_COMMITTED | HEAP_XMAX_INVALID | HEAP_XMAX_IS_MULTI
            | HEAP_LOCK_MASK | HEAP_XMAX_LOCK_ONLY;

    // t_infomask2
    public static final int HEAP_NATTS_MASK = 0x07FF;
    public static final int HEAP_KEYS_UPDATED = 0x2000;
    public static final int HEAP_HOT_UPDATED = 0x4000;
    public static final int HEAP_ONLY_TUPLE = 0x8000;

    private HeapTupleHeader() {
    }

    /** heap_form_tuple for opaque data: a new version inserted by {@code xid}/{@code cid} at {@code (block, offset)}. */
    public static byte[] form(byte[] data, int xid, int cid, int block, int offset, int extraInfomask) {
        byte[] tuple = new byte[HOFF + data.length];
        writeNew(tuple, 0, xid, cid, block, offset, extraInfomask);
        System.arraycopy(data, 0, tuple, HOFF, data.length);
        return tuple;
    }

    /**
     * The {@link #HOFF} header bytes of a new version inserted by {@code xid}/{@code cid} at
     * {@code (block, offset)}, written into {@code into} at {@code at} (the data follows there):
     * heap_multi_insert forms its tuples straight into the page's WAL record data this way.
     */
    public static void writeNew(byte[] into, int at, int xid, int cid, int block, int offset, int extraInfomask) {
        putU32(into, at + T_XMIN, xid);
        putU32(into, at + T_XMAX, Xids.INVALID);
        putU32(into, at + T_CID, cid);
        putU16(into, at + T_CTID, block >>> 16);
        putU16(into, at + T_CTID + 2, block);
        putU16(into, at + T_CTID + 4, offset);
        putU16(into, at + T_INFOMASK2, 0);
        putU16(into, at + T_INFOMASK, HEAP_XMAX_INVALID | extraInfomask);
        into[at + T_HOFF] = (byte) HOFF;
        into[at + SIZE] = 0;                                 // the alignment byte before the data
    }

    private static void putU32(byte[] b, int at, int value) {
        putU16(b, at, value);
        putU16(b, at + 2, value >>> 16);
    }

    /** Sets t_ctid inside a formed tuple's bytes (the offset is known only once the page is chosen). */
    public static void setCtid(byte[] tuple, int block, int offset) {
        // written byte by byte: a ByteBuffer wrapped per tuple was 55 MB of garbage per pgbench -i
        putU16(tuple, T_CTID, block >>> 16);
        putU16(tuple, T_CTID + 2, block);
        putU16(tuple, T_CTID + 4, offset);
    }

    /** A little-endian uint16 into a byte array (also HeapRecords' record encoding). */
    static void putU16(byte[] b, int at, int value) {
        b[at] = (byte) value;
        b[at + 1] = (byte) (value >>> 8);
    }

    public static int xmin(ByteBuffer t) {
        return xmin(t, 0);
    }

    public static int xmax(ByteBuffer t) {
        return xmax(t, 0);
    }

    public static int rawCid(ByteBuffer t) {
        return rawCid(t, 0);
    }

    public static int infomask(ByteBuffer t) {
        return infomask(t, 0);
    }

    public static int infomask2(ByteBuffer t) {
        return infomask2(t, 0);
    }

    // The same fields of the tuple that starts at byte {@code at} of {@code page} (its line pointer's
    // lp_off): read in place, as heapgetpage does, without a view of the item per tuple examined.

    public static int xmin(ByteBuffer page, int at) {
        return page.getInt(at + T_XMIN);
    }

    public static int xmax(ByteBuffer page, int at) {
        return page.getInt(at + T_XMAX);
    }

    public static int rawCid(ByteBuffer page, int at) {
        return page.getInt(at + T_CID);
    }

    public static int infomask(ByteBuffer page, int at) {
        return page.getShort(at + T_INFOMASK) & 0xFFFF;
    }

    public static int infomask2(ByteBuffer page, int at) {
        return page.getShort(at + T_INFOMASK2) & 0xFFFF;
    }

    public static int hoff(ByteBuffer t) {
        return t.get(T_HOFF) & 0xFF;
    }

    public static int ctidBlock(ByteBuffer t) {
        return (t.getShort(T_CTID) & 0xFFFF) << 16 | (t.getShort(T_CTID + 2) & 0xFFFF);
    }

    public static int ctidOffset(ByteBuffer t) {
        return ctidOffset(t, 0);
    }

    /** t_ctid's offset number of the tuple at byte {@code at} of {@code page}. */
    public static int ctidOffset(ByteBuffer page, int at) {
        return page.getShort(at + T_CTID + 4) & 0xFFFF;
    }

    public static void setXmax(ByteBuffer t, int xmax) {
        t.putInt(T_XMAX, xmax);
    }

    public static void setRawCid(ByteBuffer t, int cid) {
        t.putInt(T_CID, cid);
    }

    public static void setInfomask(ByteBuffer t, int mask) {
        t.putShort(T_INFOMASK, (short) mask);
    }

    public static void setInfomask2(ByteBuffer t, int mask) {
        t.putShort(T_INFOMASK2, (short) mask);
    }

    public static void setCtid(ByteBuffer t, int block, int offset) {
        t.putShort(T_CTID, (short) (block >>> 16));
        t.putShort(T_CTID + 2, (short) block);
        t.putShort(T_CTID + 4, (short) offset);
    }

    /** The tuple's data (after t_hoff), copied. */
    public static byte[] data(ByteBuffer t) {
        int hoff = hoff(t);
        byte[] out = new byte[t.limit() - hoff];
        t.get(hoff, out);
        return out;
    }

    // --- predicates on t_infomask (htup_details.h macros) ----------------------

    public static boolean xminCommitted(int infomask) {
        return (infomask & HEAP_XMIN_COMMITTED) != 0;
    }

    /** HEAP_XMIN_INVALID alone (both bits together mean frozen). */
    public static boolean xminInvalid(int infomask) {
        return (infomask & HEAP_XMIN_FROZEN) == HEAP_XMIN_INVALID;
    }

    public static boolean xminFrozen(int infomask) {
        return (infomask & HEAP_XMIN_FROZEN) == HEAP_XMIN_FROZEN;
    }

    /** HEAP_XMAX_IS_LOCKED_ONLY. */
    public static boolean xmaxIsLockedOnly(int infomask) {
        return (infomask & HEAP_XMAX_LOCK_ONLY) != 0;
    }
}
