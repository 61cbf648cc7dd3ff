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

    private final BufferManager buffers;
    private final BTree tree;
    private final ScanBounds bounds;
    private final IndexKeyComparator comparator;
    private final List<byte[]> batch = new ArrayList<>();
    private int position = -1;
    private int nextBlock = BTPageOpaque.P_NONE;
    private boolean started;
    private boolean reachedEnd;

    public BTreeForwardScan(BufferManager buffers, BTree tree, ScanBounds bounds) {
        this.buffers = buffers;
        this.tree = tree;
        this.bounds = bounds;
        this.comparator = tree.descriptor().comparator();
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

    /** _bt_readpage: copies the items from {@code offset} on that are within the upper bound. */
    private void readPage(ByteBuffer page, int offset) {
        BTPageOpaque opaque = BTPageOpaque.read(page);
        int max = Page.maxOffsetNumber(page);
        for (int off = offset; off <= max; off++) {
            byte[] item = IndexTuple.fromPage(page, off);
            if (beyondUpper(IndexTuple.key(item))) {
                reachedEnd = true;
                return;
            }
            batch.add(item);
        }
        // Every item to the right is at least the high key: stop if that is beyond the bound already.
        if (opaque.isRightmost() || beyondUpper(IndexTuple.key(BTPage.highKey(page)))) {
            reachedEnd = true;
        } else {
            nextBlock = opaque.next();
        }
    }

    private boolean beyondUpper(byte[] key) {
        if (bounds.upper() == null) {
            return false;
        }
        int c = comparator.compare(key, bounds.upper());
        return bounds.upperInclusive() ? c > 0 : c >= 0;
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
