package org.tusk.engine.expr;

import org.tusk.engine.types.PgType;

/** NULLIF(a, b): NULL when a = b, else a. {@code equality} compares the two after coercion. */
public record NullIfExpr(Expr left, Expr equality, PgType type) implements Expr {
    @Override
    public Object eval(EvalContext ctx) {
        Object a = left.eval(ctx);
        if (a != null && Boolean.TRUE.equals(equality.eval(ctx))) {
            return null;
        }
        return a;
    }

    @Override
    public java.util.List<Expr> children() {
        return java.util.List.of(left, equality);
    }
}
