package org.tusk.heapam;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.function.BiConsumer;

import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.api.storage.Snapshot;
import org.tusk.api.storage.TableScan;
import org.tusk.api.storage.TransactionContext;
import org.tusk.api.storage.TupleHeaderFields;
import org.tusk.api.storage.TupleId;
import org.tusk.buffer.Buffer;
import org.tusk.buffer.BufferManager;
import org.tusk.buffer.BufferRing;
import org.tusk.buffer.Page;
import org.tusk.heapam.internal.HeapTupleHeader;
import org.tusk.heapam.internal.HeapVisibility;
import org.tusk.heapam.internal.HotPrune;
import org.tusk.shmem.LWLockMode;

/**
 * A sequential scan in page-at-a-time mode (heapgettup_pagemode): each page is
 * pinned and share-locked once, the visible tuples are found, and the page is
 * copied whole into the scan's own array and released before the caller sees
 * them, so no pin or lock is held between calls. The relation's length is
 * taken at the start, as PostgreSQL's rs_nblocks: pages added later hold only
 * versions invisible to the snapshot (or inserted by later commands).
 *
 * <p>One 8 kB copy per page instead of a {@code byte[]}, a {@link TupleId} and
 * a {@link TupleHeaderFields} per visible tuple: a caller that looks at few of
 * the tuples (ANALYZE keeps 30,000 of pgbench's million rows) pays for the
 * ones it asks for, and each {@link #data()} is cut from the copy on demand.
 */
final class HeapScan implements TableScan {

    private final BufferManager buffers;
    private final RelFileLocator relation;
    private final Snapshot snapshot;
    private final TransactionContext txn;
    /** heap_page_prune_opt, called on each page before it is read (with its pin, without its lock). */
    private final BiConsumer<Buffer, TransactionContext> pruneBeforeRead;
    private final int nblocks;
    private int nextBlock;
    /** The bulk-read strategy of a large table's scan; null for a small one. */
    private final BufferRing ring;
    /** Where {@link #pageBuffers} came from and go back to on {@link #close()}. */
    private final ScanPageBuffers.Spare spare;
    /** Lent by {@link #spare} until {@link #close()}; null after it. */
    private ScanPageBuffers pageBuffers;
    /** The page last loaded, as it was under its share lock (hint bits set by the visibility checks included). */
    private final byte[] pageCopy;
    private final ByteBuffer pageCopyView;
    private int block;
    /** The visible tuples of {@link #block}: offset numbers, their line pointers' start and length. */
    private final int[] offsets;
    private final int[] starts;
    private final int[] lengths;
    /** Heap-only tuples among them (their index entries point at their chain's root). */
    private final boolean[] heapOnly;
    private int count;
    private int index = -1;

    HeapScan(BufferManager buffers, RelFileLocator relation, Snapshot snapshot, TransactionContext txn,
            BiConsumer<Buffer, TransactionContext> pruneBeforeRead, ScanPageBuffers.Spare spare) {
        this.buffers = buffers;
        this.spare = spare;
        this.pageBuffers = spare.take();
        this.pageCopy = pageBuffers.pageCopy;
        this.pageCopyView = pageBuffers.pageCopyView;
        this.offsets = pageBuffers.offsets;
        this.starts = pageBuffers.starts;
        this.lengths = pageBuffers.lengths;
        this.heapOnly = pageBuffers.heapOnly;
        this.pruneBeforeRead = pruneBeforeRead;
        this.relation = relation;
        this.snapshot = snapshot;
        this.txn = txn;
        this.nblocks = buffers.nblocks(relation, ForkNumber.MAIN);
        // initscan: a table over a quarter of the pool is read through a small ring of buffers, so the
        // scan neither empties the pool nor, right after a bulk load, evicts the pages it reads next
        this.ring = nblocks > buffers.nBuffers() / 4 ? BufferRing.bulkRead(buffers.nBuffers()) : null;
    }

    @Override
    public boolean next() {
        index++;
        while (index >= count) {
            if (nextBlock >= nblocks) {
                return false;
            }
            loadPage(nextBlock++);
        }
        return true;
    }

    private void loadPage(int blockNumber) {
        count = 0;
        index = 0;
        block = blockNumber;
        Buffer buffer = ring == null ? buffers.read(relation, ForkNumber.MAIN, blockNumber)
                : buffers.read(relation, ForkNumber.MAIN, blockNumber, ring);
        try {
            pruneBeforeRead.accept(buffer, txn);
            buffer.lock(LWLockMode.SHARED);
            ByteBuffer page = Page.littleEndian(buffer.page());
            if (Page.isNew(page)) {
                return;
            }
            int maxOffset = Page.maxOffsetNumber(page);   // fixed while we hold the share lock
            int copyFrom = Page.BLCKSZ;
            int copyTo = 0;
            for (int off = 1; off <= maxOffset; off++) {
                int itemId = Page.itemIdInRange(page, off);
                if (Page.itemIdFlags(itemId) != Page.LP_NORMAL) {
                    continue;
                }
                // the tuple is checked where it lies (heapgetpage): no view of the item per line pointer
                int start = Page.itemIdOffset(itemId);
                if (HeapVisibility.satisfiesMvcc(page, start, snapshot, txn, buffer)) {
                    offsets[count] = off;
                    starts[count] = start;
                    lengths[count] = Page.itemIdLength(itemId);
                    heapOnly[count] = HotPrune.isHeapOnly(page, start);
                    count++;
                    copyFrom = Math.min(copyFrom, start);
                    copyTo = Math.max(copyTo, start + lengths[count - 1]);
                }
            }
            if (count > 0) {
                // after the checks, so the hint bits they set are in the copy; a visible version's
                // bytes do not change while we read them from the copy (only hint bits would). Only
                // the span of the visible versions is copied, at the same offsets: nothing reads the
                // rest, and a small table's page (pgbench_branches, scanned by every TPC-B
                // transaction) is mostly free space that a whole-page copy moved 8 kB of each time.
                page.get(copyFrom, pageCopy, copyFrom, copyTo - copyFrom);
            }
        } finally {
            buffer.release();
        }
    }

    @Override
    public TupleId tupleId() {
        check();
        return new TupleId(block, offsets[index]);
    }

    /**
     * heap_get_root_tuples for an index build: a heap-only tuple's entry points at its chain's
     * root, looked up on the page again (under its share lock; roots never move).
     */
    @Override
    public TupleId indexTupleId() {
        check();
        TupleId tid = new TupleId(block, offsets[index]);
        if (!heapOnly[index]) {
            return tid;
        }
        Buffer buffer = buffers.read(relation, ForkNumber.MAIN, tid.block());
        try {
            buffer.lock(LWLockMode.SHARED);
            int[] roots = HotPrune.roots(buffer.page());
            return tid.offset() < roots.length ? new TupleId(tid.block(), roots[tid.offset()]) : tid;
        } finally {
            buffer.release();
        }
    }

    /** The tuple's data (after t_hoff), a new array on each call: the caller may keep it. */
    @Override
    public byte[] data() {
        check();
        int start = starts[index];
        int hoff = pageCopy[start + HeapTupleHeader.T_HOFF] & 0xFF;
        return Arrays.copyOfRange(pageCopy, start + hoff, start + lengths[index]);
    }

    @Override
    public TupleHeaderFields header() {
        check();
        int start = starts[index];
        return new TupleHeaderFields(pageCopyView.getInt(start + HeapTupleHeader.T_XMIN),
                pageCopyView.getInt(start + HeapTupleHeader.T_XMAX), pageCopyView.getInt(start + HeapTupleHeader.T_CID));
    }

    /** The system columns' fields of a tuple read under the page's share lock. */
    static TupleHeaderFields headerFields(ByteBuffer tuple) {
        return new TupleHeaderFields(HeapTupleHeader.xmin(tuple), HeapTupleHeader.xmax(tuple),
                HeapTupleHeader.rawCid(tuple));
    }

    private void check() {
        if (index < 0 || index >= count) {
            throw new NoSuchElementException("scan is not on a tuple");
        }
    }

    @Override
    public void close() {
        count = 0;
        nextBlock = nblocks;
        if (pageBuffers != null) {
            // nothing reads the arrays after this: next() ends at once, the rest check count first
            spare.giveBack(pageBuffers);
            pageBuffers = null;
        }
    }
}
