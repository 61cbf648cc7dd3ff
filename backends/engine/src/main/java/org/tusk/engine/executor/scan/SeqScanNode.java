package org.tusk.engine.executor.scan;

import java.util.Arrays;

import org.tusk.api.storage.Snapshot;
import org.tusk.api.storage.TableScan;
import org.tusk.api.storage.TransactionContext;
import org.tusk.engine.executor.PlanState;
import org.tusk.engine.expr.EvalContext;

/**
 * SeqScan (nodeSeqscan.c): the versions of a table visible to the
 * statement's snapshot, in physical order, as rows of column values. With
 * {@code emitCtid} each row carries its {@link org.tusk.api.storage.TupleId}
 * as one extra last element (the "ctid" junk column UPDATE, DELETE and
 * FOR UPDATE need to find the version again).
 *
 * <p>The scan is opened lazily on the first {@link #next()} and closed when
 * it runs out; {@link #close()} releases it early (LIMIT, errors).
 */
public final class SeqScanNode implements PlanState, AutoCloseable {

    private final ScanRelation relation;
    private Snapshot snapshot;
    private TransactionContext txn;
    private final EvalContext ctx;
    private final boolean emitCtid;
    private final boolean emitHeader;
    private TableScan scan;
    private boolean done;

    public SeqScanNode(ScanRelation relation, Snapshot snapshot, TransactionContext txn, EvalContext ctx,
            boolean emitCtid) {
        this(relation, snapshot, txn, ctx, emitCtid, false);
    }

    /** With {@code emitHeader} the TupleId is followed by xmin, cmin, xmax, cmax ({@link ScanSystemColumns}). */
    public SeqScanNode(ScanRelation relation, Snapshot snapshot, TransactionContext txn, EvalContext ctx,
            boolean emitCtid, boolean emitHeader) {
        this.relation = relation;
        this.snapshot = snapshot;
        this.txn = txn;
        this.ctx = ctx;
        this.emitCtid = emitCtid || emitHeader;
        this.emitHeader = emitHeader;
    }

    @Override
    public Object[] next() {
        if (done) {
            return null;
        }
        if (scan == null) {
            scan = relation.am().beginScan(relation.locator(), snapshot, txn);
        }
        if (ctx != null) {
            ctx.checkForInterrupts();
        }
        if (!scan.next()) {
            close();
            return null;
        }
        Object[] row = relation.codec().deform(scan.data(), snapshot);
        if (!emitCtid) {
            return row;
        }
        if (emitHeader) {
            return ScanSystemColumns.append(row, scan.tupleId(), scan.header());
        }
        Object[] withCtid = Arrays.copyOf(row, row.length + 1);
        withCtid[row.length] = scan.tupleId();
        return withCtid;
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
