package org.tusk.heapam.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.tusk.buffer.Page;

/**
 * What VACUUM did to one page (XLOG_HEAP2_PRUNE_VACUUM_SCAN, heap_page_prune
 * plus heap_freeze_execute_prepared): line pointers of dead versions become
 * LP_DEAD (not LP_UNUSED: an index may still point at them), the page is
 * compacted when any were, tuples are frozen, pd_prune_xid is reset and the
 * page may become all-visible. VACUUM and redo both call {@link #apply}.
 *
 * <p>Encoding: nDead u16, dead offsets u16..., nFrozen u16, per frozen tuple
 * (offset u16, infomask u16, xmax u32), newPruneXid u32, flags u8
 * ({@link #ALL_VISIBLE}).
 */
public record PruneRecord(int[] deadOffsets, int[] frozenOffsets, int[] frozenInfomasks, int[] frozenXmaxes,
        int newPruneXid, int flags) {

    public static final int ALL_VISIBLE = 1;

    public boolean changesAnything(ByteBuffer page) {
        boolean allVisibleChange = ((flags & ALL_VISIBLE) != 0) != ((Page.flags(page) & Page.PD_ALL_VISIBLE) != 0);
        return deadOffsets.length > 0 || frozenOffsets.length > 0 || allVisibleChange
                || newPruneXid != Page.pruneXid(page);
    }

    public void apply(ByteBuffer page) {
        for (int offset : deadOffsets) {
            Page.markItemDead(page, offset);
        }
        if (deadOffsets.length > 0) {
            Page.repairFragmentation(page);
        }
        for (int i = 0; i < frozenOffsets.length; i++) {
            ByteBuffer t = Page.item(page, frozenOffsets[i]);
            HeapTupleHeader.setInfomask(t, frozenInfomasks[i]);
            HeapTupleHeader.setXmax(t, frozenXmaxes[i]);
        }
        Page.setPruneXid(page, newPruneXid);
        int pageFlags = Page.flags(page) & ~Page.PD_ALL_VISIBLE;
        Page.setFlags(page, (flags & ALL_VISIBLE) != 0 ? pageFlags | Page.PD_ALL_VISIBLE : pageFlags);
    }

    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(2 + 2 * deadOffsets.length + 2 + 8 * frozenOffsets.length + 5)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.putShort((short) deadOffsets.length);
        for (int offset : deadOffsets) {
            out.putShort((short) offset);
        }
        out.putShort((short) frozenOffsets.length);
        for (int i = 0; i < frozenOffsets.length; i++) {
            out.putShort((short) frozenOffsets[i]).putShort((short) frozenInfomasks[i]).putInt(frozenXmaxes[i]);
        }
        out.putInt(newPruneXid).put((byte) flags);
        return out.array();
    }

    public static PruneRecord decode(byte[] data) {
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int[] dead = new int[in.getShort() & 0xFFFF];
        for (int i = 0; i < dead.length; i++) {
            dead[i] = in.getShort() & 0xFFFF;
        }
        int nFrozen = in.getShort() & 0xFFFF;
        int[] offsets = new int[nFrozen];
        int[] masks = new int[nFrozen];
        int[] xmaxes = new int[nFrozen];
        for (int i = 0; i < nFrozen; i++) {
            offsets[i] = in.getShort() & 0xFFFF;
            masks[i] = in.getShort() & 0xFFFF;
            xmaxes[i] = in.getInt();
        }
        return new PruneRecord(dead, offsets, masks, xmaxes, in.getInt(), in.get() & 0xFF);
    }
}
