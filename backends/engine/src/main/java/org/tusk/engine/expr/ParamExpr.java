package org.tusk.engine.expr;

import org.tusk.engine.types.PgType;

/** $n; the value is decoded at bind time into {@code type}. */
public record ParamExpr(int index, PgType type) implements Expr {
    @Override
    public Object eval(EvalContext ctx) {
        return ctx.param(index);
    }
}
