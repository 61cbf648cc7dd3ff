package org.tusk.engine.executor;

import java.util.ArrayList;
import java.util.List;

import org.tusk.engine.analyze.Query;
import org.tusk.engine.analyze.RangeTblEntry;
import org.tusk.engine.executor.scan.StorageBaseRelation;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.planner.ExplainNode;
import org.tusk.engine.planner.Planned;
import org.tusk.engine.planner.Planner;
import org.tusk.engine.planner.SubLinkExpr;

/**
 * A generic plan kept for re-execution (the executing half of plancache.c's
 * CachedPlan). Tusk's planner builds executor nodes directly, so what is cached
 * is the node tree itself together with its EState; everything that belongs to
 * one execution is renewed before the tree runs again:
 *
 * <ul>
 * <li>the parameter values: nodes evaluate their expressions in the plan's one
 * {@link EvalContext}, which is rebound to the new Bind values;
 * <li>the snapshot and transaction of every scan ({@link EState#onReexecute});
 * <li>scan positions and per-node counters: the whole tree is rescanned
 * (ExecReScan), which every node kind this class accepts supports after close.
 * </ul>
 *
 * Only plans made of node kinds whose rescan restores their initial state, with
 * no SubPlans (they cache their own running plans in the context) and no CTEs, are
 * reusable ({@link #isReusable}); others are planned for every execution.
 * One execution at a time: {@link #start} fails over to the caller while the
 * previous execution's portal still holds the tree.
 */
public final class ReusablePlan {
    /** EXPLAIN labels (prefixes) of the nodes whose rescan after close restores their initial state. */
    private static final List<String> REUSABLE_NODES = List.of("Seq Scan on ", "Index Scan using ",
            "Index Only Scan using ", "Index Scan Backward using ", "Index Only Scan Backward using ", "Result",
            "Limit", "Bitmap Heap Scan on ", "Bitmap Index Scan on ", "BitmapAnd", "BitmapOr");

    private final Planned planned;
    private final EState estate;
    private final EvalContext ctx;
    private boolean inUse;
    private boolean fresh = true;

    private ReusablePlan(Planned planned, EState estate, EvalContext ctx) {
        this.planned = planned;
        this.estate = estate;
        this.ctx = ctx;
    }

    /**
     * Plans {@code query} for re-execution with parameter values {@code params}; null when
     * the plan is not one this class can re-execute (the caller then plans every execution).
     */
    public static ReusablePlan build(Query query, EvalContext ctx) {
        if (!isReusable(query)) {
            return null;
        }
        Planned planned = Executor.planUnderNewEState(query, ctx);
        EState estate = (EState) ctx.attachment(EState.class);
        if (!isReusable(planned.explain())) {
            planned.state().close();
            estate.close();
            return null;
        }
        return new ReusablePlan(planned, estate, ctx);
    }

    /**
     * A query level over stored tables only (their scans renew their snapshots), with no
     * subqueries anywhere (a SubPlan keeps its running plan in the context), no CTEs, no
     * row locks.
     */
    static boolean isReusable(Query q) {
        if (!q.ctes.isEmpty() || q.forUpdate || q.jointree == null) {
            return false;
        }
        for (RangeTblEntry rte : q.rtable) {
            if (rte.kind != RangeTblEntry.Kind.RELATION || rte.relation == null
                    || rte.relation.getClass() != StorageBaseRelation.class || !rte.params.isEmpty()) {
                return false;
            }
        }
        List<Expr> exprs = new ArrayList<>();
        q.targetList.forEach(t -> exprs.add(t.expr()));
        exprs.add(q.jointree.quals());
        q.groupKeys.forEach(exprs::add);
        exprs.add(q.having);
        q.sortKeys.forEach(k -> exprs.add(k.expr()));
        exprs.add(q.limitCount);
        exprs.add(q.limitOffset);
        if (q.distinctOn != null) {
            exprs.addAll(q.distinctOn);
        }
        for (Expr e : exprs) {
            if (hasSubLink(e)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code e} contains a sub-SELECT (which needs its own executor state per execution). */
    public static boolean hasSubLink(Expr e) {
        if (e == null) {
            return false;
        }
        if (e instanceof SubLinkExpr || e instanceof SubPlanExpr) {
            return true;
        }
        for (Expr c : e.children()) {
            if (hasSubLink(c)) {
                return true;
            }
        }
        return false;
    }

    /** Whether every node of the plan is of a kind {@link #REUSABLE_NODES} lists (no InitPlan/SubPlan). */
    static boolean isReusable(ExplainNode node) {
        if (REUSABLE_NODES.stream().noneMatch(node.label::startsWith)) {
            return false;
        }
        for (String d : node.details) {
            if (d.contains("InitPlan") || d.contains("SubPlan")) {
                return false;
            }
        }
        for (ExplainNode c : node.children) {
            if (!isReusable(c)) {
                return false;
            }
        }
        return true;
    }

    /** The plan's EXPLAIN tree (estimates of the generic plan). */
    public ExplainNode explain() {
        return planned.explain();
    }

    /** Whether an execution's rows are being read from the tree now. */
    public boolean inUse() {
        return inUse;
    }

    /**
     * ExecutorStart on the cached tree: binds {@code params}, renews snapshots and
     * rescans; the returned root gives the tree back (not closing the EState's
     * plan, only its scans) when it runs out of rows, is closed, or fails.
     */
    public PlanState start(Object[] params) {
        if (inUse) {
            throw new IllegalStateException("cached plan is already executing");
        }
        inUse = true;
        try {
            ctx.rebindParams(params);
            if (!fresh) {
                estate.renewForExecution();
                planned.state().rescan();
            }
            fresh = false;
        } catch (RuntimeException | Error e) {
            inUse = false;
            throw e;
        }
        // ExecutorEnd of one execution: its temp files go, the tree stays cached
        return new QueryRoot(planned.state(), () -> {
            estate.tempFiles().deleteAll();
            inUse = false;
        });
    }

    /** Releases the tree for good (the cached plan is invalidated or its statement dropped). */
    public void discard() {
        if (!inUse) {
            planned.state().close();
            estate.close();
        }
    }
}
