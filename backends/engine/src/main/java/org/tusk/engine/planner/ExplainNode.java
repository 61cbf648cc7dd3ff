package org.tusk.engine.planner;

import java.util.ArrayList;
import java.util.List;

/**
 * What EXPLAIN prints for one plan node: its label ("Hash Join", "Seq Scan on t"),
 * detail lines ("Hash Cond: ...", "Sort Key: ..."), estimated rows and width,
 * and children (outer first).
 */
public final class ExplainNode {
    public String label;
    public final List<String> details = new ArrayList<>();
    public final List<ExplainNode> children = new ArrayList<>();
    /** The node's InitPlans ("InitPlan 1 (returns $0)" and its plan), printed after the details, before the children. */
    public final List<SubPlanEntry> initPlans = new ArrayList<>();
    /** The SubPlans the node's expressions run ("SubPlan 1" and its plan), printed after the children. */
    public final List<SubPlanEntry> subPlans = new ArrayList<>();

    /** A subplan as EXPLAIN names it, with its plan. */
    public record SubPlanEntry(String name, ExplainNode plan) {}
    public double rows;
    public int width;
    public double startupCost;
    public double totalCost;
    /** EXPLAIN ANALYZE: rows returned and loops (set when the plan ran instrumented), -1 when not measured. */
    public long actualRows = -1;
    public long actualLoops;
    /** EXPLAIN ANALYZE timing: summed time to the first row of each loop and in all (ns), when timed. */
    long startupNanos;
    long totalNanos;
    boolean timed;
    /** EXPLAIN (ANALYZE, BUFFERS): the shared buffer accesses while the node ran, its children's included. */
    org.tusk.buffer.BufferUsage.Counts buffers = org.tusk.buffer.BufferUsage.Counts.ZERO;
    /**
     * The qualifications whose removed rows EXPLAIN ANALYZE reports (show_instrumentation_count): the
     * detail line each follows and the line's label. (No "Rows Removed by Index Recheck": Tusk's bitmaps
     * are exact, and its index scans return only rows their conditions hold for.)
     */
    public enum Removed {
        FILTER("Filter: ", "Rows Removed by Filter: ", false),
        JOIN_FILTER("Join Filter: ", "Rows Removed by Join Filter: ", false),
        /** An Agg's HAVING: its count comes after the hash table's "Batches:" line (explain.c's T_Agg case). */
        AGGREGATE_FILTER("Filter: ", "Rows Removed by Filter: ", true);

        final String after;
        final String label;
        final boolean lastOfAnalyzeDetails;

        Removed(String after, String label, boolean lastOfAnalyzeDetails) {
            this.after = after;
            this.label = label;
            this.lastOfAnalyzeDetails = lastOfAnalyzeDetails;
        }
    }

    /** EXPLAIN ANALYZE: rows each {@link Removed} qualification removed, over all loops. */
    private final long[] removed = new long[Removed.values().length];

    void countRemoved(Removed which) {
        removed[which.ordinal()]++;
    }

    /** The instrumentation wrapper that currently reports for this node. */
    Object instrument;

    public ExplainNode(String label, double rows, ExplainNode... children) {
        this.label = label;
        this.rows = rows;
        for (ExplainNode c : children) {
            this.children.add(c);
        }
    }

    /** Detail lines only EXPLAIN ANALYZE prints, after the others ("Heap Blocks: exact=2"); set while the plan runs. */
    public final List<String> analyzeDetails = new ArrayList<>();

    public ExplainNode analyzeDetail(String line) {
        analyzeDetails.clear();
        analyzeDetails.add(line);
        return this;
    }

    public ExplainNode detail(String line) {
        details.add(line);
        return this;
    }

    /** PostgreSQL's text format, with or without "(cost=... rows=... width=...)". */
    public List<String> format(boolean costs) {
        List<String> out = new ArrayList<>();
        format(out, -4, costs, true);
        return out;
    }

    /** show_buffer_usage's text line: "Buffers: shared hit=N read=N dirtied=N written=N", zero counts left out. */
    static String buffersLine(org.tusk.buffer.BufferUsage.Counts c) {
        StringBuilder sb = new StringBuilder("Buffers: shared");
        if (c.sharedHit() > 0) {
            sb.append(" hit=").append(c.sharedHit());
        }
        if (c.sharedRead() > 0) {
            sb.append(" read=").append(c.sharedRead());
        }
        if (c.sharedDirtied() > 0) {
            sb.append(" dirtied=").append(c.sharedDirtied());
        }
        if (c.sharedWritten() > 0) {
            sb.append(" written=").append(c.sharedWritten());
        }
        return sb.toString();
    }

    /**
     * show_instrumentation_count in text format: the rows the qualification on detail line {@code d} removed,
     * per loop, when there were any (zero counts are left out as not interesting).
     */
    private java.util.Optional<String> removedLine(String d, boolean lastOfAnalyzeDetails) {
        for (Removed r : Removed.values()) {
            if (r.lastOfAnalyzeDetails == lastOfAnalyzeDetails && d.startsWith(r.after) && removed[r.ordinal()] > 0) {
                // ExplainPropertyFloat with 0 digits: %.0f of the average per loop
                return java.util.Optional.of(r.label + new java.math.BigDecimal((double) removed[r.ordinal()] / actualLoops)
                        .setScale(0, java.math.RoundingMode.HALF_EVEN).toPlainString());
            }
        }
        return java.util.Optional.empty();
    }

    /** %.2f as C's printf does it: the exact binary value rounded, so 0.155 (0.15499...) prints 0.15. */
    static String cost(double c) {
        if (Double.isNaN(c) || Double.isInfinite(c)) {
            return String.valueOf(c);
        }
        return new java.math.BigDecimal(c).setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }

    /** {@code arrow}: where this node's "->" starts (-4 for the top node, which has none). */
    private void format(List<String> out, int arrow, boolean costs, boolean top) {
        String head = top ? label : " ".repeat(arrow) + "->  " + label;
        if (costs) {
            head += "  (cost=" + cost(startupCost) + ".." + cost(totalCost) + " rows=" + Math.max(1, Math.round(rows))
                    + " width=" + width + ")";
        }
        if (actualRows >= 0) {
            if (actualLoops == 0) {
                head += " (never executed)";
            } else {
                String time = timed ? String.format(java.util.Locale.ROOT, "time=%.3f..%.3f ",
                        startupNanos / 1e6 / actualLoops, totalNanos / 1e6 / actualLoops) : "";
                head += " (actual " + time + "rows=" + Math.round((double) actualRows / actualLoops) + " loops="
                        + actualLoops + ")";
            }
        }
        out.add(head);
        String detailIndent = " ".repeat(arrow + 6);
        for (String d : details) {
            out.add(detailIndent + d);
            if (actualRows >= 0 && actualLoops > 0) {
                removedLine(d, false).ifPresent(line -> out.add(detailIndent + line));
            }
        }
        if (actualRows >= 0) {
            for (String d : analyzeDetails) {
                out.add(detailIndent + d);
            }
            for (String d : details) {
                removedLine(d, true).ifPresent(line -> out.add(detailIndent + line));
            }
            if (!buffers.isZero()) {
                out.add(detailIndent + buffersLine(buffers));
            }
        }
        for (SubPlanEntry sp : initPlans) {
            out.add(detailIndent + sp.name());
            sp.plan().format(out, arrow + 8, costs, false);
        }
        for (ExplainNode c : children) {
            c.format(out, arrow + 6, costs, false);
        }
        for (SubPlanEntry sp : subPlans) {
            out.add(detailIndent + sp.name());
            sp.plan().format(out, arrow + 8, costs, false);
        }
    }
}
