package org.tusk.nbtree.internal;

import java.nio.ByteBuffer;

import org.tusk.api.storage.IndexKeyComparator;
import org.tusk.api.storage.TupleId;
import org.tusk.buffer.Page;

/**
 * BTScanInsert: what a descent looks for, a (key, heap TID) position in the
 * tree's total order. A null key is before everything (the leftmost leaf).
 * The TID part is either a real TID (an insertion: the entry's exact place)
 * or minus/plus infinity (a search for the first entry &gt;= key or &gt; key,
 * PostgreSQL's scantid = NULL with nextkey false / true).
 */
public record ScanKey(byte[] key, TupleId tid, int infinity, IndexKeyComparator comparator) {

    public static ScanKey exact(byte[] key, TupleId tid, IndexKeyComparator comparator) {
        return new ScanKey(key, tid, 0, comparator);
    }

    /** Before every entry with an equal key. */
    public static ScanKey before(byte[] key, IndexKeyComparator comparator) {
        return new ScanKey(key, null, -1, comparator);
    }

    /** After every entry with an equal key. */
    public static ScanKey after(byte[] key, IndexKeyComparator comparator) {
        return new ScanKey(key, null, 1, comparator);
    }

    /** Before everything. */
    public static ScanKey leftmost(IndexKeyComparator comparator) {
        return new ScanKey(null, null, -1, comparator);
    }

    /** Compares this position with a tuple (leaf, pivot or high key): negative if this sorts before it. */
    public int compareTo(byte[] tuple) {
        if (IndexTuple.isMinusInfinity(tuple)) {
            return 1;
        }
        if (key == null) {
            return -1;
        }
        int c = comparator.compare(key, IndexTuple.key(tuple));
        if (c != 0) {
            return c;
        }
        if (infinity != 0) {
            return infinity;
        }
        return tid.compareTo(IndexTuple.heapTid(tuple));
    }

    /**
     * {@link #compareTo(byte[])} for the tuple at {@code offset} of {@code page}
     * (the caller holds the page's lock). With keys in byte order (every index
     * the engine makes) the tuple is compared where it lies, as _bt_compare
     * does: a descent compares some thirty tuples, and copying each one and
     * then its key out of the page was most of the descent's work. Other
     * orders get the copied key their comparator takes.
     */
    public int compareTo(ByteBuffer page, int offset) {
        if (comparator != IndexKeyComparator.UNSIGNED_BYTES) {
            return compareTo(IndexTuple.fromPage(page, offset));
        }
        ByteBuffer le = Page.littleEndian(page);
        int itemId = Page.itemId(le, offset);
        int start = Page.itemIdOffset(itemId);
        boolean pivot = IndexTuple.isPivot(le, start);
        if (pivot && IndexTuple.isMinusInfinity(le, start)) {
            return 1;
        }
        if (key == null) {
            return -1;
        }
        int header = pivot ? IndexTuple.PIVOT_HEADER : IndexTuple.LEAF_HEADER;
        int c = UnsignedBytes.compare(key, le, start + header, Page.itemIdLength(itemId) - header);
        if (c != 0) {
            return c;
        }
        if (infinity != 0) {
            return infinity;
        }
        int tidAt = pivot ? start + IndexTuple.PIVOT_TID : start;
        int byBlock = Integer.compareUnsigned(tid.block(), le.getInt(tidAt));
        return byBlock != 0 ? byBlock : Integer.compare(tid.offset(), le.getShort(tidAt + 4) & 0xFFFF);
    }

    /** Compares two stored tuples (neither minus infinity unless first): the order BTreeCheck verifies. */
    public static int compareTuples(byte[] a, byte[] b, IndexKeyComparator comparator) {
        if (IndexTuple.isMinusInfinity(a)) {
            return IndexTuple.isMinusInfinity(b) ? 0 : -1;
        }
        return exact(IndexTuple.key(a), IndexTuple.heapTid(a), comparator).compareTo(b);
    }
}
