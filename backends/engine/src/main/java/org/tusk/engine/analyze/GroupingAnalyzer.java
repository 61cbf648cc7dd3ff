package org.tusk.engine.analyze;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.expr.AggrefExpr;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.expr.SlotExpr;
import org.tusk.engine.expr.VarExpr;
import org.tusk.engine.nodes.AConst;
import org.tusk.engine.nodes.ColumnRef;
import org.tusk.engine.nodes.ConstKind;
import org.tusk.engine.nodes.GroupingSet;
import org.tusk.engine.nodes.RawNode;
import org.tusk.engine.nodes.ResTarget;

/**
 * GROUP BY (transformGroupClause with grouping sets expanded as
 * expand_grouping_sets does) and the final checks of parse_agg.c: every
 * column used outside an aggregate must be grouped (42803), GROUPING()
 * arguments must be grouping expressions.
 */
final class GroupingAnalyzer {
    private final ExprAnalyzer ea;
    private final ParseState ps;
    private final Query q;

    GroupingAnalyzer(ExprAnalyzer ea, ParseState ps) {
        this.ea = ea;
        this.ps = ps;
        this.q = ps.query;
    }

    /** The select list as written, for the location of an aggregate a GROUP BY position refers to. */
    private List<ResTarget> rawTargets = List.of();

    void groupBy(List<RawNode> clause, List<TargetEntry> targets, List<ResTarget> rawTargets) {
        if (clause.isEmpty()) {
            return;
        }
        this.rawTargets = rawTargets;
        q.hasGroupBy = true;
        ps.noAggregatesIn = "GROUP BY";
        ps.noWindowFunctionsIn = "GROUP BY";
        try {
            boolean anySets = false;
            List<List<List<Integer>>> elements = new ArrayList<>();
            for (RawNode n : clause) {
                if (n instanceof GroupingSet g) {
                    anySets = true;
                    elements.add(sets(g, targets));
                } else {
                    elements.add(List.of(List.of(key(n, targets))));
                }
            }
            if (anySets) {
                List<List<Integer>> product = new ArrayList<>();
                product.add(new ArrayList<>());
                for (List<List<Integer>> el : elements) {
                    List<List<Integer>> next = new ArrayList<>();
                    for (List<Integer> a : product) {
                        for (List<Integer> b : el) {
                            List<Integer> c = new ArrayList<>(a);
                            for (Integer k : b) {
                                if (!c.contains(k)) {
                                    c.add(k);
                                }
                            }
                            next.add(c);
                        }
                    }
                    product = next;
                }
                q.groupingSets = new ArrayList<>();
                Set<List<Integer>> seen = new LinkedHashSet<>();
                for (List<Integer> s : product) {
                    List<Integer> sorted = new ArrayList<>(s);
                    java.util.Collections.sort(sorted);
                    if (!seen.add(sorted)) {
                        continue;
                    }
                    q.groupingSets.add(s.stream().mapToInt(Integer::intValue).toArray());
                }
            }
        } finally {
            ps.noAggregatesIn = null;
            ps.noWindowFunctionsIn = null;
        }
    }

    private List<List<Integer>> sets(GroupingSet g, List<TargetEntry> targets) {
        List<List<Integer>> out = new ArrayList<>();
        switch (g.kind()) {
            case EMPTY:
                out.add(List.of());
                return out;
            case SIMPLE: {
                List<Integer> s = new ArrayList<>();
                for (RawNode n : g.content()) {
                    s.add(key(n, targets));
                }
                out.add(s);
                return out;
            }
            case ROLLUP: {
                List<List<Integer>> groups = groups(g.content(), targets);
                for (int len = groups.size(); len >= 0; len--) {
                    List<Integer> s = new ArrayList<>();
                    for (int i = 0; i < len; i++) {
                        s.addAll(groups.get(i));
                    }
                    out.add(s);
                }
                return out;
            }
            case CUBE: {
                List<List<Integer>> groups = groups(g.content(), targets);
                int n = groups.size();
                for (int mask = (1 << n) - 1; mask >= 0; mask--) {
                    List<Integer> s = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        if ((mask & (1 << (n - 1 - i))) != 0) {
                            s.addAll(groups.get(i));
                        }
                    }
                    out.add(s);
                }
                return out;
            }
            default: {
                for (RawNode n : g.content()) {
                    if (n instanceof GroupingSet inner) {
                        out.addAll(sets(inner, targets));
                    } else if (n instanceof org.tusk.engine.nodes.RowExpr r && !r.explicit()) {
                        // (a, b) inside GROUPING SETS is one set of several columns
                        List<Integer> s = new ArrayList<>();
                        for (RawNode m : r.args()) {
                            s.add(key(m, targets));
                        }
                        out.add(s);
                    } else {
                        out.add(List.of(key(n, targets)));
                    }
                }
                return out;
            }
        }
    }

    private List<List<Integer>> groups(List<RawNode> content, List<TargetEntry> targets) {
        List<List<Integer>> groups = new ArrayList<>();
        for (RawNode n : content) {
            if (n instanceof GroupingSet inner && inner.kind() == org.tusk.engine.nodes.GroupingSetKind.SIMPLE) {
                List<Integer> s = new ArrayList<>();
                for (RawNode m : inner.content()) {
                    s.add(key(m, targets));
                }
                groups.add(s);
            } else if (n instanceof org.tusk.engine.nodes.RowExpr r && !r.explicit()) {
                List<Integer> s = new ArrayList<>();
                for (RawNode m : r.args()) {
                    s.add(key(m, targets));
                }
                groups.add(s);
            } else {
                groups.add(List.of(key(n, targets)));
            }
        }
        return groups;
    }

    /** findTargetlistEntrySQL92 for GROUP BY: a number or an output name (input columns win), else an expression. */
    private int key(RawNode n, List<TargetEntry> targets) {
        Expr e;
        if (n instanceof AConst c && c.kind() == ConstKind.INTEGER) {
            int pos = Integer.parseInt(c.val());
            if (pos < 1 || pos > targets.size()) {
                throw Ereport.error(SqlState.INVALID_COLUMN_REFERENCE, "GROUP BY position " + pos + " is not in select list",
                        c.location());
            }
            e = targets.get(pos - 1).expr();
            if (containsAggregateOrWindowFunction(e)) {
                refuseGroupingByAggregate(pos - 1);
            }
        } else if (n instanceof ColumnRef c && !c.star() && c.fields().size() == 1
                && ps.lookupColumnHere(c.fields().get(0)) == null && targetNamed(targets, c.fields().get(0)) != null) {
            e = targetNamed(targets, c.fields().get(0)).expr();
        } else {
            e = ea.resolveUnknownAsText(ea.transform(n));
        }
        SortGroupOperators.requireEquality(e.type(), ExprAnalyzer.locationOf(n));
        int i = q.groupKeys.indexOf(e);
        if (i >= 0) {
            return i;
        }
        q.groupKeys.add(e);
        q.groupKeyColumns.add(e instanceof VarExpr v ? v.attno() : -1);
        return q.groupKeys.size() - 1;
    }

    private static boolean containsAggregateOrWindowFunction(Expr e) {
        if (e instanceof AggrefExpr || e instanceof SlotExpr s && s.kind() != SlotExpr.Kind.SRF) {
            return true;
        }
        for (Expr c : e.children()) {
            if (containsAggregateOrWindowFunction(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * GROUP BY n naming an aggregate or window function: PostgreSQL reports it where the call
     * is written in the select list. Analyzing that target again under "GROUP BY" finds the
     * call and raises the error at its location.
     */
    private void refuseGroupingByAggregate(int targetIndex) {
        if (rawTargets.size() == q.targetList.size()) {
            ea.transform(rawTargets.get(targetIndex).val());
        }
        throw Ereport.error(SqlState.GROUPING_ERROR, "aggregate functions are not allowed in GROUP BY");
    }

    private static TargetEntry targetNamed(List<TargetEntry> targets, String name) {
        for (TargetEntry t : targets) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    // ---- final checks ----

    void finish() {
        if (!q.hasAggregation()) {
            if (!ps.groupingCalls.isEmpty()) {
                throw Ereport.error(SqlState.GROUPING_ERROR,
                        "arguments to GROUPING must be grouping expressions of the associated query level",
                        ps.locationOf(ps.groupingCalls.get(0)));
            }
            return;
        }
        for (TargetEntry t : q.targetList) {
            check(t.expr());
        }
        check(q.having);
        for (SortKey k : q.sortKeys) {
            check(k.expr());
        }
        if (q.distinctOn != null) {
            for (Expr e : q.distinctOn) {
                check(e);
            }
        }
        for (Query.WindowSpec w : q.windows) {
            for (Expr e : w.partitionBy) {
                check(e);
            }
            for (SortKey k : w.orderBy) {
                check(k.expr());
            }
        }
        for (GroupingExpr g : ps.groupingCalls) {
            int[] idx = new int[g.args().size()];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = q.groupKeys.indexOf(g.args().get(i));
                if (idx[i] < 0) {
                    throw Ereport.error(SqlState.GROUPING_ERROR,
                            "arguments to GROUPING must be grouping expressions of the associated query level",
                            ps.locationOf(g));
                }
            }
            g.bind(idx, q.groupKeys.size(), q.baseWidth + q.groupKeys.size());
        }
    }

    private void check(Expr e) {
        if (e == null) {
            return;
        }
        if (q.groupKeys.contains(e)) {
            return;
        }
        if (e instanceof GroupingExpr) {
            return;
        }
        if (e instanceof SlotExpr s) {
            if (s.kind() == SlotExpr.Kind.WINDOW) {
                for (Expr a : s.args()) {
                    check(a);
                }
            }
            return;
        }
        if (e instanceof VarExpr v) {
            String rel = v.relationName() == null ? "" : v.relationName() + ".";
            throw Ereport.error(SqlState.GROUPING_ERROR, "column \"" + rel + v.columnName()
                    + "\" must appear in the GROUP BY clause or be used in an aggregate function", ps.locationOf(v));
        }
        for (Expr c : e.children()) {
            check(c);
        }
    }
}
