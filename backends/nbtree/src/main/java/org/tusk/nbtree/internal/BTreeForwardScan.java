package org.tusk.nbtree.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.IndexKeyComparator;
import org.tusk.api.storage.IndexScan;
import org.tusk.api.storage.ScanBounds;
import org.tusk.api.storage.TupleId;
import org.tusk.buffer.Buffer;
import org.tusk.buffer.BufferManager;
import org.tusk.buffer.Page;
import org.tusk.shmem.LWLockMode;

/**
 * A forward scan (_bt_first, _bt_readpage, _bt_steppage), page at a time:
 * under a share lock, the matching items of one leaf are copied together
 * with the page's right-link, and the page is released before they are
 * returned. The next page is the right-link saved then: a split of the page
 * after the copy moves only items already copied (or inserted later) to
 * pages in between, so no entry is returned twice and every entry that was
 * there when its page was read is returned, in key order.
 */
public final class BTreeForwardScan implements IndexScan {

    /** Room for a few entries without growing: most scans are equality look-ups of one entry. */
    private static final int BATCH_CAPACITY = 4;

    private final BufferManager buffers;
    private final BTree tree;
    private final ScanBounds bounds;
    private final IndexKeyComparator comparator;
    private final List<byte[]> batch = new ArrayList<>(BATCH_CAPACITY);
    /**
     * The upper bound as a search position: after every entry equal to it if
     * inclusive, before them if not; null if unbounded. An entry is beyond
     * the bound when it sorts after this position.
     */
    private final ScanKey upperLimit;
    private int position = -1;
    private int nextBlock = BTPageOpaque.P_NONE;
    private boolean started;
    private boolean reachedEnd;

    public BTreeForwardScan(BufferManager buffers, BTree tree, ScanBounds bounds) {
        this.buffers = buffers;
        this.tree = tree;
        this.bounds = bounds;
        this.comparator = tree.descriptor().comparator();
        this.upperLimit = bounds.upper() == null ? null
                : bounds.upperInclusive() ? ScanKey.after(bounds.upper(), comparator)
                        : ScanKey.before(bounds.upper(), comparator);
    }

    @Override
    public boolean next() {
        while (true) {
            if (position + 1 < batch.size()) {
                position++;
                return true;
            }
            if (reachedEnd) {
                batch.clear();
                position = -1;
                return false;
            }
            batch.clear();
            position = -1;
            if (!started) {
                started = true;
                ScanKey start = bounds.lower() == null ? ScanKey.leftmost(comparator)
                        : bounds.lowerInclusive() ? ScanKey.before(bounds.lower(), comparator)
                                : ScanKey.after(bounds.lower(), comparator);
                BTree.Found found = tree.search(start, false);
                try (Buffer leaf = found.buffer()) {
                    readPage(leaf.page(), BTPage.search(leaf.page(), start, false));
                }
            } else {
                try (Buffer leaf = buffers.read(tree.descriptor().index(), ForkNumber.MAIN, nextBlock)) {
                    leaf.lock(LWLockMode.SHARED);
                    readPage(leaf.page(), BTPageOpaque.read(leaf.page()).firstDataKey());
                }
            }
        }
    }

    /**
     * _bt_readpage: copies the items from {@code offset} on that are within
     * the upper bound. Each item is checked against the bound where it lies
     * (_bt_checkkeys on the page's tuple) and only the matching ones are
     * copied: an equality look-up copies its one entry, not also the first
     * entry past it and the high key.
     */
    private void readPage(ByteBuffer page, int offset) {
        BTPageOpaque opaque = BTPageOpaque.read(page);
        int max = Page.maxOffsetNumber(page);
        for (int off = offset; off <= max; off++) {
            if (beyondUpper(page, off)) {
                reachedEnd = true;
                return;
            }
            batch.add(IndexTuple.fromPage(page, off));
        }
        // Every item to the right is at least the high key: stop if that is beyond the bound already.
        if (opaque.isRightmost() || beyondUpper(page, BTPage.P_HIKEY)) {
            reachedEnd = true;
        } else {
            nextBlock = opaque.next();
        }
    }

    /** Whether the tuple at {@code offset} (leaf item or high key) is beyond the upper bound. */
    private boolean beyondUpper(ByteBuffer page, int offset) {
        return upperLimit != null && upperLimit.compareTo(page, offset) < 0;
    }

    @Override
    public TupleId heapTid() {
        return IndexTuple.heapTid(current());
    }

    @Override
    public byte[] key() {
        return IndexTuple.key(current());
    }

    private byte[] current() {
        if (position < 0) {
            throw new IllegalStateException("index scan is not positioned on an entry");
        }
        return batch.get(position);
    }

    @Override
    public void close() {
        batch.clear();
        reachedEnd = true;
    }
}
