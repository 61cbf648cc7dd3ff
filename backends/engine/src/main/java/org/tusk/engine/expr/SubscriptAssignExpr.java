package org.tusk.engine.expr;

import java.util.ArrayList;
import java.util.List;

import org.tusk.engine.error.Ereport;
import org.tusk.engine.types.ArrayAssignment;
import org.tusk.engine.types.ArrayValue;
import org.tusk.engine.types.PgType;

/**
 * SubscriptingRef assignment: {@code base} with {@code base[i]...} set to
 * {@code value}, or with the slice {@code base[a:b]...} filled from the array
 * {@code value} (UPDATE ... SET col[i] = v). As in a fetch, a plain [c] among
 * slices means [1:c] and a null entry of {@code lower}/{@code upper} an
 * omitted bound. Subscripts must not be NULL (22004).
 */
public record SubscriptAssignExpr(Expr base, List<Expr> lower, List<Expr> upper, boolean slice, Expr value,
        PgType type) implements Expr {
    /** An array of records keeps its elements' shape (RecordTypmods). */
    @Override
    public int typmod() {
        return type == PgType._RECORD ? base.typmod() : -1;
    }

    @Override
    public Object eval(EvalContext ctx) {
        Integer[] up = bounds(upper, ctx);
        Integer[] lo = slice ? bounds(lower, ctx) : null;
        ArrayValue array = (ArrayValue) base.eval(ctx);
        Object v = value.eval(ctx);
        PgType elementType = type.elementType();
        if (!slice) {
            int[] idx = new int[up.length];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = up[i];
            }
            return ArrayAssignment.setElement(array, elementType, idx, v);
        }
        if (v == null) {
            // assigning a NULL slice leaves the array as it is (array_set_slice's strictness)
            return array;
        }
        return ArrayAssignment.setSlice(array, elementType, lo, up, (ArrayValue) v);
    }

    private static Integer[] bounds(List<Expr> exprs, EvalContext ctx) {
        Integer[] out = new Integer[exprs.size()];
        for (int i = 0; i < out.length; i++) {
            Expr e = exprs.get(i);
            if (e != null) {
                out[i] = (Integer) e.eval(ctx);
                if (out[i] == null) {
                    throw Ereport.error("22004", "array subscript in assignment must not be null");
                }
            }
        }
        return out;
    }

    @Override
    public List<Expr> children() {
        List<Expr> out = new ArrayList<>();
        out.add(base);
        for (Expr e : lower == null ? List.<Expr>of() : lower) {
            if (e != null) {
                out.add(e);
            }
        }
        for (Expr e : upper) {
            if (e != null) {
                out.add(e);
            }
        }
        out.add(value);
        return out;
    }
}
