package org.tusk.nbtree.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The B-tree's WAL records (nbtxlog.h), rmgr BTREE = 11. Each operation
 * builds its record, applies it to its pages with the methods here, logs it
 * and sets the page LSNs under the exclusive locks; redo calls the same
 * methods.
 *
 * <pre>
 * INSERT_LEAF  0x00  block 0 leaf                               offset u16, tuple
 * INSERT_UPPER 0x10  block 0 parent, block 1 child (clears its INCOMPLETE_SPLIT)   offset u16, tuple
 * SPLIT        0x30  block 0 left, block 1 new right (both WILL_INIT),
 *                    block 2 old right sibling (btpo_prev := block 1), block 3 child (as above)
 *                                                               left contents, right contents
 * NEWROOT      0xA0  block 0 new root (WILL_INIT), block 1 left child (as above), block 2 metapage
 *                                                               root contents
 * VACUUM       0xC0  block 0 leaf                               n u16, offsets u16[n]
 * NEWMETA      0xE0  block 0 metapage, block 1 empty root leaf (both WILL_INIT)
 * BUILD        0xF0  block 0 a page written by the bottom-up build (WILL_INIT)
 *                                                               kind u8: 0 page contents | 1 root u32, level u32
 * </pre>
 */
public final class BTRecords {

    public static final int XLOG_BTREE_INSERT_LEAF = 0x00;
    public static final int XLOG_BTREE_INSERT_UPPER = 0x10;
    public static final int XLOG_BTREE_SPLIT = 0x30;
    public static final int XLOG_BTREE_NEWROOT = 0xA0;
    public static final int XLOG_BTREE_VACUUM = 0xC0;
    public static final int XLOG_BTREE_NEWMETA = 0xE0;
    /** Tusk's own: one whole page of a bottom-up build ({@link BTreeBuild}); PostgreSQL logs them as XLOG_FPI. */
    public static final int XLOG_BTREE_BUILD = 0xF0;

    private BTRecords() {
    }

    public static ByteBuffer reader(byte[] data) {
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    public static byte[] encodeInsert(int offset, byte[] tuple) {
        return ByteBuffer.allocate(2 + tuple.length).order(ByteOrder.LITTLE_ENDIAN).putShort((short) offset)
                .put(tuple).array();
    }

    public static byte[] encodePages(PageContents... pages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (PageContents page : pages) {
            page.encode(out);
        }
        return out.toByteArray();
    }

    public static byte[] encodeVacuum(int[] offsets) {
        ByteBuffer b = ByteBuffer.allocate(2 + 2 * offsets.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) offsets.length);
        for (int off : offsets) {
            b.putShort((short) off);
        }
        return b.array();
    }

    public static int[] decodeVacuum(ByteBuffer in) {
        int[] offsets = new int[in.getShort() & 0xFFFF];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = in.getShort() & 0xFFFF;
        }
        return offsets;
    }

    public static void applyInsert(ByteBuffer page, int offset, byte[] tuple) {
        if (!BTPage.insertItem(page, offset, tuple)) {
            throw new IllegalStateException("failed to add new item to btree page at offset " + offset);
        }
    }

    /** The parent now has the downlink: the split of this child is complete. */
    public static void clearIncompleteSplit(ByteBuffer page) {
        BTPage.setFlags(page, 0, BTPageOpaque.BTP_INCOMPLETE_SPLIT);
    }

    public static void setPrev(ByteBuffer page, int prev) {
        BTPageOpaque.read(page).withPrev(prev).write(page);
    }

    /** The empty index: metapage pointing at an empty root leaf in block 1. */
    public static void initMeta(ByteBuffer meta) {
        new BTMetaPage(1, 0).initPage(meta);
    }

    public static void initRootLeaf(ByteBuffer page) {
        BTPage.build(page, new BTPageOpaque(BTPageOpaque.P_NONE, BTPageOpaque.P_NONE, 0,
                BTPageOpaque.BTP_LEAF | BTPageOpaque.BTP_ROOT, 0), java.util.List.of());
    }
}
