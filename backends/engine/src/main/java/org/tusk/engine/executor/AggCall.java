package org.tusk.engine.executor;

import java.util.List;

import org.tusk.engine.expr.Expr;

/**
 * One aggregate computed by an Agg node (Aggref after planning): arguments
 * evaluated on the input row (empty for count(*)), DISTINCT, a FILTER (null
 * when absent), and ORDER BY expressions for ordered-input aggregates (empty
 * when none) with their sort directions.
 */
public record AggCall(AggregateFunction function, List<Expr> args, boolean distinct, Expr filter,
        List<Expr> orderBy, List<SortColumn> orderDirections) {
    public static AggCall simple(AggregateFunction function, List<Expr> args) {
        return new AggCall(function, args, false, null, List.of(), List.of());
    }
}
