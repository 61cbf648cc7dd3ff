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
import org.tusk.engine.executor.modify.RowMarkLocker;
import org.tusk.engine.executor.scan.InheritanceRelation;
import org.tusk.engine.executor.scan.StorageBaseRelation;
import org.tusk.engine.expr.BoolExpr;
import org.tusk.engine.expr.ConstExpr;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.expr.FuncExpr;
import org.tusk.engine.expr.SlotExpr;
import org.tusk.engine.expr.VarExpr;
import org.tusk.engine.nodes.BoolOp;
import org.tusk.engine.nodes.LockWaitPolicy;
import org.tusk.engine.types.PgType;

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
    /** EXPLAIN VERBOSE: Output lines, qualified sort keys, schema-qualified relations. */
    private final boolean verbose;

    private final CostModel cost;
    private final Selectivity sel;
    private final java.util.Map<RangeTblEntry, Double> relTuples = new java.util.IdentityHashMap<>();

    private Planner(Query q, EState estate) {
        this.q = q;
        this.estate = estate;
        this.ctx = estate.ctx();
        this.verbose = ctx.attachment(VerboseOutput.KEY) != null;
        this.cost = CostModel.forSession(ctx, estate.workMemBytes());
        this.sel = new Selectivity(this::columnInfo);
        try {
            collectNeeded();
        } catch (RuntimeException e) {
            // widths are estimates only: count every slot rather than fail the query
            needed.set(0, Math.max(1, q.baseWidth));
            neededOutsideScans.set(0, Math.max(1, q.baseWidth));
        }
    }

    /** The slots of this level that some expression reads (attr_needed), for the widths EXPLAIN shows. */
    private final BitSet needed = new BitSet();

    private void collectNeeded() {
        for (TargetEntry t : q.targetList) {
            need(t.expr());
        }
        needJoinTree(q.jointree);
        q.groupKeys.forEach(this::need);
        need(q.having);
        for (Query.AggSpec a : q.aggregates) {
            a.call().args().forEach(this::need);
            need(a.call().filter());
        }
        for (Query.WindowSpec w : q.windows) {
            w.partitionBy.forEach(this::need);
            w.orderBy.forEach(k -> need(k.expr()));
            for (WindowCall c : w.calls) {
                c.args().forEach(this::need);
                need(c.filter());
            }
        }
        for (Query.SrfSpec f : q.srfs) {
            f.call().args().forEach(this::need);
        }
        if (q.distinctOn != null) {
            q.distinctOn.forEach(this::need);
        }
        q.sortKeys.forEach(k -> need(k.expr()));
        for (RangeTblEntry rte : q.rtable) {
            rte.params.forEach(b -> need(b.value()));
        }
    }

    private void needJoinTree(JoinTreeNode n) {
        if (n instanceof JoinTreeNode.Join j) {
            varsOf(j.quals(), needed);
            needOutside(j.quals());
            needJoinTree(j.left());
            needJoinTree(j.right());
        } else if (n instanceof JoinTreeNode.FromList fl) {
            varsOf(fl.quals(), needed);
            needOutside(fl.quals());
            fl.items().forEach(this::needJoinTree);
        }
    }

    /**
     * The slots read by something other than a base relation's own restriction
     * clauses (targets, sort keys, join clauses, ...): what an index-only scan
     * must return.
     */
    private final BitSet neededOutsideScans = new BitSet();

    private void needOutside(Expr quals) {
        List<Expr> list = new ArrayList<>();
        BoolExpr.conjuncts(quals, list);
        for (Expr e : list) {
            BitSet refs = new BitSet();
            varsOf(e, refs);
            boolean local = false;
            for (RangeTblEntry rte : q.rtable) {
                if (rte.kind == RangeTblEntry.Kind.RELATION && !refs.isEmpty() && refs.nextSetBit(0) >= rte.offset
                        && refs.length() <= rte.offset + rte.width()) {
                    local = true;
                }
            }
            if (!local) {
                neededOutsideScans.or(refs);
            }
        }
    }

    private void need(Expr e) {
        if (e == null) {
            return;
        }
        if (e instanceof VarExpr v) {
            needed.set(v.attno());
            neededOutsideScans.set(v.attno());
            return;
        }
        for (Expr c : e.children()) {
            need(c);
        }
    }

    /** The width of the columns of an entry that the query reads (what its scan's EXPLAIN line shows). */
    private int outputWidth(RangeTblEntry rte) {
        int w = 0;
        for (int i = 0; i < rte.columns.size(); i++) {
            if (needed.get(rte.offset + i)) {
                RangeTblEntry.Column c = rte.columns.get(i);
                ColumnStatistics st = rte.kind == RangeTblEntry.Kind.RELATION ? statistics(rte, i + 1) : null;
                w += st != null && st.avgWidth() > 0 ? st.avgWidth() : CostModel.typeWidth(c.type(), c.typmod());
            }
        }
        return w;
    }

    // ---- estimates ----

    /** The base relation column a Var of this level reads, with its statistics, for selectivity estimation. */
    private Selectivity.ColumnInfo columnInfo(VarExpr v) {
        for (RangeTblEntry rte : q.rtable) {
            if (rte.kind == RangeTblEntry.Kind.RELATION && v.attno() >= rte.offset && v.attno() < rte.offset + rte.width()) {
                int attnum = v.attno() - rte.offset + 1;
                ColumnStatistics stats = null;
                try {
                    stats = rte.relation.statistics(attnum);
                } catch (RuntimeException e) {
                    // statistics are an optimization; a failure to read them must not fail the query
                }
                boolean unique = false;
                for (IndexInfo idx : rte.relation.indexes()) {
                    unique |= idx.unique() && idx.predicate() == null && idx.attnums().size() == 1
                            && idx.attnums().get(0) == attnum;
                }
                return new Selectivity.ColumnInfo(stats, relTuples(rte), unique);
            }
            if (rte.kind == RangeTblEntry.Kind.CTE && v.attno() >= rte.offset && v.attno() < rte.offset + rte.width()) {
                // examine_variable on a CTE's column: no statistics, but the CTE's row estimate, so that a
                // small CTE counts one distinct value per row (get_variable_numdistinct)
                CteState cte = cteState(rte.cte);
                return cte.estimatedRows >= 0 ? new Selectivity.ColumnInfo(null, cte.estimatedRows, false) : null;
            }
        }
        return null;
    }

    /** The estimated number of rows of a base relation (estimate_rel_size). */
    private double relTuples(RangeTblEntry rte) {
        return relTuples.computeIfAbsent(rte, r -> CostModel.estimateTuples(r.relation.size(), dataWidth(r)));
    }

    /** The average width of a range table entry's row (statistics' stawidth where known). */
    private int dataWidth(RangeTblEntry rte) {
        int w = 0;
        for (int i = 0; i < rte.columns.size(); i++) {
            if (rte.tableoidColumn == i) {
                continue;                                       // not stored: no width in the row
            }
            RangeTblEntry.Column c = rte.columns.get(i);
            ColumnStatistics st = null;
            if (rte.kind == RangeTblEntry.Kind.RELATION) {
                try {
                    st = rte.relation.statistics(i + 1);
                } catch (RuntimeException e) {
                    st = null;
                }
            }
            w += st != null && st.avgWidth() > 0 ? st.avgWidth() : CostModel.typeWidth(c.type(), c.typmod());
        }
        return w;
    }

    private static int exprWidth(List<Expr> exprs) {
        int w = 0;
        for (Expr e : exprs) {
            w += e instanceof VarExpr v ? CostModel.typeWidth(v.type(), v.typmod()) : CostModel.typeWidth(e.type(), -1);
        }
        return w;
    }

    /** The node wrapped for EXPLAIN ANALYZE's counts when this execution is instrumented. */
    private PlanState instr(PlanState s, ExplainNode ex) {
        Object settings = ctx.attachment(Instrumented.KEY);
        return settings == null ? s : new Instrumented(s, ex, (Instrumented.Settings) settings);
    }

    /**
     * {@code qual} as an executor node evaluates it: under EXPLAIN ANALYZE counting the rows it removes into
     * {@code ex} ("Rows Removed by Filter"...), else itself.
     */
    private Expr counted(Expr qual, ExplainNode ex, ExplainNode.Removed counter) {
        return qual == null || ctx.attachment(Instrumented.KEY) == null ? qual : new CountingQual(qual, ex, counter);
    }

    private static CostModel.Cost costOf(ExplainNode ex) {
        return new CostModel.Cost(ex.startupCost, ex.totalCost);
    }

    /** Sets an EXPLAIN node's estimates. */
    private static ExplainNode est(ExplainNode ex, double rows, int width, CostModel.Cost c) {
        ex.rows = CostModel.clampRows(rows);
        ex.width = width;
        ex.startupCost = c.startup();
        ex.totalCost = c.total();
        return ex;
    }

    /** Plans one query level; rows come out as the visible targets followed by resjunk sort keys. */
    public static Planned plan(Query q, EState estate) {
        return new Planner(q, estate).plan();
    }

    /** A plan part with the range table entries whose slots it fills. */
    record Part(PlanState state, ExplainNode explain, BitSet rtes, double rows, RangeTblEntry baseRte,
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
            ex = est(new ExplainNode("Result", 1), 1, exprWidth(targetExprs()), new CostModel.Cost(0, cost.cpuTupleCost));
            rows = 1;
            if (q.jointree.quals() != null) {
                p = new Result(p, q.jointree.quals(), null, ctx);
                ex.detail("One-Time Filter: " + qualText(q.jointree.quals()));
            }
            p = instr(p, ex);
        } else {
            Part part = fromList(q.jointree);
            Part ordered = orderedScan(part, false);
            if (ordered == null && groupsInSortOrder()) {
                ordered = orderedScan(part, true);
                groupOrderProvided = ordered != null;
            }
            if (ordered != null) {
                part = ordered;
                sortProvided = true;
            }
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
            Agg.Strategy strategy = g == 0 && q.groupingSets == null ? Agg.Strategy.PLAIN
                    : groupOrderProvided ? Agg.Strategy.SORTED : Agg.Strategy.HASHED;
            p = new Agg(strategy, p, keyPositions, q.groupingSets, calls, estate, w + g, linked);
            String label = strategy == Agg.Strategy.PLAIN ? "Aggregate"
                    : strategy == Agg.Strategy.SORTED ? "GroupAggregate"
                    : q.groupingSets != null ? "MixedAggregate" : "HashAggregate";
            double inRows = rows;
            double groups = g == 0 ? 1 : numGroups(q.groupKeys, inRows);
            CostModel.Cost in = costOf(ex);
            CostModel.Cost aggCost = strategy == Agg.Strategy.PLAIN ? cost.plainAgg(in, inRows, calls.size())
                    : strategy == Agg.Strategy.SORTED ? new CostModel.Cost(in.startup(), in.total()
                            + (g + calls.size()) * cost.cpuOperatorCost * inRows + cost.cpuTupleCost * groups)
                    : cost.hashAgg(in, inRows, g, calls.size(), groups);
            ex = est(new ExplainNode(label, groups, ex), groups, exprWidth(targetExprs()), aggCost);
            if (g > 0 && q.groupingSets == null) {
                ex.detail("Group Key: " + (verbose ? Deparser.listQualified(q.groupKeys) : Deparser.list(q.groupKeys, q)));
            }
            rows = ex.rows;
            if (q.having != null) {
                p = new Result(p, counted(q.having, ex, ExplainNode.Removed.AGGREGATE_FILTER), null, ctx);
                ex.detail("Filter: " + qualText(q.having));
                ex.totalCost += cost.exprCost(q.having) * rows;
                rows = CostModel.clampRows(rows * Selectivity.DEFAULT_INEQ_SEL);
                ex.rows = rows;
            }
            p = instr(p, ex);
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
                        keys.add(Deparser.sortExpr(e, q));
                    }
                    for (SortKey k : spec.orderBy) {
                        keys.add(Deparser.sortKey(k, q));
                    }
                    ex = est(new ExplainNode("Sort", rows, ex), rows, ex.width, cost.sort(costOf(ex), rows, ex.width, -1))
                            .detail("Sort Key: " + String.join(", ", keys));
                    p = instr(p, ex);
                }
                int[] slots = new int[spec.slots.size()];
                for (int i = 0; i < slots.length; i++) {
                    slots[i] = spec.slots.get(i).position();
                }
                p = new WindowAgg(p, partCols, orderCols, spec.frame, spec.calls, ctx).atPositions(slots);
                ex = est(new ExplainNode("WindowAgg", rows, ex), rows, ex.width + 8,
                        cost.perRow(costOf(ex), rows, spec.calls.size() * cost.cpuOperatorCost));
                p = instr(p, ex);
            }
        }
        if (!q.srfs.isEmpty() && sortBelowProjectSet()) {
            // make_sort_input_target: the target list's set-returning functions run above an explicit
            // Sort (so a LIMIT bounds them); the sort keys are computed into slots after the level's row
            int nSort = q.sortKeys.size();
            int[] keyPositions = new int[nSort];
            List<Expr> keyExprs = new ArrayList<>();
            List<SortColumn> cols = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < nSort; i++) {
                SortKey k = q.sortKeys.get(i);
                keyPositions[i] = q.rowWidth + i;
                keyExprs.add(k.expr());
                cols.add(new SortColumn(q.rowWidth + i, k.descending(), k.nullsFirst()));
                keys.add(verbose ? Deparser.sortKeyQualified(k, q) : Deparser.sortKey(k, q));
            }
            p = new Sort(new Extend(p, q.rowWidth + nSort, keyPositions, keyExprs, ctx), cols, estate);
            int width = ex.width;
            double bound = -1;
            Double countValue = constNumber(q.limitCount);
            if (countValue != null && !q.withTies) {
                Double offsetValue = constNumber(q.limitOffset);
                bound = countValue + (offsetValue != null ? offsetValue : 0);
            }
            ex = est(new ExplainNode("Sort", rows, ex), rows, width, cost.sort(costOf(ex), rows, width, bound))
                    .detail("Sort Key: " + String.join(", ", keys));
            p = instr(p, ex);
            sortProvided = true;
        }
        if (!q.srfs.isEmpty()) {
            List<FunctionScan.Call> calls = new ArrayList<>();
            int[] positions = new int[q.srfs.size()];
            for (int i = 0; i < positions.length; i++) {
                calls.add(q.srfs.get(i).call());
                positions[i] = q.srfs.get(i).slot().position();
            }
            p = new ProjectSet(p, q.rowWidth, calls, positions, ctx);
            ex = est(new ExplainNode("ProjectSet", rows * 10, ex), rows * 10, ex.width + 4,
                    cost.perRow(costOf(ex), rows * 10, positions.length * cost.cpuOperatorCost));
            rows = ex.rows;
            p = instr(p, ex);
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
        LockRows.RowLocker locker = q.forUpdate ? rowMarkLocker(out) : null;
        PostponedTargets postponed = postponeVolatileTargets(out, nTargets);
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
            int width = exprWidth(targetExprs());
            ExplainNode sortEx = est(new ExplainNode("Sort", rows, ex), rows, width, cost.sort(costOf(ex), rows, width, -1))
                    .detail("Sort Key: " + sortKeyText(q.distinctOn != null ? q.distinctOn : targetExprs()));
            double distinctRows = numGroups(q.distinctOn != null ? q.distinctOn : targetExprs(), rows);
            ex = est(new ExplainNode("Unique", rows, sortEx), distinctRows, width,
                    cost.unique(costOf(sortEx), rows, uniqueCols.length));
            rows = ex.rows;
            p = instr(p, ex);
        } else if (!q.sortKeys.isEmpty() && !sortProvided) {
            List<SortColumn> cols = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < q.sortKeys.size(); i++) {
                SortKey k = q.sortKeys.get(i);
                cols.add(new SortColumn(sortBase + i, k.descending(), k.nullsFirst()));
                keys.add(Deparser.sortKey(k, q));
            }
            p = new Sort(p, cols, estate);
            int width = exprWidth(targetExprs());
            double bound = -1;
            Double countValue = constNumber(q.limitCount);
            if (countValue != null && !q.withTies) {
                Double offsetValue = constNumber(q.limitOffset);
                bound = countValue + (offsetValue != null ? offsetValue : 0);
            }
            if (verbose) {
                keys.clear();
                for (SortKey k : q.sortKeys) {
                    keys.add(Deparser.sortKeyQualified(k, q));
                }
            }
            ex = est(new ExplainNode("Sort", rows, ex), rows, width, cost.sort(costOf(ex), rows, width, bound))
                    .detail("Sort Key: " + String.join(", ", keys));
            p = instr(p, ex);
            if (postponed != null) {
                p = new PostponedProjection(p, postponed.positions(), postponed.exprs(), postponed.savedAttnos(),
                        q.baseWidth, ctx);
                ex = est(new ExplainNode("Result", rows, ex), rows, ex.width,
                        cost.perRow(costOf(ex), rows, cost.exprCost(List.of(postponed.exprs()))));
                p = instr(p, ex);
            }
        }
        if (q.forUpdate) {
            // below LIMIT, as PostgreSQL plans it: rows skipped or gone do not count
            if (locker != null) {
                p = new LockRows(p, locker);
            }
            ex = est(new ExplainNode("LockRows", rows, ex), rows, ex.width, costOf(ex).plus(cost.cpuTupleCost * rows));
            p = instr(p, ex);
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
            Double offsetValue = constNumber(q.limitOffset);
            Double countValue = constNumber(q.limitCount);
            double offset = offsetValue != null ? offsetValue : q.limitOffset != null ? rows * 0.10 : 0;
            double count = q.limitCount == null ? -1 : countValue != null ? countValue : rows * 0.10;
            double limitRows = Math.max(0, count < 0 ? rows - offset : Math.min(count, rows - offset));
            ex = est(new ExplainNode("Limit", rows, ex), limitRows, ex.width,
                    CostModel.limit(costOf(ex), rows, offset, count));
            rows = ex.rows;
            p = instr(p, ex);
        }
        if (verbose) {
            VerboseOutput.annotate(q, ex);
        }
        List<CteState> modifying = new ArrayList<>();
        for (CteDef def : q.ctes) {
            if (def.modifying != null) {
                modifying.add(cteState(def));
            }
        }
        if (!modifying.isEmpty()) {
            p = new org.tusk.engine.executor.ModifyingCtes(p, modifying);
        }
        return new Planned(p, ex);
    }

    /**
     * Whether the level's explicit sort goes below its ProjectSet (make_sort_input_target postpones
     * set-returning functions when nothing else needs them first and no sort key reads them).
     */
    private boolean sortBelowProjectSet() {
        if (q.sortKeys.isEmpty() || sortProvided || q.distinct || q.hasAggregation() || !q.windows.isEmpty()
                || q.forUpdate) {
            return false;
        }
        for (SortKey k : q.sortKeys) {
            if (VerboseOutput.contains(k.expr(), x -> x instanceof org.tusk.engine.expr.SlotExpr sl
                    && sl.kind() == org.tusk.engine.expr.SlotExpr.Kind.SRF)) {
                return false;
            }
        }
        return true;
    }

    /** Target expressions computed above the Sort: their positions, the expressions, the level slots they read. */
    private record PostponedTargets(int[] positions, Expr[] exprs, int[] savedAttnos) {}

    /**
     * make_sort_input_target: when the level sorts explicitly (no DISTINCT,
     * aggregation, windows or row locks) and visible targets call volatile
     * functions over plain columns only, those targets are left NULL in the
     * projection {@code out} below the Sort, the columns they read are appended
     * to it, and the caller computes them above the Sort (a Result), so a LIMIT
     * above bounds how often they run. Null when nothing is postponed.
     */
    private PostponedTargets postponeVolatileTargets(List<Expr> out, int nTargets) {
        if (q.distinct || q.sortKeys.isEmpty() || sortProvided || q.forUpdate || q.hasAggregation()
                || !q.windows.isEmpty()) {
            return null;
        }
        for (SortKey k : q.sortKeys) {
            if (volatileIn(k.expr())) {
                return null;
            }
        }
        List<Integer> positions = new ArrayList<>();
        BitSet reads = new BitSet();
        for (int i = 0; i < nTargets; i++) {
            Expr e = out.get(i);
            if (volatileIn(e) && readsOnlyBaseColumns(e)) {
                positions.add(i);
                varsOf(e, reads);
            }
        }
        if (positions.isEmpty()) {
            return null;
        }
        Expr[] exprs = new Expr[positions.size()];
        int[] pos = new int[positions.size()];
        for (int i = 0; i < pos.length; i++) {
            pos[i] = positions.get(i);
            exprs[i] = out.get(pos[i]);
            out.set(pos[i], new ConstExpr(exprs[i].type(), -1, null));
        }
        int[] saved = reads.stream().toArray();
        for (int attno : saved) {
            out.add(new VarExpr(attno, PgType.TEXT, -1, null, null));   // only its slot is read
        }
        return new PostponedTargets(pos, exprs, saved);
    }

    /** Whether an expression reads the level's row only through base relation columns (no aggregate/SRF slots, sublinks). */
    private boolean readsOnlyBaseColumns(Expr e) {
        if (e instanceof VarExpr v) {
            return v.attno() < q.baseWidth;
        }
        if (e instanceof SlotExpr || e instanceof SubLinkExpr || isSlot(e)) {
            return false;
        }
        for (Expr c : e.children()) {
            if (!readsOnlyBaseColumns(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The row marks of a FOR UPDATE/SHARE level: appends a copy of the level's base row to the
     * projection {@code out} (so a newer version can be re-checked and re-projected) and returns
     * the locker, or null when no relation of the level is lockable.
     */
    private LockRows.RowLocker rowMarkLocker(List<Expr> out) {
        List<RowMarkLocker.RowMark> marks = new ArrayList<>();
        org.tusk.engine.storage.StorageSession session = null;
        for (RangeTblEntry rte : q.rtable) {
            if (rte.rowMark != null && rte.relation instanceof StorageBaseRelation storage) {
                marks.add(new RowMarkLocker.RowMark(storage.scanRelation(), rte.offset, rte.ctidColumn,
                        rte.offset + rte.ctidColumn, rte.rowMark, rte.rowMarkWait == LockWaitPolicy.ERROR,
                        rte.rowMarkWait == LockWaitPolicy.SKIP));
                session = storage.session();
            } else if (rte.rowMark != null && rte.relation instanceof InheritanceRelation inh && rte.ctidColumn >= 0
                    && rte.tableoidColumn >= 0) {
                List<StorageBaseRelation> members = inh.members();
                long[] oids = new long[members.size()];
                org.tusk.engine.executor.scan.ScanRelation[] relations =
                        new org.tusk.engine.executor.scan.ScanRelation[members.size()];
                int[][] maps = new int[members.size()][];
                for (int i = 0; i < oids.length; i++) {
                    oids[i] = members.get(i).oid();
                    relations[i] = members.get(i).scanRelation();
                    maps[i] = inh.columnMap(i);
                }
                marks.add(new RowMarkLocker.RowMark(inh.parent().scanRelation(), rte.offset, rte.ctidColumn,
                        rte.offset + rte.ctidColumn, rte.rowMark, rte.rowMarkWait == LockWaitPolicy.ERROR,
                        rte.rowMarkWait == LockWaitPolicy.SKIP, new RowMarkLocker.Members(
                                rte.offset + rte.tableoidColumn, oids, relations, maps)));
                session = inh.parent().session();
            }
        }
        if (marks.isEmpty()) {
            return null;
        }
        Expr[] base = new Expr[q.baseWidth];
        for (RangeTblEntry rte : q.rtable) {
            if (rte.kind == RangeTblEntry.Kind.JOIN) {
                continue;
            }
            for (int i = 0; i < rte.columns.size(); i++) {
                RangeTblEntry.Column c = rte.columns.get(i);
                base[rte.offset + i] = new VarExpr(rte.offset + i, c.type(), c.typmod(), rte.refname, c.name());
            }
        }
        int baseStart = out.size();
        for (int i = 0; i < base.length; i++) {
            out.add(base[i] != null ? base[i] : new VarExpr(i, PgType.TEXT, -1, null, null));
        }
        List<Expr> quals = new ArrayList<>();
        innerQuals(q.jointree, quals);
        return new RowMarkLocker(marks, baseStart, q.baseWidth, q.rowWidth, quals, List.copyOf(out),
                session.transactionContext(), session.snapshot(), ctx);
    }

    /** The WHERE and inner join conditions of a join tree (what EvalPlanQual re-checks). */
    private static void innerQuals(JoinTreeNode node, List<Expr> quals) {
        if (node instanceof JoinTreeNode.FromList fl) {
            if (fl.quals() != null) {
                quals.add(fl.quals());
            }
            for (JoinTreeNode item : fl.items()) {
                innerQuals(item, quals);
            }
        } else if (node instanceof JoinTreeNode.Join j) {
            if (j.quals() != null && j.type() == org.tusk.engine.executor.JoinType.INNER) {
                quals.add(j.quals());
            }
            innerQuals(j.left(), quals);
            innerQuals(j.right(), quals);
        }
    }

    /** The value of a LIMIT/OFFSET expression made of constants (casts included), or null. */
    private Double constNumber(Expr e) {
        if (e == null || !Selectivity.isPseudoConstant(e) || hasParams(e)) {
            return null;
        }
        try {
            Object v = e.eval(ctx);
            return v instanceof Number n ? n.doubleValue() : null;
        } catch (RuntimeException ex) {
            return null;
        }
    }

    /** Whether evaluating at plan time could read parameters or have effects: only constants, casts and arithmetic don't. */
    private static boolean hasParams(Expr e) {
        boolean safe = e instanceof org.tusk.engine.expr.ConstExpr || e instanceof FuncExpr f
                && (f.name().equals(f.type().typname()) || List.of("+", "-", "*", "/").contains(f.name()));
        if (!safe) {
            return true;
        }
        for (Expr c : e.children()) {
            if (hasParams(c)) {
                return true;
            }
        }
        return false;
    }

    /** estimate_num_groups: the product of the keys' distinct counts, at most the input rows. */
    private double numGroups(List<Expr> keys, double inputRows) {
        double groups = 1;
        for (Expr k : keys) {
            groups *= sel.nDistinct(k);
        }
        return CostModel.clampRows(Math.min(groups, inputRows));
    }

    private List<Expr> targetExprs() {
        List<Expr> out = new ArrayList<>();
        for (TargetEntry t : q.targetList) {
            out.add(t.expr());
        }
        return out;
    }

    private String sortKeyText(List<Expr> exprs) {
        List<String> keys = new ArrayList<>();
        for (Expr e : exprs) {
            keys.add(Deparser.sortExpr(e, q));
        }
        return String.join(", ", keys);
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
        BoolExpr.conjuncts(fl.quals(), quals);
        // inner JOIN ... ON items join the FROM list (join_collapse_limit) so the search can reorder them
        List<JoinTreeNode> flat = new ArrayList<>();
        for (JoinTreeNode n : fl.items()) {
            collapseInnerJoins(n, flat, quals);
        }
        fl = new JoinTreeNode.FromList(flat, null);
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
        Part cur;
        boolean lateral = false;
        for (Part item : items) {
            lateral |= !lateralNeeds(item).isEmpty();
        }
        if (items.size() == 1) {
            cur = items.get(0);
        } else if (!lateral) {
            cur = JoinSearch.search(this, items, pending, cost.geqoThreshold);
        } else {
            cur = lateralOrder(items, pending);
        }
        if (!pending.isEmpty()) {
            cur = filter(cur, pending);
        }
        if (!constant.isEmpty()) {
            cur = gate(cur, constant);
        }
        return cur;
    }

    /**
     * Quals that read no column of this level (create_gating_plan): the pseudoconstant ones (no
     * volatile function, no subquery) are tested once by a Result above the plan, shown as its
     * "One-Time Filter"; one that folded to false or NULL makes the whole FROM list a dummy
     * relation (a Result without input, as set_dummy_rel_pathlist plans it). The others filter
     * every row, as before.
     */
    private Part gate(Part cur, List<Expr> constant) {
        List<Expr> oneTime = new ArrayList<>();
        List<Expr> perRow = new ArrayList<>();
        for (Expr qual : constant) {
            if (qual instanceof ConstExpr k && !Boolean.TRUE.equals(k.value())) {
                return emptyResult(cur.rtes(), cur.explain().width, null);
            }
            (volatileIn(qual) ? perRow : oneTime).add(qual);
        }
        if (!perRow.isEmpty()) {
            cur = filter(cur, perRow);
        }
        if (oneTime.isEmpty()) {
            return cur;
        }
        Expr qual = BoolExpr.andOf(oneTime);
        ExplainNode child = cur.explain();
        CostModel.Cost in = costOf(child);
        double qualCost = cost.exprCost(oneTime);
        ExplainNode ex = est(new ExplainNode("Result", cur.rows(), child), cur.rows(), child.width,
                new CostModel.Cost(in.startup() + qualCost, in.total() + qualCost))
                .detail("One-Time Filter: " + qualText(qual));
        return new Part(instr(new Result(cur.state(), qual, null, ctx), ex), ex, cur.rtes(), cur.rows());
    }


    /** Left-deep join order for FROM lists with LATERAL items: each item after the items it references. */
    private Part lateralOrder(List<Part> items, List<Expr> pending) {
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
            cur = joinWithPending(cur, next, pending);
        }
        return cur;
    }

    /** Joins two parts with the pending quals that become evaluable over both (removed from {@code pending}). */
    Part joinWithPending(Part cur, Part next, List<Expr> pending) {
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
        return join(JoinType.INNER, cur, next, joinQuals);
    }

    /** For JoinSearch: the range table entries a qual reads. */
    BitSet qualRtes(Expr qual) {
        return rtesOf(qual);
    }

    /** For JoinSearch: estimates of the inner join of two inputs with these quals. */
    JoinSearch.Estimate estimateJoin(JoinSearch.Estimate left, JoinSearch.Estimate right, List<Expr> quals) {
        JoinChoice c = chooseJoin(JoinType.INNER, left.est(), right.est(), quals);
        BitSet both = (BitSet) left.est().rtes().clone();
        both.or(right.est().rtes());
        return new JoinSearch.Estimate(new Est(both, c.rows(), c.cost(), c.width(), null, List.of()));
    }

    JoinSearch.Estimate estimate(Part p) {
        return new JoinSearch.Estimate(est(p));
    }

    /** join_collapse_limit's default. */
    private static final int JOIN_COLLAPSE_LIMIT = 8;

    private void collapseInnerJoins(JoinTreeNode n, List<JoinTreeNode> out, List<Expr> quals) {
        if (n instanceof JoinTreeNode.Join j && j.type() == JoinType.INNER
                && out.size() + leafCount(j) <= JOIN_COLLAPSE_LIMIT) {
            collapseInnerJoins(j.left(), out, quals);
            collapseInnerJoins(j.right(), out, quals);
            BoolExpr.conjuncts(j.quals(), quals);
            return;
        }
        out.add(n);
    }

    private static int leafCount(JoinTreeNode n) {
        if (n instanceof JoinTreeNode.Join j) {
            return leafCount(j.left()) + leafCount(j.right());
        }
        if (n instanceof JoinTreeNode.FromList fl) {
            int c = 0;
            for (JoinTreeNode i : fl.items()) {
                c += leafCount(i);
            }
            return c;
        }
        return 1;
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
        Expr qual = BoolExpr.andOf(quals);
        ExplainNode ex = p.explain();
        ex.detail("Filter: " + (p.rtes().cardinality() == 1 ? scanQualText(qual) : qualText(qual)));
        ex.totalCost += cost.exprCost(quals) * p.rows();
        ex.rows = CostModel.clampRows(p.rows() * sel.clauseList(quals));
        return new Part(instr(new Result(p.state(), counted(qual, ex, ExplainNode.Removed.FILTER), null, ctx), ex), ex,
                p.rtes(), ex.rows);
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
            return rangeRef(r, pushed, null);
        }
        return joinNode(n, pushed);
    }

    /** pathnode.c's STD_FUZZ_FACTOR: path costs within 1% of each other count as the same. */
    private static final double STD_FUZZ_FACTOR = 1.01;

    /** A base relation's scan with its restriction clauses: {@code forced} when given, else the cheapest path. */
    private Part rangeRef(JoinTreeNode.RangeRef r, List<Expr> pushedQuals, IndexPath forced) {
        if (!r.rte().securityQuals.isEmpty()) {
            // row-level security: the relation's security quals restrict its rows before anything else
            List<Expr> all = new ArrayList<>(r.rte().securityQuals);
            all.addAll(pushedQuals);
            pushedQuals = all;
        }
        {
            List<Expr> pushed = orderQualClauses(equivalencesLast(pushedQuals));
            if (r.rte().kind == RangeTblEntry.Kind.RELATION
                    && r.rte().relation instanceof org.tusk.engine.executor.scan.InheritanceRelation inh
                    && r.rte().rowMark == null && !inh.members().isEmpty() && !inh.members().get(0).emitsCtid()) {
                // plan-time partition pruning (not for DML or row-locking targets)
                org.tusk.engine.executor.scan.InheritanceRelation pruned = PartitionPruning.prune(r.rte(), inh,
                        pushed, ctx);
                if (pruned != null) {
                    r.rte().relation = pruned;
                }
            }
            if (r.rte().kind == RangeTblEntry.Kind.RELATION && r.rte().relation.hasNoStorageToScan()) {
                return dummyRelation(r.rte());
            }
            List<Expr> indexConds = new ArrayList<>();
            List<Expr> exactConds = List.of();
            Part p = null;
            Expr tidQual = forced != null || r.rte().kind != RangeTblEntry.Kind.RELATION || r.rte().ctidColumn < 0 ? null
                    : TidQuals.find(pushed, r.rte().offset + r.rte().ctidColumn, e -> !rtesOf(e).isEmpty());
            if (tidQual != null) {
                // create_tidscan_paths: a handful of TIDs to fetch beats any other path
                p = tidScan(r.rte(), tidQual, pushed);
                if (p != null) {
                    indexConds.add(tidQual);
                }
            }
            if (p == null && r.rte().kind == RangeTblEntry.Kind.RELATION) {
                IndexPath ip = forced != null ? forced : indexPath(r.rte(), pushed);
                CostModel.Cost seq = forced != null ? null : seqScanCost(r.rte(), pushed);
                BitmapPath bp = forced != null ? null : bitmapPath(r.rte(), pushed);
                double bitmapTotal = bp == null ? Double.MAX_VALUE : bitmapHeapCost(r.rte(), bp, pushed).total();
                // add_path's fuzzy comparison: an index scan starts sooner and keeps its order, so a
                // bitmap scan must be cheaper in total by more than STD_FUZZ_FACTOR to displace it
                if (bp != null && bitmapTotal < seq.total()
                        && (ip == null || bitmapTotal * STD_FUZZ_FACTOR < ip.cost().total())) {
                    p = bitmapHeapScan(r.rte(), bp, pushed, indexConds);
                    exactConds = exactBitmapConds(bp);
                } else if (ip != null && (forced != null || ip.cost().total() < seq.total() || !cost.enableSeqscan)) {
                    p = indexScan(r.rte(), ip, pushed);
                    indexConds.addAll(ip.conds());
                    indexConds.addAll(ip.impliedByPredicate());
                    exactConds = exactIndexConds(ip.index(), ip.keys(), ip.conds());
                }
            }
            if (p == null) {
                p = scan(r.rte(), pushed);
            }
            if (pushed.isEmpty()) {
                return new Part(instr(p.state(), p.explain()), p.explain(), p.rtes(), p.rows(), r.rte(), List.of());
            }
            // the quals are rechecked on the rows, but for index conditions the index applied exactly;
            // EXPLAIN shows only those the index did not take
            List<Expr> rechecked = new ArrayList<>(pushed);
            rechecked.removeAll(exactConds);
            if (rechecked.isEmpty()) {
                return new Part(instr(p.state(), p.explain()), p.explain(), p.rtes(), p.rows(), r.rte(), pushed);
            }
            List<Expr> shown = new ArrayList<>(pushed);
            shown.removeAll(indexConds);
            // under ANALYZE the qual counts the rows it removes; the scan itself applies it where it can
            Expr recheck = counted(BoolExpr.andOf(rechecked), p.explain(), ExplainNode.Removed.FILTER);
            Part f = new Part(instr(filtered(p.state(), recheck), p.explain()), p.explain(), p.rtes(), p.rows(),
                    r.rte(), pushed);
            if (!shown.isEmpty()) {
                String filter = "Filter: " + scanQualText(BoolExpr.andOf(shown));
                ExplainNode ex = f.explain();
                if (ex.label.equals("Append") && !ex.children.isEmpty() && r.rte().relation != null
                        && !r.rte().relation.appendMembers().isEmpty()) {
                    // an inheritance set: each member's scan applies the quals (set_append_rel_size)
                    for (ExplainNode child : ex.children) {
                        child.detail(filter);
                    }
                } else {
                    ex.detail(filter);
                }
            }
            return f;
        }
    }

    /**
     * A base relation's rows filtered by its quals: a sequential scan applies them itself, deforming
     * only the columns they read before a row passes (ExecScan with slot_getsomeattrs); any other
     * scan, or quals that read the ctid, system columns or anything but plain columns of this
     * relation (a subplan, an aggregate's slot), get a Result above the scan.
     */
    private PlanState filtered(PlanState scan, Expr qual) {
        if (scan instanceof Place place && place.child() instanceof org.tusk.engine.executor.scan.SeqScanNode seq) {
            int columns = leadingColumns(qual, place.offset(), seq.relationColumns());
            if (columns > 0) {
                seq.filterBy(qual, ctx, place.width(), place.offset(), columns);
                return place;
            }
        }
        return new Result(scan, qual, null, ctx);
    }

    /**
     * One past the last of the relation's {@code relationColumns} columns (placed from {@code offset})
     * that {@code qual} reads, or -1 when it reads anything else or something a column walk cannot
     * see (then the scan cannot evaluate it on a partly deformed row).
     */
    private static int leadingColumns(Expr qual, int offset, int relationColumns) {
        if (relationColumns <= 0) {
            return -1;
        }
        int[] last = {0};
        return readsOnlyColumns(qual, offset, relationColumns, last) ? Math.max(1, last[0]) : -1;
    }

    private static boolean readsOnlyColumns(Expr e, int offset, int relationColumns, int[] last) {
        if (e == null) {
            return true;
        }
        if (e instanceof VarExpr v) {
            int column = v.attno() - offset;
            if (column < 0 || column >= relationColumns) {
                return false;
            }
            last[0] = Math.max(last[0], column + 1);
            return true;
        }
        if (e instanceof SubPlanExpr || e instanceof SlotExpr || e instanceof org.tusk.engine.analyze.GroupingExpr) {
            return false;
        }
        for (Expr c : e.children()) {
            if (!readsOnlyColumns(c, offset, relationColumns, last)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A qualification as EXPLAIN shows it (show_qual): columns prefixed by their relation when the
     * level has several relations, or always under VERBOSE.
     */
    private String qualText(Expr qual) {
        return verbose ? Deparser.qualified(qual) : Deparser.expr(qual, q);
    }

    /** A scan's own qualification: its columns unprefixed (there is one relation), except under VERBOSE. */
    private String scanQualText(Expr qual) {
        return verbose ? Deparser.qualified(qual) : Deparser.unqualified(qual);
    }

    /** A relation known to be empty (set_dummy_rel_pathlist): a Result that never returns a row, its quals dropped. */
    private Part dummyRelation(RangeTblEntry rte) {
        BitSet self = new BitSet();
        self.set(q.rtable.indexOf(rte));
        return emptyResult(self, outputWidth(rte), rte);
    }

    /** The "Result / One-Time Filter: false" of a dummy relation over {@code rtes}. */
    private Part emptyResult(BitSet rtes, int width, RangeTblEntry baseRte) {
        ExplainNode ex = new ExplainNode("Result", 0).detail("One-Time Filter: false");
        est(ex, 0, width, new CostModel.Cost(0, 0));
        ex.rows = 0;
        PlanState empty = new PlanState() {
            @Override
            public Object[] next() {
                return null;
            }

            @Override
            public void rescan() {
            }
        };
        return new Part(instr(empty, ex), ex, rtes, 0, baseRte, baseRte == null ? null : List.of());
    }

    /**
     * Whether an expression runs a subquery per row (a SubPlan, far more expensive than any operator).
     * An uncorrelated scalar subquery is an InitPlan: it runs once and the clause reads its Param.
     */
    private static boolean hasSubLink(Expr e) {
        if (e instanceof SubLinkExpr s) {
            return s.correlated() || s.kind() != org.tusk.engine.executor.SubPlanExpr.Kind.EXPR;
        }
        for (Expr c : e.children()) {
            if (hasSubLink(c)) {
                return true;
            }
        }
        return false;
    }

    /** order_qual_clauses: cheapest clauses first (per-row cost), ties kept in their order. */
    private List<Expr> orderQualClauses(List<Expr> quals) {
        if (quals.size() < 2) {
            return quals;
        }
        List<Expr> out = new ArrayList<>(quals);
        out.sort(java.util.Comparator.comparingDouble(qual -> cost.exprCost(qual) + (hasSubLink(qual) ? 1e6 : 0)));
        return out;
    }

    /**
     * The restriction clauses in the order PostgreSQL's relation holds them: a
     * mergejoinable equality ({@code x = 5}, {@code x = y}) goes into an
     * equivalence class and comes back (generate_base_implied_equalities) after
     * the clauses that did not, so "Filter:" lists it last.
     */
    private static List<Expr> equivalencesLast(List<Expr> quals) {
        List<Expr> out = new ArrayList<>();
        List<Expr> equalities = new ArrayList<>();
        for (Expr qual : quals) {
            (isEquivalenceClause(qual) ? equalities : out).add(qual);
        }
        if (equalities.isEmpty()) {
            return quals;
        }
        out.addAll(equalities);
        return out;
    }

    private static boolean isEquivalenceClause(Expr qual) {
        if (!(qual instanceof FuncExpr f) || !f.name().equals("=") || f.args().size() != 2) {
            return false;
        }
        for (Expr a : f.args()) {
            PgType t = a.type();
            if (t == null || t.category() == 'G' || t == PgType.JSON || t == PgType.XML || t.isPseudo()) {
                return false;                   // no btree equality to merge on
            }
        }
        BitSet vars = new BitSet();
        varsOf(qual, vars);
        return !vars.isEmpty() && !volatileIn(qual);
    }

    private static boolean volatileIn(Expr e) {
        if (e instanceof FuncExpr f && f.volatility() == 'v' || e instanceof SubLinkExpr) {
            return true;
        }
        for (Expr c : e.children()) {
            if (volatileIn(c)) {
                return true;
            }
        }
        return false;
    }

    private Part joinNode(JoinTreeNode n, List<Expr> pushed) {
        if (n instanceof JoinTreeNode.Join j) {
            BitSet lr = rtesOf(j.left());
            BitSet rr = rtesOf(j.right());
            List<Expr> toLeft = new ArrayList<>();
            List<Expr> toRight = new ArrayList<>();
            List<Expr> above = new ArrayList<>();
            boolean leftOk = j.type() == JoinType.INNER || j.type() == JoinType.LEFT || j.type() == JoinType.SEMI
                    || j.type() == JoinType.ANTI;
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
            BoolExpr.conjuncts(j.quals(), quals);
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
            } else if (j.type() == JoinType.LEFT || j.type() == JoinType.SEMI || j.type() == JoinType.ANTI) {
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

    /** What the join search knows about a plan part or a join of parts, without building it. */
    record Est(BitSet rtes, double rows, CostModel.Cost cost, int width, RangeTblEntry baseRte,
            List<Expr> baseQuals) {}

    private static Est est(Part p) {
        return new Est(p.rtes(), p.rows(), costOf(p.explain()), p.explain().width, p.baseRte(),
                p.baseQuals() == null ? List.of() : p.baseQuals());
    }

    private enum JoinMethod { LATERAL_LOOP, INDEX_LOOP, HASH, MATERIAL_LOOP, CTE_LOOP }

    /** The join method chosen for two inputs, the estimated output, and the parameterized index path if any. */
    private record JoinChoice(JoinMethod method, double rows, CostModel.Cost cost, int width, IndexLoop indexLoop) {}

    /** A parameterized inner index scan: inner.col = outerValue on the index's leading column. */
    private record IndexLoop(IndexInfo index, VarExpr column, Expr outerValue, CostModel.Cost innerCost,
            double innerRows) {}

    /** The equality quals usable as hash keys, split into {outer keys, inner keys, quals}. */
    private List<List<Expr>> hashKeys(BitSet left, BitSet right, List<Expr> quals) {
        List<Expr> outerKeys = new ArrayList<>();
        List<Expr> innerKeys = new ArrayList<>();
        List<Expr> hashConds = new ArrayList<>();
        for (Expr qual : quals) {
            if (qual instanceof FuncExpr f && f.name().equals("=") && f.args().size() == 2) {
                Expr a = f.args().get(0);
                Expr b = f.args().get(1);
                BitSet ra = rtesOf(a);
                BitSet rb = rtesOf(b);
                if (!ra.isEmpty() && !rb.isEmpty() && hashable(a, b)) {
                    if (subset(ra, left) && subset(rb, right)) {
                        outerKeys.add(a);
                        innerKeys.add(b);
                        hashConds.add(qual);
                    } else if (subset(rb, left) && subset(ra, right)) {
                        outerKeys.add(b);
                        innerKeys.add(a);
                        hashConds.add(qual);
                    }
                }
            }
        }
        return List.of(outerKeys, innerKeys, hashConds);
    }

    /** calc_joinrel_size_estimate: the cross product times the quals' selectivity, adjusted for outer joins. */
    private double joinRows(JoinType type, Est left, Est right, List<Expr> quals) {
        double s = 1.0;
        for (Expr qual : quals) {
            if (qual instanceof FuncExpr f && f.name().equals("=") && f.args().size() == 2
                    && !rtesOf(f.args().get(0)).isEmpty() && !rtesOf(f.args().get(1)).isEmpty()) {
                s *= sel.eqJoin(f.args().get(0), f.args().get(1));
            } else {
                s *= sel.clause(qual);
            }
        }
        double rows = left.rows() * right.rows() * s;
        switch (type) {
            case LEFT: rows = Math.max(rows, left.rows()); break;
            case RIGHT: rows = Math.max(rows, right.rows()); break;
            case FULL: rows = Math.max(Math.max(rows, left.rows()), right.rows()); break;
            case SEMI: rows = left.rows() * Math.min(1, s * right.rows()); break;
            case ANTI: rows = left.rows() * Math.max(0.1, 1 - Math.min(1, s * right.rows())); break;
            default: break;
        }
        return CostModel.clampRows(rows);
    }

    private boolean hasLateralParams(BitSet rtes) {
        for (int i = rtes.nextSetBit(0); i >= 0; i = rtes.nextSetBit(i + 1)) {
            if (!q.rtable.get(i).params.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** The cheapest way to join two inputs (add_path over the join methods this executor has). */
    private JoinChoice chooseJoin(JoinType type, Est left, Est right, List<Expr> quals) {
        double rows = joinRows(type, left, right, quals);
        // a semi or anti join returns the outer row only
        int width = type == JoinType.SEMI || type == JoinType.ANTI ? left.width() : left.width() + right.width();
        if (hasLateralParams(right.rtes())) {
            CostModel.Cost c = cost.nestLoop(left.cost(), left.rows(), right.cost(), right.rows(), right.cost().total(),
                    cost.exprCost(quals), rows);
            return new JoinChoice(JoinMethod.LATERAL_LOOP, rows, c, width, null);
        }
        JoinChoice best = null;
        List<List<Expr>> keys = hashKeys(left.rtes(), right.rtes(), quals);
        if (!keys.get(0).isEmpty()) {
            List<Expr> rest = new ArrayList<>(quals);
            rest.removeAll(keys.get(2));
            double nd = 1;
            for (Expr k : keys.get(1)) {
                nd = Math.max(nd, sel.nDistinct(k));
            }
            double bucketRows = Math.max(1, right.rows() / Math.min(nd, Math.max(1, right.rows())));
            CostModel.Cost c = cost.hashJoin(left.cost(), left.rows(), right.cost(), right.rows(), right.width(),
                    keys.get(0).size(), bucketRows, cost.exprCost(rest), rows);
            best = new JoinChoice(JoinMethod.HASH, rows, c, width, null);
        }
        IndexLoop il = indexLoop(type, left, right, quals);
        if (il != null) {
            List<Expr> joinQuals = quals;
            CostModel.Cost c = cost.nestLoop(left.cost(), left.rows(), il.innerCost(), il.innerRows(),
                    il.innerCost().total(), cost.exprCost(joinQuals) / Math.max(1, right.rows()), rows);
            if (best == null || c.total() < best.cost().total()) {
                best = new JoinChoice(JoinMethod.INDEX_LOOP, rows, c, width, il);
            }
        }
        if (type != JoinType.FULL) {
            // the outer side of a RIGHT join's nested loop is the right input
            Est outer = type == JoinType.RIGHT ? right : left;
            Est inner = type == JoinType.RIGHT ? left : right;
            if (isCteScan(inner)) {
                // a CTE scan reads a tuplestore already (ExecMaterializesOutput): no Materialize above
                // it, and a rescan costs what cost_rescan charges a CteScan
                CostModel.Cost c = cost.nestLoop(outer.cost(), outer.rows(), inner.cost(), inner.rows(),
                        cost.cteRescan(inner.rows(), inner.width()), cost.exprCost(quals), rows);
                if (best == null || c.total() < best.cost().total()) {
                    best = new JoinChoice(JoinMethod.CTE_LOOP, rows, c, width, null);
                }
            } else {
                CostModel.Cost mat = cost.material(inner.cost(), inner.rows());
                CostModel.Cost c = cost.nestLoop(outer.cost(), outer.rows(), mat, inner.rows(),
                        cost.materialRescan(inner.rows()), cost.exprCost(quals), rows);
                if (best == null || c.total() < best.cost().total()) {
                    best = new JoinChoice(JoinMethod.MATERIAL_LOOP, rows, c, width, null);
                }
            }
        }
        if (best == null) {
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "FULL JOIN is only supported with merge-joinable or hash-joinable join conditions");
        }
        return best;
    }

    /** Whether a join input is one (non-recursive) CTE reference's scan, with or without its quals. */
    private static boolean isCteScan(Est e) {
        return e.baseRte() != null && e.baseRte().kind == RangeTblEntry.Kind.CTE && e.rtes().cardinality() == 1
                && e.baseRte().params.isEmpty();
    }

    /**
     * A parameterized index path for the inner side when it is a single base
     * relation with an index whose leading column is compared for equality with
     * an expression of the outer side.
     */
    private IndexLoop indexLoop(JoinType type, Est left, Est right, List<Expr> quals) {
        RangeTblEntry rte = right.baseRte();
        if (rte == null || rte.kind != RangeTblEntry.Kind.RELATION || type == JoinType.RIGHT || type == JoinType.FULL
                || right.rtes().cardinality() != 1 || rte.relation.indexes().isEmpty()) {
            return null;
        }
        int index = q.rtable.indexOf(rte);
        IndexLoop best = null;
        for (IndexInfo idx : rte.relation.indexes()) {
            int leading = idx.attnums().get(0);
            if (leading == 0 || idx.predicate() != null
                    && !PredicateTest.impliedBy(right.baseQuals(), idx.predicate(), rte.offset)) {
                continue;                   // an expression key, or a partial index the scan's quals do not imply
            }
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
                        double tuples = relTuples(rte);
                        double eqSel = 1.0 / sel.nDistinct(v);
                        boolean uniqueEq = idx.unique() && idx.attnums().size() == 1;
                        int keyWidth = CostModel.typeWidth(v.type(), v.typmod());
                        double indexPages = indexPages(rte, idx, tuples, keyWidth);
                        ColumnStatistics lead = statistics(rte, leading);
                        CostModel.Cost c = cost.indexScan(CostModel.estimatePages(rte.relation.size()), tuples,
                                indexPages, eqSel, uniqueEq, cost.cpuOperatorCost, cost.exprCost(right.baseQuals()),
                                lead == null ? 0 : lead.correlation(), false, left.rows()).scan();
                        double innerRows = CostModel.clampRows(tuples * eqSel
                                * (right.baseQuals().isEmpty() ? 1 : sel.clauseList(right.baseQuals())));
                        if (best == null || c.total() < best.innerCost().total()) {
                            best = new IndexLoop(idx, v, outerValue, c, innerRows);
                        }
                    }
                }
            }
        }
        return best;
    }

    private Part join(JoinType type, Part left, Part right, List<Expr> quals) {
        BitSet both = (BitSet) left.rtes().clone();
        both.or(right.rtes());
        int w = q.baseWidth;
        JoinChoice choice = chooseJoin(type, est(left), est(right), quals);
        double rows = choice.rows();
        List<NestLoop.NestParam> params = new ArrayList<>();
        for (int i = right.rtes().nextSetBit(0); i >= 0; i = right.rtes().nextSetBit(i + 1)) {
            for (RangeTblEntry.ParamBinding b : q.rtable.get(i).params) {
                params.add(new NestLoop.NestParam(b.slot(), b.value()));
            }
        }
        if (choice.method() == JoinMethod.LATERAL_LOOP) {
            if (type == JoinType.RIGHT || type == JoinType.FULL) {
                throw Ereport.error("42P10", "The combining JOIN type must be INNER or LEFT for a LATERAL reference.");
            }
            ExplainNode ex = new ExplainNode(joinLabel("Nested Loop", type), rows, left.explain(), right.explain());
            PlanState nl = new NestLoop(type, left.state(), w, right.state(), w,
                    counted(quals.isEmpty() ? null : BoolExpr.andOf(quals), ex, ExplainNode.Removed.JOIN_FILTER), null,
                    params, ctx).mergingSlots(slotsOf(right.rtes()));
            if (!quals.isEmpty()) {
                ex.detail("Join Filter: " + qualText(BoolExpr.andOf(quals)));
            }
            est(ex, rows, choice.width(), choice.cost());
            return new Part(instr(nl, ex), ex, both, ex.rows);
        }
        if (choice.method() == JoinMethod.INDEX_LOOP) {
            return parameterizedIndexLoop(type, left, right, quals, both, choice);
        }
        List<List<Expr>> keys = hashKeys(left.rtes(), right.rtes(), quals);
        List<Expr> outerKeys = keys.get(0);
        List<Expr> innerKeys = keys.get(1);
        List<Expr> hashConds = keys.get(2);
        if (choice.method() == JoinMethod.HASH) {
            List<Expr> rest = new ArrayList<>(quals);
            rest.removeAll(hashConds);
            Expr joinQual = rest.isEmpty() ? null : BoolExpr.andOf(rest);
            ExplainNode inner = right.explain();
            ExplainNode hash = est(new ExplainNode("Hash", right.rows(), inner), right.rows(), inner.width,
                    new CostModel.Cost(inner.totalCost, inner.totalCost));
            ExplainNode ex = new ExplainNode(joinLabel("Hash Join", type), rows, left.explain(), hash);
            HashJoin hj = new HashJoin(type, left.state(), w, right.state(), w, outerKeys, innerKeys,
                    counted(joinQual, ex, ExplainNode.Removed.JOIN_FILTER), null, estate).mergingSlots(slotsOf(right.rtes()));
            List<Expr> shownConds = new ArrayList<>();
            for (Expr h : hashConds) {
                shownConds.add(outerFirst(h, left.rtes()));
            }
            ex.detail("Hash Cond: " + qualText(BoolExpr.andOf(shownConds)));
            if (joinQual != null) {
                ex.detail("Join Filter: " + qualText(joinQual));
            }
            est(ex, rows, choice.width(), choice.cost());
            return new Part(instr(hj, ex), ex, both, ex.rows);
        }
        Expr joinQual = quals.isEmpty() ? null : BoolExpr.andOf(quals);
        Part outer = left;
        Part inner = right;
        JoinType t = type;
        if (type == JoinType.RIGHT) {
            outer = right;
            inner = left;
            t = JoinType.LEFT;
        }
        ExplainNode mat;
        PlanState innerState;
        if (choice.method() == JoinMethod.CTE_LOOP) {
            mat = inner.explain();
            innerState = inner.state();
        } else {
            mat = est(new ExplainNode("Materialize", inner.rows(), inner.explain()), inner.rows(),
                    inner.explain().width, cost.material(costOf(inner.explain()), inner.rows()));
            innerState = instr(new Material(inner.state(), estate), mat);
        }
        ExplainNode ex = new ExplainNode(joinLabel("Nested Loop", t), rows, outer.explain(), mat);
        PlanState nl = new NestLoop(t, outer.state(), w, innerState, w, counted(joinQual, ex, ExplainNode.Removed.JOIN_FILTER),
                null, List.of(), ctx).mergingSlots(slotsOf(inner.rtes()));
        if (joinQual != null) {
            ex.detail("Join Filter: " + qualText(joinQual));
        }
        est(ex, rows, choice.width(), choice.cost());
        return new Part(instr(nl, ex), ex, both, ex.rows);
    }

    /**
     * A nested loop whose inner side is an index scan of a base relation driven by
     * the outer row (inner.col = outer expression on the index's leading column):
     * each outer row sets executor params that the scan's keys read at rescan.
     */
    private Part parameterizedIndexLoop(JoinType type, Part left, Part right, List<Expr> quals, BitSet both,
            JoinChoice choice) {
        RangeTblEntry rte = right.baseRte();
        IndexLoop il = choice.indexLoop();
        VarExpr v = il.column();
        Expr outerValue = il.outerValue();
        int slot = estate.newParamSlot();
        IndexScanKey key = new IndexScanKey(1, IndexScanKey.Strategy.EQUAL,
                new org.tusk.engine.expr.ExecParamExpr(slot, v.type(), v.typmod()));
        PlanState scan = new Place(rte.relation.openIndexScan(il.index(), List.of(key), false, false, estate),
                q.baseWidth, rte.offset, rte.columns.size());
        String name = rte.relation.name();
        ExplainNode inner = new ExplainNode("Index Scan using " + il.index().name() + " on " + name
                + (rte.refname.equals(name) ? "" : " " + rte.refname), 1);
        if (!right.baseQuals().isEmpty()) {
            scan = new Result(scan, counted(BoolExpr.andOf(right.baseQuals()), inner, ExplainNode.Removed.FILTER), null, ctx);
        }
        inner.detail("Index Cond: (" + qualText(v) + " = " + qualText(outerValue) + ")");
        if (!right.baseQuals().isEmpty()) {
            inner.detail("Filter: " + scanQualText(BoolExpr.andOf(right.baseQuals())));
        }
        est(inner, il.innerRows(), outputWidth(rte), il.innerCost());
        scan = instr(scan, inner);
        PlanState nl = new NestLoop(type, left.state(), q.baseWidth, scan, q.baseWidth, quals.isEmpty() ? null : BoolExpr.andOf(quals),
                null, List.of(new NestLoop.NestParam(slot, outerValue)), ctx).mergingSlots(slotsOf(right.rtes()));
        ExplainNode ex = new ExplainNode(joinLabel("Nested Loop", type), choice.rows(), left.explain(), inner);
        est(ex, choice.rows(), choice.width(), choice.cost());
        return new Part(instr(nl, ex), ex, both, ex.rows);
    }

    /** A hash clause as EXPLAIN shows it: the outer side's argument first (the clause commuted if needed). */
    private Expr outerFirst(Expr qual, BitSet outer) {
        if (qual instanceof FuncExpr f && f.args().size() == 2 && f.name().equals("=")
                && !subset(rtesOf(f.args().get(0)), outer) && subset(rtesOf(f.args().get(1)), outer)) {
            return new FuncExpr(f.name(), f.body(), List.of(f.args().get(1), f.args().get(0)), f.type(), f.typmod(),
                    f.strict(), f.volatility());
        }
        return qual;
    }

    private static String joinLabel(String base, JoinType t) {
        if (t != JoinType.INNER && base.endsWith(" Join")) {
            base = base.substring(0, base.length() - " Join".length());   // "Hash Left Join", "Hash Semi Join"
        }
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

    private CostModel.Cost seqScanCost(RangeTblEntry rte, List<Expr> quals) {
        return cost.seqScan(CostModel.estimatePages(rte.relation.size()), relTuples(rte), cost.exprCost(quals));
    }

    /** generate_series' row estimate for constant integer arguments (its planner support function), else 1000. */
    private static double functionRows(RangeTblEntry rte) {
        FunctionScan.Call call = rte.functions.get(0);
        if (rte.functions.size() == 1 && call.function().name().equals("generate_series") && call.args().size() >= 2) {
            Object start = call.args().get(0) instanceof org.tusk.engine.expr.ConstExpr c ? c.value() : null;
            Object stop = call.args().get(1) instanceof org.tusk.engine.expr.ConstExpr c ? c.value() : null;
            Object step = call.args().size() > 2 ? (call.args().get(2) instanceof org.tusk.engine.expr.ConstExpr c
                    ? c.value() : null) : Integer.valueOf(1);
            if (start instanceof Number a && stop instanceof Number b && step instanceof Number st
                    && !(start instanceof java.math.BigDecimal) && st.doubleValue() != 0) {
                double n = Math.floor((b.doubleValue() - a.doubleValue()) / st.doubleValue()) + 1;
                return Math.max(0, n);
            }
        }
        return 1000;
    }

    /** The scan of one range table entry, its estimates covering the quals the caller will filter with. */
    private Part scan(RangeTblEntry rte, List<Expr> quals) {
        int index = q.rtable.indexOf(rte);
        BitSet self = new BitSet();
        self.set(index);
        int w = q.baseWidth;
        int n = rte.columns.size();
        PlanState s;
        ExplainNode ex;
        double rows;
        double qualCost = cost.exprCost(quals);
        double selectivity = quals.isEmpty() ? 1.0 : sel.clauseList(quals);
        int width = outputWidth(rte);
        CostModel.Cost c;
        switch (rte.kind) {
            case RELATION: {
                s = rte.relation.openSeqScan(estate);
                String name = rte.relation.name();
                if (rte.relation.appendMembers().size() == 1) {
                    // one member left (after pruning): its scan alone, named by the query's alias
                    BaseRelation m = rte.relation.appendMembers().get(0);
                    ex = new ExplainNode("Seq Scan on " + m.name() + (rte.refname.equals(m.name()) ? "" : " " + rte.refname), 0);
                } else if (!rte.relation.appendMembers().isEmpty()) {
                    // an inheritance set: an Append of each member's scan, the first named by the query's alias
                    List<ExplainNode> scans = new ArrayList<>();
                    int n2 = 0;
                    for (BaseRelation m : rte.relation.appendMembers()) {
                        String alias = rte.refname + "_" + (++n2);
                        scans.add(new ExplainNode("Seq Scan on " + m.name() + (alias.equals(m.name()) ? "" : " " + alias), 0));
                    }
                    ex = new ExplainNode("Append", 0, scans.toArray(new ExplainNode[0]));
                } else {
                    ex = new ExplainNode("Seq Scan on " + name + (rte.refname.equals(name) ? "" : " " + rte.refname), 0);
                }
                rows = relTuples(rte);
                c = seqScanCost(rte, quals);
                break;
            }
            case SUBQUERY: {
                Planned sub = plan(rte.subquery, estate);
                s = sub.state();
                rows = sub.explain().rows;
                if (rte.pulledUpSubLink && quals.isEmpty()) {
                    // a pulled-up sublink's subquery is only a projection: its plan stands in the join
                    ex = sub.explain();
                    c = costOf(ex);
                    width = ex.width;
                } else {
                    ex = new ExplainNode("Subquery Scan on " + rte.refname, 0, sub.explain());
                    c = cost.passThrough(costOf(sub.explain()), rows, qualCost);
                }
                break;
            }
            case VALUES:
                s = new ValuesScan(rte.values, ctx);
                // PostgreSQL names VALUES lists *VALUES*, *VALUES*_1, ... whatever their alias
                ex = new ExplainNode("Values Scan on \"*VALUES*" + (valuesScans++ == 0 ? "" : "_" + (valuesScans - 1)) + "\"",
                        0);
                rows = rte.values.size();
                c = cost.valuesScan(rows, qualCost);
                break;
            case FUNCTION:
                s = new FunctionScan(rte.functions, rte.ordinality, ctx);
                ex = new ExplainNode("Function Scan on " + rte.functions.get(0).function().name()
                        + (rte.refname.equals(rte.functions.get(0).function().name()) ? "" : " " + rte.refname), 0);
                rows = functionRows(rte);
                c = cost.functionScan(rows, qualCost);
                break;
            case CTE: {
                CteState cte = cteState(rte.cte);
                s = new CteScan(cte, false);
                ex = new ExplainNode("CTE Scan on " + rte.cte.name + (rte.refname.equals(rte.cte.name) ? "" : " " + rte.refname),
                        0);
                // cost_ctescan: the CTE's own estimate (a recursive one keeps the default guess)
                rows = cte.estimatedRows >= 0 ? cte.estimatedRows : 1000;
                c = cost.cteScan(rows, qualCost);
                break;
            }
            case WORKTABLE:
                s = new WorkTableScan((WorkTable) ctx.attachment(rte.cte.workTableKey));
                ex = new ExplainNode("WorkTable Scan on " + rte.cte.name
                        + (rte.refname.equals(rte.cte.name) ? "" : " " + rte.refname), 0);
                rows = 100;
                c = cost.passThrough(new CostModel.Cost(0, 0), rows, qualCost);
                break;
            case SETOP: {
                Planned sp = setOp(rte.setOp);
                s = sp.state();
                ex = sp.explain();
                rows = ex.rows;
                c = costOf(ex).plus(qualCost * rows);
                width = ex.width;
                break;
            }
            default:
                throw new IllegalStateException("cannot scan " + rte);
        }
        est(ex, rows * selectivity, width, c);
        return new Part(new Place(s, w, rte.offset, n), ex, self, ex.rows);
    }

    /** Whether the scan below already returns the rows in ORDER BY order (an ordered index scan). */
    private boolean sortProvided;

    /**
     * An index scan whose order provides the query's ORDER BY (build_index_pathkeys
     * + the choice between a presorted path and an explicit Sort), when the level
     * scans one base relation and nothing between scan and sort reorders rows;
     * chosen when cheaper than {@code unordered} plus a Sort, with a constant
     * LIMIT counting only the fraction of the scan it reads. Null otherwise.
     */
    /** Set when the scan's index order gives the GROUP BY order (a GroupAggregate instead of hashing). */
    private boolean groupOrderProvided;

    /**
     * Whether grouping may read its input in ORDER BY order from an index: GROUP BY plain columns,
     * ORDER BY the same columns ascending, and a constant LIMIT that makes reading a few groups
     * from the index cheaper than hashing every row (then sorting the groups).
     */
    private boolean groupsInSortOrder() {
        if (!q.hasAggregation() || q.groupingSets != null || q.groupKeys.isEmpty() || q.distinct
                || !q.windows.isEmpty() || !q.srfs.isEmpty() || q.withTies || constNumber(q.limitCount) == null
                || q.sortKeys.size() != q.groupKeys.size()) {
            return false;
        }
        for (int i = 0; i < q.sortKeys.size(); i++) {
            SortKey k = q.sortKeys.get(i);
            if (k.descending() || k.nullsFirst() || !(k.expr() instanceof VarExpr v) || !v.equals(q.groupKeys.get(i))) {
                return false;
            }
        }
        return true;
    }

    private Part orderedScan(Part unordered, boolean forGrouping) {
        if (q.sortKeys.isEmpty() || q.distinct || q.hasAggregation() && !forGrouping || !q.windows.isEmpty()
                || q.jointree.items().size() != 1 || !(q.jointree.items().get(0) instanceof JoinTreeNode.RangeRef r)
                || r.rte().kind != RangeTblEntry.Kind.RELATION) {
            return null;
        }
        RangeTblEntry rte = r.rte();
        List<Expr> quals = new ArrayList<>();
        BoolExpr.conjuncts(q.jointree.quals(), quals);
        for (Expr qual : quals) {
            if (rtesOf(qual).isEmpty()) {
                return null;                    // a constant qual: a gating Result the plain path keeps
            }
        }
        List<Object[]> candidates = indexCandidates(rte, quals);
        double rows = unordered.rows();
        int width = exprWidth(targetExprs());
        double bound = -1;
        Double countValue = constNumber(q.limitCount);
        if (countValue != null && !q.withTies) {
            Double offsetValue = constNumber(q.limitOffset);
            bound = countValue + (offsetValue != null ? offsetValue : 0);
        }
        double fraction = bound > 0 && rows > 0 ? Math.min(1, bound / rows) : 1;
        CostModel.Cost sorted = cost.sort(costOf(unordered.explain()), rows, width, bound);
        double sortedCost = sorted.startup() + (sorted.total() - sorted.startup()) * fraction;
        if (forGrouping) {
            // the groups the LIMIT needs, against hashing all rows (the whole unordered scan)
            double groups = numGroups(q.groupKeys, rows);
            fraction = bound > 0 && groups > 0 ? Math.min(1, bound / groups) : 1;
            sortedCost = costOf(unordered.explain()).total();
        }
        IndexPath best = null;
        double bestCost = 0;
        for (IndexInfo idx : rte.relation.indexes()) {
            Boolean reverse = orderMatches(rte, idx, candidates);
            if (reverse == null) {
                continue;
            }
            IndexPath p = pathFor(rte, idx, quals, candidates, true, false);
            if (p == null) {
                continue;
            }
            boolean backward = reverse != idx.descending().get(0);
            p = p.directed(backward, reverse);
            double c = p.cost().startup() + (p.cost().total() - p.cost().startup()) * fraction;
            if (best == null || c < bestCost) {
                best = p;
                bestCost = c;
            }
        }
        if (best == null || bestCost >= sortedCost) {
            return null;
        }
        return rangeRef(r, quals, best);
    }

    /**
     * Whether the index's stored (ascending, NULLS LAST) order gives the ORDER BY:
     * false when read forward, true backward, null when it does not; index
     * columns fixed by an equality clause may be skipped.
     */
    private Boolean orderMatches(RangeTblEntry rte, IndexInfo idx, List<Object[]> candidates) {
        if (idx.hash()) {
            return null;                        // a hash index has no order (amcanorder false)
        }
        Boolean reverse = null;
        int col = 0;
        for (SortKey k : q.sortKeys) {
            if (k.descending() != k.nullsFirst()) {
                return null;                    // ASC NULLS FIRST / DESC NULLS LAST: not the stored order either way
            }
            while (col < idx.attnums().size() && !keyMatches(rte, idx, col, k.expr())
                    && equalityOn(rte, idx, col, candidates)) {
                col++;
            }
            if (col >= idx.attnums().size() || !keyMatches(rte, idx, col, k.expr())) {
                return null;
            }
            if (reverse != null && reverse != k.descending()) {
                return null;
            }
            reverse = k.descending();
            col++;
        }
        return reverse;
    }

    private static boolean keyMatches(RangeTblEntry rte, IndexInfo idx, int col, Expr e) {
        Expr keyExpr = idx.keyExpr(col);
        return keyExpr != null ? PredicateTest.same(e, rte.offset, keyExpr, 0)
                : e instanceof VarExpr v && v.attno() - rte.offset + 1 == idx.attnums().get(col);
    }

    private static boolean equalityOn(RangeTblEntry rte, IndexInfo idx, int col, List<Object[]> candidates) {
        for (Object[] c : candidates) {
            if (c[1] == IndexScanKey.Strategy.EQUAL && keyMatches(rte, idx, col, (Expr) c[0])) {
                return true;
            }
        }
        return false;
    }

    /**
     * A way to scan a relation through one of its btree indexes, with its estimated cost; indexTotal and
     * indexSelectivity are the index access part of it (what a Bitmap Index Scan over the same clauses costs).
     */
    private record IndexPath(IndexInfo index, List<IndexScanKey> keys, List<Expr> conds, CostModel.Cost cost,
            List<Expr> impliedByPredicate, boolean indexOnly, boolean backward, boolean reverse, List<Expr> shownConds,
            double indexTotal, double indexSelectivity) {

        /** The same path scanned in a given direction: {@code backward} against the index's declared order, {@code reverse} against its stored (ascending) order. */
        IndexPath directed(boolean backward, boolean reverse) {
            return new IndexPath(index, keys, conds, cost, impliedByPredicate, indexOnly, backward, reverse, shownConds,
                    indexTotal, indexSelectivity);
        }
    }

    /**
     * The cheapest index path for a relation when some pushed-down qualification is
     * {@code column op value} (op one of = < <= > >=, value not reading the
     * relation) on an index's leading column; candidate indexes are ranked by
     * their leading equality columns (unique preferred) and costed. Every
     * qualification is still checked on the rows (the caller's filter), so the
     * keys only narrow the scan. Null when no index applies.
     */
    private IndexPath indexPath(RangeTblEntry rte, List<Expr> quals) {
        List<IndexInfo> indexes = rte.relation.indexes();
        if (indexes.isEmpty() || quals.isEmpty()) {
            return null;
        }
        List<Object[]> candidates = indexCandidates(rte, quals);
        if (candidates.isEmpty()) {
            return null;
        }
        IndexPath best = null;
        for (IndexInfo idx : indexes) {
            IndexPath p = pathFor(rte, idx, quals, candidates, false, false);
            if (p != null && (best == null || p.cost().total() < best.cost().total())) {
                best = p;
            }
        }
        return best;
    }

    /** Restriction clauses {@code operand op value} usable as index keys: {operand, strategy, value, clause}. */
    private List<Object[]> indexCandidates(RangeTblEntry rte, List<Expr> quals) {
        int index = q.rtable.indexOf(rte);
        List<Object[]> candidates = new ArrayList<>();
        for (Expr qual : quals) {
            Object[] bool = booleanCandidate(qual);
            if (bool != null) {
                Expr col = (Expr) bool[0];
                if (rtesOf(col).get(index) && rtesOf(col).cardinality() == 1) {
                    candidates.add(bool);
                }
                continue;
            }
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
                if (!(col instanceof ConstExpr) && rtesOf(col).get(index) && rtesOf(col).cardinality() == 1
                        && !rtesOf(val).get(index) && val.type() == col.type()) {
                    candidates.add(new Object[] {col, side == 0 ? st : commute(st), val, qual});
                    break;
                }
            }
        }
        return candidates;
    }

    /**
     * match_boolean_index_clause: {@code b}, {@code NOT b}, {@code b IS TRUE} and
     * {@code b IS FALSE} on a boolean column are {@code b = true} / {@code b = false}
     * for an index on {@code b}: {operand, EQUAL, constant, clause, shown condition}.
     */
    private static Object[] booleanCandidate(Expr qual) {
        Expr operand = null;
        boolean value = true;
        if (qual instanceof VarExpr v && v.type() == PgType.BOOL) {
            operand = v;
        } else if (qual instanceof BoolExpr b && b.op() == BoolOp.NOT && b.args().get(0) instanceof VarExpr v
                && v.type() == PgType.BOOL) {
            operand = v;
            value = false;
        } else if (qual instanceof org.tusk.engine.expr.BoolTestExpr t && t.arg() instanceof VarExpr v
                && (t.kind() == org.tusk.engine.nodes.BooleanTestKind.IS_TRUE
                    || t.kind() == org.tusk.engine.nodes.BooleanTestKind.IS_FALSE)) {
            operand = v;
            value = t.kind() == org.tusk.engine.nodes.BooleanTestKind.IS_TRUE;
        }
        if (operand == null) {
            return null;
        }
        ConstExpr constant = new ConstExpr(PgType.BOOL, -1, value);
        Expr shown = new FuncExpr("=", (args, c) -> java.util.Objects.equals(args[0], args[1]),
                List.of(operand, constant), PgType.BOOL, -1, true);
        return new Object[] {operand, IndexScanKey.Strategy.EQUAL, constant, qual, shown};
    }

    /**
     * The path through one index: keys from the candidate clauses on its
     * leading columns (equalities, then one column's range), its cost; null
     * when no clause applies (unless {@code fullScan}, for an ordered scan of
     * the whole index) or when a partial index's predicate is not implied.
     */
    private IndexPath pathFor(RangeTblEntry rte, IndexInfo idx, List<Expr> quals, List<Object[]> candidates,
            boolean fullScan, boolean backward) {
        if (idx.predicate() != null && !PredicateTest.impliedBy(quals, idx.predicate(), rte.offset)) {
            return null;                        // a partial index whose rows may miss some answers
        }
        if (idx.hash() && fullScan) {
            return null;                        // a hash index cannot be read in order
        }
        double relPages = CostModel.estimatePages(rte.relation.size());
        double tuples = relTuples(rte);
        // a row-locking or DML target keeps every clause in its filter and needs the heap tuple (is_target_rel);
        // other scans drop the clauses the predicate implies (indrestrictinfo), from index quals and filter alike
        boolean target = rte.rowMark != null
                || rte.relation instanceof StorageBaseRelation sb && sb.emitsCtid();
        List<Expr> implied = new ArrayList<>();
        if (idx.predicate() != null && !target) {
            for (Expr qual : quals) {
                if (PredicateTest.clauseImpliedByPredicate(qual, idx.predicate(), rte.offset)) {
                    implied.add(qual);
                }
            }
        }
        List<IndexScanKey> keys = new ArrayList<>();
        List<Expr> conds = new ArrayList<>();
        List<Expr> shownConds = new ArrayList<>();
        int equalities = 0;
        for (int k = 0; k < idx.attnums().size(); k++) {
            int attnum = idx.attnums().get(k);
            Expr keyExpr = idx.keyExpr(k);
            boolean equality = false;
            boolean any = false;
            for (Object[] c : candidates) {
                if (implied.contains(c[3]) || idx.hash() && c[1] != IndexScanKey.Strategy.EQUAL) {
                    continue;                   // hash opclasses have the equality strategy only
                }
                Expr operand = (Expr) c[0];
                boolean matches = keyExpr != null ? PredicateTest.same(operand, rte.offset, keyExpr, 0)
                        : operand instanceof VarExpr v && v.attno() - rte.offset + 1 == attnum;
                if (matches) {
                    Expr value = (Expr) c[2];
                    if (keyExpr == null && value.type() == PgType.ANYENUM) {
                        value = enumKey(rte, attnum, value);
                    }
                    keys.add(new IndexScanKey(k + 1, (IndexScanKey.Strategy) c[1], value));
                    conds.add((Expr) c[3]);
                    shownConds.add(c.length > 4 ? (Expr) c[4] : (Expr) c[3]);
                    equality |= c[1] == IndexScanKey.Strategy.EQUAL;
                    any = true;
                }
            }
            if (!any || !equality) {
                break;
            }
            equalities++;
        }
        if (keys.isEmpty() && !fullScan) {
            return null;
        }
        boolean uniqueEquality = idx.unique() && equalities == idx.attnums().size();
        int keyWidth = 0;
        for (int k = 0; k < idx.attnums().size(); k++) {
            int attnum = idx.attnums().get(k);
            if (attnum == 0) {
                keyWidth += CostModel.typeWidth(idx.keyExpr(k).type(), -1);
                continue;
            }
            RangeTblEntry.Column col = rte.columns.get(attnum - 1);
            keyWidth += CostModel.typeWidth(col.type(), col.typmod());
        }
        double indexTuples = idx.predicate() == null ? tuples : tuples * sel.clauseList(implied);
        double indexPages = indexPages(rte, idx, indexTuples, keyWidth);
        ColumnStatistics lead = idx.attnums().get(0) == 0 ? null : statistics(rte, idx.attnums().get(0));
        List<Expr> rest = new ArrayList<>(quals);
        rest.removeAll(conds);
        rest.removeAll(implied);
        boolean indexOnly = !target && cost.enableIndexonlyscan && indexOnly(rte, idx, rest);
        // the predicate's implied clauses narrow the entries as index quals would (genericcostestimate's
        // add_predicate_to_index_quals), so a partial index is never costed above the full one
        List<Expr> selective = new ArrayList<>(conds);
        selective.addAll(implied);
        double indexSel = selective.isEmpty() ? 1 : sel.clauseList(selective);
        CostModel.IndexScanCost c = cost.indexScan(relPages, tuples, indexTuples, indexPages, indexSel, uniqueEquality,
                cost.exprCost(conds), cost.exprCost(rest), lead == null ? 0 : lead.correlation(), indexOnly, 1);
        if (idx.hash()) {
            // hashcostestimate is genericcostestimate: no btree descent, so no startup cost
            double descent = c.scan().startup();
            c = new CostModel.IndexScanCost(new CostModel.Cost(0, c.scan().total() - descent), c.indexTotal() - descent,
                    c.indexSelectivity());
        }
        return new IndexPath(idx, keys, conds, c.scan(), implied, indexOnly, backward, false, shownConds,
                c.indexTotal(), c.indexSelectivity());
    }

    /** The index's pages: as the relation reports them once analyzed, one (the metapage) for an empty table, else estimated. */
    private static double indexPages(RangeTblEntry rte, IndexInfo idx, double tuples, int keyWidth) {
        if (idx.tuples() >= 0 && idx.pages() > 0) {
            return idx.pages();
        }
        if (rte.relation.size().pages() == 0) {
            return 1;
        }
        return CostModel.estimateIndexPages(tuples, keyWidth);
    }

    private static ColumnStatistics statistics(RangeTblEntry rte, int attnum) {
        try {
            return rte.relation.statistics(attnum);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The index conditions a btree index scan applies exactly, which the rows need not be checked
     * against again (PostgreSQL's index quals, left out of qpqual): one equality on each leading
     * plain column ({@link IndexScanKey#equalityPrefix}); none for a hash index (its scan returns
     * hash collisions), expression columns, or ranges and other keys the bounds may take loosely.
     */
    private static List<Expr> exactIndexConds(IndexInfo idx, List<IndexScanKey> keys, List<Expr> conds) {
        if (idx.hash() || !IndexScanKey.equalityPrefix(keys)) {
            return List.of();
        }
        for (IndexScanKey key : keys) {
            if (idx.keyExpr(key.column() - 1) != null || idx.attnums().get(key.column() - 1) == 0) {
                return List.of();
            }
        }
        return conds;
    }

    /**
     * The same for a bitmap of one Bitmap Index Scan on an index without a predicate (its TIDs are
     * exact: Tusk's bitmaps are never lossy, so PostgreSQL's recheck of lossy pages does not arise).
     */
    private static List<Expr> exactBitmapConds(BitmapPath bp) {
        BitmapSpec spec = bp.spec();
        if (spec.kind() != BitmapSpec.Kind.INDEX || spec.index().predicate() != null) {
            return List.of();
        }
        return exactIndexConds(spec.index(), spec.keys(), bp.used());
    }

    private Part indexScan(RangeTblEntry rte, IndexPath path, List<Expr> quals) {
        PlanState s = rte.relation.openIndexScan(path.index(), path.keys(), path.reverse(), false, estate);
        String name = rte.relation.name();
        ExplainNode ex = new ExplainNode((path.indexOnly() ? "Index Only Scan " : "Index Scan ")
                + (path.backward() ? "Backward " : "") + "using " + path.index().name() + " on " + name
                + (rte.refname.equals(name) ? "" : " " + rte.refname), 0);
        if (!path.shownConds().isEmpty()) {
            ex.detail("Index Cond: " + scanQualText(BoolExpr.andOf(path.shownConds())));
        }
        est(ex, relTuples(rte) * sel.clauseList(quals), outputWidth(rte), path.cost());
        BitSet self = new BitSet();
        self.set(q.rtable.indexOf(rte));
        return new Part(new Place(s, q.baseWidth, rte.offset, rte.columns.size()), ex, self, ex.rows);
    }

    // ---- bitmap scans (create_index_paths' bitmap half, generate_bitmap_or_paths, choose_bitmap_and) ----

    /**
     * The cheapest bitmap for a relation's restriction clauses, or null: a Bitmap
     * Index Scan per index with usable clauses, a BitmapOr per OR clause whose every
     * arm has one, and ANDs of those over different clauses while they make the
     * heap scan cheaper.
     */
    private BitmapPath bitmapPath(RangeTblEntry rte, List<Expr> quals) {
        if (quals.isEmpty() || rte.relation.indexes().isEmpty() || !rte.relation.supportsBitmapScans()
                || !rte.relation.appendMembers().isEmpty()) {
            return null;
        }
        List<BitmapPath> paths = new ArrayList<>(indexBitmaps(rte, quals, List.of(), quals));
        for (Expr qual : quals) {
            if (qual instanceof BoolExpr b && b.op() == BoolOp.OR) {
                BitmapPath or = orBitmap(rte, b, quals);
                if (or != null) {
                    paths.add(or);
                }
            }
        }
        return chooseAnd(rte, paths, quals);
    }

    /**
     * One Bitmap Index Scan per index that has clauses among {@code clauses}, its
     * predicate proved by {@code all}; once one of {@code clauses} applies, the
     * {@code others} (an OR arm's fellow restriction clauses) may add keys too.
     */
    private List<BitmapPath> indexBitmaps(RangeTblEntry rte, List<Expr> clauses, List<Expr> others, List<Expr> all) {
        List<BitmapPath> out = new ArrayList<>();
        List<Object[]> own = indexCandidates(rte, clauses);
        if (own.isEmpty()) {
            return out;
        }
        List<Object[]> candidates = new ArrayList<>(own);
        candidates.addAll(indexCandidates(rte, others));
        double tuples = relTuples(rte);
        double relRows = CostModel.clampRows(tuples * sel.clauseList(all));
        for (IndexInfo idx : rte.relation.indexes()) {
            List<Expr> proving = new ArrayList<>(clauses);
            for (Expr a : all) {
                if (!proving.contains(a)) {
                    proving.add(a);
                }
            }
            IndexPath ip = pathFor(rte, idx, proving, candidates, false, false);
            if (ip == null || ip.conds().isEmpty() || java.util.Collections.disjoint(ip.conds(), clauses)) {
                continue;
            }
            double indexTotal = ip.indexTotal();
            double indexSel = ip.indexSelectivity();
            List<Expr> subquals = new ArrayList<>(ip.conds());
            if (idx.predicate() != null) {
                List<Expr> pred = new ArrayList<>();
                BoolExpr.conjuncts(idx.predicate(), pred);
                boolean usable = true;
                for (Expr pc : pred) {
                    if (!PredicateTest.impliedBy(ip.conds(), pc, rte.offset)) {
                        Expr shifted = shiftVars(pc, rte.offset);
                        if (shifted == null) {
                            usable = false;
                            break;
                        }
                        subquals.add(shifted);
                    }
                }
                if (!usable) {
                    continue;
                }
            }
            ExplainNode ex = new ExplainNode("Bitmap Index Scan on " + idx.name(), 0);
            ex.detail("Index Cond: " + scanQualText(BoolExpr.andOf(ip.shownConds())));
            ex.rows = CostModel.clampRows(indexSel * tuples);
            ex.width = 0;
            ex.startupCost = 0;
            ex.totalCost = indexTotal;
            double treeCost = indexTotal + 0.1 * cost.cpuOperatorCost * relRows;
            List<Expr> used = new ArrayList<>(ip.conds());
            used.addAll(ip.impliedByPredicate());
            out.add(new BitmapPath(treeCost, indexSel, subquals, BitmapSpec.index(idx, ip.keys()), ex, used, true));
        }
        return out;
    }

    /** generate_bitmap_or_paths for one OR clause: each arm's best bitmap, or null when an arm has none. */
    private BitmapPath orBitmap(RangeTblEntry rte, BoolExpr or, List<Expr> quals) {
        List<BitmapPath> arms = new ArrayList<>();
        for (Expr arm : or.args()) {
            List<Expr> armClauses = new ArrayList<>();
            BoolExpr.conjuncts(arm, armClauses);
            List<Expr> others = new ArrayList<>(quals);
            others.remove(or);
            BitmapPath best = chooseAnd(rte, indexBitmaps(rte, armClauses, others, quals), armClauses);
            if (best == null) {
                return null;
            }
            arms.add(best);
        }
        BitmapPath p = BitmapPath.or(arms, cost.cpuOperatorCost, relTuples(rte));
        return new BitmapPath(p.cost(), p.selectivity(), p.quals(), p.spec(), p.explain(), List.of(or), false);
    }

    /**
     * choose_bitmap_and: the paths ordered by their own cost (then selectivity);
     * from each in turn, AND in the later ones over other clauses while the heap
     * scan gets cheaper; the cheapest such combination.
     */
    private BitmapPath chooseAnd(RangeTblEntry rte, List<BitmapPath> paths, List<Expr> quals) {
        if (paths.isEmpty()) {
            return null;
        }
        List<BitmapPath> sorted = new ArrayList<>(paths);
        sorted.sort(java.util.Comparator.comparingDouble(BitmapPath::cost).thenComparingDouble(BitmapPath::selectivity));
        BitmapPath best = null;
        double bestCost = Double.MAX_VALUE;
        for (int i = 0; i < sorted.size(); i++) {
            List<BitmapPath> chosen = new ArrayList<>();
            chosen.add(sorted.get(i));
            BitmapPath current = sorted.get(i);
            double currentCost = bitmapHeapCost(rte, current, quals).total();
            for (BitmapPath next : sorted.subList(i + 1, sorted.size())) {
                boolean overlaps = false;
                for (BitmapPath c : chosen) {
                    for (Expr u : next.used()) {
                        overlaps |= c.used().contains(u);
                    }
                }
                if (overlaps) {
                    continue;
                }
                List<BitmapPath> trial = new ArrayList<>(chosen);
                trial.add(next);
                BitmapPath and = BitmapPath.and(trial, cost.cpuOperatorCost, relTuples(rte));
                double c = bitmapHeapCost(rte, and, quals).total();
                if (c < currentCost) {
                    chosen = trial;
                    current = and;
                    currentCost = c;
                }
            }
            if (currentCost < bestCost) {
                best = current;
                bestCost = currentCost;
            }
        }
        return best;
    }

    private CostModel.Cost bitmapHeapCost(RangeTblEntry rte, BitmapPath bp, List<Expr> quals) {
        return cost.bitmapHeapScan(bp.cost(), bp.selectivity(), CostModel.estimatePages(rte.relation.size()),
                relTuples(rte), cost.exprCost(quals));
    }

    /**
     * The Bitmap Heap Scan over a bitmap: "Recheck Cond" shows the bitmap's
     * subquals; restriction clauses equal to or implied by them are not shown
     * again as a Filter (they are added to {@code recheckCovered}).
     */
    private Part bitmapHeapScan(RangeTblEntry rte, BitmapPath bp, List<Expr> quals, List<Expr> recheckCovered) {
        String name = rte.relation.name();
        ExplainNode ex = new ExplainNode("Bitmap Heap Scan on " + name + (rte.refname.equals(name) ? "" : " " + rte.refname),
                0, bp.explain());
        ex.detail("Recheck Cond: " + scanQualText(bp.qual()));
        for (Expr qual : quals) {
            boolean covered = false;
            for (Expr sq : bp.quals()) {
                covered |= PredicateTest.same(qual, 0, sq, 0);
            }
            if (covered || PredicateTest.impliedBy(bp.quals(), qual, 0)) {
                recheckCovered.add(qual);
            }
        }
        boolean analyze = ctx.attachment(Instrumented.KEY) != null;
        // the heap block count is only printed by EXPLAIN ANALYZE: a plain execution does not count
        PlanState s = rte.relation.openBitmapHeapScan(analyze ? instrumented(bp.spec(), bp.explain()) : bp.spec(),
                !analyze ? null : blocks -> {
                    if (blocks > 0) {
                        ex.analyzeDetail("Heap Blocks: exact=" + blocks);
                    }
                }, estate);
        est(ex, relTuples(rte) * sel.clauseList(quals), outputWidth(rte), bitmapHeapCost(rte, bp, quals));
        BitSet self = new BitSet();
        self.set(q.rtable.indexOf(rte));
        return new Part(new Place(s, q.baseWidth, rte.offset, rte.columns.size()), ex, self, ex.rows);
    }

    /**
     * A Tid Scan of a stored relation fetching the versions {@code tidQual} names ("TID Cond"), null when the
     * relation has none; cost_tidscan's estimate: a random page and a tuple per TID.
     */
    private Part tidScan(RangeTblEntry rte, Expr tidQual, List<Expr> quals) {
        int ctidSlot = rte.offset + rte.ctidColumn;
        EvalContext scanCtx = estate.ctx();
        PlanState s = rte.relation.openTidScan(() -> TidQuals.evaluate(tidQual, ctidSlot, scanCtx), estate);
        if (s == null) {
            return null;
        }
        String name = rte.relation.name();
        ExplainNode ex = new ExplainNode("Tid Scan on " + name + (rte.refname.equals(name) ? "" : " " + rte.refname), 0);
        ex.detail("TID Cond: " + scanQualText(tidQual));
        int ntuples = TidQuals.estimatedCount(tidQual);
        List<Expr> rest = without(quals, tidQual);
        est(ex, Math.min(ntuples, relTuples(rte)) * (rest.isEmpty() ? 1.0 : sel.clauseList(rest)), outputWidth(rte),
                new CostModel.Cost(0, ntuples * (cost.randomPageCost + cost.cpuTupleCost + cost.exprCost(quals))));
        BitSet self = new BitSet();
        self.set(q.rtable.indexOf(rte));
        return new Part(new Place(s, q.baseWidth, rte.offset, rte.columns.size()), ex, self, ex.rows);
    }

    private static List<Expr> without(List<Expr> quals, Expr removed) {
        List<Expr> rest = new ArrayList<>(quals);
        rest.remove(removed);
        return rest;
    }

    /** The bitmap tree with each node counting its executions and TIDs into its EXPLAIN node (EXPLAIN ANALYZE). */
    private static BitmapSpec instrumented(BitmapSpec spec, ExplainNode ex) {
        List<BitmapSpec> children = new ArrayList<>();
        for (int i = 0; i < spec.children().size(); i++) {
            children.add(instrumented(spec.children().get(i), ex.children.get(i)));
        }
        BitmapSpec copy = new BitmapSpec(spec.kind(), spec.index(), spec.keys(), children, null);
        ex.actualRows = 0;
        return copy.reporting(n -> {
            ex.actualRows += n;
            ex.actualLoops++;
        });
    }

    /** A table-level expression (index predicate, Vars from 0) over the query level's slots from {@code offset}; null when it has a node this cannot copy. */
    private static Expr shiftVars(Expr e, int offset) {
        if (offset == 0) {
            return e;
        }
        if (e instanceof VarExpr v) {
            return new VarExpr(v.attno() + offset, v.type(), v.typmod(), v.relationName(), v.columnName());
        }
        if (e instanceof ConstExpr) {
            return e;
        }
        List<Expr> args = new ArrayList<>();
        for (Expr c : e.children()) {
            Expr shifted = shiftVars(c, offset);
            if (shifted == null) {
                return null;
            }
            args.add(shifted);
        }
        if (e instanceof FuncExpr f) {
            return new FuncExpr(f.name(), f.body(), args, f.type(), f.typmod(), f.strict(), f.volatility());
        }
        if (e instanceof BoolExpr b) {
            return new BoolExpr(b.op(), args);
        }
        if (e instanceof org.tusk.engine.expr.NullTestExpr n) {
            return new org.tusk.engine.expr.NullTestExpr(args.get(0), n.isNot());
        }
        return null;
    }

    /**
     * check_index_only: whether every column of the relation that the query
     * reads outside its own restriction clauses, plus those the remaining
     * {@code filter} clauses read, is a plain key or INCLUDE column of the index.
     */
    private boolean indexOnly(RangeTblEntry rte, IndexInfo idx, List<Expr> filter) {
        if (idx.hash()) {
            return false;                       // hash entries hold hash codes, not the values
        }
        java.util.Set<Integer> covered = new java.util.HashSet<>();
        for (int attnum : idx.attnums()) {
            covered.add(attnum);
        }
        covered.addAll(idx.includeAttnums());
        BitSet reads = new BitSet();
        reads.or(neededOutsideScans);
        for (Expr f : filter) {
            varsOf(f, reads);
        }
        for (int i = 0; i < rte.columns.size(); i++) {
            if (reads.get(rte.offset + i) && !covered.contains(i + 1)) {
                return false;
            }
        }
        return true;
    }

    private static void varsOf(Expr e, BitSet out) {
        if (e instanceof VarExpr v) {
            out.set(v.attno());
            return;
        }
        if (e != null) {
            for (Expr c : e.children()) {
                varsOf(c, out);
            }
        }
    }

    /**
     * An index key compared with a column of a user enum type: a bare label (an untyped literal the analyzer
     * could not place) becomes that enum's value, so the key encodes as enum_ops orders (22P02 for a label
     * the enum does not have, as enum_in).
     */
    private static Expr enumKey(RangeTblEntry rte, int attnum, Expr value) {
        if (!(rte.relation instanceof StorageBaseRelation sb)) {
            return value;
        }
        for (org.tusk.engine.relcache.AttributeDesc a : sb.desc().attributes()) {
            if (a.attnum() == attnum) {
                org.tusk.engine.types.UserTypes.UserType t = org.tusk.engine.types.UserTypes.byOid(a.typeOid());
                if (t == null || t.typtype() != 'e') {
                    return value;
                }
                return new FuncExpr("enum_in", (args, c) -> {
                    if (!(args[0] instanceof String label)) {
                        return args[0];
                    }
                    return org.tusk.engine.types.EnumValue.input(t, label);
                }, List.of(value), PgType.ANYENUM, -1, true);
            }
        }
        return value;
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
        if (def.modifying != null) {
            st = new CteState(new org.tusk.engine.executor.ModifyingCtes.Statement(def.modifying, ctx), estate);
        } else if (def.recursive) {
            WorkTable wt = new WorkTable();
            ctx.attach(def.workTableKey, wt);
            PlanState nonRec = plan(def.nonRecursive, estate).state();
            PlanState rec = plan(def.recursiveTerm, estate).state();
            PlanState p = new RecursiveUnion(nonRec, rec, wt, !def.unionAll, estate);
            st = new CteState(p, estate);
        } else {
            Planned planned = plan(def.query, estate);
            st = new CteState(planned.state(), estate);
            st.estimatedRows = planned.explain().rows;
        }
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
        int width = Math.max(l.explain().width, r.explain().width);
        CostModel.Cost both = new CostModel.Cost(l.explain().startupCost,
                l.explain().totalCost + r.explain().totalCost);
        switch (t.op()) {
            case UNION: {
                PlanState app = new Append(List.of(ls, rs));
                ExplainNode ex = est(new ExplainNode("Append", rows, l.explain(), r.explain()), rows, width, both);
                if (t.all()) {
                    return new Planned(instr(app, ex), ex);
                }
                List<SortColumn> cols = new ArrayList<>();
                int[] all = new int[n];
                for (int i = 0; i < n; i++) {
                    cols.add(SortColumn.asc(i));
                    all[i] = i;
                }
                ExplainNode sortEx = est(new ExplainNode("Sort", rows, ex), rows, width, cost.sort(both, rows, width, -1));
                ExplainNode uniqueEx = est(new ExplainNode("Unique", rows, sortEx), rows, width,
                        cost.unique(costOf(sortEx), rows, n));
                return new Planned(instr(new Unique(new Sort(app, cols, estate), all), uniqueEx), uniqueEx);
            }
            case INTERSECT:
                return new Planned(new SetOp(t.all() ? SetOp.Command.INTERSECT_ALL : SetOp.Command.INTERSECT, ls, rs, estate),
                        est(new ExplainNode("HashSetOp Intersect" + (t.all() ? " All" : ""), rows, l.explain(), r.explain()),
                                Math.min(l.explain().rows, r.explain().rows), width, cost.unique(both, rows, n)));
            default:
                return new Planned(new SetOp(t.all() ? SetOp.Command.EXCEPT_ALL : SetOp.Command.EXCEPT, ls, rs, estate),
                        est(new ExplainNode("HashSetOp Except" + (t.all() ? " All" : ""), rows, l.explain(), r.explain()),
                                l.explain().rows, width, cost.unique(both, rows, n)));
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
