package org.tusk.nbtree;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.IndexDescriptor;
import org.tusk.api.storage.IndexKeyComparator;
import org.tusk.api.storage.TupleId;
import org.tusk.buffer.Buffer;
import org.tusk.buffer.BufferManager;
import org.tusk.buffer.Page;
import org.tusk.nbtree.internal.BTMetaPage;
import org.tusk.nbtree.internal.BTPageOpaque;
import org.tusk.nbtree.internal.BTPage;
import org.tusk.nbtree.internal.IndexTuple;
import org.tusk.nbtree.internal.ScanKey;
import org.tusk.shmem.LWLockMode;

/**
 * amcheck's bt_index_check for a quiescent index: walks every level from
 * the root, left to right by right-links, on private copies of the pages,
 * and reports (does not throw):
 * <ul>
 * <li>per page: sane header, level and leaf flag as expected, items in
 * strictly ascending (key, heap TID) order, every item below the high key,
 * the first item at or above the left sibling's high key;</li>
 * <li>sibling links: each page's left-link is the page before it, the walk
 * ends at a rightmost page, no page twice;</li>
 * <li>downlinks: each child is one level down and holds only items within
 * the parent's separators; every page has a downlink except the right half
 * of an INCOMPLETE_SPLIT;</li>
 * <li>with {@code heap} (heapallindexed): every (TID, key) of the table has
 * exactly one matching index entry and the index has no other entry.</li>
 * </ul>
 */
public final class BTreeCheck {

    private final IndexDescriptor index;
    private final IndexKeyComparator comparator;
    private final ByteBuffer[] pages;
    private final List<String> problems = new ArrayList<>();
    private final Map<TupleId, byte[]> leafEntries = new HashMap<>();

    private BTreeCheck(BufferManager buffers, IndexDescriptor index) {
        this.index = index;
        this.comparator = index.comparator();
        int nblocks = buffers.nblocks(index.index(), ForkNumber.MAIN);
        pages = new ByteBuffer[nblocks];
        for (int b = 0; b < nblocks; b++) {
            try (Buffer buffer = buffers.read(index.index(), ForkNumber.MAIN, b)) {
                buffer.lock(LWLockMode.SHARED);
                ByteBuffer copy = Page.allocate();
                copy.put(0, buffer.page(), 0, Page.BLCKSZ);
                pages[b] = copy;
            }
        }
    }

    /** bt_index_check(index). */
    public static List<String> check(BufferManager buffers, IndexDescriptor index) {
        BTreeCheck check = new BTreeCheck(buffers, index);
        check.run();
        return check.problems;
    }

    /** bt_index_check(index, heapallindexed): also compares the leaf entries with the table's (TID → key). */
    public static List<String> check(BufferManager buffers, IndexDescriptor index, Map<TupleId, byte[]> heap) {
        BTreeCheck check = new BTreeCheck(buffers, index);
        check.run();
        if (check.problems.isEmpty()) {
            check.heapAllIndexed(heap);
        }
        return check.problems;
    }

    private void problem(int block, String what) {
        problems.add("index \"" + index.name() + "\" block " + block + ": " + what);
    }

    /** The separators a parent gives a child: lower (null: minus infinity) and upper (null: none). */
    private record Bounds(byte[] lower, byte[] upper, int parent) {
    }

    private void run() {
        if (pages.length < 2) {
            problem(0, "index has " + pages.length + " blocks");
            return;
        }
        BTMetaPage meta;
        try {
            meta = BTMetaPage.read(pages[0]);
        } catch (IllegalStateException e) {
            problem(0, e.getMessage());
            return;
        }
        if (meta.root() <= 0 || meta.root() >= pages.length) {
            problem(0, "root block " + meta.root() + " out of range");
            return;
        }
        Set<Integer> visited = new HashSet<>();
        visited.add(0);
        Map<Integer, Bounds> bounds = new HashMap<>();
        int leftmost = meta.root();
        for (int level = meta.level(); level >= 0; level--) {
            Map<Integer, Bounds> childBounds = new HashMap<>();
            int nextLeftmost = walkLevel(leftmost, level, level == meta.level(), bounds, childBounds, visited);
            if (nextLeftmost < 0) {
                return;
            }
            bounds = childBounds;
            leftmost = nextLeftmost;
        }
        for (int b = 1; b < pages.length; b++) {
            if (!visited.contains(b) && !Page.isNew(pages[b])) {
                problem(b, "page is not reachable from the root");
            }
        }
    }

    /** Checks one level; returns the leftmost child block (0 at the leaf level), or -1 if the walk had to stop. */
    private int walkLevel(int leftmost, int level, boolean rootLevel, Map<Integer, Bounds> bounds,
            Map<Integer, Bounds> childBounds, Set<Integer> visited) {
        int prev = BTPageOpaque.P_NONE;
        byte[] prevHighKey = null;
        boolean prevIncompleteSplit = false;
        Bounds inherited = null;
        int firstChild = 0;
        for (int block = leftmost; block != BTPageOpaque.P_NONE;) {
            if (block < 0 || block >= pages.length) {
                problem(prev, "right-link " + block + " out of range");
                return -1;
            }
            if (!visited.add(block)) {
                problem(block, "page reached twice (sibling link cycle or shared downlink)");
                return -1;
            }
            ByteBuffer page = pages[block];
            if (Page.isNew(page) || !Page.headerIsSane(page) || Page.specialSize(page) != BTPageOpaque.SIZE) {
                problem(block, "invalid page header or special space");
                return -1;
            }
            BTPageOpaque opaque = BTPageOpaque.read(page);
            if (opaque.level() != level) {
                problem(block, "level " + opaque.level() + " where " + level + " was expected");
            }
            if (opaque.isLeaf() != (level == 0)) {
                problem(block, "leaf flag " + opaque.isLeaf() + " at level " + level);
            }
            if (opaque.prev() != prev) {
                problem(block, "left-link " + opaque.prev() + " does not point at the left sibling " + prev);
            }
            if (rootLevel && (!opaque.isRoot() || !opaque.isRightmost() || !opaque.isLeftmost())) {
                problem(block, "root page is not the only page of its level with BTP_ROOT");
            }
            Bounds mine = bounds.get(block);
            if (mine == null) {
                if (!rootLevel && !prevIncompleteSplit) {
                    problem(block, "page has no downlink in level " + (level + 1));
                }
                mine = inherited;
            }
            List<byte[]> items = BTPage.items(page);
            int first = opaque.firstDataKey();
            byte[] highKey = opaque.isRightmost() ? null : items.get(0);
            for (int off = first; off <= items.size(); off++) {
                byte[] item = items.get(off - 1);
                if (IndexTuple.isPivot(item) == (level == 0)) {
                    problem(block, "item " + off + " has the wrong tuple format for level " + level);
                    continue;
                }
                boolean minusInfinity = IndexTuple.isMinusInfinity(item);
                if (minusInfinity != (level > 0 && off == first)) {
                    problem(block, "item " + off + (minusInfinity ? " is" : " is not") + " minus infinity");
                    continue;
                }
                if (off > first && ScanKey.compareTuples(items.get(off - 2), item, comparator) >= 0) {
                    problem(block, "items " + (off - 1) + " and " + off + " are not in ascending order");
                }
                if (!minusInfinity && highKey != null && ScanKey.compareTuples(item, highKey, comparator) >= 0) {
                    problem(block, "item " + off + " is not below the high key");
                }
                if (!minusInfinity && off == first && prevHighKey != null
                        && ScanKey.compareTuples(item, prevHighKey, comparator) < 0) {
                    problem(block, "first item is below the left sibling's high key");
                }
                if (!minusInfinity && mine != null) {
                    if (mine.lower() != null && ScanKey.compareTuples(item, mine.lower(), comparator) < 0) {
                        problem(block, "item " + off + " is below its separator in parent block " + mine.parent());
                    }
                    if (mine.upper() != null && ScanKey.compareTuples(item, mine.upper(), comparator) >= 0) {
                        problem(block, "item " + off + " is not below the next separator in parent block "
                                + mine.parent());
                    }
                }
                if (level == 0) {
                    TupleId tid = IndexTuple.heapTid(item);
                    if (leafEntries.put(tid, IndexTuple.key(item)) != null) {
                        problem(block, "heap TID " + tid + " is indexed twice");
                    }
                } else {
                    int child = IndexTuple.downlink(item);
                    if (child <= 0 || child >= pages.length) {
                        problem(block, "downlink " + child + " of item " + off + " out of range");
                        continue;
                    }
                    byte[] lower = minusInfinity ? (mine == null ? null : mine.lower()) : item;
                    byte[] upper = off < items.size() ? items.get(off) : highKey;
                    if (childBounds.put(child, new Bounds(lower, upper, block)) != null) {
                        problem(block, "two downlinks to block " + child);
                    }
                    if (firstChild == 0) {
                        firstChild = child;
                    }
                }
            }
            if (level > 0 && items.size() < first) {
                problem(block, "internal page has no downlinks");
                return -1;
            }
            prevIncompleteSplit = opaque.isIncompleteSplit();
            inherited = mine;
            prevHighKey = highKey;
            prev = block;
            block = opaque.next();
        }
        return firstChild;
    }

    private void heapAllIndexed(Map<TupleId, byte[]> heap) {
        for (Map.Entry<TupleId, byte[]> row : heap.entrySet()) {
            byte[] key = leafEntries.get(row.getKey());
            if (key == null || comparator.compare(key, row.getValue()) != 0) {
                problems.add("index \"" + index.name() + "\": heap tuple " + row.getKey()
                        + " lacks matching index tuple");
            }
        }
        for (TupleId tid : leafEntries.keySet()) {
            if (!heap.containsKey(tid)) {
                problems.add("index \"" + index.name() + "\": index tuple points to heap tuple " + tid
                        + " that is not in the table");
            }
        }
    }
}
