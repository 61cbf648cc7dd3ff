package org.tusk.nbtree.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.api.storage.IndexKeyComparator;
import org.tusk.api.storage.TupleId;

/** The build's spool: in-order input kept packed and unsorted, other input sorted, duplicates found either way. */
class BuildLeafTuplesTest {

    private static byte[] k(int v) {
        return ByteBuffer.allocate(4).putInt(v ^ Integer.MIN_VALUE).array();
    }

    private static final Runnable NO_DUPLICATES = () -> fail("no duplicate expected");

    @Test
    void entriesInOrderAcrossSeveralArraysComeBackAsAddedWithoutASort() {
        BuildLeafTuples spool = new BuildLeafTuples(IndexKeyComparator.UNSIGNED_BYTES);
        int n = 300_000;                                    // 3.6 MB of tuples: several arrays
        for (int i = 0; i < n; i++) {
            spool.add(k(i - 1000), new TupleId(i / 100, i % 100 + 1));
        }
        assertTrue(spool.arrivedInOrder());
        List<byte[]> sorted = spool.sorted(true, NO_DUPLICATES);
        assertEquals(n, sorted.size());
        for (int i = 0; i < n; i += 997) {
            assertArrayEquals(IndexTuple.leaf(k(i - 1000), new TupleId(i / 100, i % 100 + 1)), sorted.get(i));
        }
        assertArrayEquals(IndexTuple.leaf(k(n - 1001), new TupleId((n - 1) / 100, (n - 1) % 100 + 1)),
                sorted.get(n - 1));
        // a view: each tuple is made when asked for, none is held per entry
        assertNotSame(sorted.get(5), sorted.get(5));
    }

    @Test
    void entriesOutOfOrderAreSortedByKeyThenHeapTid() {
        BuildLeafTuples spool = new BuildLeafTuples(IndexKeyComparator.UNSIGNED_BYTES);
        spool.add(k(5), new TupleId(0, 1));
        spool.add(k(-3), new TupleId(0, 2));
        spool.add(k(5), new TupleId(70_000, 1));
        spool.add(k(5), new TupleId(0, 3));
        spool.add(k(1), new TupleId(1, 1));
        assertFalse(spool.arrivedInOrder());
        List<byte[]> expected = List.of(IndexTuple.leaf(k(-3), new TupleId(0, 2)),
                IndexTuple.leaf(k(1), new TupleId(1, 1)), IndexTuple.leaf(k(5), new TupleId(0, 1)),
                IndexTuple.leaf(k(5), new TupleId(0, 3)), IndexTuple.leaf(k(5), new TupleId(70_000, 1)));
        List<byte[]> sorted = spool.sorted(false, NO_DUPLICATES);
        assertEquals(expected.size(), sorted.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), sorted.get(i));
        }
    }

    @Test
    void equalKeysAreDuplicatesOnlyInAUniqueBuildWhetherInOrderOrNot() {
        List<int[]> inOrder = List.of(new int[] {1, 1}, new int[] {2, 2}, new int[] {2, 3}, new int[] {3, 4});
        List<int[]> shuffled = List.of(new int[] {3, 1}, new int[] {2, 2}, new int[] {1, 3}, new int[] {2, 4});
        for (List<int[]> entries : List.of(inOrder, shuffled)) {
            for (boolean unique : new boolean[] {false, true}) {
                BuildLeafTuples spool = new BuildLeafTuples(IndexKeyComparator.UNSIGNED_BYTES);
                for (int[] e : entries) {
                    spool.add(k(e[0]), new TupleId(0, e[1]));
                }
                List<String> reported = new ArrayList<>();
                List<byte[]> sorted = spool.sorted(unique, () -> reported.add("duplicate"));
                assertEquals(unique ? List.of("duplicate") : List.of(), reported);
                assertEquals(4, sorted.size());
            }
        }
    }
}
