package org.tusk.nbtree.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.tusk.api.storage.IndexKeyComparator;
import org.tusk.api.storage.TupleId;
import org.tusk.buffer.Page;

/** Comparing a search position with a tuple where it lies on the page agrees with comparing a copy of it. */
class ScanKeyTest {

    private static final IndexKeyComparator CMP = IndexKeyComparator.UNSIGNED_BYTES;

    /** Keys of different lengths and bytes on both sides of 0x80, so unsigned order and prefixes matter. */
    private static final byte[][] KEYS = {
        {}, {0}, {0, 0}, {1}, {(byte) 0x7F}, {(byte) 0x80}, {(byte) 0x80, 0}, {(byte) 0xFF}, {(byte) 0xFF, (byte) 0xFF},
        {1, 2, 3, 4}, {1, 2, 3, 5}, {1, 2, 3}, {1, 2, 3, 4, 0},
    };
    private static final TupleId[] TIDS = {new TupleId(0, 1), new TupleId(0, 2), new TupleId(7, 1),
        new TupleId(0x80000000, 1), new TupleId(-1, 65535)};

    private static List<ScanKey> positions(IndexKeyComparator comparator) {
        List<ScanKey> out = new ArrayList<>();
        out.add(ScanKey.leftmost(comparator));
        for (byte[] key : KEYS) {
            out.add(ScanKey.before(key, comparator));
            out.add(ScanKey.after(key, comparator));
            for (TupleId tid : TIDS) {
                out.add(ScanKey.exact(key, tid, comparator));
            }
        }
        return out;
    }

    /** An internal page (minus infinity first, then pivots) and a leaf page holding every key and TID. */
    private static List<ByteBuffer> pages() {
        List<byte[]> pivots = new ArrayList<>();
        pivots.add(IndexTuple.minusInfinity(3));
        List<byte[]> leaves = new ArrayList<>();
        for (byte[] key : KEYS) {
            for (TupleId tid : TIDS) {
                pivots.add(IndexTuple.pivot(key, tid, 4));
                leaves.add(IndexTuple.leaf(key, tid));
            }
        }
        ByteBuffer inner = Page.allocate();
        BTPage.build(inner, new BTPageOpaque(0, 0, 1, 0, 0), pivots);
        ByteBuffer leaf = Page.allocate();
        BTPage.build(leaf, new BTPageOpaque(0, 0, 0, BTPageOpaque.BTP_LEAF, 0), leaves);
        return List.of(inner, leaf);
    }

    @Test
    void inPlaceComparisonAgreesWithTheCopiedTuple() {
        AtomicInteger comparatorCalls = new AtomicInteger();
        IndexKeyComparator counting = (a, b) -> {
            comparatorCalls.incrementAndGet();
            return CMP.compare(a, b);
        };
        for (ByteBuffer page : pages()) {
            for (int offset = 1; offset <= Page.maxOffsetNumber(page); offset++) {
                byte[] tuple = IndexTuple.fromPage(page, offset);
                for (ScanKey position : positions(CMP)) {
                    assertEquals(Integer.signum(position.compareTo(tuple)), Integer.signum(position.compareTo(page, offset)),
                            position + " against item " + offset);
                }
                // Another comparator still decides the order: it is handed the copied key.
                for (ScanKey position : positions(counting)) {
                    assertEquals(Integer.signum(position.compareTo(tuple)), Integer.signum(position.compareTo(page, offset)));
                }
            }
        }
        assertTrue(comparatorCalls.get() > 0);
    }
}
