package org.tusk.engine.planner;

import java.util.ArrayList;
import java.util.List;

import org.tusk.engine.analyze.Query;
import org.tusk.engine.analyze.RangeTblEntry;
import org.tusk.engine.executor.EState;
import org.tusk.engine.executor.SubPlanExpr;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.types.PgType;

/**
 * An analyzed subquery in an expression (SubLink). It stays stateless: at its
 * first evaluation in an execution it plans the subquery and keeps the running
 * {@link SubPlanExpr} in the execution's EvalContext.
 */
public final class SubLinkExpr implements Expr {
    private final SubPlanExpr.Kind kind;
    private final Query subquery;
    private final List<RangeTblEntry.ParamBinding> params;
    private final Expr testExpr;
    private final int[] resultSlots;
    private final PgType type;
    /** The multiple assignment this column's subquery belongs to (EXPLAIN shows one SubPlan for it), or null. */
    private MultiAssignSubPlan multiAssignment;

    public SubLinkExpr(SubPlanExpr.Kind kind, Query subquery, List<RangeTblEntry.ParamBinding> params, Expr testExpr,
            int[] resultSlots, PgType type) {
        this.kind = kind;
        this.subquery = subquery;
        this.params = params;
        this.testExpr = testExpr;
        this.resultSlots = resultSlots;
        this.type = type;
    }

    public SubPlanExpr.Kind kind() { return kind; }
    public Query subquery() { return subquery; }
    public boolean correlated() { return !params.isEmpty(); }
    public List<RangeTblEntry.ParamBinding> params() { return params; }
    public Expr testExpr() { return testExpr; }
    public int[] resultSlots() { return resultSlots.clone(); }
    public MultiAssignSubPlan multiAssignment() { return multiAssignment; }

    /** Marks this scalar subquery as one column of {@code group} (set once, by the analyzer). */
    public void belongsTo(MultiAssignSubPlan group) {
        this.multiAssignment = group;
    }

    @Override
    public PgType type() {
        return type;
    }

    @Override
    public List<Expr> children() {
        List<Expr> out = new ArrayList<>();
        for (RangeTblEntry.ParamBinding p : params) {
            out.add(p.value());
        }
        if (testExpr != null) {
            out.add(testExpr);
        }
        return out;
    }

    @Override
    public Object eval(EvalContext ctx) {
        SubPlanExpr running = (SubPlanExpr) ctx.attachment(this);
        if (running == null) {
            EState estate = (EState) ctx.attachment(EState.class);
            List<SubPlanExpr.Param> ps = new ArrayList<>();
            for (RangeTblEntry.ParamBinding p : params) {
                ps.add(new SubPlanExpr.Param(p.slot(), p.value()));
            }
            running = new SubPlanExpr(kind, Planner.plan(subquery, estate).state(), ps, testExpr, resultSlots, type);
            ctx.attach(this, running);
        }
        return running.eval(ctx);
    }
}
