package org.tusk.engine.expr;

import java.util.List;

import org.tusk.engine.types.ArraySubscripts;
import org.tusk.engine.types.ArrayValue;
import org.tusk.engine.types.PgType;

/**
 * SubscriptingRef fetch: arr[i][j] (element, {@code lower} is null) or a
 * slice arr[a:b][c] when any subscript is a slice; in a slice a plain [c]
 * means [1:c] and a null entry of {@code lower}/{@code upper} an omitted bound.
 * A null subscript value makes the result NULL.
 */
public record SubscriptExpr(Expr array, List<Expr> lower, List<Expr> upper, boolean slice, PgType type)
        implements Expr {
    /** An element or slice of an array of records keeps the array's record shape (RecordTypmods). */
    @Override
    public int typmod() {
        return type == PgType.RECORD || type == PgType._RECORD ? array.typmod() : -1;
    }

    @Override
    public Object eval(EvalContext ctx) {
        ArrayValue a = (ArrayValue) array.eval(ctx);
        if (a == null) {
            return null;
        }
        Integer[] up = new Integer[upper.size()];
        for (int i = 0; i < up.length; i++) {
            Expr e = upper.get(i);
            if (e != null) {
                up[i] = (Integer) e.eval(ctx);
                if (up[i] == null) {
                    return null;
                }
            }
        }
        if (!slice) {
            return ArraySubscripts.element(a, up);
        }
        Integer[] lo = new Integer[lower.size()];
        for (int i = 0; i < lo.length; i++) {
            Expr e = lower.get(i);
            if (e != null) {
                lo[i] = (Integer) e.eval(ctx);
                if (lo[i] == null) {
                    return null;
                }
            }
        }
        return ArraySubscripts.slice(a, lo, up);
    }

    @Override
    public List<Expr> children() {
        List<Expr> out = new java.util.ArrayList<>();
        out.add(array);
        for (Expr e : lower == null ? List.<Expr>of() : lower) {
            if (e != null) {
                out.add(e);
            }
        }
        for (Expr e : upper == null ? List.<Expr>of() : upper) {
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }
}
