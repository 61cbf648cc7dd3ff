package org.tusk.engine.analyze;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tusk.engine.executor.JoinType;
import org.tusk.engine.executor.SubPlanExpr;
import org.tusk.engine.expr.BoolExpr;
import org.tusk.engine.nodes.BoolOp;
import org.tusk.engine.expr.ExecParamExpr;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.expr.FuncExpr;
import org.tusk.engine.expr.VarExpr;
import org.tusk.engine.planner.SubLinkExpr;
import org.tusk.engine.types.PgType;

/**
 * pull_up_sublinks (prepjointree.c), for the cases this planner can join: a WHERE
 * conjunct {@code EXISTS (subquery)}, {@code NOT EXISTS (subquery)} or
 * {@code x op ANY (subquery)} / {@code x IN (subquery)} whose subquery is a plain
 * SELECT (no aggregation, grouping, DISTINCT, LIMIT, windows, set-returning
 * functions, CTEs or locking) correlated only through conjuncts of its WHERE of the
 * form {@code inner_expr op outer_value}. The subquery, without those conjuncts,
 * becomes a range table entry of the outer level (its output: the compared column
 * and the inner expressions) joined to the outer FROM list by a SEMI (EXISTS, IN)
 * or ANTI (NOT EXISTS) join whose quals are the moved conjuncts and the IN test.
 * Anything else stays a SubPlan. NOT IN is never an anti join (NULL semantics).
 */
final class SubLinkPullUp {

    private SubLinkPullUp() {
    }

    /** The level's join tree with the pullable WHERE sublinks turned into joins (unchanged when none). */
    static void apply(Query q, ParseState ps) {
        Expr where = q.jointree.quals();
        if (where == null || !q.ctes.isEmpty()) {
            return;
        }
        List<Expr> conjuncts = new ArrayList<>();
        BoolExpr.conjuncts(where, conjuncts);
        JoinTreeNode tree = null;
        List<Expr> remaining = new ArrayList<>();
        for (Expr c : conjuncts) {
            boolean negated = false;
            Expr e = c;
            if (e instanceof BoolExpr b && b.op() == BoolOp.NOT && b.args().size() == 1
                    && b.args().get(0) instanceof SubLinkExpr) {
                negated = true;
                e = b.args().get(0);
            }
            Pulled p = e instanceof SubLinkExpr sl ? pull(sl, negated, q, ps) : null;
            if (p == null) {
                remaining.add(c);
                continue;
            }
            JoinTreeNode left = tree == null ? new JoinTreeNode.FromList(q.jointree.items(), null) : tree;
            tree = new JoinTreeNode.Join(negated ? JoinType.ANTI : JoinType.SEMI, left,
                    new JoinTreeNode.RangeRef(p.rte), BoolExpr.andOf(p.quals), null);
        }
        if (tree != null) {
            List<JoinTreeNode> items = new ArrayList<>();
            items.add(tree);
            q.jointree = new JoinTreeNode.FromList(items, remaining.isEmpty() ? null : BoolExpr.andOf(remaining));
        }
    }

    private record Pulled(RangeTblEntry rte, List<Expr> quals) {}

    private static Pulled pull(SubLinkExpr sl, boolean negated, Query q, ParseState ps) {
        boolean any = sl.kind() == SubPlanExpr.Kind.ANY;
        if (!(sl.kind() == SubPlanExpr.Kind.EXISTS || any && !negated)) {
            return null;
        }
        Query sub = sl.subquery();
        if (!simple(sub)) {
            return null;
        }
        Map<Integer, Expr> bindings = new HashMap<>();
        for (RangeTblEntry.ParamBinding b : sl.params()) {
            bindings.put(b.slot(), b.value());
        }
        Set<Integer> slots = bindings.keySet();
        List<Expr> keep = new ArrayList<>();
        List<Expr> innerExprs = new ArrayList<>();
        List<FuncExpr> moved = new ArrayList<>();
        List<Boolean> innerLeft = new ArrayList<>();
        List<Expr> subQuals = new ArrayList<>();
        BoolExpr.conjuncts(sub.jointree.quals(), subQuals);
        for (Expr c : subQuals) {
            if (!containsParam(c, slots)) {
                keep.add(c);
                continue;
            }
            if (!(c instanceof FuncExpr f) || f.args().size() != 2 || f.type() != PgType.BOOL) {
                return null;
            }
            Expr a0 = f.args().get(0);
            Expr a1 = f.args().get(1);
            if (a1 instanceof ExecParamExpr p && slots.contains(p.slot()) && !containsParam(a0, slots)
                    && !containsAnyParam(a0)) {
                innerExprs.add(a0);
                innerLeft.add(true);
            } else if (a0 instanceof ExecParamExpr p && slots.contains(p.slot()) && !containsParam(a1, slots)
                    && !containsAnyParam(a1)) {
                innerExprs.add(a1);
                innerLeft.add(false);
            } else {
                return null;
            }
            moved.add(f);
        }
        if (!any && moved.isEmpty()) {
            return null;   // uncorrelated EXISTS: PostgreSQL makes it an InitPlan, so does the SubPlan
        }
        // the IN test: lhs op $result
        FuncExpr test = null;
        int resultSlot = -1;
        if (any) {
            if (!(sl.testExpr() instanceof FuncExpr t) || t.args().size() != 2 || sl.resultSlots().length != 1
                    || !(t.args().get(1) instanceof ExecParamExpr rp) || rp.slot() != sl.resultSlots()[0]
                    || sub.targets().size() != 1 || containsAnyParam(sub.targets().get(0).expr())) {
                return null;
            }
            test = t;
            resultSlot = rp.slot();
            if (containsParam(t.args().get(0), Set.of(resultSlot))) {
                return null;
            }
        }
        // nothing else in the subquery may read the correlation params
        for (Expr k : keep) {
            if (containsParam(k, slots)) {
                return null;
            }
        }
        if (!slots.isEmpty() && (treeReads(sub.jointree.items(), slots) || rtesRead(sub, slots))) {
            return null;
        }
        // the subquery's new output: the compared column (IN) and the inner sides of the moved conjuncts
        List<TargetEntry> outputs = new ArrayList<>();
        if (any) {
            outputs.add(sub.targets().get(0));
        }
        for (Expr inner : innerExprs) {
            outputs.add(new TargetEntry(inner instanceof VarExpr v ? v.columnName() : "?column?", inner, 0, (short) 0));
        }
        sub.targetList.clear();
        sub.targetList.addAll(outputs);
        sub.targetLocations.clear();
        sub.jointree = new JoinTreeNode.FromList(sub.jointree.items(), keep.isEmpty() ? null : BoolExpr.andOf(keep));

        RangeTblEntry rte = new RangeTblEntry(RangeTblEntry.Kind.SUBQUERY, any ? "ANY_subquery" : "EXISTS_subquery");
        rte.subquery = sub;
        rte.pulledUpSubLink = true;
        int offset = q.baseWidth;
        List<VarExpr> vars = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            Expr e = outputs.get(i).expr();
            String rel = e instanceof VarExpr v ? v.relationName() : rte.refname;
            String col = e instanceof VarExpr v ? v.columnName() : outputs.get(i).name();
            VarExpr var = new VarExpr(offset + i, e.type(), e.typmod(), rel, col);
            vars.add(var);
            rte.columns.add(new RangeTblEntry.Column(outputs.get(i).name(), e.type(), e.typmod(), var));
        }
        ps.addRte(rte);
        List<Expr> quals = new ArrayList<>();
        int base = any ? 1 : 0;
        if (any) {
            quals.add(withArgs(test, List.of(test.args().get(0), vars.get(0))));
        }
        for (int i = 0; i < moved.size(); i++) {
            FuncExpr f = moved.get(i);
            Expr outer = bindings.get(((ExecParamExpr) f.args().get(innerLeft.get(i) ? 1 : 0)).slot());
            Expr inner = vars.get(base + i);
            quals.add(withArgs(f, innerLeft.get(i) ? List.of(inner, outer) : List.of(outer, inner)));
        }
        return new Pulled(rte, quals);
    }

    private static FuncExpr withArgs(FuncExpr f, List<Expr> args) {
        return new FuncExpr(f.name(), f.body(), args, f.type(), f.typmod(), f.strict(), f.volatility());
    }

    /** A subquery that is only a join of FROM items with a WHERE (is_simple_subquery, roughly). */
    private static boolean simple(Query sub) {
        return !sub.rtable.isEmpty() && !sub.hasAggregation() && sub.groupKeys.isEmpty() && sub.windows.isEmpty()
                && sub.srfs.isEmpty() && !sub.distinct && sub.limitCount == null && sub.limitOffset == null
                && sub.ctes.isEmpty() && !sub.forUpdate && sub.groupingSets == null;
    }

    private static boolean treeReads(List<JoinTreeNode> items, Set<Integer> slots) {
        for (JoinTreeNode n : items) {
            if (n instanceof JoinTreeNode.Join j) {
                if (containsParam(j.quals(), slots) || treeReads(List.of(j.left(), j.right()), slots)) {
                    return true;
                }
            } else if (n instanceof JoinTreeNode.FromList fl) {
                if (containsParam(fl.quals(), slots) || treeReads(fl.items(), slots)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean rtesRead(Query sub, Set<Integer> slots) {
        for (RangeTblEntry r : sub.rtable) {
            if (!r.params.isEmpty() || r.kind == RangeTblEntry.Kind.FUNCTION || r.kind == RangeTblEntry.Kind.VALUES) {
                return true;   // lateral references or expressions we do not inspect
            }
        }
        return false;
    }

    private static boolean containsParam(Expr e, Set<Integer> slots) {
        if (e == null) {
            return false;
        }
        if (e instanceof ExecParamExpr p) {
            return slots.contains(p.slot());
        }
        for (Expr c : e.children()) {
            if (containsParam(c, slots)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsAnyParam(Expr e) {
        if (e == null) {
            return false;
        }
        if (e instanceof ExecParamExpr || e instanceof SubLinkExpr) {
            return true;
        }
        for (Expr c : e.children()) {
            if (containsAnyParam(c)) {
                return true;
            }
        }
        return false;
    }
}
