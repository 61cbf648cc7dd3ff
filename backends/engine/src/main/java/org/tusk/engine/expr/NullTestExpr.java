package org.tusk.engine.expr;

import org.tusk.engine.types.PgType;

/** IS [NOT] NULL. */
public record NullTestExpr(Expr arg, boolean isNot) implements Expr {
    @Override
    public PgType type() {
        return PgType.BOOL;
    }

    @Override
    public Object eval(EvalContext ctx) {
        return (arg.eval(ctx) == null) != isNot;
    }

    @Override
    public java.util.List<Expr> children() {
        return java.util.List.of(arg);
    }
}
