package org.tusk.nbtree.internal;

import java.nio.ByteBuffer;

import org.tusk.buffer.Page;

/**
 * BTMetaPageData in block 0, right after the page header (little-endian):
 * {@code 24 btm_magic | 28 btm_version | 32 btm_root | 36 btm_level |
 * 40 btm_fastroot | 44 btm_fastlevel}; pd_lower points past it and the
 * special space carries BTP_META. The fast root is always the true root here.
 */
public record BTMetaPage(int root, int level) {

    public static final int BTREE_MAGIC = 0x053162;
    public static final int BTREE_VERSION = 4;
    public static final int BTREE_METAPAGE = 0;
    private static final int AT = Page.SIZE_OF_PAGE_HEADER;

    /** Initializes {@code page} as a metapage pointing at {@code root}. */
    public void initPage(ByteBuffer page) {
        Page.init(page, BTPageOpaque.SIZE);
        new BTPageOpaque(BTPageOpaque.P_NONE, BTPageOpaque.P_NONE, 0, BTPageOpaque.BTP_META, 0).write(page);
        ByteBuffer le = Page.littleEndian(page);
        le.putInt(AT, BTREE_MAGIC).putInt(AT + 4, BTREE_VERSION);
        write(page);
        Page.setLower(page, AT + 24);
    }

    /** Updates root and level of an initialized metapage. */
    public void write(ByteBuffer page) {
        ByteBuffer le = Page.littleEndian(page);
        le.putInt(AT + 8, root).putInt(AT + 12, level).putInt(AT + 16, root).putInt(AT + 20, level);
    }

    public static BTMetaPage read(ByteBuffer page) {
        ByteBuffer le = Page.littleEndian(page);
        if (le.getInt(AT) != BTREE_MAGIC) {
            throw new IllegalStateException("index is not a btree (metapage magic " + Integer.toHexString(le.getInt(AT)) + ")");
        }
        if (le.getInt(AT + 4) != BTREE_VERSION) {
            throw new IllegalStateException("version mismatch in index: file version " + le.getInt(AT + 4));
        }
        return new BTMetaPage(le.getInt(AT + 8), le.getInt(AT + 12));
    }
}
