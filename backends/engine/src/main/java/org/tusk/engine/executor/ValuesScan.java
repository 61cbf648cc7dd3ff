package org.tusk.engine.executor;

import java.util.List;

import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;

/** ValuesScan: the rows of a VALUES list, evaluated as they are read (they may reference outer parameters). */
public final class ValuesScan implements PlanState {
    private final List<List<Expr>> rows;
    private final EvalContext ctx;
    private int index;

    public ValuesScan(List<List<Expr>> rows, EvalContext ctx) {
        this.rows = rows;
        this.ctx = ctx;
    }

    @Override
    public Object[] next() {
        if (index >= rows.size()) {
            return null;
        }
        List<Expr> exprs = rows.get(index++);
        Object[] out = new Object[exprs.size()];
        Object[] saved = ctx.row();
        for (int i = 0; i < out.length; i++) {
            out[i] = exprs.get(i).eval(ctx);
        }
        ctx.setRow(saved);
        return out;
    }

    @Override
    public void rescan() {
        index = 0;
    }
}
