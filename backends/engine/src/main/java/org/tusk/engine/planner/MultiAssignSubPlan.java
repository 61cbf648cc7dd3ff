package org.tusk.engine.planner;

import java.util.List;
import java.util.function.Supplier;

import org.tusk.engine.analyze.Query;
import org.tusk.engine.analyze.TargetEntry;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.types.PgType;

/**
 * {@code UPDATE ... SET (a, b) = (SELECT x, y ...)} as EXPLAIN shows it: PostgreSQL plans the
 * sub-SELECT once as a MULTIEXPR SubPlan, a junk entry of the target list after the new column
 * values ("(SubPlan 1 (returns $1,$2))"), and each assigned column reads one of its output
 * parameters ({@code $1}, {@code $2}). Tusk runs one scalar subquery per column (the
 * {@code columns}, each marked with this group); this expression stands for the group in the
 * target list EXPLAIN describes and is never evaluated.
 */
public final class MultiAssignSubPlan implements Expr {

    private final List<SubLinkExpr> columns;

    public MultiAssignSubPlan(List<SubLinkExpr> columns) {
        this.columns = List.copyOf(columns);
    }

    /** The per-column subqueries, in the column list's order. */
    public List<SubLinkExpr> columns() {
        return columns;
    }

    /**
     * Runs {@code body} while the first column's subquery selects every column of the
     * sub-SELECT (its plan is the group's plan, as EXPLAIN shows it).
     */
    <T> T withAllColumns(Supplier<T> body) {
        Query first = columns.get(0).subquery();
        int size = first.targetList.size();
        for (SubLinkExpr other : columns.subList(1, columns.size())) {
            for (TargetEntry t : other.subquery().targetList) {
                first.targetList.add(t);
            }
        }
        try {
            return body.get();
        } finally {
            first.targetList.subList(size, first.targetList.size()).clear();
        }
    }

    @Override
    public PgType type() {
        return PgType.RECORD;
    }

    @Override
    public List<Expr> children() {
        return List.of();
    }

    @Override
    public Object eval(EvalContext ctx) {
        throw new IllegalStateException("a multiple-assignment SubPlan is only described, never evaluated");
    }
}
