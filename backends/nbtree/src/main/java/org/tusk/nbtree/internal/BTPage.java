package org.tusk.nbtree.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.tusk.buffer.Page;

/**
 * Operations on one B-tree page (bufpage.c's PageIndexTupleAdd /
 * PageIndexMultiDelete and nbtsearch.c's _bt_binsrch). Items are kept in
 * key order by line pointer number; offset 1 is the high key unless the page
 * is the rightmost of its level. Every change is a deterministic function of
 * the page and its arguments, so redo, calling the same code, rebuilds
 * byte-identical pages.
 */
public final class BTPage {

    /** P_HIKEY: the high key's offset on every page but the rightmost of its level. */
    public static final int P_HIKEY = 1;

    private BTPage() {
    }

    /** _bt_pageinit plus the items in order: the page is rebuilt from scratch. */
    public static void build(ByteBuffer page, BTPageOpaque opaque, List<byte[]> items) {
        Page.init(page, BTPageOpaque.SIZE);
        opaque.write(page);
        for (byte[] item : items) {
            if (Page.addItem(page, item, 0) == Page.INVALID_OFFSET_NUMBER) {
                throw new IllegalStateException("btree page overflow while building a page of " + items.size() + " items");
            }
        }
    }

    /** Every item (high key included) as private copies, in line pointer order. */
    public static List<byte[]> items(ByteBuffer page) {
        int max = Page.maxOffsetNumber(page);
        List<byte[]> out = new ArrayList<>(max);
        for (int off = 1; off <= max; off++) {
            out.add(IndexTuple.fromPage(page, off));
        }
        return out;
    }

    /** Whether {@code tuple} fits with its line pointer. */
    public static boolean fits(ByteBuffer page, int tupleLength) {
        return Page.upper(page) - Page.lower(page) >= Page.maxAlign(tupleLength) + Page.ITEM_ID_SIZE;
    }

    /** Space a tuple takes on a page, its line pointer included. */
    public static int footprint(byte[] tuple) {
        return Page.maxAlign(tuple.length) + Page.ITEM_ID_SIZE;
    }

    /**
     * PageIndexTupleAdd: inserts {@code tuple} at line pointer {@code offset},
     * moving the line pointers from there on up by one. Returns false (page
     * unchanged) if it does not fit.
     */
    public static boolean insertItem(ByteBuffer page, int offset, byte[] tuple) {
        int max = Page.maxOffsetNumber(page);
        if (offset < 1 || offset > max + 1) {
            throw new IllegalArgumentException("invalid btree insert offset " + offset + " on a page of " + max + " items");
        }
        if (!fits(page, tuple.length)) {
            return false;
        }
        ByteBuffer le = Page.littleEndian(page);
        for (int off = max; off >= offset; off--) {
            int at = Page.SIZE_OF_PAGE_HEADER + (off - 1) * Page.ITEM_ID_SIZE;
            le.putInt(at + Page.ITEM_ID_SIZE, le.getInt(at));
        }
        int upper = Page.upper(page) - Page.maxAlign(tuple.length);
        page.duplicate().clear().position(upper).put(tuple);
        Page.setLower(page, Page.lower(page) + Page.ITEM_ID_SIZE);
        Page.setUpper(page, upper);
        Page.setItemId(page, offset, upper, Page.LP_NORMAL, tuple.length);
        return true;
    }

    /** PageIndexMultiDelete: removes the items at {@code offsets}; the rest keep their order (the page is compacted). */
    public static void deleteItems(ByteBuffer page, int[] offsets) {
        int[] sorted = offsets.clone();
        Arrays.sort(sorted);
        BTPageOpaque opaque = BTPageOpaque.read(page);
        long lsn = Page.lsn(page);
        List<byte[]> keep = new ArrayList<>();
        List<byte[]> all = items(page);
        for (int i = 0; i < all.size(); i++) {
            if (Arrays.binarySearch(sorted, i + 1) < 0) {
                keep.add(all.get(i));
            }
        }
        build(page, opaque, keep);
        Page.setLsn(page, lsn);
    }

    /** Sets or clears opaque flag bits. */
    public static void setFlags(ByteBuffer page, int set, int clear) {
        BTPageOpaque opaque = BTPageOpaque.read(page);
        opaque.withFlags((opaque.flags() | set) & ~clear).write(page);
    }

    /**
     * _bt_binsrch: the first data offset whose item is &gt;= {@code key}
     * ({@code strict} false) or &gt; {@code key} ({@code strict} true);
     * max + 1 if none.
     */
    public static int search(ByteBuffer page, ScanKey key, boolean strict) {
        BTPageOpaque opaque = BTPageOpaque.read(page);
        int low = opaque.firstDataKey();
        int high = Page.maxOffsetNumber(page) + 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            int c = key.compareTo(page, mid);
            if (strict ? c >= 0 : c > 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** The high key, or null on the rightmost page of a level. */
    public static byte[] highKey(ByteBuffer page) {
        return BTPageOpaque.read(page).isRightmost() ? null : IndexTuple.fromPage(page, P_HIKEY);
    }
}
