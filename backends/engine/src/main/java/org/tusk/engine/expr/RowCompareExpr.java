package org.tusk.engine.expr;

import java.util.ArrayList;
import java.util.List;

import org.tusk.engine.types.PgType;

/**
 * RowCompareExpr: {@code (a, b) < (c, d)} and the other ordering operators
 * between row constructors. The first pair that is not equal decides (by
 * its own operator); a NULL pair before that makes the result NULL; all
 * pairs equal is true for {@code <=} and {@code >=} only. {@code equals}
 * are the pairs' "=" operators, {@code ops} the pairs' ordering operators.
 */
public record RowCompareExpr(String op, List<Expr> equals, List<Expr> ops) implements Expr {

    @Override
    public PgType type() {
        return PgType.BOOL;
    }

    @Override
    public List<Expr> children() {
        List<Expr> out = new ArrayList<>(equals);
        out.addAll(ops);
        return out;
    }

    @Override
    public Object eval(EvalContext ctx) {
        for (int i = 0; i < equals.size(); i++) {
            Object eq = equals.get(i).eval(ctx);
            if (eq == null) {
                return null;
            }
            if (!(Boolean) eq) {
                return ops.get(i).eval(ctx);
            }
        }
        return op.equals("<=") || op.equals(">=");
    }
}
