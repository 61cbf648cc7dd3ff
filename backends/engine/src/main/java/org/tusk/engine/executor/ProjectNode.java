package org.tusk.engine.executor;

import java.util.List;

import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;

/** Computes the output columns (target list plus resjunk sort keys) of each input row. */
final class ProjectNode implements PlanState {
    private final PlanState child;
    private final List<Expr> exprs;
    private final EvalContext ctx;

    ProjectNode(PlanState child, List<Expr> exprs, EvalContext ctx) {
        this.child = child;
        this.exprs = exprs;
        this.ctx = ctx;
    }

    @Override
    public Object[] next() {
        Object[] row = child.next();
        if (row == null) {
            return null;
        }
        ctx.setRow(row);
        Object[] out = new Object[exprs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = exprs.get(i).eval(ctx);
        }
        return out;
    }
}
