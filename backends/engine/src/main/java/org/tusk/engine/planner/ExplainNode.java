package org.tusk.engine.planner;

import java.util.ArrayList;
import java.util.List;

/**
 * What EXPLAIN prints for one plan node: its label ("Hash Join", "Seq Scan on t"),
 * detail lines ("Hash Cond: ...", "Sort Key: ..."), estimated rows and width,
 * and children (outer first).
 */
public final class ExplainNode {
    public final String label;
    public final List<String> details = new ArrayList<>();
    public final List<ExplainNode> children = new ArrayList<>();
    public double rows;
    public int width;
    public double startupCost;
    public double totalCost;
    /** EXPLAIN ANALYZE: rows returned and loops (set when the plan ran instrumented), -1 when not measured. */
    public long actualRows = -1;
    public long actualLoops;

    public ExplainNode(String label, double rows, ExplainNode... children) {
        this.label = label;
        this.rows = rows;
        for (ExplainNode c : children) {
            this.children.add(c);
        }
    }

    public ExplainNode detail(String line) {
        details.add(line);
        return this;
    }

    /** PostgreSQL's text format, with or without "(cost=... rows=... width=...)". */
    public List<String> format(boolean costs) {
        List<String> out = new ArrayList<>();
        format(out, 0, costs, true);
        return out;
    }

    private void format(List<String> out, int depth, boolean costs, boolean top) {
        String indent = " ".repeat(Math.max(0, depth * 6 - 4));
        String head = top ? label : indent + "->  " + label;
        if (costs) {
            head += String.format(java.util.Locale.ROOT, "  (cost=%.2f..%.2f rows=%d width=%d)", startupCost, totalCost,
                    Math.max(1, Math.round(rows)), width);
        }
        if (actualRows >= 0) {
            head += actualLoops == 0 ? " (never executed)"
                    : " (actual rows=" + Math.round((double) actualRows / Math.max(1, actualLoops)) + " loops=" + actualLoops + ")";
        }
        out.add(head);
        String detailIndent = top ? "  " : " ".repeat(depth * 6 + 2);
        for (String d : details) {
            out.add(detailIndent + d);
        }
        for (ExplainNode c : children) {
            c.format(out, depth + 1, costs, false);
        }
    }
}
