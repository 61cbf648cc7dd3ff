package org.tusk.nbtree.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.IndexDescriptor;
import org.tusk.buffer.Buffer;
import org.tusk.buffer.BufferManager;
import org.tusk.buffer.Page;
import org.tusk.wal.BlockReference;
import org.tusk.wal.ResourceManager;
import org.tusk.wal.WalRecord;
import org.tusk.wal.WalWriter;

/**
 * nbtsort.c's bottom-up build: the sorted leaf tuples are cut into leaf pages
 * filled to {@value #LEAF_FILLFACTOR}%, each level's pages get a parent level
 * (internal pages filled to {@value #NONLEAF_FILLFACTOR}%) until one page, the
 * root, is left. The whole tree is laid out in memory first, so every page is
 * written once, complete, with its siblings' block numbers, instead of one
 * descent, one WAL record and now and then a split per entry.
 *
 * <p>Pages are numbered level by level: metapage 0, the leaves from 1 left to
 * right, then each upper level, the root last. Every page is WAL-logged whole
 * (BUILD record, the page as {@link PageContents}; PostgreSQL logs full page
 * images, log_newpage), the metapage as BUILD with the root and level.
 *
 * <p>Pivots keep the full key and heap TID (no suffix truncation), as in the
 * rest of this B-tree: a page's high key is its right sibling's first item as
 * a pivot, the parent's separator for the sibling is the same pivot with the
 * downlink, and every internal page starts with minus infinity.
 */
public final class BTreeBuild {

    /** BTREE_DEFAULT_FILLFACTOR. */
    public static final int LEAF_FILLFACTOR = 90;
    /** BTREE_NONLEAF_FILLFACTOR. */
    public static final int NONLEAF_FILLFACTOR = 70;
    /** Space for items on a B-tree page: all but the header and the special space. */
    static final int CAPACITY = Page.BLCKSZ - Page.SIZE_OF_PAGE_HEADER - Page.maxAlign(BTPageOpaque.SIZE);

    /** BUILD record data: a kind byte, then the page contents or the metapage's root and level. */
    public static final int KIND_PAGE = 0;
    public static final int KIND_META = 1;

    private BTreeBuild() {
    }

    /**
     * One page of the layout: items {@code from} to {@code to} (exclusive) of
     * its level's list, not copies of them, so that the layout of a million
     * leaf tuples holds no object per tuple ({@link BuildLeafTuples} makes them
     * only when asked for).
     */
    private static final class Node {
        final List<byte[]> level;
        final int from;
        int to;
        /** On internal levels, the minus-infinity item that stands for item {@code from}; null on leaves. */
        byte[] first;
        /** The pivot (downlink 0) that separates this page from its left sibling; null for the leftmost. */
        byte[] lowKey;
        /** The right sibling's low key: this page's high key; null for the rightmost. */
        byte[] highKey;
        int block;

        Node(List<byte[]> level, int from) {
            this.level = level;
            this.from = from;
            this.to = from;
        }

        boolean isEmpty() {
            return to == from;
        }

        /** The page's items: the high key (if any), then its share of the level. */
        List<byte[]> items() {
            List<byte[]> items = new ArrayList<>(to - from + 1);
            if (highKey != null) {
                items.add(highKey);
            }
            for (int i = from; i < to; i++) {
                items.add(i == from && first != null ? first : level.get(i));
            }
            return items;
        }
    }

    /**
     * Writes the index from {@code leafTuples} in (key, heap TID) order, at
     * least one, into the empty main fork of {@code index}.
     */
    public static void build(BufferManager buffers, WalWriter wal, IndexDescriptor index, List<byte[]> leafTuples) {
        if (leafTuples.isEmpty()) {
            throw new IllegalArgumentException("a bottom-up build needs entries");
        }
        List<List<Node>> levels = new ArrayList<>();
        List<Node> level = pack(leafTuples, LEAF_FILLFACTOR, false);
        int nextBlock = 1;
        while (true) {
            for (Node node : level) {
                node.block = nextBlock++;
            }
            levels.add(level);
            if (level.size() == 1) {
                break;
            }
            List<byte[]> downlinks = new ArrayList<>(level.size());
            for (int i = 0; i < level.size(); i++) {
                Node child = level.get(i);
                downlinks.add(i == 0 ? IndexTuple.minusInfinity(child.block) : IndexTuple.toPivot(child.lowKey, child.block));
            }
            level = pack(downlinks, NONLEAF_FILLFACTOR, true);
        }
        Node root = levels.get(levels.size() - 1).get(0);
        int rootLevel = levels.size() - 1;

        if (buffers.nblocks(index.index(), ForkNumber.MAIN) != 0) {
            throw new IllegalStateException("index " + index.name() + " is not empty");
        }
        try (Buffer meta = extend(buffers, index, 0)) {
            new BTMetaPage(root.block, rootLevel).initPage(meta.page());
            byte[] data = ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN).put((byte) KIND_META)
                    .putInt(root.block).putInt(rootLevel).array();
            log(wal, index, meta, data);
        }
        for (int l = 0; l < levels.size(); l++) {
            List<Node> nodes = levels.get(l);
            for (int i = 0; i < nodes.size(); i++) {
                Node node = nodes.get(i);
                int flags = (l == 0 ? BTPageOpaque.BTP_LEAF : 0) | (node == root ? BTPageOpaque.BTP_ROOT : 0);
                BTPageOpaque opaque = new BTPageOpaque(i == 0 ? BTPageOpaque.P_NONE : nodes.get(i - 1).block,
                        i == nodes.size() - 1 ? BTPageOpaque.P_NONE : nodes.get(i + 1).block, l, flags, 0);
                PageContents contents = new PageContents(opaque, node.items());
                try (Buffer page = extend(buffers, index, node.block)) {
                    contents.apply(page.page());
                    log(wal, index, page, contents.encode(KIND_PAGE));
                }
            }
        }
    }

    /** Redo of a BUILD record on its (initialized) page. */
    public static void redo(ByteBuffer data, ByteBuffer page) {
        int kind = data.get();
        if (kind == KIND_META) {
            new BTMetaPage(data.getInt(), data.getInt()).initPage(page);
        } else if (kind == KIND_PAGE) {
            PageContents.decode(data).apply(page);
        } else {
            throw new IllegalStateException("unknown btree build record kind " + kind);
        }
    }

    /**
     * Cuts one level's items into pages. An item goes onto the current page
     * while the page stays within the fill factor and keeps room for the
     * largest high key it could still get (the next item as a pivot);
     * otherwise the item starts the next page and, as a pivot, becomes the
     * current page's high key. On internal levels the first item of every page
     * is turned into minus infinity (its key lives on as the page's low key).
     */
    private static List<Node> pack(List<byte[]> items, int fillfactor, boolean internal) {
        int target = CAPACITY * fillfactor / 100;
        List<Node> nodes = new ArrayList<>();
        Node current = new Node(items, 0);
        int used = 0;
        byte[] next = items.get(0);
        for (int i = 0; i < items.size(); i++) {
            byte[] item = next;             // each item fetched once: the leaf level makes them on demand
            next = i + 1 < items.size() ? items.get(i + 1) : null;
            int size = BTPage.footprint(item);
            int nextHighKey = next != null ? pivotFootprint(next) : 0;
            if (!current.isEmpty() && (used + size > target || used + size + nextHighKey > CAPACITY)) {
                byte[] separator = IndexTuple.toPivot(item, 0);
                current.highKey = separator;
                nodes.add(current);
                current = new Node(items, i);
                current.lowKey = separator;
                used = 0;
            }
            byte[] stored = item;
            if (internal && current.isEmpty()) {
                stored = IndexTuple.minusInfinity(IndexTuple.downlink(item));
                current.first = stored;
            }
            current.to = i + 1;
            used += BTPage.footprint(stored);
        }
        nodes.add(current);
        return nodes;
    }

    /** The space {@code item} takes as a pivot (high key) with its line pointer. */
    private static int pivotFootprint(byte[] item) {
        int length = IndexTuple.isPivot(item) ? item.length : item.length - IndexTuple.LEAF_HEADER + IndexTuple.PIVOT_HEADER;
        return Page.maxAlign(length) + Page.ITEM_ID_SIZE;
    }

    private static Buffer extend(BufferManager buffers, IndexDescriptor index, int expectedBlock) {
        Buffer buffer = buffers.extend(index.index(), ForkNumber.MAIN);
        if (buffer.blockNumber() != expectedBlock) {
            buffer.release();
            throw new IllegalStateException("index " + index.name() + " extended concurrently during build");
        }
        return buffer;
    }

    private static void log(WalWriter wal, IndexDescriptor index, Buffer buffer, byte[] data) {
        buffer.markDirty();
        long lsn = wal.insert(WalRecord.builder(ResourceManager.BTREE, BTRecords.XLOG_BTREE_BUILD)
                .block(new BlockReference(0, index.index(), ForkNumber.MAIN, buffer.blockNumber(), buffer.page(),
                        BlockReference.WILL_INIT))
                .data(data).build());
        Page.setLsn(buffer.page(), lsn);
    }
}
