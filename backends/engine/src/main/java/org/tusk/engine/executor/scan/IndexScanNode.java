package org.tusk.engine.executor.scan;


import org.tusk.api.storage.IndexAccessMethod;
import org.tusk.api.storage.IndexDescriptor;
import org.tusk.api.storage.IndexScan;
import org.tusk.api.storage.ScanBounds;
import org.tusk.api.storage.Snapshot;
import org.tusk.api.storage.TransactionContext;
import org.tusk.api.storage.TupleId;
import org.tusk.engine.executor.PlanState;
import org.tusk.engine.expr.EvalContext;

/**
 * IndexScan (nodeIndexscan.c): the index entries within {@link ScanBounds},
 * in key order, each followed into the table and kept only if that version
 * is visible to the snapshot (index_fetch_heap). An index holds an entry per
 * tuple version (no HOT), so the visible version at an entry's TID carries
 * exactly the entry's key and needs no recheck of the bounds; keys are
 * encoded exactly ({@link IndexKeyEncoding}), so bounds are never lossy.
 * Like {@link SeqScanNode}, {@code emitCtid} appends the TupleId.
 */
public final class IndexScanNode implements PlanState, AutoCloseable {

    private final ScanRelation relation;
    private final IndexAccessMethod indexAm;
    private final IndexDescriptor index;
    private final java.util.function.Supplier<ScanBounds> bounds;
    private final java.util.function.Predicate<Object[]> filter;
    private Snapshot snapshot;
    private TransactionContext txn;
    private final EvalContext ctx;
    private final boolean emitCtid;
    private final boolean emitHeader;
    private IndexScan scan;
    private boolean done;

    public IndexScanNode(ScanRelation relation, IndexAccessMethod indexAm, IndexDescriptor index,
            ScanBounds bounds, Snapshot snapshot, TransactionContext txn, EvalContext ctx, boolean emitCtid) {
        this(relation, indexAm, index, () -> bounds, null, snapshot, txn, ctx, emitCtid);
    }

    /**
     * @param bounds computed when the scan starts and at every rescan (its keys may be executor parameters);
     *               null means the scan is empty (a key compared with NULL)
     * @param filter index quals the bounds cannot express (checked on each row), or null
     */
    public IndexScanNode(ScanRelation relation, IndexAccessMethod indexAm, IndexDescriptor index,
            java.util.function.Supplier<ScanBounds> bounds, java.util.function.Predicate<Object[]> filter,
            Snapshot snapshot, TransactionContext txn, EvalContext ctx, boolean emitCtid) {
        this(relation, indexAm, index, bounds, filter, snapshot, txn, ctx, emitCtid, false);
    }

    /** With {@code emitHeader} the TupleId is followed by xmin, cmin, xmax, cmax ({@link ScanSystemColumns}). */
    public IndexScanNode(ScanRelation relation, IndexAccessMethod indexAm, IndexDescriptor index,
            java.util.function.Supplier<ScanBounds> bounds, java.util.function.Predicate<Object[]> filter,
            Snapshot snapshot, TransactionContext txn, EvalContext ctx, boolean emitCtid, boolean emitHeader) {
        this.emitHeader = emitHeader;
        this.filter = filter;
        this.relation = relation;
        this.indexAm = indexAm;
        this.index = index;
        this.bounds = bounds;
        this.snapshot = snapshot;
        this.txn = txn;
        this.ctx = ctx;
        this.emitCtid = emitCtid || emitHeader;
    }

    @Override
    public Object[] next() {
        if (done) {
            return null;
        }
        if (scan == null) {
            ScanBounds b = bounds.get();
            if (b == null) {
                close();
                return null;
            }
            scan = indexAm.beginScan(index, b, snapshot, txn);
        }
        while (scan.next()) {
            if (ctx != null) {
                ctx.checkForInterrupts();
            }
            // the entry points at the root of a HOT chain: the visible member is where the row is (ctid)
            org.tusk.api.storage.FetchedTuple fetched = relation.am().fetchFromIndex(relation.locator(),
                    scan.heapTid(), snapshot, txn);
            if (fetched == null) {
                continue;                       // dead, not yet visible, or an older version
            }
            TupleId tid = fetched.tid();
            byte[] data = fetched.data();
            Object[] row = relation.codec().deform(data, snapshot);
            if (filter != null && !filter.test(row)) {
                continue;
            }
            if (!emitCtid) {
                return row;
            }
            if (emitHeader) {
                return ScanSystemColumns.append(row, tid,
                        relation.am().fetchHeader(relation.locator(), tid, snapshot, txn));
            }
            return ScanSystemColumns.appendCtid(row, tid);
        }
        close();
        return null;
    }

    @Override
    public void close() {
        done = true;
        release();
    }

    /** ExecReScan: the next {@link #next()} starts over (with the same snapshot). */
    @Override
    public void rescan() {
        release();
        done = false;
    }

    /**
     * Another execution of a cached plan: the scan starts over under that execution's
     * snapshot and transaction (a node built for one execution keeps the ones it was built with).
     */
    public void renew(Snapshot snapshot, TransactionContext txn) {
        release();
        this.snapshot = snapshot;
        this.txn = txn;
        done = false;
    }

    private void release() {
        if (scan != null) {
            scan.close();
            scan = null;
        }
    }
}
