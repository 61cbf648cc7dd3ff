package org.tusk.engine.expr;

import org.tusk.engine.nodes.BooleanTestKind;
import org.tusk.engine.types.PgType;

/** IS [NOT] TRUE/FALSE/UNKNOWN: never NULL. */
public record BoolTestExpr(Expr arg, BooleanTestKind kind) implements Expr {
    @Override
    public PgType type() {
        return PgType.BOOL;
    }

    @Override
    public Object eval(EvalContext ctx) {
        Boolean v = (Boolean) arg.eval(ctx);
        switch (kind) {
            case IS_TRUE: return Boolean.TRUE.equals(v);
            case IS_NOT_TRUE: return !Boolean.TRUE.equals(v);
            case IS_FALSE: return Boolean.FALSE.equals(v);
            case IS_NOT_FALSE: return !Boolean.FALSE.equals(v);
            case IS_UNKNOWN: return v == null;
            default: return v != null;
        }
    }

    @Override
    public java.util.List<Expr> children() {
        return java.util.List.of(arg);
    }
}
