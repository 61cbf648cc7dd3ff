package org.tusk.engine.expr;

import org.tusk.engine.types.ArrayValue;

/**
 * ScalarArrayOpExpr: {@code left op ANY|ALL (array)}. ANY is true if the
 * operator is true for some element, NULL if none is true but some result was
 * NULL, else false (ALL dually); an empty array gives false for ANY and true
 * for ALL. {@code op} is the operator's body, strict if {@code strict}.
 */
public record ScalarArrayOpExpr(String name, FunctionBody op, boolean strict, boolean useOr, Expr left, Expr right)
        implements Expr {
    @Override
    public org.tusk.engine.types.PgType type() {
        return org.tusk.engine.types.PgType.BOOL;
    }

    @Override
    public Object eval(EvalContext ctx) {
        ArrayValue arr = (ArrayValue) right.eval(ctx);
        if (arr == null) {
            return null;
        }
        if (arr.isEmpty()) {
            return !useOr;
        }
        Object l = left.eval(ctx);
        if (l == null && strict) {
            return null;
        }
        boolean sawNull = false;
        for (int i = 0; i < arr.size(); i++) {
            Object e = arr.element(i);
            Object r = e == null && strict ? null : op.apply(new Object[] {l, e}, ctx);
            if (r == null) {
                sawNull = true;
            } else if ((Boolean) r == useOr) {
                return useOr;
            }
        }
        return sawNull ? null : !useOr;
    }

    @Override
    public java.util.List<Expr> children() {
        return java.util.List.of(left, right);
    }
}
