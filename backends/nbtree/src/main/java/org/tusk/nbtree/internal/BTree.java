package org.tusk.nbtree.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.IndexDescriptor;
import org.tusk.api.storage.TransactionContext;
import org.tusk.api.storage.TupleId;
import org.tusk.api.storage.TupleLiveness;
import org.tusk.api.storage.UniqueCheck;
import org.tusk.buffer.Buffer;
import org.tusk.buffer.BufferManager;
import org.tusk.buffer.Page;
import org.tusk.buffer.PageChecksum;
import org.tusk.buffer.Smgr;
import org.tusk.shmem.LWLockMode;
import org.tusk.wal.BlockReference;
import org.tusk.wal.ResourceManager;
import org.tusk.wal.WalRecord;
import org.tusk.wal.WalWriter;

/**
 * One index as nbtsearch.c and nbtinsert.c see it: Lehman–Yao descent with
 * one page lock at a time and moves to the right, insertion with page
 * splits, downlink insertion into the parent as a separate step, new roots.
 *
 * <p>Lock order: pages are locked bottom-up (a child before its parent) and
 * left to right within a level, the metapage last; descents hold one lock at
 * a time. A split keeps the left page locked until its downlink is in the
 * parent, which clears the left page's INCOMPLETE_SPLIT flag in the same WAL
 * record. After a crash between the two, an inserter that meets the flag
 * finishes the split first (_bt_finish_split).
 */
public final class BTree {

    /** BTMaxItemSize for 8 kB pages: three items must fit on a page. */
    public static final int MAX_TUPLE_SIZE = 2704;
    /** Fill factor of a rightmost page split by an insertion at its end (BTREE_DEFAULT_FILLFACTOR). */
    private static final int RIGHTMOST_FILL_PERCENT = 90;

    private final BufferManager buffers;
    private final WalWriter wal;
    private final IndexDescriptor index;
    private final BTRootCache roots;

    /** A tree that reads the metapage at every descent (no root remembered across calls). */
    public BTree(BufferManager buffers, WalWriter wal, IndexDescriptor index) {
        this(buffers, wal, index, new BTRootCache());
    }

    /** A tree whose descents start from the root {@code roots} remembers for it (the process's cache). */
    public BTree(BufferManager buffers, WalWriter wal, IndexDescriptor index, BTRootCache roots) {
        this.buffers = buffers;
        this.wal = wal;
        this.index = index;
        this.roots = roots;
    }

    public IndexDescriptor descriptor() {
        return index;
    }

    // --- storage ------------------------------------------------------------------

    /** Creates the files, the metapage and the empty root leaf. */
    public void create() {
        if (!buffers.smgr().exists(index.index(), ForkNumber.MAIN)) {
            buffers.smgr().create(index.index(), ForkNumber.MAIN);
        }
        if (buffers.nblocks(index.index(), ForkNumber.MAIN) != 0) {
            throw new IllegalStateException("index " + index.name() + " is not empty");
        }
        try (Buffer meta = buffers.extend(index.index(), ForkNumber.MAIN);
                Buffer root = buffers.extend(index.index(), ForkNumber.MAIN)) {
            if (meta.blockNumber() != 0 || root.blockNumber() != 1) {
                throw new IllegalStateException("index " + index.name() + " extended concurrently during build");
            }
            BTRecords.initMeta(meta.page());
            BTRecords.initRootLeaf(root.page());
            meta.markDirty();
            root.markDirty();
            long lsn = wal.insert(WalRecord.builder(ResourceManager.BTREE, BTRecords.XLOG_BTREE_NEWMETA)
                    .block(ref(0, meta, BlockReference.WILL_INIT)).block(ref(1, root, BlockReference.WILL_INIT))
                    .build());
            Page.setLsn(meta.page(), lsn);
            Page.setLsn(root.page(), lsn);
        }
    }

    /**
     * btbuildempty: the metapage and an empty root leaf written straight to
     * the INIT fork and synced (not WAL-logged, not in shared buffers: only
     * the startup process reads it, to replace the main fork at each start).
     * Page LSNs stay 0, so the first change after a reset logs a full image.
     */
    public void createInitFork() {
        Smgr smgr = buffers.smgr();
        if (smgr.exists(index.index(), ForkNumber.INIT)) {
            smgr.unlink(index.index(), ForkNumber.INIT);
        }
        smgr.create(index.index(), ForkNumber.INIT);
        boolean checksums = buffers.dataChecksums();
        ByteBuffer meta = Page.allocate();
        BTRecords.initMeta(meta);
        if (checksums) {
            PageChecksum.set(meta, 0);
        }
        smgr.extend(index.index(), ForkNumber.INIT, 0, meta);
        ByteBuffer root = Page.allocate();
        BTRecords.initRootLeaf(root);
        if (checksums) {
            PageChecksum.set(root, 1);
        }
        smgr.extend(index.index(), ForkNumber.INIT, 1, root);
        smgr.immedsync(index.index(), ForkNumber.INIT);
    }

    private BlockReference ref(int id, Buffer buffer, int flags) {
        return new BlockReference(id, index.index(), ForkNumber.MAIN, buffer.blockNumber(), buffer.page(), flags);
    }

    private Buffer lock(int block, LWLockMode mode) {
        Buffer buffer = buffers.read(index.index(), ForkNumber.MAIN, block);
        try {
            buffer.lock(mode);
        } catch (RuntimeException e) {
            buffer.release();
            throw e;
        }
        return buffer;
    }

    /** The root's block and level, read under a short share lock on the metapage (and remembered). */
    public BTMetaPage meta() {
        BTMetaPage meta;
        try (Buffer buffer = lock(BTMetaPage.BTREE_METAPAGE, LWLockMode.SHARED)) {
            meta = BTMetaPage.read(buffer.page());
        }
        roots.remember(index.index(), meta);
        return meta;
    }

    /**
     * _bt_getroot: the root page, locked EXCLUSIVE if it is the level a write
     * descent stops at, else SHARED. The root remembered from an earlier
     * metapage read is used while it is still the only page of its level:
     * a root that split has a right sibling (and a new root above it always
     * comes from such a split), and pages are never deleted, so a page that is
     * leftmost and rightmost at the remembered level is the root. Otherwise
     * the metapage is read again.
     */
    private Buffer lockRoot(int targetLevel, boolean forWrite) {
        BTMetaPage cached = roots.get(index.index());
        if (cached != null) {
            Buffer buffer = lock(cached.root(), descentMode(cached.level(), targetLevel, forWrite));
            BTPageOpaque opaque = BTPageOpaque.read(buffer.page());
            if (opaque.level() == cached.level() && opaque.isLeftmost() && opaque.isRightmost()
                    && (opaque.flags() & NOT_A_ROOT) == 0) {
                return buffer;
            }
            buffer.release();
        }
        BTMetaPage meta = meta();
        return lock(meta.root(), descentMode(meta.level(), targetLevel, forWrite));
    }

    /** Flags no live root carries (P_IGNORE, and the metapage's own). */
    private static final int NOT_A_ROOT = BTPageOpaque.BTP_DELETED | BTPageOpaque.BTP_HALF_DEAD
            | BTPageOpaque.BTP_META;

    /** A write descent locks the page of its target level EXCLUSIVE, every other page SHARED. */
    private static LWLockMode descentMode(int level, int targetLevel, boolean forWrite) {
        return forWrite && level == targetLevel ? LWLockMode.EXCLUSIVE : LWLockMode.SHARED;
    }

    // --- descent ------------------------------------------------------------------

    /** A locked page found by a descent and the stack of its ancestors (null after a read descent to a leaf). */
    public record Found(Buffer buffer, BTStack stack) {
    }

    /**
     * _bt_search: descends to the leaf where {@code key} belongs, returning it
     * locked SHARED ({@code forWrite} false) or EXCLUSIVE. Internal pages are
     * share-locked one at a time; on the way, a write descent finishes any
     * incomplete split it meets.
     */
    public Found search(ScanKey key, boolean forWrite) {
        return searchToLevel(key, 0, forWrite);
    }

    /**
     * The stack of ancestors is kept only where someone uses it: a write
     * descent (to finish splits and insert downlinks) and a descent to an
     * upper level (insertParent's search for the parent level). A read
     * descent to a leaf, every index scan's, drops it (_bt_first frees it
     * unused too).
     */
    private Found searchToLevel(ScanKey key, int targetLevel, boolean forWrite) {
        boolean keepStack = forWrite || targetLevel > 0;
        BTStack stack = null;
        Buffer buffer = lockRoot(targetLevel, forWrite);
        LWLockMode mode = descentMode(BTPageOpaque.level(buffer.page()), targetLevel, forWrite);
        while (true) {
            buffer = moveRight(buffer, mode, key, forWrite, stack);
            ByteBuffer page = buffer.page();
            int level = BTPageOpaque.level(page);
            if (level == targetLevel) {
                return new Found(buffer, stack);
            }
            if (level < targetLevel) {
                buffer.release();
                throw new IllegalStateException("index " + index.name() + " has no level " + targetLevel);
            }
            int offset = BTPage.search(page, key, true) - 1;  // the last pivot <= key
            int child = IndexTuple.downlink(page, offset);
            if (keepStack) {
                stack = new BTStack(buffer.blockNumber(), offset, stack);
            }
            buffer.release();
            mode = descentMode(level - 1, targetLevel, forWrite);
            buffer = lock(child, mode);
        }
    }

    /**
     * _bt_moveright: while {@code key} is at or beyond the page's high key,
     * the page split after its parent was read: follow the right-link
     * (releasing the page before locking the next; pages are never deleted,
     * so the link stays valid). A write descent first finishes an incomplete split.
     */
    private Buffer moveRight(Buffer buffer, LWLockMode mode, ScanKey key, boolean forWrite, BTStack stack) {
        while (true) {
            BTPageOpaque opaque = BTPageOpaque.read(buffer.page());
            if (forWrite && opaque.isIncompleteSplit()) {
                int block = buffer.blockNumber();
                if (mode != LWLockMode.EXCLUSIVE) {
                    buffer.unlock();
                    buffer.lock(LWLockMode.EXCLUSIVE);
                }
                if (BTPageOpaque.read(buffer.page()).isIncompleteSplit()) {
                    finishSplit(buffer, stack);                  // releases the buffer
                } else {
                    buffer.release();
                }
                buffer = lock(block, mode);
                continue;
            }
            if (opaque.isRightmost() || key.compareTo(buffer.page(), BTPage.P_HIKEY) < 0) {
                return buffer;
            }
            int next = opaque.next();
            buffer.release();
            buffer = lock(next, mode);
        }
    }

    // --- insertion ----------------------------------------------------------------

    /** The leaf tuple for (key, heap TID); 54000 if it could not become a pivot (BTMaxItemSize). */
    public static byte[] leafTuple(IndexDescriptor index, byte[] key, TupleId heapTid) {
        checkLeafSize(index, key);
        return IndexTuple.leaf(key, heapTid);
    }

    /** Refuses a key whose leaf tuple could not become a pivot on a page (_bt_check_third_page). */
    public static void checkLeafSize(IndexDescriptor index, byte[] key) {
        int length = IndexTuple.LEAF_HEADER + key.length;
        if (length + IndexTuple.PIVOT_HEADER - IndexTuple.LEAF_HEADER > MAX_TUPLE_SIZE) {
            throw new PgException(SqlState.PROGRAM_LIMIT_EXCEEDED, "index row size " + length
                    + " exceeds btree version 4 maximum " + MAX_TUPLE_SIZE + " for index \"" + index.name() + "\"");
        }
    }

    /**
     * _bt_doinsert. For a unique check, the descent looks for the first entry
     * with the key, checks every equal entry (moving right while holding the
     * first page), waits for an in-progress one without holding any lock and
     * starts over; then moves right to the exact place of (key, heap TID).
     */
    public void insert(byte[] key, TupleId heapTid, UniqueCheck uniqueCheck, TransactionContext txn) {
        byte[] tuple = leafTuple(index, key, heapTid);
        ScanKey exact = ScanKey.exact(key, heapTid, index.comparator());
        boolean checking = index.unique() && uniqueCheck != null;
        while (true) {
            Found found = search(checking ? ScanKey.before(key, index.comparator()) : exact, true);
            Buffer buffer = found.buffer();
            if (checking) {
                int xid;
                try {
                    xid = checkUnique(buffer, key, uniqueCheck);
                } catch (RuntimeException e) {
                    buffer.release();
                    throw e;
                }
                if (xid != 0) {
                    buffer.release();
                    txn.waitForTransaction(xid);
                    continue;
                }
                buffer = stepRight(buffer, exact, found.stack());
            }
            ByteBuffer page = buffer.page();
            int offset = BTPage.search(page, exact, false);
            if (offset <= Page.maxOffsetNumber(page) && exact.compareTo(IndexTuple.fromPage(page, offset)) == 0) {
                buffer.release();
                throw new IllegalStateException("index " + index.name() + " already has an entry for heap tuple " + heapTid);
            }
            insertOnPage(buffer, found.stack(), offset, tuple, null);
            return;
        }
    }

    /**
     * _bt_stepright for a checked insertion: moves right to the exact place
     * of the entry, locking each right page before releasing the left one, so
     * no other inserter of the same key can check the pages in between before
     * this entry is in (it would need the first page, which stays locked).
     */
    private Buffer stepRight(Buffer buffer, ScanKey exact, BTStack stack) {
        while (true) {
            BTPageOpaque opaque = BTPageOpaque.read(buffer.page());
            if (opaque.isRightmost() || exact.compareTo(BTPage.highKey(buffer.page())) < 0) {
                return buffer;
            }
            Buffer next;
            try {
                next = lock(opaque.next(), LWLockMode.EXCLUSIVE);
            } catch (RuntimeException e) {
                buffer.release();
                throw e;
            }
            if (BTPageOpaque.read(next.page()).isIncompleteSplit()) {
                finishSplit(next, stack);                        // releases next; look again
                continue;
            }
            buffer.release();
            buffer = next;
        }
    }

    /**
     * _bt_check_unique: every entry with key {@code key}, from the first one on
     * this (exclusively locked) leaf on to the right. Returns the xid to wait
     * for, or 0 when there is no conflict; a live duplicate is 23505.
     */
    private int checkUnique(Buffer leaf, byte[] key, UniqueCheck uniqueCheck) {
        ScanKey first = ScanKey.before(key, index.comparator());
        Buffer current = leaf;
        int offset = BTPage.search(leaf.page(), first, false);
        try {
            while (true) {
                ByteBuffer page = current.page();
                int max = Page.maxOffsetNumber(page);
                for (; offset <= max; offset++) {
                    byte[] item = IndexTuple.fromPage(page, offset);
                    if (index.comparator().compare(key, IndexTuple.key(item)) != 0) {
                        return 0;
                    }
                    TupleLiveness liveness = uniqueCheck.check(IndexTuple.heapTid(item));
                    if (liveness.state() == TupleLiveness.State.LIVE) {
                        throw new PgException(SqlState.UNIQUE_VIOLATION,
                                "duplicate key value violates unique constraint \"" + index.name() + "\"");
                    }
                    if (liveness.state() == TupleLiveness.State.IN_PROGRESS) {
                        return liveness.xid();
                    }
                }
                BTPageOpaque opaque = BTPageOpaque.read(page);
                if (opaque.isRightmost()
                        || index.comparator().compare(key, IndexTuple.key(BTPage.highKey(page))) < 0) {
                    return 0;
                }
                Buffer next = lock(opaque.next(), LWLockMode.SHARED);
                if (current != leaf) {
                    current.release();
                }
                current = next;
                offset = BTPageOpaque.read(next.page()).firstDataKey();
            }
        } finally {
            if (current != leaf) {
                current.release();
            }
        }
    }

    /**
     * _bt_insertonpg: puts {@code tuple} at {@code offset} of the exclusively
     * locked {@code buffer}, splitting it if it is full. {@code child} (locked,
     * for downlink insertions) is the left half of a split whose
     * INCOMPLETE_SPLIT flag is cleared in the same record. Releases
     * {@code buffer} and {@code child}.
     */
    private void insertOnPage(Buffer buffer, BTStack stack, int offset, byte[] tuple, Buffer child) {
        try {
            ByteBuffer page = buffer.page();
            BTPageOpaque opaque = BTPageOpaque.read(page);
            if (BTPage.fits(page, tuple.length)) {
                BTRecords.applyInsert(page, offset, tuple);
                buffer.markDirty();
                WalRecord.Builder record = WalRecord.builder(ResourceManager.BTREE,
                        child == null ? BTRecords.XLOG_BTREE_INSERT_LEAF : BTRecords.XLOG_BTREE_INSERT_UPPER)
                        .data(BTRecords.encodeInsert(offset, tuple)).block(ref(0, buffer, 0));
                if (child != null) {
                    BTRecords.clearIncompleteSplit(child.page());
                    child.markDirty();
                    record.block(ref(1, child, 0));
                }
                long lsn = wal.insert(record.build());
                Page.setLsn(page, lsn);
                if (child != null) {
                    Page.setLsn(child.page(), lsn);
                }
                buffer.release();
                return;
            }
            Buffer right = split(buffer, offset, tuple, child);
            if (child != null) {
                child.release();
                child = null;
            }
            insertParent(buffer, right, stack, opaque.isRoot());
        } finally {
            if (child != null) {
                child.release();
            }
        }
    }

    /**
     * _bt_split: moves the upper part of the items (with the new one) to a
     * new page on the right. The left page's new high key is the first item
     * of the right page; the right page inherits the old high key. Logs one
     * record for both halves, the right sibling's left-link and the child's
     * completed split. Returns the new right page, locked; the left page stays
     * locked with INCOMPLETE_SPLIT set until its downlink is in the parent.
     */
    private Buffer split(Buffer leftBuffer, int offset, byte[] tuple, Buffer child) {
        ByteBuffer left = leftBuffer.page();
        BTPageOpaque opaque = BTPageOpaque.read(left);
        int first = opaque.firstDataKey();
        List<byte[]> all = BTPage.items(left);
        byte[] oldHighKey = opaque.isRightmost() ? null : all.get(0);
        List<byte[]> items = new ArrayList<>(all.subList(first - 1, all.size()));
        int newIndex = offset - first;
        items.add(newIndex, tuple);
        int k = splitPoint(items, opaque.isRightmost() && newIndex == items.size() - 1);

        byte[] leftHighKey = IndexTuple.toPivot(items.get(k), BTPageOpaque.P_NONE);
        List<byte[]> rightItems = new ArrayList<>();
        if (oldHighKey != null) {
            rightItems.add(oldHighKey);
        }
        rightItems.addAll(items.subList(k, items.size()));
        if (!opaque.isLeaf()) {
            // The right page's first downlink's key is now its lower bound, the left's high key.
            int at = oldHighKey != null ? 1 : 0;
            rightItems.set(at, IndexTuple.minusInfinity(IndexTuple.downlink(rightItems.get(at))));
        }
        List<byte[]> leftItems = new ArrayList<>();
        leftItems.add(leftHighKey);
        leftItems.addAll(items.subList(0, k));

        Buffer rightBuffer = buffers.extend(index.index(), ForkNumber.MAIN);
        Buffer sibling = null;
        try {
            int rightBlock = rightBuffer.blockNumber();
            int keep = opaque.flags() & (BTPageOpaque.BTP_LEAF);
            PageContents leftContents = new PageContents(new BTPageOpaque(opaque.prev(), rightBlock, opaque.level(),
                    keep | BTPageOpaque.BTP_INCOMPLETE_SPLIT, 0), leftItems);
            PageContents rightContents = new PageContents(new BTPageOpaque(leftBuffer.blockNumber(), opaque.next(),
                    opaque.level(), keep, 0), rightItems);
            if (!opaque.isRightmost()) {
                sibling = lock(opaque.next(), LWLockMode.EXCLUSIVE);
            }
            leftContents.apply(left);
            rightContents.apply(rightBuffer.page());
            leftBuffer.markDirty();
            rightBuffer.markDirty();
            WalRecord.Builder record = WalRecord.builder(ResourceManager.BTREE, BTRecords.XLOG_BTREE_SPLIT)
                    .data(BTRecords.encodePages(leftContents, rightContents))
                    .block(ref(0, leftBuffer, BlockReference.WILL_INIT))
                    .block(ref(1, rightBuffer, BlockReference.WILL_INIT));
            if (sibling != null) {
                BTRecords.setPrev(sibling.page(), rightBlock);
                sibling.markDirty();
                record.block(ref(2, sibling, 0));
            }
            if (child != null) {
                BTRecords.clearIncompleteSplit(child.page());
                child.markDirty();
                record.block(ref(3, child, 0));
            }
            long lsn = wal.insert(record.build());
            Page.setLsn(left, lsn);
            Page.setLsn(rightBuffer.page(), lsn);
            if (sibling != null) {
                Page.setLsn(sibling.page(), lsn);
            }
            if (child != null) {
                Page.setLsn(child.page(), lsn);
            }
            return rightBuffer;
        } catch (RuntimeException e) {
            rightBuffer.release();
            throw e;
        } finally {
            if (sibling != null) {
                sibling.release();
            }
        }
    }

    /**
     * _bt_findsplitloc, simplified: the first index whose items before it
     * take half the space; 90% when appending to the rightmost page (so
     * ascending insertions fill pages).
     */
    static int splitPoint(List<byte[]> items, boolean appendAtRightmost) {
        long total = 0;
        for (byte[] item : items) {
            total += BTPage.footprint(item);
        }
        long target = total * (appendAtRightmost ? RIGHTMOST_FILL_PERCENT : 50) / 100;
        long sum = 0;
        int k = 0;
        while (k < items.size() - 1 && sum + BTPage.footprint(items.get(k)) <= target) {
            sum += BTPage.footprint(items.get(k));
            k++;
        }
        return Math.max(1, Math.min(k, items.size() - 1));
    }

    /**
     * _bt_insert_parent: adds the downlink to {@code right} (keyed by the
     * left page's new high key) right after the left page's downlink, or
     * makes a new root when the root split. Releases both buffers.
     */
    private void insertParent(Buffer left, Buffer right, BTStack stack, boolean wasRoot) {
        if (wasRoot) {
            newRoot(left, right);
            return;
        }
        int level = BTPageOpaque.read(left.page()).level();
        byte[] highKey = BTPage.highKey(left.page());
        byte[] downlink = IndexTuple.toPivot(highKey, right.blockNumber());
        right.release();
        try {
            if (stack == null) {
                // The descent started below the current root (it split meanwhile): find the parent level anew.
                Found found = searchToLevel(ScanKey.exact(IndexTuple.key(highKey), IndexTuple.heapTid(highKey),
                        index.comparator()), level + 1, false);
                stack = new BTStack(found.buffer().blockNumber(), 1, found.stack());
                found.buffer().release();
            }
        } catch (RuntimeException e) {
            left.release();
            throw e;
        }
        Located parent;
        try {
            parent = getStackBuf(stack, left.blockNumber());
        } catch (RuntimeException e) {
            left.release();
            throw e;
        }
        insertOnPage(parent.buffer(), parent.stack().parent(), parent.stack().offset() + 1, downlink, left);
    }

    /** A locked parent page and where in it the downlink was found. */
    private record Located(Buffer buffer, BTStack stack) {
    }

    /**
     * _bt_getstackbuf: the page at the parent level that now holds the
     * downlink to {@code childBlock}, starting at the stack entry and moving
     * right (the parent may have split). Finishes an incomplete split of a
     * parent page it meets. Returns the entry with the page and offset found
     * (locked exclusively).
     */
    private Located getStackBuf(BTStack stack, int childBlock) {
        int block = stack.block();
        while (true) {
            Buffer buffer = lock(block, LWLockMode.EXCLUSIVE);
            ByteBuffer page = buffer.page();
            BTPageOpaque opaque = BTPageOpaque.read(page);
            if (opaque.isIncompleteSplit()) {
                finishSplit(buffer, stack.parent());             // releases the buffer
                continue;
            }
            int max = Page.maxOffsetNumber(page);
            int found = 0;
            if (block == stack.block() && stack.offset() >= opaque.firstDataKey() && stack.offset() <= max
                    && IndexTuple.downlink(IndexTuple.fromPage(page, stack.offset())) == childBlock) {
                found = stack.offset();
            }
            for (int off = opaque.firstDataKey(); found == 0 && off <= max; off++) {
                if (IndexTuple.downlink(IndexTuple.fromPage(page, off)) == childBlock) {
                    found = off;
                }
            }
            if (found != 0) {
                return new Located(buffer, new BTStack(block, found, stack.parent()));
            }
            if (opaque.isRightmost()) {
                buffer.release();
                throw new PgException(SqlState.INDEX_CORRUPTED, "failed to re-find parent key in index \""
                        + index.name() + "\" for split pages " + childBlock);
            }
            block = opaque.next();
            buffer.release();
        }
    }

    /**
     * _bt_newroot: a new root above the two halves of the old root, with a
     * minus-infinity downlink to the left and the left's high key as the
     * right's; the metapage points at it. Releases both halves.
     */
    private void newRoot(Buffer left, Buffer right) {
        Buffer root = null;
        Buffer meta = null;
        try {
            BTPageOpaque leftOpaque = BTPageOpaque.read(left.page());
            root = buffers.extend(index.index(), ForkNumber.MAIN);
            PageContents contents = new PageContents(new BTPageOpaque(BTPageOpaque.P_NONE, BTPageOpaque.P_NONE,
                    leftOpaque.level() + 1, BTPageOpaque.BTP_ROOT, 0),
                    List.of(IndexTuple.minusInfinity(left.blockNumber()),
                            IndexTuple.toPivot(BTPage.highKey(left.page()), right.blockNumber())));
            meta = lock(BTMetaPage.BTREE_METAPAGE, LWLockMode.EXCLUSIVE);
            contents.apply(root.page());
            BTRecords.clearIncompleteSplit(left.page());
            new BTMetaPage(root.blockNumber(), leftOpaque.level() + 1).write(meta.page());
            root.markDirty();
            left.markDirty();
            meta.markDirty();
            long lsn = wal.insert(WalRecord.builder(ResourceManager.BTREE, BTRecords.XLOG_BTREE_NEWROOT)
                    .data(BTRecords.encodePages(contents)).block(ref(0, root, BlockReference.WILL_INIT))
                    .block(ref(1, left, 0)).block(ref(2, meta, 0)).build());
            Page.setLsn(root.page(), lsn);
            Page.setLsn(left.page(), lsn);
            Page.setLsn(meta.page(), lsn);
        } finally {
            if (meta != null) {
                meta.release();
            }
            if (root != null) {
                root.release();
            }
            right.release();
            left.release();
        }
    }

    /**
     * _bt_finish_split: the exclusively locked {@code left} has a right half
     * without downlink (a crash came between the split and the parent
     * insertion): insert it now. Releases {@code left}.
     */
    private void finishSplit(Buffer left, BTStack stack) {
        Buffer right;
        try {
            right = lock(BTPageOpaque.read(left.page()).next(), LWLockMode.EXCLUSIVE);
        } catch (RuntimeException e) {
            left.release();
            throw e;
        }
        boolean wasRoot;
        try {
            wasRoot = meta().root() == left.blockNumber();
        } catch (RuntimeException e) {
            right.release();
            left.release();
            throw e;
        }
        insertParent(left, right, stack, wasRoot);
    }

    // --- VACUUM -------------------------------------------------------------------

    /**
     * btbulkdelete: walks the leaf level left to right by right-links,
     * removing under each page's exclusive lock the entries whose heap TIDs
     * {@code isDead} accepts (one VACUUM record per changed page). Items only
     * ever move right (pages are split, never merged or deleted), so a page
     * split during the walk is still visited through the new right-link.
     */
    public org.tusk.api.storage.IndexVacuumResult bulkDelete(java.util.function.Predicate<TupleId> isDead) {
        long pages = 0;
        long removed = 0;
        long remaining = 0;
        int block;
        try (Buffer first = search(ScanKey.leftmost(index.comparator()), false).buffer()) {
            block = first.blockNumber();
        }
        while (block != BTPageOpaque.P_NONE) {
            try (Buffer leaf = lock(block, LWLockMode.EXCLUSIVE)) {
                ByteBuffer page = leaf.page();
                BTPageOpaque opaque = BTPageOpaque.read(page);
                int max = Page.maxOffsetNumber(page);
                int[] dead = new int[max];
                int n = 0;
                for (int off = opaque.firstDataKey(); off <= max; off++) {
                    if (isDead.test(IndexTuple.heapTid(IndexTuple.fromPage(page, off)))) {
                        dead[n++] = off;
                    }
                }
                remaining += max - opaque.firstDataKey() + 1 - n;
                if (n > 0) {
                    int[] offsets = java.util.Arrays.copyOf(dead, n);
                    BTPage.deleteItems(page, offsets);
                    leaf.markDirty();
                    Page.setLsn(page, wal.insert(WalRecord.builder(ResourceManager.BTREE, BTRecords.XLOG_BTREE_VACUUM)
                            .data(BTRecords.encodeVacuum(offsets)).block(ref(0, leaf, 0)).build()));
                    removed += n;
                }
                pages++;
                block = opaque.next();
            }
        }
        return new org.tusk.api.storage.IndexVacuumResult(pages, removed, remaining);
    }

    /** The number of leaf entries (for reltuples), counted page by page under share locks. */
    public long countEntries() {
        long count = 0;
        int block;
        try (Buffer first = search(ScanKey.leftmost(index.comparator()), false).buffer()) {
            block = first.blockNumber();
        }
        while (block != BTPageOpaque.P_NONE) {
            try (Buffer leaf = lock(block, LWLockMode.SHARED)) {
                BTPageOpaque opaque = BTPageOpaque.read(leaf.page());
                count += Page.maxOffsetNumber(leaf.page()) - opaque.firstDataKey() + 1;
                block = opaque.next();
            }
        }
        return count;
    }
}
