package org.tusk.engine.executor;

import java.util.Comparator;

import org.tusk.engine.error.Ereport;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;

/**
 * Limit: skips OFFSET rows and returns at most LIMIT rows (NULL means no
 * limit); with {@code ties} (FETCH FIRST ... WITH TIES) it goes on returning rows
 * that are equal to the last one under the ORDER BY. Counts are evaluated at
 * start and on rescan, with PostgreSQL's errors for negative values.
 */
public final class Limit implements PlanState {
    private final PlanState child;
    private final Expr offsetExpr;
    private final Expr countExpr;
    private final Comparator<Object[]> ties;
    private final EvalContext ctx;
    private boolean started;
    private long toSkip;
    private long remaining;
    private Object[] last;
    private boolean done;

    public Limit(PlanState child, Expr offset, Expr count, Comparator<Object[]> ties, EvalContext ctx) {
        this.child = child;
        this.offsetExpr = offset;
        this.countExpr = count;
        this.ties = ties;
        this.ctx = ctx;
    }

    private void start() {
        started = true;
        toSkip = 0;
        remaining = -1;
        if (offsetExpr != null) {
            Object v = offsetExpr.eval(ctx);
            if (v != null) {
                toSkip = ((Number) v).longValue();
                if (toSkip < 0) {
                    throw Ereport.error("2201X", "OFFSET must not be negative");
                }
            }
        }
        if (countExpr != null) {
            Object v = countExpr.eval(ctx);
            if (v != null) {
                remaining = ((Number) v).longValue();
                if (remaining < 0) {
                    throw Ereport.error("2201W",
                            ties != null ? "FETCH FIRST must not be negative" : "LIMIT must not be negative");
                }
            }
        }
    }

    @Override
    public Object[] next() {
        if (!started) {
            start();
        }
        if (done) {
            return null;
        }
        while (toSkip > 0) {
            if (child.next() == null) {
                done = true;
                return null;
            }
            toSkip--;
        }
        if (remaining == 0) {
            if (ties != null && last != null) {
                Object[] row = child.next();
                if (row != null && ties.compare(row, last) == 0) {
                    return row;
                }
            }
            done = true;
            return null;
        }
        Object[] row = child.next();
        if (row == null) {
            done = true;
            return null;
        }
        if (remaining > 0) {
            remaining--;
            last = row;
        }
        return row;
    }

    @Override
    public void rescan() {
        started = false;
        done = false;
        last = null;
        child.rescan();
    }

    @Override
    public void close() {
        child.close();
    }
}
