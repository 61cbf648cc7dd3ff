package org.tusk.engine.executor;

import java.util.Arrays;

import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;

/**
 * The Result PostgreSQL puts above a Sort when the target list has volatile
 * expressions (make_sort_input_target): the Sort's input carries the columns
 * those expressions read instead of their values, and this node computes them
 * once a row has been sorted, so that under a LIMIT they run only for the rows
 * returned (nextval() numbers only those).
 *
 * <p>Input rows are the projected row with the saved column values at the end;
 * {@code savedAttnos[i]} is the level slot (VarExpr attno) of saved value i.
 * Each expression is evaluated over a row with only those slots filled and its
 * value stored at {@code positions[i]}; the saved values are dropped.
 */
public final class PostponedProjection implements PlanState {
    private final PlanState child;
    private final int[] positions;
    private final Expr[] exprs;
    private final int[] savedAttnos;
    private final int levelWidth;
    private final EvalContext ctx;

    public PostponedProjection(PlanState child, int[] positions, Expr[] exprs, int[] savedAttnos, int levelWidth,
            EvalContext ctx) {
        this.child = child;
        this.positions = positions;
        this.exprs = exprs;
        this.savedAttnos = savedAttnos;
        this.levelWidth = levelWidth;
        this.ctx = ctx;
    }

    @Override
    public Object[] next() {
        Object[] row = child.next();
        if (row == null) {
            return null;
        }
        int projected = row.length - savedAttnos.length;
        Object[] level = new Object[levelWidth];
        for (int i = 0; i < savedAttnos.length; i++) {
            level[savedAttnos[i]] = row[projected + i];
        }
        Object[] out = Arrays.copyOf(row, projected);
        for (int i = 0; i < exprs.length; i++) {
            ctx.setRow(level);
            out[positions[i]] = exprs[i].eval(ctx);
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
