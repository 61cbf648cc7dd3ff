package org.tusk.engine.expr;

import org.tusk.engine.types.PgType;

/** a IS [NOT] DISTINCT FROM b: equality where NULLs compare equal to each other. */
public record DistinctExpr(Expr left, Expr right, Expr equality, boolean notDistinct) implements Expr {
    @Override
    public PgType type() {
        return PgType.BOOL;
    }

    @Override
    public Object eval(EvalContext ctx) {
        Object a = left.eval(ctx);
        Object b = right.eval(ctx);
        boolean distinct;
        if (a == null || b == null) {
            distinct = (a == null) != (b == null);
        } else {
            distinct = !Boolean.TRUE.equals(equality.eval(ctx));
        }
        return notDistinct ? !distinct : distinct;
    }

    @Override
    public java.util.List<Expr> children() {
        return java.util.List.of(left, right);
    }
}
