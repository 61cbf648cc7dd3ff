package org.tusk.heapam.internal;

import java.nio.ByteBuffer;

import org.tusk.buffer.Page;

/**
 * A change of one tuple's header on a page: what DELETE, LOCK and the old
 * half of UPDATE do (new xmax, t_cid, infomask bits, t_ctid). The operation
 * and its redo both call {@link #apply}, so redo produces the same bytes.
 *
 * <p>Encoded in 21 bytes: offset u16, xmax u32, cid u32, infomask u16,
 * infomask2 u16, ctid block u32, ctid offset u16, flags u8
 * ({@link #CLEAR_ALL_VISIBLE}, {@link #SET_PRUNABLE}).
 */
public record HeaderChange(int offset, int xmax, int cid, int infomask, int infomask2, int ctidBlock,
        int ctidOffset, int flags) {

    public static final int SIZE = 21;
    /** The page is no longer all-visible (a version stops being visible to everyone). */
    public static final int CLEAR_ALL_VISIBLE = 1;
    /** PageSetPrunable(page, xmax): a dead version may appear here once xmax commits. */
    public static final int SET_PRUNABLE = 2;

    public void apply(ByteBuffer page) {
        ByteBuffer t = Page.item(page, offset);
        HeapTupleHeader.setXmax(t, xmax);
        HeapTupleHeader.setRawCid(t, cid);
        HeapTupleHeader.setInfomask(t, infomask);
        HeapTupleHeader.setInfomask2(t, infomask2);
        HeapTupleHeader.setCtid(t, ctidBlock, ctidOffset);
        if ((flags & CLEAR_ALL_VISIBLE) != 0) {
            Page.setFlags(page, Page.flags(page) & ~Page.PD_ALL_VISIBLE);
        }
        if ((flags & SET_PRUNABLE) != 0) {
            setPrunable(page, xmax);
        }
    }

    /** PageSetPrunable: remember the oldest xid whose end may leave a dead tuple here. */
    public static void setPrunable(ByteBuffer page, int xid) {
        int current = Page.pruneXid(page);
        if (current == Xids.INVALID || Xids.precedes(xid, current)) {
            Page.setPruneXid(page, xid);
        }
    }

    public void encode(ByteBuffer out) {
        out.putShort((short) offset).putInt(xmax).putInt(cid).putShort((short) infomask)
                .putShort((short) infomask2).putInt(ctidBlock).putShort((short) ctidOffset).put((byte) flags);
    }

    /** {@link #encodeForUpdate}'s flag: xmax is the record's xid, not logged. */
    private static final int XMAX_IS_XID = 1;

    /**
     * The old half of an UPDATE record: t_ctid is the new version's place, logged beside it, and
     * xmax is nearly always the updating transaction, the record's xid, so neither is repeated
     * (12 bytes instead of {@link #SIZE}): offset u16, u8 XMAX_IS_XID, [xmax u32], cid u32,
     * infomask u16, infomask2 u16, flags u8.
     */
    public void encodeForUpdate(ByteBuffer out, int recordXid) {
        out.putShort((short) offset).put((byte) (xmax == recordXid ? XMAX_IS_XID : 0));
        if (xmax != recordXid) {
            out.putInt(xmax);
        }
        out.putInt(cid).putShort((short) infomask).putShort((short) infomask2).put((byte) flags);
    }

    /** Bytes {@link #encodeForUpdate} writes. */
    public int sizeForUpdate(int recordXid) {
        return xmax == recordXid ? 12 : 16;
    }

    /** Reads what {@link #encodeForUpdate} wrote, for a new version at {@code (newBlock, newOffset)}. */
    public static HeaderChange decodeForUpdate(ByteBuffer in, int recordXid, int newBlock, int newOffset) {
        int offset = in.getShort() & 0xFFFF;
        int xmax = (in.get() & XMAX_IS_XID) != 0 ? recordXid : in.getInt();
        return new HeaderChange(offset, xmax, in.getInt(), in.getShort() & 0xFFFF, in.getShort() & 0xFFFF,
                newBlock, newOffset, in.get() & 0xFF);
    }

    public static HeaderChange decode(ByteBuffer in) {
        return new HeaderChange(in.getShort() & 0xFFFF, in.getInt(), in.getInt(), in.getShort() & 0xFFFF,
                in.getShort() & 0xFFFF, in.getInt(), in.getShort() & 0xFFFF, in.get() & 0xFF);
    }
}
