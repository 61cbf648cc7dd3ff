package org.tusk.engine.analyze;

import java.util.ArrayList;
import java.util.List;

import org.tusk.engine.executor.AggCall;
import org.tusk.engine.executor.WindowCall;
import org.tusk.engine.executor.WindowFrame;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.expr.SlotExpr;

/**
 * An analyzed SELECT (parsenodes.h's Query) for one query level.
 *
 * <p>Row layout of the level (what VarExpr and SlotExpr positions index):
 * <pre>
 *   [0, baseWidth)                       columns of the range table entries (each at its offset)
 *   [baseWidth, +groupKeys)              GROUP BY key values (computed before the Agg)
 *   groupingBitsPosition                 GROUPING() bits of the row's grouping set
 *   [aggBase, +aggregates)               aggregate results
 *   [windowBase, +window functions)      window function results
 *   [scratchBase, ...)                   window PARTITION BY / ORDER BY keys for sorting
 *   [..., rowWidth)                      current values of the target list's set-returning functions
 * </pre>
 * The visible target list ({@link #targets()}) and the resjunk sort keys are
 * evaluated over that row by the final projection.
 */
public final class Query {
    /** An aggregate of this level: its call and the slot its result lands in. */
    public record AggSpec(SlotExpr slot, AggCall call) {}

    /** A set-returning function of the target list and the slot its current value is read from. */
    public record SrfSpec(SlotExpr slot, org.tusk.engine.executor.FunctionScan.Call call) {}

    /** One window (a distinct OVER specification) with the window functions computed over it. */
    public static final class WindowSpec {
        public final List<Expr> partitionBy = new ArrayList<>();
        public final List<SortKey> orderBy = new ArrayList<>();
        public WindowFrame frame = WindowFrame.DEFAULT;
        public final List<WindowCall> calls = new ArrayList<>();
        public final List<SlotExpr> slots = new ArrayList<>();
        public String name;
        public int scratchBase;
    }

    public final List<TargetEntry> targetList = new ArrayList<>();
    public final List<RangeTblEntry> rtable = new ArrayList<>();
    public JoinTreeNode.FromList jointree = new JoinTreeNode.FromList(new ArrayList<>(), null);
    public int baseWidth;
    public final List<Expr> groupKeys = new ArrayList<>();
    /** Grouping sets as positions into groupKeys, or null for plain GROUP BY. */
    public List<int[]> groupingSets;
    /** For each group key that is a plain column: its position, nulled with the key in rolled-up rows (else -1). */
    public final List<Integer> groupKeyColumns = new ArrayList<>();
    public boolean hasGroupBy;
    public Expr having;
    public final List<AggSpec> aggregates = new ArrayList<>();
    public final List<WindowSpec> windows = new ArrayList<>();
    public final List<SrfSpec> srfs = new ArrayList<>();
    public boolean distinct;
    public List<Expr> distinctOn;
    public final List<SortKey> sortKeys = new ArrayList<>();
    public Expr limitCount;
    public Expr limitOffset;
    public boolean withTies;
    public final List<CteDef> ctes = new ArrayList<>();
    public boolean forUpdate;
    /** Target list entries that were untyped literals before resolution (index -> original), for set operations. */
    public final java.util.Map<Integer, Expr> unresolvedTargets = new java.util.HashMap<>();
    /** Locations of the target list entries' expressions (error cursors of set operations). */
    public final List<Integer> targetLocations = new ArrayList<>();

    public int groupingBitsPosition;
    public int aggBase;
    public int windowBase;
    public int scratchBase;
    public int rowWidth;

    /** The output columns (what RowDescription describes). */
    public List<TargetEntry> targets() {
        return targetList;
    }

    public boolean hasAggregation() {
        return !aggregates.isEmpty() || hasGroupBy || having != null;
    }

    /** Assigns the slot positions once the level's aggregates, groups and windows are known. */
    void finishLayout() {
        groupingBitsPosition = baseWidth + groupKeys.size();
        aggBase = groupingBitsPosition + 1;
        for (AggSpec a : aggregates) {
            a.slot().setPosition(aggBase + a.slot().index());
        }
        windowBase = aggBase + aggregates.size();
        int w = windowBase;
        for (WindowSpec spec : windows) {
            for (SlotExpr s : spec.slots) {
                s.setPosition(w++);
            }
        }
        scratchBase = w;
        for (WindowSpec spec : windows) {
            spec.scratchBase = w;
            w += spec.partitionBy.size() + spec.orderBy.size();
        }
        for (SrfSpec s : srfs) {
            s.slot().setPosition(w++);
        }
        rowWidth = w;
    }
}
