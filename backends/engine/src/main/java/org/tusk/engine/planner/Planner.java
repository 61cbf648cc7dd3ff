package org.tusk.engine.planner;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.tusk.api.error.SqlState;
import org.tusk.engine.analyze.CteDef;
import org.tusk.engine.analyze.JoinTreeNode;
import org.tusk.engine.analyze.Query;
import org.tusk.engine.analyze.RangeTblEntry;
import org.tusk.engine.analyze.SetOpTree;
import org.tusk.engine.analyze.SortKey;
import org.tusk.engine.analyze.TargetEntry;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.executor.*;
import org.tusk.engine.expr.BoolExpr;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.expr.FuncExpr;
import org.tusk.engine.expr.SlotExpr;
import org.tusk.engine.expr.VarExpr;
import org.tusk.engine.nodes.BoolOp;

/**
 * The planner (planner.c / createplan.c, much simplified): turns an analyzed
 * Query into executor nodes, with an EXPLAIN description of the same shape.
 *
 * <ul>
 * <li>FROM items are scanned into the level's row layout; WHERE conjuncts are
 * pushed to the single item they reference, or to the first join where all
 * their items are available; items are joined left-deep, greedily preferring an
 * item connected by a join condition (no cross product while one can be
 * avoided), LATERAL items after the items they reference.
 * <li>Joins with an equality between the two sides are hash joins (batched past
 * work_mem), others nested loops over a materialized inner side (parameterized
 * for LATERAL). RIGHT joins without equalities become LEFT nested loops with the
 * sides swapped; FULL joins need an equality, as in PostgreSQL.
 * <li>Then aggregation (plain, or hashed with spill / grouping sets), window
 * functions (a sort and a WindowAgg per window), the target list, DISTINCT [ON]
 * (sort + unique), ORDER BY (sort), LIMIT/OFFSET [WITH TIES].
 * </ul>
 */
public final class Planner {
    private final Query q;
    private final EState estate;
    private final EvalContext ctx;
    private int valuesScans;

    private Planner(Query q, EState estate) {
        this.q = q;
        this.estate = estate;
        this.ctx = estate.ctx();
    }

    /** Plans one query level; rows come out as the visible targets followed by resjunk sort keys. */
    public static Planned plan(Query q, EState estate) {
        return new Planner(q, estate).plan();
    }

    /** A plan part with the range table entries whose slots it fills. */
    private record Part(PlanState state, ExplainNode explain, BitSet rtes, double rows, RangeTblEntry baseRte,
            List<Expr> baseQuals) {
        Part(PlanState state, ExplainNode explain, BitSet rtes, double rows) {
            this(state, explain, rtes, rows, null, null);
        }
    }

    private Planned plan() {
        PlanState p;
        ExplainNode ex;
        double rows;
        if (q.jointree.items().isEmpty()) {
            p = new Result(null, null, null, ctx);
            ex = new ExplainNode("Result", 1);
            rows = 1;
            if (q.jointree.quals() != null) {
                p = new Result(p, q.jointree.quals(), null, ctx);
                ex.detail("One-Time Filter: " + Deparser.expr(q.jointree.quals(), q));
            }
        } else {
            Part part = fromList(q.jointree);
            p = part.state();
            ex = part.explain();
            rows = part.rows();
        }
        if (q.hasAggregation()) {
            int w = q.baseWidth;
            int g = q.groupKeys.size();
            int[] keyPositions = new int[g];
            int[][] linked = new int[g][];
            for (int i = 0; i < g; i++) {
                keyPositions[i] = w + i;
                int col = q.groupKeyColumns.get(i);
                linked[i] = col >= 0 ? new int[] {col} : null;
            }
            if (g > 0) {
                p = new Extend(p, w + g, keyPositions, q.groupKeys, ctx);
            }
            List<AggCall> calls = new ArrayList<>();
            for (Query.AggSpec a : q.aggregates) {
                calls.add(a.call());
            }
            Agg.Strategy strategy = g == 0 && q.groupingSets == null ? Agg.Strategy.PLAIN : Agg.Strategy.HASHED;
            p = new Agg(strategy, p, keyPositions, q.groupingSets, calls, estate, w + g, linked);
            String label = strategy == Agg.Strategy.PLAIN ? "Aggregate"
                    : q.groupingSets != null ? "MixedAggregate" : "HashAggregate";
            ex = new ExplainNode(label, g == 0 ? 1 : Math.max(1, rows / 10), ex);
            if (g > 0 && q.groupingSets == null) {
                ex.detail("Group Key: " + Deparser.list(q.groupKeys, q));
            }
            rows = ex.rows;
            if (q.having != null) {
                p = new Result(p, q.having, null, ctx);
                ex.detail("Filter: " + Deparser.expr(q.having, q));
            }
        }
        if (!q.windows.isEmpty()) {
            for (Query.WindowSpec spec : q.windows) {
                int nPart = spec.partitionBy.size();
                int nOrder = spec.orderBy.size();
                int[] positions = new int[nPart + nOrder];
                List<Expr> exprs = new ArrayList<>();
                List<SortColumn> sortCols = new ArrayList<>();
                int[] partCols = new int[nPart];
                List<SortColumn> orderCols = new ArrayList<>();
                for (int i = 0; i < nPart; i++) {
                    positions[i] = spec.scratchBase + i;
                    exprs.add(spec.partitionBy.get(i));
                    partCols[i] = positions[i];
                    sortCols.add(SortColumn.asc(positions[i]));
                }
                for (int i = 0; i < nOrder; i++) {
                    SortKey k = spec.orderBy.get(i);
                    positions[nPart + i] = spec.scratchBase + nPart + i;
                    exprs.add(k.expr());
                    SortColumn sc = new SortColumn(positions[nPart + i], k.descending(), k.nullsFirst());
                    sortCols.add(sc);
                    orderCols.add(sc);
                }
                p = new Extend(p, q.rowWidth, positions, exprs, ctx);
                if (!sortCols.isEmpty()) {
                    p = new Sort(p, sortCols, estate);
                    List<String> keys = new ArrayList<>();
                    for (Expr e : spec.partitionBy) {
                        keys.add(Deparser.expr(e, q));
                    }
                    for (SortKey k : spec.orderBy) {
                        keys.add(Deparser.sortKey(k, q));
                    }
                    ex = new ExplainNode("Sort", rows, ex).detail("Sort Key: " + String.join(", ", keys));
                }
                int[] slots = new int[spec.slots.size()];
                for (int i = 0; i < slots.length; i++) {
                    slots[i] = spec.slots.get(i).position();
                }
                p = new WindowAgg(p, partCols, orderCols, spec.frame, spec.calls, ctx).atPositions(slots);
                ex = new ExplainNode("WindowAgg", rows, ex);
            }
        }
        if (!q.srfs.isEmpty()) {
            List<FunctionScan.Call> calls = new ArrayList<>();
            int[] positions = new int[q.srfs.size()];
            for (int i = 0; i < positions.length; i++) {
                calls.add(q.srfs.get(i).call());
                positions[i] = q.srfs.get(i).slot().position();
            }
            p = new ProjectSet(p, q.rowWidth, calls, positions, ctx);
            ex = new ExplainNode("ProjectSet", rows * 10, ex);
        }
        // the target list, then resjunk sort keys and DISTINCT ON keys
        List<Expr> out = new ArrayList<>();
        for (TargetEntry t : q.targetList) {
            out.add(t.expr());
        }
        int nTargets = out.size();
        int sortBase = out.size();
        for (SortKey k : q.sortKeys) {
            out.add(k.expr());
        }
        int distinctBase = out.size();
        if (q.distinctOn != null) {
            out.addAll(q.distinctOn);
        }
        p = new Result(p, null, out, ctx);
        if (q.distinct) {
            List<SortColumn> cols = new ArrayList<>();
            int[] uniqueCols;
            if (q.distinctOn != null) {
                uniqueCols = new int[q.distinctOn.size()];
                for (int i = 0; i < q.distinctOn.size(); i++) {
                    uniqueCols[i] = distinctBase + i;
                    SortKey match = i < q.sortKeys.size() ? q.sortKeys.get(i) : null;
                    cols.add(match != null ? new SortColumn(distinctBase + i, match.descending(), match.nullsFirst())
                            : SortColumn.asc(distinctBase + i));
                }
                for (int i = 0; i < q.sortKeys.size(); i++) {
                    SortKey k = q.sortKeys.get(i);
                    cols.add(new SortColumn(sortBase + i, k.descending(), k.nullsFirst()));
                }
            } else {
                uniqueCols = new int[nTargets];
                for (int i = 0; i < q.sortKeys.size(); i++) {
                    SortKey k = q.sortKeys.get(i);
                    cols.add(new SortColumn(sortBase + i, k.descending(), k.nullsFirst()));
                }
                for (int i = 0; i < nTargets; i++) {
                    uniqueCols[i] = i;
                    cols.add(SortColumn.asc(i));
                }
            }
            p = new Unique(new Sort(p, cols, estate), uniqueCols);
            ex = new ExplainNode("Unique", rows, new ExplainNode("Sort", rows, ex).detail("Sort Key: "
                    + sortKeyText(q.distinctOn != null ? q.distinctOn : targetExprs())));
        } else if (!q.sortKeys.isEmpty()) {
            List<SortColumn> cols = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < q.sortKeys.size(); i++) {
                SortKey k = q.sortKeys.get(i);
                cols.add(new SortColumn(sortBase + i, k.descending(), k.nullsFirst()));
                keys.add(Deparser.sortKey(k, q));
            }
            p = new Sort(p, cols, estate);
            ex = new ExplainNode("Sort", rows, ex).detail("Sort Key: " + String.join(", ", keys));
        }
        if (q.limitCount != null || q.limitOffset != null) {
            java.util.Comparator<Object[]> ties = null;
            if (q.withTies) {
                List<SortColumn> cols = new ArrayList<>();
                for (int i = 0; i < q.sortKeys.size(); i++) {
                    SortKey k = q.sortKeys.get(i);
                    cols.add(new SortColumn(sortBase + i, k.descending(), k.nullsFirst()));
                }
                ties = SortColumn.comparator(cols);
            }
            p = new Limit(p, q.limitOffset, q.limitCount, ties, ctx);
            ex = new ExplainNode("Limit", rows, ex);
        }
        if (q.forUpdate) {
            ex = new ExplainNode("LockRows", rows, ex);
        }
        return new Planned(p, ex);
    }

    private List<Expr> targetExprs() {
        List<Expr> out = new ArrayList<>();
        for (TargetEntry t : q.targetList) {
            out.add(t.expr());
        }
        return out;
    }

    private String sortKeyText(List<Expr> exprs) {
        return Deparser.list(exprs, q);
    }

    // ---- FROM ----

    private Part fromList(JoinTreeNode.FromList fl) {
        return fromList(fl, List.of());
    }

    /** The range table entries under a join tree node. */
    private BitSet rtesOf(JoinTreeNode n) {
        BitSet out = new BitSet();
        if (n instanceof JoinTreeNode.RangeRef r) {
            out.set(q.rtable.indexOf(r.rte()));
        } else if (n instanceof JoinTreeNode.Join j) {
            out.or(rtesOf(j.left()));
            out.or(rtesOf(j.right()));
        } else {
            for (JoinTreeNode i : ((JoinTreeNode.FromList) n).items()) {
                out.or(rtesOf(i));
            }
        }
        return out;
    }

    /** A FROM list with its WHERE conjuncts plus quals pushed down from above. */
    private Part fromList(JoinTreeNode.FromList fl, List<Expr> pushedDown) {
        List<Expr> quals = new ArrayList<>(pushedDown);
        conjuncts(fl.quals(), quals);
        List<BitSet> itemRtes = new ArrayList<>();
        List<List<Expr>> owned = new ArrayList<>();
        for (JoinTreeNode n : fl.items()) {
            itemRtes.add(rtesOf(n));
            owned.add(new ArrayList<>());
        }
        List<Expr> pending = new ArrayList<>();
        List<Expr> constant = new ArrayList<>();
        for (Expr qual : quals) {
            BitSet refs = rtesOf(qual);
            if (refs.isEmpty()) {
                constant.add(qual);
                continue;
            }
            int owner = -1;
            for (int i = 0; i < itemRtes.size(); i++) {
                if (subset(refs, itemRtes.get(i))) {
                    owner = i;
                    break;
                }
            }
            if (owner >= 0) {
                owned.get(owner).add(qual);
            } else {
                pending.add(qual);
            }
        }
        List<Part> items = new ArrayList<>();
        for (int i = 0; i < fl.items().size(); i++) {
            items.add(node(fl.items().get(i), owned.get(i)));
        }
        Part cur = items.remove(0);
        while (!items.isEmpty()) {
            int pick = -1;
            for (int i = 0; i < items.size() && pick < 0; i++) {
                if (lateralReady(items.get(i), cur) && connected(cur, items.get(i), pending)) {
                    pick = i;
                }
            }
            for (int i = 0; i < items.size() && pick < 0; i++) {
                if (lateralReady(items.get(i), cur)) {
                    pick = i;
                }
            }
            if (pick < 0) {
                pick = 0;
            }
            Part next = items.remove(pick);
            BitSet both = (BitSet) cur.rtes().clone();
            both.or(next.rtes());
            List<Expr> joinQuals = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                BitSet r = rtesOf(pending.get(i));
                r.andNot(both);
                if (r.isEmpty()) {
                    joinQuals.add(pending.remove(i--));
                }
            }
            cur = join(JoinType.INNER, cur, next, joinQuals);
        }
        if (!pending.isEmpty()) {
            cur = filter(cur, pending);
        }
        if (!constant.isEmpty()) {
            cur = filter(cur, constant);
        }
        return cur;
    }

    private boolean lateralReady(Part item, Part available) {
        BitSet needs = lateralNeeds(item);
        needs.andNot(available.rtes());
        return needs.isEmpty();
    }

    private BitSet lateralNeeds(Part item) {
        BitSet needs = new BitSet();
        for (int i = item.rtes().nextSetBit(0); i >= 0; i = item.rtes().nextSetBit(i + 1)) {
            for (RangeTblEntry.ParamBinding b : q.rtable.get(i).params) {
                needs.or(rtesOf(b.value()));
            }
        }
        return needs;
    }

    private boolean connected(Part a, Part b, List<Expr> quals) {
        for (Expr qual : quals) {
            BitSet r = rtesOf(qual);
            if (r.intersects(a.rtes()) && r.intersects(b.rtes())) {
                BitSet rest = (BitSet) r.clone();
                rest.andNot(a.rtes());
                rest.andNot(b.rtes());
                if (rest.isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }

    private Part filter(Part p, List<Expr> quals) {
        Expr qual = and(quals);
        ExplainNode ex = p.explain();
        ex.detail("Filter: " + (p.rtes().cardinality() == 1 ? Deparser.unqualified(qual) : Deparser.expr(qual, q)));
        return new Part(new Result(p.state(), qual, null, ctx), ex, p.rtes(), p.rows() / 3);
    }

    private static Expr and(List<Expr> quals) {
        return quals.size() == 1 ? quals.get(0) : new BoolExpr(BoolOp.AND, List.copyOf(quals));
    }

    private static void conjuncts(Expr e, List<Expr> out) {
        if (e == null) {
            return;
        }
        if (e instanceof BoolExpr b && b.op() == BoolOp.AND) {
            for (Expr a : b.args()) {
                conjuncts(a, out);
            }
            return;
        }
        out.add(e);
    }

    /** The range table entries (by index) whose slots an expression reads. */
    private BitSet rtesOf(Expr e) {
        BitSet out = new BitSet();
        collectRtes(e, out);
        return out;
    }

    private void collectRtes(Expr e, BitSet out) {
        if (e == null) {
            return;
        }
        if (e instanceof VarExpr v) {
            for (int i = 0; i < q.rtable.size(); i++) {
                RangeTblEntry rte = q.rtable.get(i);
                if (rte.kind != RangeTblEntry.Kind.JOIN && v.attno() >= rte.offset && v.attno() < rte.offset + rte.width()) {
                    out.set(i);
                }
            }
            return;
        }
        for (Expr c : e.children()) {
            collectRtes(c, out);
        }
    }

    /**
     * Plans a join tree node with quals pushed down onto it: they go further down
     * to the side they reference when that side is not nullable (both sides of an
     * inner join, the outer side of a left join), else they filter the join's rows.
     */
    private Part node(JoinTreeNode n, List<Expr> pushed) {
        if (n instanceof JoinTreeNode.RangeRef r) {
            List<Expr> indexConds = new ArrayList<>();
            Part p = r.rte().kind == RangeTblEntry.Kind.RELATION ? indexScan(r.rte(), pushed, indexConds) : null;
            if (p == null) {
                p = scan(r.rte());
            }
            if (pushed.isEmpty()) {
                return new Part(p.state(), p.explain(), p.rtes(), p.rows(), r.rte(), List.of());
            }
            // all quals are rechecked on the rows; EXPLAIN shows only those the index did not take
            List<Expr> shown = new ArrayList<>(pushed);
            shown.removeAll(indexConds);
            Part f = new Part(new Result(p.state(), and(pushed), null, ctx), p.explain(), p.rtes(), p.rows() / 3,
                    r.rte(), pushed);
            if (!shown.isEmpty()) {
                f.explain().detail("Filter: " + Deparser.unqualified(and(shown)));
            }
            return f;
        }
        if (n instanceof JoinTreeNode.Join j) {
            BitSet lr = rtesOf(j.left());
            BitSet rr = rtesOf(j.right());
            List<Expr> toLeft = new ArrayList<>();
            List<Expr> toRight = new ArrayList<>();
            List<Expr> above = new ArrayList<>();
            boolean leftOk = j.type() == JoinType.INNER || j.type() == JoinType.LEFT;
            boolean rightOk = j.type() == JoinType.INNER || j.type() == JoinType.RIGHT;
            for (Expr qual : pushed) {
                BitSet refs = rtesOf(qual);
                if (leftOk && subset(refs, lr)) {
                    toLeft.add(qual);
                } else if (rightOk && subset(refs, rr)) {
                    toRight.add(qual);
                } else {
                    above.add(qual);
                }
            }
            List<Expr> quals = new ArrayList<>();
            conjuncts(j.quals(), quals);
            if (j.type() == JoinType.INNER) {
                // ON conditions of an inner join that touch one side only filter that side
                for (int i = 0; i < quals.size(); i++) {
                    BitSet refs = rtesOf(quals.get(i));
                    if (!refs.isEmpty() && subset(refs, lr)) {
                        toLeft.add(quals.remove(i--));
                    } else if (!refs.isEmpty() && subset(refs, rr)) {
                        toRight.add(quals.remove(i--));
                    }
                }
                quals.addAll(above);
                above.clear();
            } else if (j.type() == JoinType.LEFT) {
                // an ON condition on the inner side only restricts which inner rows can match
                for (int i = 0; i < quals.size(); i++) {
                    BitSet refs = rtesOf(quals.get(i));
                    if (!refs.isEmpty() && subset(refs, rr)) {
                        toRight.add(quals.remove(i--));
                    }
                }
            }
            Part left = node(j.left(), toLeft);
            Part right = node(j.right(), toRight);
            Part joined = join(j.type(), left, right, quals);
            return above.isEmpty() ? joined : filter(joined, above);
        }
        return fromList((JoinTreeNode.FromList) n, pushed);
    }

    private int[] slotsOf(BitSet rtes) {
        List<Integer> slots = new ArrayList<>();
        for (int i = rtes.nextSetBit(0); i >= 0; i = rtes.nextSetBit(i + 1)) {
            RangeTblEntry rte = q.rtable.get(i);
            for (int c = 0; c < rte.width(); c++) {
                slots.add(rte.offset + c);
            }
        }
        return slots.stream().mapToInt(Integer::intValue).toArray();
    }

    private Part join(JoinType type, Part left, Part right, List<Expr> quals) {
        BitSet both = (BitSet) left.rtes().clone();
        both.or(right.rtes());
        int w = q.baseWidth;
        double rows = Math.max(1, left.rows() * right.rows() / 10);
        List<NestLoop.NestParam> params = new ArrayList<>();
        for (int i = right.rtes().nextSetBit(0); i >= 0; i = right.rtes().nextSetBit(i + 1)) {
            for (RangeTblEntry.ParamBinding b : q.rtable.get(i).params) {
                params.add(new NestLoop.NestParam(b.slot(), b.value()));
            }
        }
        if (!params.isEmpty()) {
            if (type == JoinType.RIGHT || type == JoinType.FULL) {
                throw Ereport.error("42P10", "The combining JOIN type must be INNER or LEFT for a LATERAL reference.");
            }
            PlanState nl = new NestLoop(type, left.state(), w, right.state(), w, quals.isEmpty() ? null : and(quals), null,
                    params, ctx).mergingSlots(slotsOf(right.rtes()));
            ExplainNode ex = new ExplainNode(joinLabel("Nested Loop", type), rows, left.explain(), right.explain());
            if (!quals.isEmpty()) {
                ex.detail("Join Filter: " + Deparser.expr(and(quals), q));
            }
            return new Part(nl, ex, both, rows);
        }
        Part indexed = parameterizedIndexLoop(type, left, right, quals, both, rows);
        if (indexed != null) {
            return indexed;
        }
        List<Expr> outerKeys = new ArrayList<>();
        List<Expr> innerKeys = new ArrayList<>();
        List<Expr> hashConds = new ArrayList<>();
        List<Expr> rest = new ArrayList<>();
        for (Expr qual : quals) {
            if (qual instanceof FuncExpr f && f.name().equals("=") && f.args().size() == 2) {
                Expr a = f.args().get(0);
                Expr b = f.args().get(1);
                BitSet ra = rtesOf(a);
                BitSet rb = rtesOf(b);
                if (!ra.isEmpty() && !rb.isEmpty() && hashable(a, b)) {
                    if (subset(ra, left.rtes()) && subset(rb, right.rtes())) {
                        outerKeys.add(a);
                        innerKeys.add(b);
                        hashConds.add(qual);
                        continue;
                    }
                    if (subset(rb, left.rtes()) && subset(ra, right.rtes())) {
                        outerKeys.add(b);
                        innerKeys.add(a);
                        hashConds.add(qual);
                        continue;
                    }
                }
            }
            rest.add(qual);
        }
        Expr joinQual = rest.isEmpty() ? null : and(rest);
        if (!outerKeys.isEmpty()) {
            HashJoin hj = new HashJoin(type, left.state(), w, right.state(), w, outerKeys, innerKeys, joinQual, null,
                    estate).mergingSlots(slotsOf(right.rtes()));
            ExplainNode hash = new ExplainNode("Hash", right.rows(), right.explain());
            ExplainNode ex = new ExplainNode(joinLabel("Hash Join", type), rows, left.explain(), hash);
            ex.detail("Hash Cond: " + Deparser.expr(and(hashConds), q));
            if (joinQual != null) {
                ex.detail("Join Filter: " + Deparser.expr(joinQual, q));
            }
            return new Part(hj, ex, both, rows);
        }
        if (type == JoinType.FULL) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "FULL JOIN is only supported with merge-joinable or hash-joinable join conditions");
        }
        Part outer = left;
        Part inner = right;
        JoinType t = type;
        if (type == JoinType.RIGHT) {
            outer = right;
            inner = left;
            t = JoinType.LEFT;
        }
        PlanState nl = new NestLoop(t, outer.state(), w, new Material(inner.state(), estate), w, joinQual, null, List.of(),
                ctx).mergingSlots(slotsOf(inner.rtes()));
        ExplainNode ex = new ExplainNode(joinLabel("Nested Loop", t), rows, outer.explain(),
                new ExplainNode("Materialize", inner.rows(), inner.explain()));
        if (joinQual != null) {
            ex.detail("Join Filter: " + Deparser.expr(joinQual, q));
        }
        return new Part(nl, ex, both, rows);
    }

    /**
     * A nested loop whose inner side is an index scan of a base relation driven by
     * the outer row (inner.col = outer expression on the index's leading column),
     * when the outer side is estimated much smaller than the relation: each outer
     * row sets executor params that the scan's keys read at rescan.
     */
    private Part parameterizedIndexLoop(JoinType type, Part left, Part right, List<Expr> quals, BitSet both,
            double rows) {
        RangeTblEntry rte = right.baseRte();
        if (rte == null || rte.kind != RangeTblEntry.Kind.RELATION || type == JoinType.RIGHT || type == JoinType.FULL
                || rte.relation.indexes().isEmpty() || left.rows() * 10 >= right.rows()) {
            return null;
        }
        int index = q.rtable.indexOf(rte);
        for (IndexInfo idx : rte.relation.indexes()) {
            int leading = idx.attnums().get(0);
            for (Expr qual : quals) {
                if (!(qual instanceof FuncExpr f) || !f.name().equals("=") || f.args().size() != 2) {
                    continue;
                }
                for (int side = 0; side < 2; side++) {
                    Expr col = f.args().get(side);
                    Expr outerValue = f.args().get(1 - side);
                    BitSet refs = rtesOf(outerValue);
                    if (col instanceof VarExpr v && v.attno() == rte.offset + leading - 1 && outerValue.type() == v.type()
                            && !refs.isEmpty() && subset(refs, left.rtes()) && !refs.get(index)) {
                        int slot = estate.newParamSlot();
                        IndexScanKey key = new IndexScanKey(1, IndexScanKey.Strategy.EQUAL,
                                new org.tusk.engine.expr.ExecParamExpr(slot, v.type(), v.typmod()));
                        PlanState scan = new Place(rte.relation.openIndexScan(idx, List.of(key), false, false, estate),
                                q.baseWidth, rte.offset, rte.columns.size());
                        if (!right.baseQuals().isEmpty()) {
                            scan = new Result(scan, and(right.baseQuals()), null, ctx);
                        }
                        String name = rte.relation.name();
                        ExplainNode inner = new ExplainNode("Index Scan using " + idx.name() + " on " + name
                                + (rte.refname.equals(name) ? "" : " " + rte.refname), 1);
                        inner.detail("Index Cond: (" + Deparser.expr(col, q) + " = " + Deparser.expr(outerValue, q) + ")");
                        if (!right.baseQuals().isEmpty()) {
                            inner.detail("Filter: " + Deparser.unqualified(and(right.baseQuals())));
                        }
                        PlanState nl = new NestLoop(type, left.state(), q.baseWidth, scan, q.baseWidth, and(quals), null,
                                List.of(new NestLoop.NestParam(slot, outerValue)), ctx).mergingSlots(slotsOf(right.rtes()));
                        ExplainNode ex = new ExplainNode(joinLabel("Nested Loop", type), rows, left.explain(), inner);
                        return new Part(nl, ex, both, rows);
                    }
                }
            }
        }
        return null;
    }

    private static String joinLabel(String base, JoinType t) {
        switch (t) {
            case LEFT: return base + " Left Join";
            case RIGHT: return base + " Right Join";
            case FULL: return base + " Full Join";
            case SEMI: return base + " Semi Join";
            case ANTI: return base + " Anti Join";
            default: return base;
        }
    }

    /** Equality whose values hash consistently with the operator: same type, or both integers/numeric. */
    private static boolean hashable(Expr a, Expr b) {
        if (a.type() == b.type()) {
            return true;
        }
        return isNumeric(a) && isNumeric(b);
    }

    private static boolean isNumeric(Expr e) {
        switch (e.type()) {
            case INT2: case INT4: case INT8: case NUMERIC: return true;
            default: return false;
        }
    }

    private static boolean subset(BitSet a, BitSet b) {
        BitSet x = (BitSet) a.clone();
        x.andNot(b);
        return x.isEmpty();
    }

    // ---- scans ----

    private Part scan(RangeTblEntry rte) {
        int index = q.rtable.indexOf(rte);
        BitSet self = new BitSet();
        self.set(index);
        int w = q.baseWidth;
        int n = rte.columns.size();
        PlanState s;
        ExplainNode ex;
        double rows;
        switch (rte.kind) {
            case RELATION: {
                s = rte.relation.openSeqScan(estate);
                String name = rte.relation.name();
                ex = new ExplainNode("Seq Scan on " + name + (rte.refname.equals(name) ? "" : " " + rte.refname),
                        rows = Math.max(1, rte.relation.size().tuples() < 0 ? 1000 : rte.relation.size().tuples()));
                break;
            }
            case SUBQUERY: {
                Planned sub = plan(rte.subquery, estate);
                s = sub.state();
                ex = new ExplainNode("Subquery Scan on " + rte.refname, rows = sub.explain().rows, sub.explain());
                break;
            }
            case VALUES:
                s = new ValuesScan(rte.values, ctx);
                // PostgreSQL names VALUES lists *VALUES*, *VALUES*_1, ... whatever their alias
                ex = new ExplainNode("Values Scan on \"*VALUES*" + (valuesScans++ == 0 ? "" : "_" + (valuesScans - 1)) + "\"",
                        rows = rte.values.size());
                break;
            case FUNCTION:
                s = new FunctionScan(rte.functions, rte.ordinality, ctx);
                ex = new ExplainNode("Function Scan on " + rte.functions.get(0).function().name()
                        + (rte.refname.equals(rte.functions.get(0).function().name()) ? "" : " " + rte.refname), rows = 1000);
                break;
            case CTE:
                s = new CteScan(cteState(rte.cte), false);
                ex = new ExplainNode("CTE Scan on " + rte.cte.name + (rte.refname.equals(rte.cte.name) ? "" : " " + rte.refname),
                        rows = 1000);
                break;
            case WORKTABLE:
                s = new WorkTableScan((WorkTable) ctx.attachment(rte.cte.workTableKey));
                ex = new ExplainNode("WorkTable Scan on " + rte.cte.name
                        + (rte.refname.equals(rte.cte.name) ? "" : " " + rte.refname), rows = 100);
                break;
            case SETOP: {
                Planned sp = setOp(rte.setOp);
                s = sp.state();
                ex = sp.explain();
                rows = ex.rows;
                break;
            }
            default:
                throw new IllegalStateException("cannot scan " + rte);
        }
        return new Part(new Place(s, w, rte.offset, n), ex, self, rows);
    }

    /**
     * An index scan for a relation when some pushed-down qualification is
     * {@code column op value} (op one of = < <= > >=, value not reading the
     * relation) on an index's leading column: the index with the most leading
     * equality columns wins. Every qualification is still checked on the rows
     * (the caller's filter), so the keys only narrow the scan. Null when no
     * index applies.
     */
    private Part indexScan(RangeTblEntry rte, List<Expr> quals, List<Expr> usedConds) {
        List<IndexInfo> indexes = rte.relation.indexes();
        if (indexes.isEmpty() || quals.isEmpty()) {
            return null;
        }
        int index = q.rtable.indexOf(rte);
        List<Object[]> candidates = new ArrayList<>(); // {attnum, strategy, value expr, qual}
        for (Expr qual : quals) {
            if (!(qual instanceof FuncExpr f) || f.args().size() != 2) {
                continue;
            }
            IndexScanKey.Strategy st = strategy(f.name());
            if (st == null) {
                continue;
            }
            for (int side = 0; side < 2; side++) {
                Expr col = f.args().get(side);
                Expr val = f.args().get(1 - side);
                if (col instanceof VarExpr v && v.attno() >= rte.offset && v.attno() < rte.offset + rte.width()
                        && !rtesOf(val).get(index) && val.type() == v.type()) {
                    candidates.add(new Object[] {v.attno() - rte.offset + 1, side == 0 ? st : commute(st), val, qual});
                    break;
                }
            }
        }
        if (candidates.isEmpty()) {
            return null;
        }
        IndexInfo best = null;
        List<IndexScanKey> bestKeys = null;
        List<Expr> bestConds = null;
        int bestScore = 0;
        for (IndexInfo idx : indexes) {
            List<IndexScanKey> keys = new ArrayList<>();
            List<Expr> conds = new ArrayList<>();
            int score = 0;
            for (int k = 0; k < idx.attnums().size(); k++) {
                int attnum = idx.attnums().get(k);
                boolean equality = false;
                boolean any = false;
                for (Object[] c : candidates) {
                    if ((Integer) c[0] == attnum) {
                        keys.add(new IndexScanKey(k + 1, (IndexScanKey.Strategy) c[1], (Expr) c[2]));
                        conds.add((Expr) c[3]);
                        equality |= c[1] == IndexScanKey.Strategy.EQUAL;
                        any = true;
                    }
                }
                if (!any) {
                    break;
                }
                score += equality ? 2 : 1;
                if (!equality) {
                    break;
                }
            }
            if (score > bestScore || score == bestScore && score > 0 && idx.unique() && !best.unique()) {
                best = idx;
                bestKeys = keys;
                bestConds = conds;
                bestScore = score;
            }
        }
        if (best == null) {
            return null;
        }
        usedConds.addAll(bestConds);
        PlanState s = rte.relation.openIndexScan(best, bestKeys, false, false, estate);
        String name = rte.relation.name();
        ExplainNode ex = new ExplainNode("Index Scan using " + best.name() + " on " + name
                + (rte.refname.equals(name) ? "" : " " + rte.refname), Math.max(1, best.unique() ? 1 : 10));
        ex.detail("Index Cond: " + Deparser.unqualified(and(bestConds)));
        BitSet self = new BitSet();
        self.set(index);
        return new Part(new Place(s, q.baseWidth, rte.offset, rte.columns.size()), ex, self, ex.rows);
    }

    private static IndexScanKey.Strategy strategy(String op) {
        switch (op) {
            case "=": return IndexScanKey.Strategy.EQUAL;
            case "<": return IndexScanKey.Strategy.LESS;
            case "<=": return IndexScanKey.Strategy.LESS_EQUAL;
            case ">": return IndexScanKey.Strategy.GREATER;
            case ">=": return IndexScanKey.Strategy.GREATER_EQUAL;
            default: return null;
        }
    }

    /** The strategy with the operands swapped (5 < col is col > 5). */
    private static IndexScanKey.Strategy commute(IndexScanKey.Strategy s) {
        switch (s) {
            case LESS: return IndexScanKey.Strategy.GREATER;
            case LESS_EQUAL: return IndexScanKey.Strategy.GREATER_EQUAL;
            case GREATER: return IndexScanKey.Strategy.LESS;
            case GREATER_EQUAL: return IndexScanKey.Strategy.LESS_EQUAL;
            default: return s;
        }
    }

    /** The shared state of a WITH query in this execution, planned at its first reference. */
    private CteState cteState(CteDef def) {
        CteState st = (CteState) ctx.attachment(def);
        if (st != null) {
            return st;
        }
        PlanState p;
        if (def.recursive) {
            WorkTable wt = new WorkTable();
            ctx.attach(def.workTableKey, wt);
            PlanState nonRec = plan(def.nonRecursive, estate).state();
            PlanState rec = plan(def.recursiveTerm, estate).state();
            p = new RecursiveUnion(nonRec, rec, wt, !def.unionAll, estate);
        } else {
            p = plan(def.query, estate).state();
        }
        st = new CteState(p, estate);
        ctx.attach(def, st);
        return st;
    }

    private Planned setOp(SetOpTree t) {
        if (t.isLeaf()) {
            Planned leaf = plan(t.leaf(), estate);
            return leaf;
        }
        Planned l = setOp(t.left());
        Planned r = setOp(t.right());
        int n = width(t);
        PlanState ls = trim(l.state(), n);
        PlanState rs = trim(r.state(), n);
        double rows = l.explain().rows + r.explain().rows;
        switch (t.op()) {
            case UNION: {
                PlanState app = new Append(List.of(ls, rs));
                ExplainNode ex = new ExplainNode("Append", rows, l.explain(), r.explain());
                if (t.all()) {
                    return new Planned(app, ex);
                }
                List<SortColumn> cols = new ArrayList<>();
                int[] all = new int[n];
                for (int i = 0; i < n; i++) {
                    cols.add(SortColumn.asc(i));
                    all[i] = i;
                }
                return new Planned(new Unique(new Sort(app, cols, estate), all),
                        new ExplainNode("Unique", rows, new ExplainNode("Sort", rows, ex)));
            }
            case INTERSECT:
                return new Planned(new SetOp(t.all() ? SetOp.Command.INTERSECT_ALL : SetOp.Command.INTERSECT, ls, rs, estate),
                        new ExplainNode("HashSetOp Intersect" + (t.all() ? " All" : ""), rows, l.explain(), r.explain()));
            default:
                return new Planned(new SetOp(t.all() ? SetOp.Command.EXCEPT_ALL : SetOp.Command.EXCEPT, ls, rs, estate),
                        new ExplainNode("HashSetOp Except" + (t.all() ? " All" : ""), rows, l.explain(), r.explain()));
        }
    }

    private static int width(SetOpTree t) {
        return t.isLeaf() ? t.leaf().targets().size() : width(t.left());
    }

    /** Keeps the first n columns (drops a leaf's resjunk sort keys). */
    private PlanState trim(PlanState p, int n) {
        return new PlanState() {
            @Override
            public Object[] next() {
                Object[] r = p.next();
                return r == null || r.length == n ? r : java.util.Arrays.copyOf(r, n);
            }

            @Override
            public void rescan() {
                p.rescan();
            }

            @Override
            public void close() {
                p.close();
            }
        };
    }

    static boolean isSlot(Expr e) {
        return e instanceof SlotExpr;
    }
}
