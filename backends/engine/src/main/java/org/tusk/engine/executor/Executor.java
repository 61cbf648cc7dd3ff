package org.tusk.engine.executor;

import java.util.ArrayList;
import java.util.List;

import org.tusk.engine.analyze.Query;
import org.tusk.engine.analyze.SortKey;
import org.tusk.engine.analyze.TargetEntry;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;

/**
 * Builds and starts the plan for an analyzed SELECT (the planner and
 * ExecutorStart in one): scan, filter, aggregate, project, sort, limit.
 * Rows come out with the target columns first, followed by resjunk sort keys.
 */
public final class Executor {
    private Executor() {}

    public static PlanState start(Query query, EvalContext ctx) {
        PlanState indexed = org.tusk.engine.executor.scan.IndexPaths.indexScanFor(query.relation(), query.where(), ctx);
        PlanState plan = query.relation() == null ? new ResultScan()
                : indexed != null ? indexed : new VirtualScan(query.relation(), ctx);
        if (query.where() != null) {
            plan = new FilterNode(plan, query.where(), ctx);
        }
        if (query.hasAggregates()) {
            plan = new AggNode(plan, query.aggregates(), ctx);
        }
        List<Expr> exprs = new ArrayList<>();
        for (TargetEntry t : query.targets()) {
            exprs.add(t.expr());
        }
        for (SortKey k : query.sortKeys()) {
            exprs.add(k.expr());
        }
        plan = new ProjectNode(plan, exprs, ctx);
        if (!query.sortKeys().isEmpty()) {
            plan = new SortNode(plan, query.sortKeys(), query.targets().size(), ctx);
        }
        if (query.limitCount() != null || query.limitOffset() != null) {
            long offset = 0;
            long count = -1;
            if (query.limitOffset() != null) {
                Object v = query.limitOffset().eval(ctx);
                offset = v == null ? 0 : (Long) v;
                if (offset < 0) {
                    throw Ereport.error("2201X", "OFFSET must not be negative");
                }
            }
            if (query.limitCount() != null) {
                Object v = query.limitCount().eval(ctx);
                count = v == null ? -1 : (Long) v;
                if (v != null && count < 0) {
                    throw Ereport.error("2201W", "LIMIT must not be negative");
                }
            }
            plan = new LimitNode(plan, offset, count);
        }
        return plan;
    }
}
