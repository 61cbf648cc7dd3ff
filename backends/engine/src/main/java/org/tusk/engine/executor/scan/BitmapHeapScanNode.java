package org.tusk.engine.executor.scan;

import java.util.Iterator;
import java.util.NavigableSet;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

import org.tusk.api.storage.Snapshot;
import org.tusk.api.storage.TransactionContext;
import org.tusk.api.storage.TupleId;
import org.tusk.engine.executor.PlanState;
import org.tusk.engine.expr.EvalContext;

/**
 * BitmapHeapScan (nodeBitmapHeapscan.c): builds its TID bitmap once (a sorted set,
 * so pages are visited in physical order and each TID once), then fetches the
 * version at each TID and returns those visible to the snapshot. The bitmap is
 * exact (one entry per TID); the plan above rechecks the scan's clauses, as
 * PostgreSQL's recheck of a lossy page would. {@code emitCtid} as {@link SeqScanNode}.
 */
public final class BitmapHeapScanNode implements PlanState, AutoCloseable {

    private final ScanRelation relation;
    private final Supplier<NavigableSet<TupleId>> bitmap;
    private final IntConsumer heapBlocks;
    private Snapshot snapshot;
    private TransactionContext txn;
    private final EvalContext ctx;
    private final boolean emitCtid;
    private Iterator<TupleId> tids;

    public BitmapHeapScanNode(ScanRelation relation, Supplier<NavigableSet<TupleId>> bitmap, IntConsumer heapBlocks,
            Snapshot snapshot, TransactionContext txn, EvalContext ctx, boolean emitCtid) {
        this.relation = relation;
        this.bitmap = bitmap;
        this.heapBlocks = heapBlocks;
        this.snapshot = snapshot;
        this.txn = txn;
        this.ctx = ctx;
        this.emitCtid = emitCtid;
    }

    @Override
    public Object[] next() {
        if (tids == null) {
            NavigableSet<TupleId> set = bitmap.get();
            if (heapBlocks != null) {
                heapBlocks.accept(distinctBlocks(set));
            }
            tids = set.iterator();
        }
        while (tids.hasNext()) {
            if (ctx != null) {
                ctx.checkForInterrupts();
            }
            org.tusk.api.storage.FetchedTuple fetched = relation.am().fetchFromIndex(relation.locator(),
                    tids.next(), snapshot, txn);
            if (fetched == null) {
                continue;                       // dead, not yet visible, or an older version
            }
            TupleId tid = fetched.tid();        // the visible member of the entry's HOT chain
            byte[] data = fetched.data();
            Object[] row = relation.codec().deform(data, snapshot);
            if (!emitCtid) {
                return row;
            }
            return ScanSystemColumns.appendCtid(row, tid);
        }
        return null;
    }

    /** The heap pages {@code tids} touch: they are sorted, so a page's TIDs are adjacent. */
    static int distinctBlocks(NavigableSet<TupleId> tids) {
        int blocks = 0;
        long previous = -1;
        for (TupleId tid : tids) {
            long block = Integer.toUnsignedLong(tid.block());
            if (block != previous) {
                blocks++;
                previous = block;
            }
        }
        return blocks;
    }

    /**
     * A cached plan's next execution ({@link org.tusk.engine.executor.EState#onReexecute}): its statement's
     * snapshot and transaction (the bitmap's index scans take the session's current snapshot already).
     */
    public void renew(Snapshot snapshot, TransactionContext txn) {
        this.snapshot = snapshot;
        this.txn = txn;
        tids = null;
    }

    /** ExecReScan: the bitmap is built again (its keys may be parameters). */
    @Override
    public void rescan() {
        tids = null;
    }

    @Override
    public void close() {
        tids = java.util.Collections.emptyIterator();
    }
}
