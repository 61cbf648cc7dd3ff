package org.tusk.engine.executor;

import java.util.ArrayList;
import java.util.List;

import org.tusk.engine.error.Ereport;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.types.PgType;

/**
 * A subquery in an expression (SubPlan, nodeSubplan.c): EXISTS, a scalar
 * subquery, or {@code lhs op ANY/ALL (subquery)} / {@code IN}. Correlated
 * subplans get their parameters from the current outer row ({@code params}) and
 * rescan their plan for each evaluation; uncorrelated ones run once (as an
 * InitPlan) and their rows are kept. For ANY/ALL, each subquery row's columns
 * are put into executor param slots {@code resultSlots} and {@code testExpr}
 * (e.g. {@code lhs = $slot}) is evaluated with SQL's three-valued logic.
 * The outer row and the evaluation state are restored afterwards, since the
 * subplan's nodes share the expression context.
 */
public final class SubPlanExpr implements Expr {
    public enum Kind { EXISTS, EXPR, ANY, ALL, ARRAY }

    /** Executor param slot set from an expression over the outer row before each run. */
    public record Param(int slot, Expr value) {}

    private final Kind kind;
    private final PlanState plan;
    private final List<Param> params;
    private final Expr testExpr;
    private final int[] resultSlots;
    private final PgType type;
    private boolean started;
    private List<Object[]> cachedRows;

    public SubPlanExpr(Kind kind, PlanState plan, List<Param> params, Expr testExpr, int[] resultSlots, PgType type) {
        this.kind = kind;
        this.plan = plan;
        this.params = params;
        this.testExpr = testExpr;
        this.resultSlots = resultSlots;
        this.type = type;
    }

    @Override
    public PgType type() {
        return kind == Kind.EXPR || kind == Kind.ARRAY ? type : PgType.BOOL;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the plan depends on the outer row (a SubPlan) or not (an InitPlan). */
    public boolean correlated() {
        return !params.isEmpty();
    }

    @Override
    public Object eval(EvalContext ctx) {
        Object[] savedRow = ctx.row();
        Object[] savedAggs = ctx.aggregates();
        try {
            return run(ctx, savedRow);
        } finally {
            ctx.setRow(savedRow);
            ctx.setAggregates(savedAggs);
        }
    }

    private interface Source {
        Object[] next();
    }

    private Source rows(EvalContext ctx, Object[] outerRow) {
        if (params.isEmpty()) {
            if (cachedRows == null) {
                cachedRows = new ArrayList<>();
                Object[] r;
                while ((r = plan.next()) != null) {
                    cachedRows.add(r);
                    if (kind == Kind.EXISTS) {
                        break;
                    }
                }
            }
            int[] i = {0};
            return () -> i[0] < cachedRows.size() ? cachedRows.get(i[0]++) : null;
        }
        for (Param p : params) {
            ctx.setRow(outerRow);
            ctx.setExecParam(p.slot(), p.value().eval(ctx));
        }
        if (started) {
            plan.rescan();
        }
        started = true;
        return plan::next;
    }

    /** ARRAY(subquery)'s result (accumArrayResult): scalars in a 1-D array, arrays stacked as ARRAY[...] does. */
    private Object arrayOf(List<Object> values) {
        PgType elementType = type.elementType();
        boolean nested = false;
        for (Object v : elementType == PgType.INT2VECTOR || elementType == PgType.OIDVECTOR ? List.of() : values) {
            if (v instanceof org.tusk.engine.types.ArrayValue) {
                nested = true;
                break;
            }
        }
        if (!nested) {
            return org.tusk.engine.types.ArrayValue.of(elementType, values.toArray());
        }
        List<org.tusk.engine.types.ArrayValue> subs = new ArrayList<>();
        for (Object v : values) {
            if (v == null) {
                throw Ereport.error("22004", "cannot accumulate null arrays");
            }
            org.tusk.engine.types.ArrayValue a = (org.tusk.engine.types.ArrayValue) v;
            if (a.ndims() == 0) {
                throw Ereport.error("2202E", "cannot accumulate empty arrays");
            }
            subs.add(a);
        }
        return org.tusk.engine.types.ArraySubscripts.stack(elementType, subs);
    }

    private Object run(EvalContext ctx, Object[] outerRow) {
        Source src = rows(ctx, outerRow);
        switch (kind) {
            case EXISTS:
                return src.next() != null;
            case EXPR: {
                Object[] first = src.next();
                if (first == null) {
                    return null;
                }
                if (src.next() != null) {
                    throw Ereport.error("21000", "more than one row returned by a subquery used as an expression");
                }
                return first[0];
            }
            case ARRAY: {
                List<Object> values = new ArrayList<>();
                Object[] r;
                while ((r = src.next()) != null) {
                    values.add(r[0]);
                }
                return arrayOf(values);
            }
            default: {
                boolean any = kind == Kind.ANY;
                boolean sawNull = false;
                Object[] r;
                while ((r = src.next()) != null) {
                    for (int i = 0; i < resultSlots.length; i++) {
                        ctx.setExecParam(resultSlots[i], r[i]);
                    }
                    ctx.setRow(outerRow);
                    Object v = testExpr.eval(ctx);
                    if (v == null) {
                        sawNull = true;
                    } else if ((Boolean) v == any) {
                        return any;
                    }
                }
                return sawNull ? null : !any;
            }
        }
    }
}
