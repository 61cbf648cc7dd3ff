package org.tusk.engine.executor;

import java.math.BigDecimal;
import java.util.List;

import org.tusk.engine.expr.AggrefExpr;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.func.Arithmetic;
import org.tusk.engine.func.Comparisons;
import org.tusk.engine.types.PgType;

/** Plain aggregation (no GROUP BY): consumes the input, emits one row and publishes the aggregate results. */
final class AggNode implements PlanState {
    private final PlanState child;
    private final List<AggrefExpr> aggregates;
    private final EvalContext ctx;
    private boolean done;

    AggNode(PlanState child, List<AggrefExpr> aggregates, EvalContext ctx) {
        this.child = child;
        this.aggregates = aggregates;
        this.ctx = ctx;
    }

    @Override
    public Object[] next() {
        if (done) {
            return null;
        }
        done = true;
        Object[] states = new Object[aggregates.size()];
        long[] counts = new long[aggregates.size()];
        Object[] row;
        Object[] lastRow = new Object[0];
        while ((row = child.next()) != null) {
            ctx.setRow(row);
            lastRow = row;
            for (int i = 0; i < aggregates.size(); i++) {
                AggrefExpr a = aggregates.get(i);
                if (a.kind() == org.tusk.engine.expr.AggKind.COUNT_STAR) {
                    counts[i]++;
                    continue;
                }
                Object v = a.arg().eval(ctx);
                if (v == null) {
                    continue;
                }
                counts[i]++;
                states[i] = advance(a, states[i], v);
            }
        }
        Object[] results = new Object[aggregates.size()];
        for (int i = 0; i < aggregates.size(); i++) {
            AggrefExpr a = aggregates.get(i);
            switch (a.kind()) {
                case COUNT_STAR: case COUNT: results[i] = counts[i]; break;
                default: results[i] = states[i]; break;
            }
        }
        ctx.setAggregates(results);
        return lastRow;
    }

    private static Object advance(AggrefExpr a, Object state, Object v) {
        switch (a.kind()) {
            case SUM:
                if (state == null) {
                    return a.type() == PgType.NUMERIC ? Comparisons.toBigDecimal(v)
                            : a.type() == PgType.INT8 ? (Object) ((Number) v).longValue() : v;
                }
                if (a.type() == PgType.NUMERIC) {
                    return ((BigDecimal) state).add(Comparisons.toBigDecimal(v));
                }
                return Arithmetic.binary("+", a.type(), state, v);
            case MIN:
                return state == null || Comparisons.compare(v, state) < 0 ? v : state;
            case MAX:
                return state == null || Comparisons.compare(v, state) > 0 ? v : state;
            default:
                return state;
        }
    }
}
