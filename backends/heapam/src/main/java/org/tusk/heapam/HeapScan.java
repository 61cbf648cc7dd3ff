package org.tusk.heapam;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.api.storage.Snapshot;
import org.tusk.api.storage.TableScan;
import org.tusk.api.storage.TransactionContext;
import org.tusk.api.storage.TupleHeaderFields;
import org.tusk.api.storage.TupleId;
import org.tusk.buffer.Buffer;
import org.tusk.buffer.BufferManager;
import org.tusk.buffer.Page;
import org.tusk.heapam.internal.HeapTupleHeader;
import org.tusk.heapam.internal.HeapVisibility;
import org.tusk.shmem.LWLockMode;

/**
 * A sequential scan in page-at-a-time mode (heapgettup_pagemode): each page is
 * pinned and share-locked once, the visible tuples are copied out, and the
 * page is released before the caller sees them, so no pin or lock is held
 * between calls. The relation's length is taken at the start, as
 * PostgreSQL's rs_nblocks: pages added later hold only versions invisible to
 * the snapshot (or inserted by later commands).
 */
final class HeapScan implements TableScan {

    private final BufferManager buffers;
    private final RelFileLocator relation;
    private final Snapshot snapshot;
    private final TransactionContext txn;
    private final int nblocks;
    private int nextBlock;
    private final List<TupleId> ids = new ArrayList<>();
    private final List<byte[]> tuples = new ArrayList<>();
    private final List<TupleHeaderFields> headers = new ArrayList<>();
    private int index = -1;
    /** Positions in {@link #ids} of heap-only tuples (their index entries point at their chain's root). */
    private final java.util.Set<Integer> heapOnly = new java.util.HashSet<>();

    HeapScan(BufferManager buffers, RelFileLocator relation, Snapshot snapshot, TransactionContext txn) {
        this.buffers = buffers;
        this.relation = relation;
        this.snapshot = snapshot;
        this.txn = txn;
        this.nblocks = buffers.nblocks(relation, ForkNumber.MAIN);
    }

    @Override
    public boolean next() {
        index++;
        while (index >= ids.size()) {
            if (nextBlock >= nblocks) {
                return false;
            }
            loadPage(nextBlock++);
        }
        return true;
    }

    private void loadPage(int block) {
        ids.clear();
        tuples.clear();
        headers.clear();
        heapOnly.clear();
        index = 0;
        handedOut = -1;
        Buffer buffer = buffers.read(relation, ForkNumber.MAIN, block);
        try {
            buffer.lock(LWLockMode.SHARED);
            ByteBuffer page = buffer.page();
            if (Page.isNew(page)) {
                return;
            }
            int maxOffset = Page.maxOffsetNumber(page);   // fixed while we hold the share lock
            for (int off = 1; off <= maxOffset; off++) {
                if (Page.itemIdFlags(Page.itemId(page, off)) != Page.LP_NORMAL) {
                    continue;
                }
                ByteBuffer tuple = Page.item(page, off);
                if (HeapVisibility.satisfiesMvcc(tuple, snapshot, txn)) {
                    if (org.tusk.heapam.internal.HotPrune.isHeapOnly(tuple)) {
                        heapOnly.add(ids.size());
                    }
                    ids.add(new TupleId(block, off));
                    tuples.add(HeapTupleHeader.data(tuple));
                    headers.add(headerFields(tuple));
                }
            }
        } finally {
            buffer.release();
        }
    }

    @Override
    public TupleId tupleId() {
        check();
        return ids.get(index);
    }

    /**
     * heap_get_root_tuples for an index build: a heap-only tuple's entry points at its chain's
     * root, looked up on the page again (under its share lock; roots never move).
     */
    @Override
    public TupleId indexTupleId() {
        check();
        TupleId tid = ids.get(index);
        if (!heapOnly.contains(index)) {
            return tid;
        }
        Buffer buffer = buffers.read(relation, ForkNumber.MAIN, tid.block());
        try {
            buffer.lock(LWLockMode.SHARED);
            int[] roots = org.tusk.heapam.internal.HotPrune.roots(buffer.page());
            return tid.offset() < roots.length ? new TupleId(tid.block(), roots[tid.offset()]) : tid;
        } finally {
            buffer.release();
        }
    }

    @Override
    public byte[] data() {
        check();
        if (handedOut != index) {
            // the copy made under the page lock is the scan's own and not read again: the first caller gets it
            handedOut = index;
            return tuples.get(index);
        }
        // a second call for the same tuple (rare): that copy is the first caller's now, so copy the version
        // again; a version visible to our snapshot is not pruned and its data never changes in place
        TupleId tid = ids.get(index);
        Buffer buffer = buffers.read(relation, ForkNumber.MAIN, tid.block());
        try {
            buffer.lock(LWLockMode.SHARED);
            return HeapTupleHeader.data(Page.item(buffer.page(), tid.offset()));
        } finally {
            buffer.release();
        }
    }

    /** The position in {@link #tuples} whose copy {@link #data()} has handed out; -1 for none on this page. */
    private int handedOut = -1;

    @Override
    public TupleHeaderFields header() {
        check();
        return headers.get(index);
    }

    /** The system columns' fields of a tuple read under the page's share lock. */
    static TupleHeaderFields headerFields(ByteBuffer tuple) {
        return new TupleHeaderFields(HeapTupleHeader.xmin(tuple), HeapTupleHeader.xmax(tuple),
                HeapTupleHeader.rawCid(tuple));
    }

    private void check() {
        if (index < 0 || index >= ids.size()) {
            throw new NoSuchElementException("scan is not on a tuple");
        }
    }

    @Override
    public void close() {
        ids.clear();
        tuples.clear();
        headers.clear();
        nextBlock = nblocks;
    }
}
