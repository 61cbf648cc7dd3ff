package org.tusk.engine.executor;

import java.util.List;

import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;

/**
 * Widens each row to {@code width} columns and computes expressions into given
 * columns (a projection that keeps the row): GROUP BY keys before an Agg, window
 * PARTITION BY / ORDER BY keys before their Sort.
 */
public final class Extend implements PlanState {
    private final PlanState child;
    private final int width;
    private final int[] positions;
    private final List<Expr> exprs;
    private final EvalContext ctx;

    public Extend(PlanState child, int width, int[] positions, List<Expr> exprs, EvalContext ctx) {
        this.child = child;
        this.width = width;
        this.positions = positions;
        this.exprs = exprs;
        this.ctx = ctx;
    }

    @Override
    public Object[] next() {
        Object[] row = child.next();
        if (row == null) {
            return null;
        }
        Object[] out = java.util.Arrays.copyOf(row, Math.max(width, row.length));
        for (int i = 0; i < positions.length; i++) {
            ctx.setRow(row);
            out[positions[i]] = exprs.get(i).eval(ctx);
        }
        return out;
    }

    @Override
    public void rescan() {
        child.rescan();
    }

    @Override
    public void close() {
        child.close();
    }
}
