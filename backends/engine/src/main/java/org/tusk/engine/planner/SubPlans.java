package org.tusk.engine.planner;

import java.util.ArrayList;
import java.util.HashMap;
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
 * The InitPlans and SubPlans EXPLAIN shows for a query level, numbered as subselect.c
 * numbers them: every scalar sublink of the level becomes a plan in the order the planner
 * meets them (the target list, then the WHERE/JOIN conditions), an uncorrelated one an
 * InitPlan of the level's top node returning a PARAM_EXEC parameter ({@code $0}), a
 * correlated one a SubPlan of the node that evaluates it. Plan ids and PARAM_EXEC numbers
 * are shared: a sublink first takes one parameter per outer column it reads, then its outputs.
 * A multiple-assignment {@code SET (a, b) = (SELECT ...)} is one SubPlan returning a
 * parameter per column ({@code SubPlan 1 (returns $1,$2)}; see {@link MultiAssignSubPlan}).
 *
 * <p>Tusk plans sublinks when they first run, so EXPLAIN plans them on its own. Only levels
 * whose numbering is certain are described: a target list and WHERE/JOIN conditions whose
 * sublinks are all scalar subqueries without sublinks of their own, and no sublinks
 * elsewhere (aggregates, HAVING, ORDER BY, subqueries in FROM). Other levels print their
 * sublinks without plans, as before.
 */
public final class SubPlans {

    /**
     * One plan as EXPLAIN names it ("InitPlan 1 (returns $0)", "SubPlan 2"), with the query it
     * plans ({@code group}'s first column's, for a multiple assignment), and how it prints.
     */
    public record Entry(String name, Query query, boolean initPlan, String printed, MultiAssignSubPlan group) {}

    /**
     * A described level: its plans in id order, how each sublink prints ("$0", "(SubPlan 1)"),
     * and the outer expression each PARAM_EXEC parameter of a correlated subplan stands for.
     */
    public record Description(List<Entry> entries, Map<Object, String> printed, Map<Integer, Expr> outerValues) {
        public static final Description NONE = new Description(List.of(), Map.of(), Map.of());
    }

    private static final ThreadLocal<Description> CURRENT = new ThreadLocal<>();

    private SubPlans() {}

    /** The level's plans for its target list and join tree, or {@link Description#NONE}. */
    public static Description describe(Query q) {
        List<Expr> targets = new ArrayList<>();
        for (TargetEntry t : q.targetList) {
            targets.add(t.expr());
        }
        return describe(q, targets);
    }

    /** As {@link #describe(Query)} with {@code targets} for the level's target list (an UPDATE's new values). */
    public static Description describe(Query q, List<Expr> targets) {
        if (!simpleLevel(q)) {
            return Description.NONE;
        }
        List<Expr> found = new ArrayList<>();
        for (Expr t : targets) {
            collect(t, found);
        }
        collect(q.jointree, found);
        List<Entry> entries = new ArrayList<>();
        Map<Object, String> printed = new IdentityHashMap<>();
        Map<Integer, Expr> outerValues = new HashMap<>();
        int param = 0;
        for (Expr e : found) {
            if (e instanceof SubLinkExpr s && s.multiAssignment() != null) {
                continue;   // numbered with its group, at the group's junk entry
            }
            List<SubLinkExpr> links = e instanceof MultiAssignSubPlan m ? m.columns() : List.of((SubLinkExpr) e);
            for (SubLinkExpr s : links) {
                if (s.kind() != SubPlanExpr.Kind.EXPR || !simpleLevel(s.subquery()) || hasSubLinks(s.subquery())) {
                    return Description.NONE;
                }
            }
            SubLinkExpr first = links.get(0);
            for (RangeTblEntry.ParamBinding p : first.params()) {
                outerValues.put(p.slot(), p.value());
            }
            param += first.params().size();
            int id = entries.size() + 1;
            if (e instanceof MultiAssignSubPlan m) {
                List<String> outputs = new ArrayList<>();
                for (SubLinkExpr s : links) {
                    printed.put(s, "$" + param);
                    outputs.add("$" + param++);
                }
                String name = "SubPlan " + id + " (returns " + String.join(",", outputs) + ")";
                printed.put(m, "(" + name + ")");
                entries.add(new Entry(name, first.subquery(), false, "(" + name + ")", m));
            } else if (!first.correlated()) {
                printed.put(first, "$" + param);
                entries.add(new Entry("InitPlan " + id + " (returns $" + param + ")", first.subquery(), true,
                        "$" + param, null));
                param++;
            } else {
                printed.put(first, "(SubPlan " + id + ")");
                entries.add(new Entry("SubPlan " + id, first.subquery(), false, "(SubPlan " + id + ")", null));
            }
        }
        return entries.isEmpty() ? Description.NONE : new Description(entries, printed, outerValues);
    }

    /** Runs {@code body} with the description known to the expression deparser. */
    public static <T> T with(Description d, java.util.function.Supplier<T> body) {
        if (d.entries().isEmpty()) {
            return body.get();
        }
        Description saved = CURRENT.get();
        CURRENT.set(d);
        try {
            return body.get();
        } finally {
            CURRENT.set(saved);
        }
    }

    /** How the deparser prints a sublink or multiple-assignment group of the described level, or null. */
    static String printed(Object sublink) {
        Description d = CURRENT.get();
        return d == null ? null : d.printed().get(sublink);
    }

    /** The outer expression a correlated subplan's parameter {@code slot} stands for, or null. */
    static Expr outerValue(int slot) {
        Description d = CURRENT.get();
        return d == null ? null : d.outerValues().get(slot);
    }

    /**
     * Whether columns print qualified everywhere: a statement with subplans has more than one
     * range table entry once the planner flattens their range tables into one.
     */
    static boolean flattenedRangeTables() {
        Description d = CURRENT.get();
        return d != null && !d.entries().isEmpty();
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
        List<Expr> elsewhere = new ArrayList<>();
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
        List<Expr> found = new ArrayList<>();
        for (TargetEntry t : q.targetList) {
            collect(t.expr(), found);
        }
        collect(q.jointree, found);
        return !found.isEmpty();
    }

    private static void collect(JoinTreeNode node, List<Expr> out) {
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

    private static void collect(Expr e, List<Expr> out) {
        if (e == null) {
            return;
        }
        if (e instanceof SubLinkExpr || e instanceof MultiAssignSubPlan) {
            out.add(e);
        }
        for (Expr c : e.children()) {
            collect(c, out);
        }
    }
}
