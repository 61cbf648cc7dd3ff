package org.tusk.engine.executor;

import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;

/** What every join node shares: combined rows {@code outer ++ inner} and qual evaluation on them. */
final class JoinSupport {
    private JoinSupport() {}

    /**
     * Combines rows of one query level's row layout: each side fills only its own
     * range table entries' slots, so the joined row is the outer row with the
     * inner side's slots ({@code innerSlots}) copied in.
     */
    static Object[] merge(Object[] outer, Object[] inner, int width, int[] innerSlots) {
        Object[] out = outer != null ? java.util.Arrays.copyOf(outer, width) : new Object[width];
        if (inner != null) {
            for (int p : innerSlots) {
                out[p] = inner[p];
            }
        }
        return out;
    }

    static Object[] combine(Object[] outer, Object[] inner, int outerWidth, int innerWidth) {
        Object[] out = new Object[outerWidth + innerWidth];
        if (outer != null) {
            System.arraycopy(outer, 0, out, 0, Math.min(outer.length, outerWidth));
        }
        if (inner != null) {
            System.arraycopy(inner, 0, out, outerWidth, Math.min(inner.length, innerWidth));
        }
        return out;
    }

    static boolean passes(Expr qual, Object[] row, EvalContext ctx) {
        if (qual == null) {
            return true;
        }
        ctx.setRow(row);
        return Boolean.TRUE.equals(qual.eval(ctx));
    }
}
