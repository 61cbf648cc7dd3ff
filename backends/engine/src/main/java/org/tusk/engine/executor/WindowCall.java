package org.tusk.engine.executor;

import java.util.List;

import org.tusk.engine.expr.Expr;

/**
 * One window function computed by a WindowAgg node (WindowFunc after
 * planning): a built-in ranking/offset function, or an aggregate used as a
 * window function ({@code aggregate} non-null) with an optional FILTER.
 */
public record WindowCall(Kind kind, List<Expr> args, AggregateFunction aggregate, Expr filter) {
    public enum Kind {
        ROW_NUMBER, RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST, NTILE, LAG, LEAD, FIRST_VALUE, LAST_VALUE, NTH_VALUE,
        AGGREGATE
    }

    public static WindowCall of(Kind kind, Expr... args) {
        return new WindowCall(kind, List.of(args), null, null);
    }

    public static WindowCall aggregate(AggregateFunction f, Expr... args) {
        return new WindowCall(Kind.AGGREGATE, List.of(args), f, null);
    }

    /** The built-in window function of this name, or null if the name is not one (then it may be an aggregate). */
    public static Kind kindOf(String name) {
        switch (name) {
            case "row_number": return Kind.ROW_NUMBER;
            case "rank": return Kind.RANK;
            case "dense_rank": return Kind.DENSE_RANK;
            case "percent_rank": return Kind.PERCENT_RANK;
            case "cume_dist": return Kind.CUME_DIST;
            case "ntile": return Kind.NTILE;
            case "lag": return Kind.LAG;
            case "lead": return Kind.LEAD;
            case "first_value": return Kind.FIRST_VALUE;
            case "last_value": return Kind.LAST_VALUE;
            case "nth_value": return Kind.NTH_VALUE;
            default: return null;
        }
    }
}
