package org.tusk.nbtree.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.api.storage.IndexKeyComparator;
import org.tusk.api.storage.TupleId;
import org.tusk.buffer.Page;

/** Page layout, search within a page, split point choice, record round trips. */
class BTPageTest {

    static final IndexKeyComparator CMP = IndexKeyComparator.UNSIGNED_BYTES;

    static byte[] k(int v) {
        return ByteBuffer.allocate(4).putInt(v).array();
    }

    static ByteBuffer leafPage(boolean rightmost) {
        ByteBuffer page = Page.allocate();
        BTPage.build(page, new BTPageOpaque(3, rightmost ? 0 : 9, 0, BTPageOpaque.BTP_LEAF, 0),
                rightmost ? List.of() : List.of(IndexTuple.pivot(k(1000), new TupleId(0, 1), 0)));
        return page;
    }

    @Test
    void tupleFormats() {
        byte[] leaf = IndexTuple.leaf(k(7), new TupleId(70_000, 3));
        assertEquals(12, leaf.length);
        assertFalse(IndexTuple.isPivot(leaf));
        assertEquals(new TupleId(70_000, 3), IndexTuple.heapTid(leaf));
        assertArrayEquals(k(7), IndexTuple.key(leaf));
        assertEquals(12, IndexTuple.size(leaf));
        byte[] pivot = IndexTuple.toPivot(leaf, 42);
        assertTrue(IndexTuple.isPivot(pivot));
        assertEquals(42, IndexTuple.downlink(pivot));
        assertEquals(new TupleId(70_000, 3), IndexTuple.heapTid(pivot));
        assertArrayEquals(k(7), IndexTuple.key(pivot));
        assertEquals(20 | IndexTuple.INDEX_ALT_TID_MASK, ByteBuffer.wrap(pivot).order(java.nio.ByteOrder.LITTLE_ENDIAN).getShort(6));
        byte[] minus = IndexTuple.minusInfinity(5);
        assertTrue(IndexTuple.isMinusInfinity(minus));
        assertNull(IndexTuple.heapTid(minus));
        assertTrue(ScanKey.leftmost(CMP).compareTo(minus) > 0, "minus infinity is below everything");
    }

    @Test
    void layoutAndOrderedInsertion() {
        ByteBuffer page = leafPage(false);
        assertEquals(Page.BLCKSZ - BTPageOpaque.SIZE, Page.special(page));
        assertEquals(2, BTPageOpaque.read(page).firstDataKey());
        int[] values = {50, 10, 30, 20, 40};
        for (int v : values) {
            byte[] t = IndexTuple.leaf(k(v), new TupleId(v, 1));
            int off = BTPage.search(page, ScanKey.exact(k(v), new TupleId(v, 1), CMP), false);
            assertTrue(BTPage.insertItem(page, off, t));
        }
        List<byte[]> items = BTPage.items(page);
        assertEquals(6, items.size());
        for (int i = 1; i < 6; i++) {
            assertArrayEquals(k(i * 10), IndexTuple.key(items.get(i)));
        }
        // Equal keys by heap TID; searches with TID at minus / plus infinity.
        BTPage.insertItem(page, BTPage.search(page, ScanKey.exact(k(30), new TupleId(1, 1), CMP), false),
                IndexTuple.leaf(k(30), new TupleId(1, 1)));
        assertEquals(new TupleId(1, 1), IndexTuple.heapTid(IndexTuple.fromPage(page, 4)));
        assertEquals(4, BTPage.search(page, ScanKey.before(k(30), CMP), false));
        assertEquals(6, BTPage.search(page, ScanKey.after(k(30), CMP), false));
        assertEquals(2, BTPage.search(page, ScanKey.leftmost(CMP), false));
        assertEquals(8, BTPage.search(page, ScanKey.before(k(99), CMP), false));
        assertTrue(ScanKey.before(k(1000), CMP).compareTo(BTPage.highKey(page)) < 0);
        assertTrue(ScanKey.after(k(1000), CMP).compareTo(BTPage.highKey(page)) > 0);

        BTPage.deleteItems(page, new int[] {5, 3});
        List<Integer> left = new ArrayList<>();
        for (byte[] item : BTPage.items(page).subList(1, 5)) {
            left.add(ByteBuffer.wrap(IndexTuple.key(item)).getInt());
        }
        assertEquals(List.of(10, 30, 40, 50), left);
        assertEquals(new TupleId(1, 1), IndexTuple.heapTid(IndexTuple.fromPage(page, 3)));
    }

    @Test
    void fullPageRefusesAndSplitPointBalances() {
        ByteBuffer page = leafPage(true);
        int n = 0;
        while (BTPage.insertItem(page, n + 1, IndexTuple.leaf(k(n), new TupleId(n, 1)))) {
            n++;
        }
        // 12-byte tuples take 16 bytes + 4 for the line pointer.
        assertEquals((Page.BLCKSZ - Page.SIZE_OF_PAGE_HEADER - BTPageOpaque.SIZE) / 20, n);
        assertEquals(n, Page.maxOffsetNumber(page));
        List<byte[]> items = BTPage.items(page);
        assertEquals(n / 2, BTree.splitPoint(items, false));
        int k90 = BTree.splitPoint(items, true);
        assertTrue(k90 >= n * 89 / 100 && k90 <= n * 91 / 100, "90% split at " + k90 + " of " + n);
        assertEquals(1, BTree.splitPoint(items.subList(0, 2), false));
    }

    @Test
    void pageContentsRoundTripRebuildsTheSameBytes() {
        ByteBuffer page = leafPage(false);
        for (int i = 0; i < 50; i++) {
            BTPage.insertItem(page, 2 + i, IndexTuple.leaf(k(i), new TupleId(i, 2)));
        }
        PageContents contents = new PageContents(BTPageOpaque.read(page), BTPage.items(page));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        contents.encode(out);
        PageContents decoded = PageContents.decode(BTRecords.reader(out.toByteArray()));
        ByteBuffer a = Page.allocate();
        ByteBuffer b = Page.allocate();
        contents.apply(a);
        decoded.apply(b);
        assertEquals(a, b);
        assertEquals(51, Page.maxOffsetNumber(b));
        assertEquals(BTPageOpaque.read(page), BTPageOpaque.read(b));
        int[] offsets = BTRecords.decodeVacuum(BTRecords.reader(BTRecords.encodeVacuum(new int[] {2, 7, 300})));
        assertArrayEquals(new int[] {2, 7, 300}, offsets);
    }
}
