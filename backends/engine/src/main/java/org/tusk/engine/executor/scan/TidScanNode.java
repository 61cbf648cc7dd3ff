package org.tusk.engine.executor.scan;

import java.util.Iterator;
import java.util.NavigableSet;
import java.util.function.Supplier;

import org.tusk.api.storage.Snapshot;
import org.tusk.api.storage.TransactionContext;
import org.tusk.api.storage.TupleId;
import org.tusk.engine.executor.PlanState;
import org.tusk.engine.expr.EvalContext;

/**
 * TidScan (nodeTidscan.c): the versions at the TIDs its quals name (evaluated when the scan
 * starts and at each rescan, sorted and each once), those the snapshot sees. Unlike an index
 * entry's TID, each is the version itself: no HOT chain is followed, so the TID of an updated
 * row's old version finds nothing; a TID past the relation's end or its page's items is skipped.
 * {@code emitCtid}/{@code emitHeader} as {@link SeqScanNode}.
 */
public final class TidScanNode implements PlanState {
    private final ScanRelation relation;
    private final Supplier<NavigableSet<TupleId>> tidList;
    private Snapshot snapshot;
    private TransactionContext txn;
    private final EvalContext ctx;
    private final boolean emitCtid;
    private final boolean emitHeader;
    private Iterator<TupleId> tids;

    public TidScanNode(ScanRelation relation, Supplier<NavigableSet<TupleId>> tidList, Snapshot snapshot,
            TransactionContext txn, EvalContext ctx, boolean emitCtid, boolean emitHeader) {
        this.relation = relation;
        this.tidList = tidList;
        this.snapshot = snapshot;
        this.txn = txn;
        this.ctx = ctx;
        this.emitCtid = emitCtid || emitHeader;
        this.emitHeader = emitHeader;
    }

    @Override
    public Object[] next() {
        if (tids == null) {
            tids = tidList.get().iterator();
        }
        while (tids.hasNext()) {
            if (ctx != null) {
                ctx.checkForInterrupts();
            }
            TupleId tid = tids.next();
            if (tid.block() < 0) {
                continue;                       // a block number past 2^31: beyond any relation's end
            }
            byte[] data = relation.am().fetch(relation.locator(), tid, snapshot, txn);
            if (data == null) {
                continue;
            }
            Object[] row = relation.codec().deform(data, snapshot);
            if (!emitCtid) {
                return row;
            }
            if (emitHeader) {
                return ScanSystemColumns.append(row, tid, relation.am().fetchHeader(relation.locator(), tid, snapshot, txn));
            }
            return ScanSystemColumns.appendCtid(row, tid);
        }
        return null;
    }

    /** For a re-execution of the plan (a portal run again): the statement's new snapshot, the TIDs evaluated again. */
    public void renew(Snapshot newSnapshot, TransactionContext newTxn) {
        this.snapshot = newSnapshot;
        this.txn = newTxn;
        tids = null;
    }

    @Override
    public void rescan() {
        tids = null;
    }

    @Override
    public void close() {
        tids = java.util.Collections.emptyIterator();
    }
}
