package org.tusk.engine.expr;

import java.util.List;

import org.tusk.engine.types.PgType;

/** COALESCE: the first non-NULL argument, evaluating no further. */
public record CoalesceExpr(List<Expr> args, PgType type) implements Expr {
    @Override
    public Object eval(EvalContext ctx) {
        for (Expr e : args) {
            Object v = e.eval(ctx);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    @Override
    public List<Expr> children() {
        return args;
    }
}
