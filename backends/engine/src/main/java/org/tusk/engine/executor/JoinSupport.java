package org.tusk.engine.executor;

import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;

/** What every join node shares: combined rows {@code outer ++ inner} and qual evaluation on them. */
final class JoinSupport {
    private JoinSupport() {}

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
