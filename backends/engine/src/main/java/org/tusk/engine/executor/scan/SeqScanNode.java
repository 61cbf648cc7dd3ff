package org.tusk.engine.executor.scan;


import org.tusk.api.storage.Snapshot;
import org.tusk.api.storage.TableScan;
import org.tusk.api.storage.TransactionContext;
import org.tusk.engine.executor.PlanState;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;

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
    /** ExecScan's qual (see {@link #filterBy}), or null: the scan's caller filters. */
    private Expr qual;
    private EvalContext qualContext;
    /** The query level's row the qual reads, this relation's columns from {@link #qualOffset} on. */
    private Object[] qualRow;
    private int qualOffset;
    /** How many leading columns the qual reads (the last one it reads, plus one). */
    private int qualColumns;

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
        do {
            if (!scan.next()) {
                close();
                return null;
            }
        } while (qual != null && !passesQual());
        Object[] row = relation.codec().deform(scan.data(), snapshot);
        if (!emitCtid) {
            return row;
        }
        if (emitHeader) {
            return ScanSystemColumns.append(row, scan.tupleId(), scan.header());
        }
        return ScanSystemColumns.appendCtid(row, scan.tupleId());
    }

    /**
     * Makes this scan apply {@code qual} itself, as ExecScan does (it then returns only the rows
     * that pass): each version's leading {@code columns} columns are deformed first, put at
     * {@code offset} of a {@code width}-column row of the query level (the layout the qual's
     * columns refer to), and the qual is evaluated there; only a passing version is deformed whole
     * (slot_getsomeattrs). A TPC-B transaction's scan of pgbench_tellers reads 100 rows for the one
     * whose tid matches. The qual must read no column from {@code columns} on, nor the row as a whole.
     */
    public void filterBy(Expr qual, EvalContext ctx, int width, int offset, int columns) {
        this.qual = qual;
        this.qualContext = ctx;
        this.qualRow = new Object[width];
        this.qualOffset = offset;
        this.qualColumns = columns;
    }

    /** The number of columns the relation's rows have (the ctid or system columns not counted), or -1. */
    public int relationColumns() {
        return relation.codec().columnCount();
    }

    private boolean passesQual() {
        Object[] leading = relation.codec().deformLeading(scan.data(), snapshot, qualColumns);
        System.arraycopy(leading, 0, qualRow, qualOffset, qualColumns);
        qualContext.setRow(qualRow);
        return Boolean.TRUE.equals(qual.eval(qualContext));
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
