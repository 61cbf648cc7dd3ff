package org.tusk.heapam.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.tusk.buffer.Page;

/**
 * The WAL records of the heap (heapam_xlog.h), their encodings (main data,
 * little-endian) and the page changes they stand for. Each operation builds a
 * record, applies it to the locked page with the methods here, and logs it;
 * redo decodes it and applies the same methods, so a replayed page is
 * byte-for-byte the page the operation produced.
 *
 * <pre>
 * HEAP    INSERT  block 0: offset u16, {@link LoggedTuple}
 * HEAP    DELETE  block 0: HeaderChange
 * HEAP    LOCK    block 0: HeaderChange
 * HEAP    UPDATE  block 0 = new page, block 1 = old page when different:
 *                 new offset u16, HeaderChange of the old version without its ctid
 *                 ({@link HeaderChange#encodeForUpdate}), the new version as a {@link LoggedTuple}
 *                 (sharing a prefix and suffix with the old version when on one page)
 *         | INIT_PAGE on INSERT/UPDATE: block 0 is initialized first (WILL_INIT)
 * HEAP2   PRUNE_VACUUM_SCAN block 0: see {@link PruneRecord}
 * HEAP2   VACUUM block 0: n u16, offsets u16... whose LP_DEAD line pointers become LP_UNUSED
 * HEAP2   VISIBLE block 0 = visibility map page: heap block u32, bits u8 (set to exactly these)
 * HEAP2   MULTI_INSERT block 0: n u16, then (offset u16, length u16, tuple) n times
 *         | INIT_PAGE as for INSERT
 * INSERT, UPDATE, DELETE, LOCK may carry blocks 2 (and 3): visibility map pages
 *         whose bits for the record's heap blocks were cleared
 * </pre>
 */
public final class HeapRecords {

    public static final int XLOG_HEAP_INSERT = 0x00;
    public static final int XLOG_HEAP_DELETE = 0x10;
    public static final int XLOG_HEAP_UPDATE = 0x20;
    public static final int XLOG_HEAP_LOCK = 0x60;
    /** heap_inplace_update: offset u16, then the tuple's new data (after t_hoff). */
    public static final int XLOG_HEAP_INPLACE = 0x70;
    public static final int XLOG_HEAP_OPMASK = 0x70;
    public static final int XLOG_HEAP_INIT_PAGE = 0x80;

    public static final int XLOG_HEAP2_PRUNE_VACUUM_SCAN = 0x20;
    /** lazy_vacuum_heap_page: block 0; data n u16, offsets u16... (LP_DEAD -> LP_UNUSED). */
    public static final int XLOG_HEAP2_VACUUM = 0x30;
    /** visibilitymap_set: block 0 = the map page; data heap block u32, the block's new bits u8. */
    public static final int XLOG_HEAP2_VISIBLE = 0x40;
    /**
     * heap_multi_insert: block 0; data n u16, then per tuple offset u16, length u16, tuple;
     * | INIT_PAGE when the page held nothing before (WILL_INIT, redo re-initializes it).
     */
    public static final int XLOG_HEAP2_MULTI_INSERT = 0x50;
    /**
     * MULTI_INSERT's XLH_INSERT_ALL_FROZEN_SET (a bit of the info byte's low half, which no
     * other record uses): the rows are frozen and the page is PD_ALL_VISIBLE afterwards (redo
     * sets it again after placing them); when block 1 is present it is the visibility map page,
     * whose bits for block 0 become ALL_VISIBLE | ALL_FROZEN (COPY FREEZE onto a page that held
     * nothing: heap_multi_insert's visibilitymap_set, in the same record).
     */
    public static final int XLOG_HEAP2_MULTI_INSERT_ALL_VISIBLE = 0x01;

    private HeapRecords() {
    }

    /** PageInit for a heap page: no special space. */
    public static void initPage(ByteBuffer page) {
        Page.init(page, 0);
    }

    /**
     * Puts {@code tuple} at line pointer {@code offset} (a new one or an unused
     * one) and clears PD_ALL_VISIBLE, as heap_insert does. Fails if the page
     * has no room: the caller checked.
     */
    public static void placeTuple(ByteBuffer page, int offset, byte[] tuple) {
        placeTuple(page, offset, tuple, 0, tuple.length);
    }

    /**
     * {@link #placeTuple(ByteBuffer, int, byte[])} for the tuple whose header is {@code header} and
     * whose data is {@code data} (heap_multi_insert: no joined copy of the two).
     */
    public static void placeTuple(ByteBuffer page, int offset, byte[] header, byte[] data) {
        checkPlaced(Page.addItem(page, header, data, offset), offset);
        Page.setFlags(page, Page.flags(page) & ~Page.PD_ALL_VISIBLE);
    }

    private static void checkPlaced(int placed, int offset) {
        if (placed != offset) {
            throw new IllegalStateException("failed to add tuple at offset " + offset + " (placed " + placed + ")");
        }
    }

    /** {@link #placeTuple(ByteBuffer, int, byte[])} with the tuple at {@code from} in {@code bytes}. */
    public static void placeTuple(ByteBuffer page, int offset, byte[] bytes, int from, int length) {
        checkPlaced(Page.addItem(page, bytes, from, length, offset), offset);
        Page.setFlags(page, Page.flags(page) & ~Page.PD_ALL_VISIBLE);
    }

    /**
     * The line pointer a new tuple of {@code length} bytes would get, or 0 if it
     * does not fit (PageAddItem's choice, made without changing the page so that
     * redo can replay it with the same number).
     */
    public static int chooseOffset(ByteBuffer page, int length) {
        int max = Page.maxOffsetNumber(page);
        int target = max + 1;
        if ((Page.flags(page) & Page.PD_HAS_FREE_LINES) != 0) {
            for (int off = 1; off <= max; off++) {
                int id = Page.itemId(page, off);
                if (Page.itemIdFlags(id) == Page.LP_UNUSED && Page.itemIdLength(id) == 0) {
                    target = off;
                    break;
                }
            }
        }
        int lower = Page.lower(page) + (target == max + 1 ? Page.ITEM_ID_SIZE : 0);
        if (lower > Page.upper(page) - Page.maxAlign(length)) {
            return Page.INVALID_OFFSET_NUMBER;
        }
        return target;
    }

    /** Free space a heap insert may use (PageGetHeapFreeSpace, ignoring MaxHeapTuplesPerPage). */
    public static int freeSpace(ByteBuffer page) {
        return Page.isNew(page) ? Page.BLCKSZ - Page.SIZE_OF_PAGE_HEADER - Page.ITEM_ID_SIZE : Page.freeSpace(page);
    }

    /** The LP_DEAD line pointers at {@code offsets} become LP_UNUSED, reusable by inserts (PD_HAS_FREE_LINES). */
    public static void setUnused(ByteBuffer page, int[] offsets) {
        for (int off : offsets) {
            Page.setItemId(page, off, 0, Page.LP_UNUSED, 0);
        }
        Page.setFlags(page, Page.flags(page) | Page.PD_HAS_FREE_LINES);
    }

    public static byte[] encodeOffsets(int[] offsets) {
        ByteBuffer out = allocate(2 + 2 * offsets.length);
        out.putShort((short) offsets.length);
        for (int off : offsets) {
            out.putShort((short) off);
        }
        return out.array();
    }

    public static int[] decodeOffsets(byte[] data) {
        ByteBuffer in = reader(data);
        int[] offsets = new int[in.getShort() & 0xFFFF];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = in.getShort() & 0xFFFF;
        }
        return offsets;
    }

    public static byte[] encodeVisible(int heapBlock, int bits) {
        ByteBuffer out = allocate(5);
        out.putInt(heapBlock).put((byte) bits);
        return out.array();
    }

    /** INSERT's data: offset u16, then the tuple as a {@link LoggedTuple} (cid known to redo: 0). */
    public static byte[] encodeInsert(int offset, byte[] tuple, int xid, int block) {
        byte[] logged = LoggedTuple.encode(tuple, xid, 0, block, offset, null);
        ByteBuffer out = allocate(2 + logged.length);
        out.putShort((short) offset).put(logged);
        return out.array();
    }

    /** The tuple of an INSERT record of {@code xid} into {@code (block, offset)}, read after the offset. */
    public static byte[] decodeInsertTuple(ByteBuffer data, int offset, int xid, int block) {
        return LoggedTuple.decode(data, xid, 0, block, offset, null);
    }

    /**
     * MULTI_INSERT's data for new versions of {@code rows[from..to)} inserted by {@code xid}/{@code cid}
     * (with {@code extraInfomask}) at {@code offsets[0..to-from)} of {@code block}: each tuple's header
     * is formed straight into the record, as {@link HeapTupleHeader#writeNew} forms it on the page.
     */
    public static byte[] encodeMultiInsert(int[] offsets, java.util.List<byte[]> rows, int from, int to,
            int xid, int cid, int block, int extraInfomask) {
        int size = 2;
        for (int i = from; i < to; i++) {
            size += 4 + HeapTupleHeader.HOFF + rows.get(i).length;
        }
        byte[] out = new byte[size];
        HeapTupleHeader.putU16(out, 0, to - from);
        int at = 2;
        for (int i = from; i < to; i++) {
            byte[] data = rows.get(i);
            int offset = offsets[i - from];
            HeapTupleHeader.putU16(out, at, offset);
            HeapTupleHeader.putU16(out, at + 2, HeapTupleHeader.HOFF + data.length);
            at += 4;
            HeapTupleHeader.writeNew(out, at, xid, cid, block, offset, extraInfomask);
            at += HeapTupleHeader.HOFF;
            System.arraycopy(data, 0, out, at, data.length);
            at += data.length;
        }
        return out;
    }

    /** Redo of MULTI_INSERT on {@code page} (initialized first by the caller when the record says INIT_PAGE). */
    public static void applyMultiInsert(ByteBuffer page, byte[] data) {
        ByteBuffer in = reader(data);
        int n = in.getShort() & 0xFFFF;
        for (int i = 0; i < n; i++) {
            int offset = in.getShort() & 0xFFFF;
            int length = in.getShort() & 0xFFFF;
            placeTuple(page, offset, data, in.position(), length);
            in.position(in.position() + length);
        }
    }

    public static byte[] encodeHeaderChange(HeaderChange change) {
        ByteBuffer out = allocate(HeaderChange.SIZE);
        change.encode(out);
        return out.array();
    }

    /**
     * UPDATE's data: the new version's offset u16, the old version's change
     * ({@link HeaderChange#encodeForUpdate}: its new t_ctid is the new version's place), then the new
     * version as a {@link LoggedTuple} whose cid redo knows as the change's, sharing its data's
     * prefix and suffix with {@code oldTuple} (the old version, when on the same page; else null).
     */
    public static byte[] encodeUpdate(HeaderChange old, int newOffset, byte[] newTuple, int xid, int newBlock,
            ByteBuffer oldTuple) {
        byte[] logged = LoggedTuple.encode(newTuple, xid, old.cid(), newBlock, newOffset, oldTuple);
        ByteBuffer out = allocate(2 + old.sizeForUpdate(xid) + logged.length);
        out.putShort((short) newOffset);
        old.encodeForUpdate(out, xid);
        out.put(logged);
        return out.array();
    }

    public static byte[] encodeInplace(int offset, byte[] data) {
        ByteBuffer out = allocate(2 + data.length);
        out.putShort((short) offset).put(data);
        return out.array();
    }

    /** Overwrites the data part of the tuple at {@code offset} (INPLACE; redo uses the same code). */
    public static void overwriteData(ByteBuffer page, int offset, byte[] data) {
        ByteBuffer tuple = org.tusk.buffer.Page.item(page, offset);
        int hoff = HeapTupleHeader.hoff(tuple);
        if (tuple.remaining() - hoff != data.length) {
            throw new IllegalStateException("in-place update must keep the tuple length");
        }
        ByteBuffer target = tuple.duplicate();
        target.position(target.position() + hoff);
        target.put(data);
    }

    public static ByteBuffer reader(byte[] data) {
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The rest of {@code in} as a byte array. */
    public static byte[] rest(ByteBuffer in) {
        byte[] out = new byte[in.remaining()];
        in.get(out);
        return out;
    }

    private static ByteBuffer allocate(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
