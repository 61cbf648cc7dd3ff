package org.tusk.nbtree.internal;

import java.nio.ByteBuffer;

import org.tusk.buffer.Page;

/**
 * BTPageOpaqueData, the special space at the end of every B-tree page
 * (16 bytes, little-endian): {@code 0 btpo_prev u32 | 4 btpo_next u32 |
 * 8 btpo_level u32 | 12 btpo_flags u16 | 14 btpo_cycleid u16}. Sibling links
 * use {@link #P_NONE} (block 0 is the metapage, so never a sibling).
 */
public record BTPageOpaque(int prev, int next, int level, int flags, int cycleId) {

    public static final int SIZE = 16;
    public static final int P_NONE = 0;

    public static final int BTP_LEAF = 1 << 0;
    public static final int BTP_ROOT = 1 << 1;
    public static final int BTP_DELETED = 1 << 2;
    public static final int BTP_META = 1 << 3;
    public static final int BTP_HALF_DEAD = 1 << 4;
    public static final int BTP_SPLIT_END = 1 << 5;
    public static final int BTP_HAS_GARBAGE = 1 << 6;
    /** The right half of this page's split has no downlink in the parent yet. */
    public static final int BTP_INCOMPLETE_SPLIT = 1 << 7;

    public static BTPageOpaque read(ByteBuffer page) {
        ByteBuffer le = Page.littleEndian(page);
        int at = Page.BLCKSZ - SIZE;
        return new BTPageOpaque(le.getInt(at), le.getInt(at + 4), le.getInt(at + 8), le.getShort(at + 12) & 0xFFFF,
                le.getShort(at + 14) & 0xFFFF);
    }

    /**
     * btpo_level alone, read in place: a descent asks each page's level and
     * nothing else after moving right, and the record {@link #read} makes
     * there outlived escape analysis (an allocation per level).
     */
    public static int level(ByteBuffer page) {
        return Page.littleEndian(page).getInt(Page.BLCKSZ - SIZE + 8);
    }

    public void write(ByteBuffer page) {
        ByteBuffer le = Page.littleEndian(page);
        int at = Page.BLCKSZ - SIZE;
        le.putInt(at, prev).putInt(at + 4, next).putInt(at + 8, level).putShort(at + 12, (short) flags)
                .putShort(at + 14, (short) cycleId);
    }

    public boolean isLeaf() {
        return (flags & BTP_LEAF) != 0;
    }

    public boolean isRoot() {
        return (flags & BTP_ROOT) != 0;
    }

    public boolean isRightmost() {
        return next == P_NONE;
    }

    public boolean isLeftmost() {
        return prev == P_NONE;
    }

    public boolean isIncompleteSplit() {
        return (flags & BTP_INCOMPLETE_SPLIT) != 0;
    }

    /** P_FIRSTDATAKEY: offset 1 holds the high key on every page but the rightmost of its level. */
    public int firstDataKey() {
        return isRightmost() ? 1 : 2;
    }

    public BTPageOpaque withFlags(int newFlags) {
        return new BTPageOpaque(prev, next, level, newFlags, cycleId);
    }

    public BTPageOpaque withPrev(int newPrev) {
        return new BTPageOpaque(newPrev, next, level, flags, cycleId);
    }

    public BTPageOpaque withNext(int newNext) {
        return new BTPageOpaque(prev, newNext, level, flags, cycleId);
    }
}
