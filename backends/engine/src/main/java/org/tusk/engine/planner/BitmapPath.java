package org.tusk.engine.planner;

import java.util.ArrayList;
import java.util.List;

import org.tusk.engine.expr.BoolExpr;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.nodes.BoolOp;

/**
 * A bitmap's plan tree as the planner costs it (IndexPath used for a bitmap,
 * BitmapAndPath, BitmapOrPath): its cost and selectivity (cost_bitmap_tree_node),
 * the clauses it guarantees ({@code quals}: the index clauses plus a partial
 * index's predicate conjuncts they do not imply, in the query's Vars; OR of the
 * arms' for an OR; create_bitmap_subplan's subquals, which become the heap
 * scan's "Recheck Cond"), the executor's {@link BitmapSpec} and the EXPLAIN
 * subtree. {@code used} are the restriction clauses it consumed, so that an AND
 * does not combine two paths over the same clause.
 */
record BitmapPath(double cost, double selectivity, List<Expr> quals, BitmapSpec spec, ExplainNode explain,
        List<Expr> used, boolean isIndex) {

    /** The single clause the subquals amount to (AND of several). */
    Expr qual() {
        return quals.size() == 1 ? quals.get(0) : new BoolExpr(BoolOp.AND, List.copyOf(quals));
    }

    /** cost_bitmap_and_node: selectivities multiply; each input after the first costs 100 operators more. */
    static BitmapPath and(List<BitmapPath> parts, double cpuOperatorCost, double relTuples) {
        double cost = 0;
        double sel = 1;
        List<Expr> quals = new ArrayList<>();
        List<Expr> used = new ArrayList<>();
        List<BitmapSpec> specs = new ArrayList<>();
        List<ExplainNode> children = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            BitmapPath p = parts.get(i);
            cost += p.cost + (i > 0 ? 100 * cpuOperatorCost : 0);
            sel *= p.selectivity;
            quals.addAll(p.quals);
            used.addAll(p.used);
            specs.add(p.spec);
            children.add(p.explain);
        }
        return combined("BitmapAnd", BitmapSpec.Kind.AND, cost, sel, quals, used, specs, children, relTuples);
    }

    /** cost_bitmap_or_node: selectivities add up (to at most 1); each non-index input after the first costs 100 operators. */
    static BitmapPath or(List<BitmapPath> arms, double cpuOperatorCost, double relTuples) {
        double cost = 0;
        double sel = 0;
        List<Expr> armQuals = new ArrayList<>();
        List<Expr> used = new ArrayList<>();
        List<BitmapSpec> specs = new ArrayList<>();
        List<ExplainNode> children = new ArrayList<>();
        for (int i = 0; i < arms.size(); i++) {
            BitmapPath p = arms.get(i);
            cost += p.cost + (i > 0 && !p.isIndex ? 100 * cpuOperatorCost : 0);
            sel += p.selectivity;
            armQuals.add(p.qual());
            used.addAll(p.used);
            specs.add(p.spec);
            children.add(p.explain);
        }
        return combined("BitmapOr", BitmapSpec.Kind.OR, cost, Math.min(1, sel),
                List.of(new BoolExpr(BoolOp.OR, List.copyOf(armQuals))), used, specs, children, relTuples);
    }

    private static BitmapPath combined(String label, BitmapSpec.Kind kind, double cost, double sel, List<Expr> quals,
            List<Expr> used, List<BitmapSpec> specs, List<ExplainNode> children, double relTuples) {
        ExplainNode ex = new ExplainNode(label, 0, children.toArray(new ExplainNode[0]));
        ex.rows = CostModel.clampRows(sel * relTuples);
        ex.width = 0;
        ex.startupCost = cost;
        ex.totalCost = cost;
        return new BitmapPath(cost, sel, quals, BitmapSpec.combine(kind, specs), ex, used, false);
    }
}
