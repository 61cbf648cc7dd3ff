package org.tusk.engine.executor;

import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;

/** Applies a qualification: only rows where it is true pass. */
final class FilterNode implements PlanState {
    private final PlanState child;
    private final Expr qual;
    private final EvalContext ctx;

    FilterNode(PlanState child, Expr qual, EvalContext ctx) {
        this.child = child;
        this.qual = qual;
        this.ctx = ctx;
    }

    @Override
    public Object[] next() {
        Object[] row;
        while ((row = child.next()) != null) {
            ctx.setRow(row);
            if (Boolean.TRUE.equals(qual.eval(ctx))) {
                return row;
            }
        }
        return null;
    }
}
