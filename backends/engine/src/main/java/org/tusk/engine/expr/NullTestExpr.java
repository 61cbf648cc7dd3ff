package org.tusk.engine.expr;

import org.tusk.engine.types.PgType;

/**
 * IS [NOT] NULL. On a row value (argisrow) it looks into the fields: IS NULL
 * when every field is NULL, IS NOT NULL when none is (so a row of some NULLs
 * is neither).
 */
public record NullTestExpr(Expr arg, boolean isNot) implements Expr {
    @Override
    public PgType type() {
        return PgType.BOOL;
    }

    @Override
    public Object eval(EvalContext ctx) {
        Object v = arg.eval(ctx);
        if (v instanceof org.tusk.engine.types.RecordValue r) {
            for (Object f : r.fields()) {
                if ((f == null) == isNot) {
                    return false;
                }
            }
            return true;
        }
        return (v == null) != isNot;
    }

    @Override
    public java.util.List<Expr> children() {
        return java.util.List.of(arg);
    }
}
