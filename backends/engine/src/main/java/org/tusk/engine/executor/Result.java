package org.tusk.engine.executor;

import java.util.List;

import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;

/**
 * Result: without a child, one row (SELECT without FROM); with one, a filter
 * and projection of its rows (also what SubqueryScan does). {@code qual} may be
 * null, {@code projection} null for pass-through.
 */
public final class Result implements PlanState {
    private final PlanState child;
    private final Expr qual;
    private final List<Expr> projection;
    private final EvalContext ctx;
    private boolean emitted;

    public Result(PlanState child, Expr qual, List<Expr> projection, EvalContext ctx) {
        this.child = child;
        this.qual = qual;
        this.projection = projection;
        this.ctx = ctx;
    }

    /** The node below, or null for a Result without input. */
    public PlanState child() {
        return child;
    }

    /** The qualification rows must pass, or null. */
    public Expr qual() {
        return qual;
    }

    @Override
    public Object[] next() {
        while (true) {
            Object[] row;
            if (child == null) {
                if (emitted) {
                    return null;
                }
                emitted = true;
                row = new Object[0];
            } else {
                row = child.next();
                if (row == null) {
                    return null;
                }
            }
            ctx.setRow(row);
            if (qual != null && !Boolean.TRUE.equals(qual.eval(ctx))) {
                continue;
            }
            if (projection == null) {
                return row;
            }
            Object[] out = new Object[projection.size()];
            for (int i = 0; i < out.length; i++) {
                ctx.setRow(row);
                out[i] = projection.get(i).eval(ctx);
            }
            return out;
        }
    }

    @Override
    public void rescan() {
        emitted = false;
        if (child != null) {
            child.rescan();
        }
    }

    @Override
    public void close() {
        if (child != null) {
            child.close();
        }
    }
}
