package org.tusk.engine.expr;

import java.util.Comparator;
import java.util.List;

import org.tusk.engine.types.PgType;

/** GREATEST/LEAST: NULLs are ignored. */
public record MinMaxExpr(List<Expr> args, PgType type, boolean greatest, Comparator<Object> order) implements Expr {
    @Override
    public Object eval(EvalContext ctx) {
        Object best = null;
        for (Expr e : args) {
            Object v = e.eval(ctx);
            if (v != null && (best == null || (greatest ? order.compare(v, best) > 0 : order.compare(v, best) < 0))) {
                best = v;
            }
        }
        return best;
    }

    @Override
    public List<Expr> children() {
        return args;
    }
}
