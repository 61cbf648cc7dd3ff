package org.tusk.engine.planner;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.tusk.engine.analyze.JoinTreeNode;
import org.tusk.engine.analyze.Query;
import org.tusk.engine.analyze.RangeTblEntry;
import org.tusk.engine.analyze.TargetEntry;
import org.tusk.engine.executor.SubPlanExpr;
import org.tusk.engine.expr.Expr;

/**
 * The InitPlans EXPLAIN shows for a query level (subselect.c's SS_attach_initplans: every
 * uncorrelated scalar sublink of the level becomes an InitPlan of its top plan node, numbered
 * in the order the planner meets them, the select list before the WHERE clause, each
 * returning one PARAM_EXEC parameter {@code $0, $1, ...} that the expressions print).
 *
 * <p>Tusk plans sublinks when they first run, so EXPLAIN plans them on its own. Only levels
 * whose numbering is certain are described: a select list and WHERE/JOIN conditions whose
 * sublinks are all uncorrelated scalar subqueries without sublinks of their own, and no
 * sublinks elsewhere (aggregates, HAVING, ORDER BY, subqueries in FROM). Other levels print
 * as before.
 */
public final class InitPlans {
    private InitPlans() {}

    /** The parameter number each InitPlan's subquery returns (set while EXPLAIN plans the query). */
    private static final ThreadLocal<Map<Query, Integer>> PARAMS = new ThreadLocal<>();

    /** The level's InitPlan subqueries in plan-id order, or an empty list when the level is not described. */
    public static List<Query> of(Query q) {
        if (!simpleLevel(q)) {
            return List.of();
        }
        List<SubLinkExpr> found = new ArrayList<>();
        for (TargetEntry t : q.targetList) {
            collect(t.expr(), found);
        }
        collect(q.jointree, found);
        List<Query> out = new ArrayList<>();
        for (SubLinkExpr s : found) {
            if (s.correlated() || s.kind() != SubPlanExpr.Kind.EXPR || !simpleLevel(s.subquery())
                    || hasSubLinks(s.subquery())) {
                return List.of();
            }
            out.add(s.subquery());
        }
        return out;
    }

    /** Runs {@code body} with the InitPlans' parameters known to the expression deparser. */
    public static <T> T withParams(List<Query> initPlans, java.util.function.Supplier<T> body) {
        if (initPlans.isEmpty()) {
            return body.get();
        }
        Map<Query, Integer> params = new IdentityHashMap<>();
        for (int i = 0; i < initPlans.size(); i++) {
            params.put(initPlans.get(i), i);
        }
        Map<Query, Integer> saved = PARAMS.get();
        PARAMS.set(params);
        try {
            return body.get();
        } finally {
            PARAMS.set(saved);
        }
    }

    /** How the deparser prints a sublink that is a described InitPlan ("$0"), or null. */
    static String param(SubLinkExpr s) {
        Map<Query, Integer> params = PARAMS.get();
        Integer n = params == null ? null : params.get(s.subquery());
        return n == null ? null : "$" + n;
    }

    private static boolean simpleLevel(Query q) {
        if (!q.ctes.isEmpty() || !q.windows.isEmpty() || !q.srfs.isEmpty() || q.groupingSets != null) {
            return false;
        }
        for (RangeTblEntry rte : q.rtable) {
            if (rte.kind != RangeTblEntry.Kind.RELATION && rte.kind != RangeTblEntry.Kind.JOIN) {
                return false;
            }
        }
        List<SubLinkExpr> elsewhere = new ArrayList<>();
        collect(q.having, elsewhere);
        collect(q.limitCount, elsewhere);
        collect(q.limitOffset, elsewhere);
        for (Expr e : q.groupKeys) {
            collect(e, elsewhere);
        }
        for (Query.AggSpec a : q.aggregates) {
            for (Expr e : a.call().args()) {
                collect(e, elsewhere);
            }
        }
        return elsewhere.isEmpty();
    }

    private static boolean hasSubLinks(Query q) {
        List<SubLinkExpr> found = new ArrayList<>();
        for (TargetEntry t : q.targetList) {
            collect(t.expr(), found);
        }
        collect(q.jointree, found);
        return !found.isEmpty();
    }

    private static void collect(JoinTreeNode node, List<SubLinkExpr> out) {
        if (node instanceof JoinTreeNode.FromList fl) {
            for (JoinTreeNode item : fl.items()) {
                collect(item, out);
            }
            collect(fl.quals(), out);
        } else if (node instanceof JoinTreeNode.Join j) {
            collect(j.left(), out);
            collect(j.right(), out);
            collect(j.quals(), out);
        }
    }

    private static void collect(Expr e, List<SubLinkExpr> out) {
        if (e == null) {
            return;
        }
        if (e instanceof SubLinkExpr s) {
            out.add(s);
        }
        for (Expr c : e.children()) {
            collect(c, out);
        }
    }
}
