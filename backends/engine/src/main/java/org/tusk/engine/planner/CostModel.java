package org.tusk.engine.planner;

import org.tusk.engine.expr.ArrayExpr;
import org.tusk.engine.expr.ConstExpr;
import org.tusk.engine.expr.DistinctExpr;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.expr.FuncExpr;
import org.tusk.engine.expr.NullIfExpr;
import org.tusk.engine.expr.ScalarArrayOpExpr;
import org.tusk.engine.types.PgType;

/**
 * The planner's cost model (costsize.c, cut down): the cost constants from the
 * session's settings (seq_page_cost, random_page_cost, cpu_tuple_cost,
 * cpu_index_tuple_cost, cpu_operator_cost, work_mem, enable_*), and the cost
 * formulas of the plan nodes the planner chooses between. Costs are in
 * PostgreSQL's arbitrary units (one sequential page fetch = 1.0) so that EXPLAIN
 * shows numbers of the same size as PostgreSQL's and the same settings steer the
 * same choices.
 */
public final class CostModel {
    /** BLCKSZ. */
    public static final int BLOCK_SIZE = 8192;
    /** Per-tuple overhead in a heap page: MAXALIGN(heap tuple header) + line pointer. */
    static final int TUPLE_OVERHEAD = 24 + 4;
    /** The page header PostgreSQL subtracts when estimating tuples per page. */
    static final int PAGE_HEADER = 24;
    /** effective_cache_size's default in pages (4GB), for index_pages_fetched. */
    static final double EFFECTIVE_CACHE_PAGES = 524288;
    /** DEFAULT_PAGE_CPU_MULTIPLIER of btcostestimate's descent cost. */
    static final double PAGE_CPU_MULTIPLIER = 50.0;

    public final double seqPageCost;
    public final double randomPageCost;
    public final double cpuTupleCost;
    public final double cpuIndexTupleCost;
    public final double cpuOperatorCost;
    public final long workMemBytes;
    public final boolean enableSeqscan;
    public final boolean enableIndexscan;
    public final boolean enableHashjoin;
    public final boolean enableMergejoin;
    public final boolean enableNestloop;
    public final boolean enableHashagg;
    public final int geqoThreshold;
    /** enable_sort, enable_bitmapscan, enable_indexonlyscan (set by {@link #forSession}). */
    public boolean enableSort = true;
    public boolean enableBitmapscan = true;
    public boolean enableIndexonlyscan = true;

    /** Cost of a plan step: what is paid before the first row, and in all. */
    public record Cost(double startup, double total) {
        public Cost plus(double run) {
            return new Cost(startup, total + run);
        }
    }

    /** disable_cost: what PostgreSQL adds to a path whose node type is switched off. */
    public static final double DISABLE_COST = 1.0e10;

    public CostModel(double seqPageCost, double randomPageCost, double cpuTupleCost, double cpuIndexTupleCost,
            double cpuOperatorCost, long workMemBytes, boolean[] enable, int geqoThreshold) {
        this.seqPageCost = seqPageCost;
        this.randomPageCost = randomPageCost;
        this.cpuTupleCost = cpuTupleCost;
        this.cpuIndexTupleCost = cpuIndexTupleCost;
        this.cpuOperatorCost = cpuOperatorCost;
        this.workMemBytes = workMemBytes;
        this.enableSeqscan = enable[0];
        this.enableIndexscan = enable[1];
        this.enableHashjoin = enable[2];
        this.enableMergejoin = enable[3];
        this.enableNestloop = enable[4];
        this.enableHashagg = enable[5];
        this.geqoThreshold = geqoThreshold;
    }

    /** PostgreSQL's defaults. */
    public static CostModel defaults() {
        return new CostModel(1.0, 4.0, 0.01, 0.005, 0.0025, 4096 * 1024L,
                new boolean[] {true, true, true, true, true, true}, 12);
    }

    /** The session's current settings (defaults for those it does not have). */
    public static CostModel forSession(EvalContext ctx, long workMemBytes) {
        if (ctx == null || ctx.session() == null) {
            CostModel d = defaults();
            return new CostModel(d.seqPageCost, d.randomPageCost, d.cpuTupleCost, d.cpuIndexTupleCost, d.cpuOperatorCost,
                    workMemBytes, new boolean[] {true, true, true, true, true, true}, 12);
        }
        var s = ctx.session();
        CostModel m = new CostModel(real(s, "seq_page_cost", 1.0), real(s, "random_page_cost", 4.0),
                real(s, "cpu_tuple_cost", 0.01), real(s, "cpu_index_tuple_cost", 0.005),
                real(s, "cpu_operator_cost", 0.0025), workMemBytes,
                new boolean[] {bool(s, "enable_seqscan"), bool(s, "enable_indexscan"), bool(s, "enable_hashjoin"),
                    bool(s, "enable_mergejoin"), bool(s, "enable_nestloop"), bool(s, "enable_hashagg")},
                (int) real(s, "geqo_threshold", 12));
        m.enableSort = bool(s, "enable_sort");
        m.enableBitmapscan = bool(s, "enable_bitmapscan");
        m.enableIndexonlyscan = bool(s, "enable_indexonlyscan");
        return m;
    }

    private static double real(org.tusk.engine.expr.SessionServices s, String name, double dflt) {
        try {
            String v = s.currentSetting(name, true);
            return v == null ? dflt : Double.parseDouble(v.trim());
        } catch (RuntimeException e) {
            return dflt;
        }
    }

    private static boolean bool(org.tusk.engine.expr.SessionServices s, String name) {
        try {
            String v = s.currentSetting(name, true);
            return v == null || !(v.equalsIgnoreCase("off") || v.equalsIgnoreCase("false"));
        } catch (RuntimeException e) {
            return true;
        }
    }

    /** clamp_row_est: at least one row, whole numbers. */
    public static double clampRows(double rows) {
        if (!(rows > 1) || Double.isNaN(rows)) {
            return 1;
        }
        return Math.rint(rows);
    }

    // ---- expression costs (cost_qual_eval) ----

    /** Per-row cost of evaluating an expression: one cpu_operator_cost per operator/function call. */
    public double exprCost(Expr e) {
        if (e == null) {
            return 0;
        }
        double c = 0;
        if (e instanceof FuncExpr || e instanceof DistinctExpr || e instanceof NullIfExpr) {
            c += cpuOperatorCost;
        } else if (e instanceof ScalarArrayOpExpr sa) {
            // the operator runs against half the elements on average
            int n = arrayLength(sa.right());
            c += cpuOperatorCost * Math.max(1, n) * 0.5;
        }
        for (Expr child : e.children()) {
            c += exprCost(child);
        }
        return c;
    }

    static int arrayLength(Expr e) {
        if (e instanceof ArrayExpr a) {
            return a.elements().size();
        }
        if (e instanceof ConstExpr c && c.value() instanceof org.tusk.engine.types.ArrayValue arr) {
            return arr.size();
        }
        return 10;
    }

    public double exprCost(java.util.List<Expr> quals) {
        double c = 0;
        for (Expr q : quals) {
            c += exprCost(q);
        }
        return c;
    }

    // ---- relation sizes (estimate_rel_size) ----

    /**
     * Tuples in a relation of {@code pages} pages: reltuples scaled to the current
     * size when known, else as many tuples of {@code width} bytes as fit, with a
     * never-vacuumed empty table assumed to have 10 pages (PostgreSQL's guess).
     */
    public static double estimateTuples(RelationSize size, int width) {
        long pages = size.pages();
        if (size.tuples() >= 0 && pages > 0) {
            return Math.rint(size.tuples());
        }
        if (size.tuples() >= 0 && size.tuples() == 0 && pages == 0) {
            return 0;
        }
        long curPages = Math.max(pages, 10);
        double density = Math.floor((BLOCK_SIZE - PAGE_HEADER) / (double) (Math.max(1, width) + TUPLE_OVERHEAD));
        return Math.rint(density * curPages);
    }

    public static long estimatePages(RelationSize size) {
        if (size.tuples() >= 0) {
            return size.pages();
        }
        return Math.max(size.pages(), 10);
    }

    /** get_typavgwidth: fixed-length types their length, bounded strings from typmod, others 32. */
    public static int typeWidth(PgType type, int typmod) {
        if (type == null) {
            return 32;
        }
        int len = type.typlen();
        if (len > 0) {
            return len;
        }
        if (typmod > 4 && (type == PgType.BPCHAR || type == PgType.VARCHAR)) {
            int chars = typmod - 4;
            if (type == PgType.BPCHAR) {
                return chars + 1;
            }
            int maxWidth = chars * 4 + 4; // UTF8: up to 4 bytes a character, plus the varlena header
            if (maxWidth <= 32) {
                return maxWidth;
            }
            return maxWidth < 1000 ? 32 + (maxWidth - 32) / 2 : 32 + (1000 - 32) / 2;
        }
        return 32;
    }

    // ---- scans ----

    /** cost_seqscan: every page sequentially, each tuple processed and its quals evaluated. */
    public Cost seqScan(double pages, double tuples, double qualCost) {
        double total = seqPageCost * pages + (cpuTupleCost + qualCost) * tuples;
        return new Cost(0, total + (enableSeqscan ? 0 : DISABLE_COST));
    }

    /**
     * cost_index with btcostestimate's descent cost: {@code indexSel} of the index
     * entries are read (random pages of the index), the matching heap tuples are
     * fetched (random pages by the Mackert-Lohman estimate, cheaper as the
     * column's physical correlation grows), and {@code qualCost} is paid per row.
     */
    public IndexScanCost indexScan(double relPages, double relTuples, double indexPages, double indexSel, boolean uniqueEquality,
            double indexQualCost, double qualCost, double correlation, boolean indexOnly, double loops) {
        return indexScan(relPages, relTuples, relTuples, indexPages, indexSel, uniqueEquality, indexQualCost, qualCost,
                correlation, indexOnly, loops);
    }

    /** As above for a partial index holding {@code indexTuples} entries (the descent compares fewer keys). */
    public IndexScanCost indexScan(double relPages, double relTuples, double indexTuples, double indexPages, double indexSel,
            boolean uniqueEquality, double indexQualCost, double qualCost, double correlation, boolean indexOnly,
            double loops) {
        double numIndexTuples = uniqueEquality ? 1 : clampRows(indexSel * relTuples);
        double selectivity = uniqueEquality ? Math.min(1, 1 / Math.max(1, relTuples)) : indexSel;
        double numIndexPages = Math.max(1, Math.ceil(numIndexTuples * indexPages / Math.max(1, relTuples)));
        // a metapage and one leaf: the root is the leaf (btm_fastlevel 0)
        int treeHeight = indexPages <= 2 ? 0 : (int) Math.max(1, Math.ceil(Math.log(indexPages) / Math.log(256)));
        double descent = (indexTuples > 1 ? Math.ceil(Math.log(indexTuples) / Math.log(2)) * cpuOperatorCost : 0)
                + (treeHeight + 1) * PAGE_CPU_MULTIPLIER * cpuOperatorCost;
        double indexTotal = descent + numIndexPages * randomPageCost
                + numIndexTuples * (cpuIndexTupleCost + indexQualCost);
        double tuplesFetched = clampRows(selectivity * relTuples);
        double ioCost = 0;
        if (!indexOnly) {
            double pagesFetched = Math.ceil(pagesFetched(tuplesFetched * Math.max(1, loops), relPages) / Math.max(1, loops));
            double maxIo = pagesFetched * randomPageCost;
            double minPages = Math.ceil(selectivity * relPages);
            double minIo = randomPageCost + Math.max(0, minPages - 1) * seqPageCost;
            double c2 = correlation * correlation;
            ioCost = maxIo + c2 * (minIo - maxIo);
        }
        double cpu = (cpuTupleCost + qualCost) * tuplesFetched;
        double total = indexTotal + ioCost + cpu + (enableIndexscan ? 0 : DISABLE_COST);
        return new IndexScanCost(new Cost(descent, total), indexTotal, selectivity);
    }

    /**
     * What cost_index computes: the scan's cost, and the index access part of
     * it (IndexPath's indextotalcost and indexselectivity), which is what a
     * Bitmap Index Scan over the same index and clauses costs.
     */
    public record IndexScanCost(Cost scan, double indexTotal, double indexSelectivity) {
    }

    /**
     * cost_bitmap_heap_scan with compute_bitmap_pages: the bitmap ({@code bitmapCost},
     * selecting {@code selectivity} of the relation's tuples) is built before the
     * first row; the heap pages it names are fetched (Mackert-Lohman, at a cost per
     * page between random and sequential as more of the table is read) and every
     * fetched tuple pays cpu_tuple_cost plus all restriction clauses ({@code qualCost}).
     */
    public Cost bitmapHeapScan(double bitmapCost, double selectivity, double relPages, double relTuples,
            double qualCost) {
        double tuplesFetched = clampRows(selectivity * relTuples);
        double t = relPages > 1 ? relPages : 1;
        double pagesFetched = 2.0 * t * tuplesFetched / (2.0 * t + tuplesFetched);
        pagesFetched = pagesFetched >= t ? t : Math.ceil(pagesFetched);
        double costPerPage = pagesFetched >= 2
                ? randomPageCost - (randomPageCost - seqPageCost) * Math.sqrt(pagesFetched / t)
                : randomPageCost;
        double startup = bitmapCost + (enableBitmapscan ? 0 : DISABLE_COST);
        double run = pagesFetched * costPerPage + (cpuTupleCost + qualCost) * tuplesFetched;
        return new Cost(startup, startup + run);
    }

    /** index_pages_fetched (Mackert and Lohman) with everything fitting in the cache. */
    static double pagesFetched(double tuples, double pages) {
        double t = Math.max(1, pages);
        if (t <= EFFECTIVE_CACHE_PAGES) {
            return Math.min(2 * t * tuples / (2 * t + tuples), t);
        }
        return Math.min(tuples, t);
    }

    /** Index size when the relation does not know it: entries of key width plus overhead, 90% full leaves. */
    public static double estimateIndexPages(double relTuples, int keyWidth) {
        double perPage = Math.floor((BLOCK_SIZE - PAGE_HEADER) * 0.9 / (keyWidth + 16));
        return Math.max(1, Math.ceil(relTuples / perPage)) + 1;
    }

    // ---- other scans ----

    /** cost_valuesscan: one operator and one tuple per row. */
    public Cost valuesScan(double rows, double qualCost) {
        return new Cost(0, (cpuOperatorCost + cpuTupleCost + qualCost) * rows);
    }

    /** cost_functionscan: the function call up front, then one tuple per row. */
    public Cost functionScan(double rows, double qualCost) {
        return new Cost(cpuOperatorCost, cpuOperatorCost + (cpuTupleCost + qualCost) * rows);
    }

    /**
     * cost_ctescan (CTE and WorkTable scans): one cpu_tuple_cost per row for the
     * tuplestore, and another per row for the scan itself with its quals.
     */
    public Cost cteScan(double rows, double qualCost) {
        return new Cost(0, (2 * cpuTupleCost + qualCost) * rows);
    }

    /**
     * cost_rescan of a CTE scan: its rows are already in a tuplestore, so a rescan
     * pays cpu_tuple_cost per row, plus re-reading the pages when the rows spill
     * past work_mem.
     */
    public double cteRescan(double rows, int width) {
        double run = cpuTupleCost * rows;
        double bytes = rows * (width + 24 + 8);
        if (bytes > workMemBytes) {
            run += seqPageCost * Math.ceil(bytes / BLOCK_SIZE);
        }
        return run;
    }

    /** cost_subqueryscan: the input plus one tuple per row. */
    public Cost passThrough(Cost input, double rows, double qualCost) {
        return new Cost(input.startup(), input.total() + (cpuTupleCost + qualCost) * rows);
    }

    // ---- sort, materialize, aggregate, limit ----

    /** cost_sort: N log2 N comparisons before the first row, plus writing runs when past work_mem. */
    public Cost sort(Cost input, double rows, int width, double limit) {
        double n = Math.max(2, rows);
        double comparison = 2.0 * cpuOperatorCost;
        double bytes = n * (width + 24 + 8);
        double startup = input.total();
        if (bytes > workMemBytes) {
            double pages = Math.ceil(bytes / BLOCK_SIZE);
            double mergeOrder = Math.max(2, workMemBytes / (BLOCK_SIZE * 8.0));
            double passes = Math.max(1, Math.ceil(Math.log(Math.max(2, bytes / workMemBytes)) / Math.log(mergeOrder)));
            startup += comparison * n * log2(n) + 2 * pages * passes * (0.75 * seqPageCost + 0.25 * randomPageCost);
        } else if (limit > 0 && limit * 2 < n) {
            startup += comparison * n * log2(2 * limit); // bounded heap sort
        } else {
            startup += comparison * n * log2(n);
        }
        startup += enableSort ? 0 : DISABLE_COST;
        return new Cost(startup, startup + cpuOperatorCost * n);
    }

    /** cost_material: the input plus a little per row written and read. */
    public Cost material(Cost input, double rows) {
        return new Cost(input.startup(), input.total() + 2 * cpuOperatorCost * rows);
    }

    /** What re-reading a materialized result costs per rescan. */
    public double materialRescan(double rows) {
        return cpuOperatorCost * rows;
    }

    /** cost_agg AGG_PLAIN: every transition before the single result. */
    public Cost plainAgg(Cost input, double inputRows, int nAggs) {
        double startup = input.total() + nAggs * cpuOperatorCost * inputRows;
        return new Cost(startup, startup + cpuTupleCost);
    }

    /** cost_agg AGG_HASHED: hashing the keys and the transitions of every input row, then emitting the groups. */
    public Cost hashAgg(Cost input, double inputRows, int nKeys, int nAggs, double groups) {
        double startup = input.total() + (nKeys + nAggs) * cpuOperatorCost * inputRows;
        return new Cost(startup, startup + cpuTupleCost * groups);
    }

    /** cost_group / unique: one comparison per key column per input row. */
    public Cost unique(Cost input, double inputRows, int nKeys) {
        return new Cost(input.startup(), input.total() + cpuOperatorCost * inputRows * Math.max(1, nKeys));
    }

    /** A node evaluating a qual or projection per row (Result, WindowAgg, ProjectSet). */
    public Cost perRow(Cost input, double rows, double exprCost) {
        return new Cost(input.startup(), input.total() + (cpuTupleCost * 0 + exprCost + cpuOperatorCost) * rows);
    }

    /** adjust_limit_rows_costs: the fraction of the input the limit reads. */
    public static Cost limit(Cost input, double inputRows, double offset, double count) {
        double rows = Math.max(1, inputRows);
        double run = input.total() - input.startup();
        double startup = input.startup() + (offset > 0 ? run * Math.min(1, offset / rows) : 0);
        double total = count >= 0 ? startup + run * Math.min(1, count / rows) : input.total();
        return new Cost(startup, total);
    }

    // ---- joins ----

    /**
     * Nested loop: the outer side once, the inner side once per outer row (its
     * first scan at full cost, rescans at {@code innerRescan}), and the join qual
     * on every pair.
     */
    public Cost nestLoop(Cost outer, double outerRows, Cost inner, double innerRows, double innerRescan,
            double joinQualCost, double outputRows) {
        double startup = outer.startup() + inner.startup();
        double run = outer.total() - outer.startup() + inner.total() - inner.startup()
                + Math.max(0, outerRows - 1) * innerRescan;
        run += (cpuTupleCost + joinQualCost) * outerRows * Math.max(1, innerRows);
        run += cpuTupleCost * 0 * outputRows;
        return new Cost(startup, startup + run + (enableNestloop ? 0 : DISABLE_COST));
    }

    /**
     * Hash join: the inner side is read and hashed before the first row; each outer
     * row hashes its keys and probes a bucket of {@code bucketRows} entries; past
     * work_mem both sides are written to batch files once and read back.
     */
    public Cost hashJoin(Cost outer, double outerRows, Cost inner, double innerRows, int innerWidth, int nHashClauses,
            double bucketRows, double otherQualCost, double outputRows) {
        double startup = inner.total() + (cpuOperatorCost * nHashClauses + cpuTupleCost) * innerRows + outer.startup();
        double run = outer.total() - outer.startup() + cpuOperatorCost * nHashClauses * outerRows;
        run += cpuOperatorCost * nHashClauses * outerRows * Math.max(1, bucketRows) * 0.5;
        run += (cpuTupleCost + otherQualCost) * outputRows;
        double innerBytes = innerRows * (innerWidth + 24 + 16);
        if (innerBytes > workMemBytes) {
            double innerPages = Math.ceil(innerBytes / BLOCK_SIZE);
            double outerPages = Math.ceil(outerRows * (innerWidth + 24 + 16) / BLOCK_SIZE);
            startup += seqPageCost * innerPages;
            run += seqPageCost * (innerPages + 2 * outerPages);
        }
        return new Cost(startup, startup + run + (enableHashjoin ? 0 : DISABLE_COST));
    }

    /** Merge join over sorted inputs: both read once, each pair of keys compared. */
    public Cost mergeJoin(Cost outer, double outerRows, Cost inner, double innerRows, int nClauses,
            double otherQualCost, double outputRows) {
        double startup = outer.startup() + inner.startup();
        double run = outer.total() - outer.startup() + inner.total() - inner.startup();
        run += cpuOperatorCost * nClauses * (outerRows + innerRows);
        run += (cpuTupleCost + otherQualCost) * outputRows;
        return new Cost(startup, startup + run + (enableMergejoin ? 0 : DISABLE_COST));
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
