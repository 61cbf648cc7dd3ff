package org.tusk.engine.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.tusk.engine.analyze.Query;
import org.tusk.engine.analyze.RangeTblEntry;
import org.tusk.engine.analyze.SortKey;
import org.tusk.engine.analyze.TargetEntry;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.expr.FuncExpr;
import org.tusk.engine.expr.SlotExpr;
import org.tusk.engine.expr.VarExpr;

/**
 * EXPLAIN VERBOSE's "Output:" lines (explain.c's show_plan_tlist) and
 * schema-qualified relation names for the plan of one query level.
 *
 * <p>The executor's nodes pass whole level rows rather than per-node target
 * lists, so the lists are rebuilt as createplan.c would make them for the
 * level's upper chain: the final target list (visible columns, then the ORDER
 * BY keys that are not among them) at the top; nodes that do not project
 * (Limit, Sort, LockRows) show their input's list with computed entries in
 * parentheses (references to the input's column, as ruleutils prints them); a
 * Result computing postponed volatile targets, or a ProjectSet computing
 * set-returning functions, shows the list it computes, while its input carries
 * the other entries and the columns the postponed ones read
 * (make_sort_input_target); a Result gating on a One-Time Filter computes the whole list
 * above a scan returning its physical row, or the columns read when a system column is
 * among them; a scan under a ProjectSet returns the relation's
 * physical row (use_physical_tlist), any other scan projects what is asked of it.
 * Chains with other nodes (joins, aggregation, ...) get no Output lines yet.
 */
final class VerboseOutput {
    /** EvalContext attachment: planning for EXPLAIN VERBOSE. */
    static final Object KEY = new Object();

    private VerboseOutput() {}

    static boolean contains(Expr e, Predicate<Expr> test) {
        if (e == null) {
            return false;
        }
        if (test.test(e)) {
            return true;
        }
        if (e instanceof SlotExpr s) {
            for (Expr a : s.args()) {
                if (contains(a, test)) {
                    return true;
                }
            }
            return false;
        }
        for (Expr c : e.children()) {
            if (contains(c, test)) {
                return true;
            }
        }
        return false;
    }

    private static void vars(Expr e, List<Expr> out) {
        if (e instanceof VarExpr) {
            out.add(e);
            return;
        }
        List<Expr> kids = e instanceof SlotExpr s ? s.args() : e.children();
        for (Expr c : kids) {
            vars(c, out);
        }
    }

    private static boolean isSrf(Expr e) {
        return e instanceof SlotExpr s && s.kind() == SlotExpr.Kind.SRF;
    }

    private static boolean isVolatile(Expr e) {
        return e instanceof FuncExpr f && f.volatility() == 'v';
    }

    /** Sets Output lines on the level's plan when its chain is one this class knows; leaves it alone otherwise. */
    static void annotate(Query q, ExplainNode top) {
        List<ExplainNode> chain = new ArrayList<>();
        for (ExplainNode n = top; ; n = n.children.get(0)) {
            chain.add(n);
            if (n.children.isEmpty()) {
                break;
            }
            boolean plainAggOverScan = n.label.equals("Aggregate") && n.children.size() == 1
                    && n.children.get(0).children.isEmpty();
            if (n.children.size() != 1 || !passesThrough(n) && !projects(n) && !plainAggOverScan) {
                return;
            }
        }
        ExplainNode bottom = chain.get(chain.size() - 1);
        RangeTblEntry rel = null;
        if (!bottom.label.equals("Result")) {
            if (q.rtable.size() != 1 || q.rtable.get(0).kind != RangeTblEntry.Kind.RELATION
                    || !bottom.label.contains(" on ")) {
                return;
            }
            rel = q.rtable.get(0);
        }
        // the final target list: visible columns, then resjunk ORDER BY keys
        List<Expr> list = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        for (TargetEntry t : q.targetList) {
            list.add(t.expr());
            shown.add(Deparser.expr(t.expr(), q));
        }
        for (SortKey k : q.sortKeys) {
            String text = Deparser.expr(k.expr(), q);
            if (!shown.contains(text)) {
                list.add(k.expr());
                shown.add(text);
            }
        }
        for (int i = 0; i < chain.size(); i++) {
            ExplainNode n = chain.get(i);
            if (n == bottom) {
                if (rel != null) {
                    ExplainNode parent = i > 0 ? chain.get(i - 1) : null;
                    if (parent != null && parent.label.equals("ProjectSet")) {
                        list = new ArrayList<>();
                        for (int c = 0; c < rel.columns.size(); c++) {
                            if (!rel.isHidden(c)) {
                                list.add(rel.columns.get(c).expr());
                            }
                        }
                    }
                    output(n, list, false, q);
                    String schema = rel.relation.schemaName();
                    String name = rel.relation.name();
                    if (schema != null && n.label.contains(" on " + name)) {
                        n.label = n.label.replace(" on " + name, " on " + schema + "." + name);
                    }
                } else {
                    output(n, list, false, q);
                }
            } else if (n.label.equals("Aggregate") && i + 1 < chain.size() && chain.get(i + 1) == bottom
                    && rel != null && q.groupKeys.isEmpty()) {
                // a plain Agg computes the list over its scan's physical row (use_physical_tlist)
                output(n, list, false, q);
                list = new ArrayList<>();
                for (int c = 0; c < rel.columns.size(); c++) {
                    if (!rel.isHidden(c)) {
                        list.add(rel.columns.get(c).expr());
                    }
                }
            } else if (n.label.equals("GroupAggregate") || n.label.equals("HashAggregate")) {
                // the Agg computes the list; its input carries the group keys and the aggregates' columns
                output(n, list, false, q);
                List<Expr> input = new ArrayList<>(q.groupKeys);
                List<Expr> needed = new ArrayList<>();
                for (Query.AggSpec a : q.aggregates) {
                    for (Expr arg : a.call().args()) {
                        vars(arg, needed);
                    }
                }
                for (Expr v : needed) {
                    if (!input.contains(v)) {
                        input.add(v);
                    }
                }
                list = input;
            } else if (gates(n) && i + 1 < chain.size() && chain.get(i + 1) == bottom && rel != null) {
                // create_gating_plan's Result computes the list; the scan below returns its physical row
                // (use_physical_tlist), or the columns the list reads when it reads a system column
                output(n, list, false, q);
                List<Expr> needed = new ArrayList<>();
                for (Expr e : list) {
                    vars(e, needed);
                }
                List<Expr> input = new ArrayList<>();
                boolean systemColumn = false;
                for (Expr v : needed) {
                    systemColumn |= org.tusk.engine.analyze.SystemColumnRefs.isSystemColumn(((VarExpr) v).columnName());
                    if (!input.contains(v)) {
                        input.add(v);
                    }
                }
                if (!systemColumn) {
                    input = new ArrayList<>();
                    for (int c = 0; c < rel.columns.size(); c++) {
                        if (!rel.isHidden(c)) {
                            input.add(rel.columns.get(c).expr());
                        }
                    }
                }
                list = input;
            } else if (projects(n)) {
                output(n, list, false, q);
                Predicate<Expr> computedHere = n.label.equals("ProjectSet") ? VerboseOutput::isSrf : VerboseOutput::isVolatile;
                List<Expr> input = new ArrayList<>();
                List<Expr> needed = new ArrayList<>();
                for (Expr e : list) {
                    if (contains(e, computedHere)) {
                        vars(e, needed);
                    } else {
                        input.add(e);
                    }
                }
                for (Expr v : needed) {
                    if (!input.contains(v)) {
                        input.add(v);
                    }
                }
                list = input;
            } else {
                output(n, list, true, q);
            }
        }
    }

    /** A Result that gates its input on a constant condition ("One-Time Filter"). */
    private static boolean gates(ExplainNode n) {
        return n.label.equals("Result") && n.details.stream().anyMatch(d -> d.startsWith("One-Time Filter:"));
    }

    private static boolean passesThrough(ExplainNode n) {
        return n.label.equals("Limit") || n.label.equals("Sort") || n.label.equals("LockRows");
    }

    private static boolean projects(ExplainNode n) {
        return n.label.equals("ProjectSet") || n.label.equals("Result") && !n.children.isEmpty()
                || n.label.equals("GroupAggregate") || n.label.equals("HashAggregate");
    }

    /** The "Output:" line, first among the node's details; none for an empty list. */
    private static void output(ExplainNode n, List<Expr> list, boolean fromInput, Query q) {
        if (list.isEmpty()) {
            return;
        }
        List<String> items = new ArrayList<>();
        for (Expr e : list) {
            String s = Deparser.expr(e, q);
            items.add(fromInput && !(e instanceof VarExpr) ? "(" + s + ")" : s);
        }
        n.details.add(0, "Output: " + String.join(", ", items));
    }
}
