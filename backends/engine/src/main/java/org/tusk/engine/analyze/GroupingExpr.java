package org.tusk.engine.analyze;

import java.util.List;

import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.types.PgType;

/**
 * GROUPING(a, b, ...): an int whose bits say which arguments are not grouped
 * in the current row's grouping set (first argument most significant). It reads
 * the Agg's grouping-set bits; {@link #bind} maps each argument to its GROUP BY
 * key once those are known.
 */
public final class GroupingExpr implements Expr {
    private final List<Expr> args;
    private int[] keyIndexes;
    private int keyCount;
    private int bitsPosition;

    GroupingExpr(List<Expr> args) {
        this.args = args;
    }

    List<Expr> args() {
        return args;
    }

    void bind(int[] keyIndexes, int keyCount, int bitsPosition) {
        this.keyIndexes = keyIndexes;
        this.keyCount = keyCount;
        this.bitsPosition = bitsPosition;
    }

    @Override
    public PgType type() {
        return PgType.INT4;
    }

    @Override
    public Object eval(EvalContext ctx) {
        Object b = ctx.row()[bitsPosition];
        int bits = b == null ? 0 : (Integer) b;
        int out = 0;
        for (int k : keyIndexes) {
            out = (out << 1) | ((bits >> (keyCount - 1 - k)) & 1);
        }
        return out;
    }
}
