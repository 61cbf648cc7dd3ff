package org.tusk.engine.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tusk.api.error.SqlState;
import org.tusk.engine.analyze.Query;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.executor.Executor;
import org.tusk.engine.executor.PlanState;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.nodes.AConst;
import org.tusk.engine.nodes.DefElem;
import org.tusk.engine.nodes.ExplainStmt;

/**
 * EXPLAIN [ANALYZE] for an analyzed SELECT in PostgreSQL's text format: the plan
 * tree with "->" children and detail lines; COSTS OFF drops the cost part;
 * ANALYZE runs the query and reports the top node's actual rows and the
 * execution time (per-node instrumentation is not implemented yet).
 */
public final class Explain {
    private Explain() {}

    /** The EXPLAIN options PostgreSQL accepts, as given (boolean options default to true when named). */
    public record Options(boolean analyze, boolean costs, boolean verbose, boolean timing, boolean summary) {}

    public static Options options(ExplainStmt stmt) {
        boolean analyze = false;
        boolean costs = true;
        boolean verbose = false;
        boolean timing = true;
        Boolean summary = null;
        for (DefElem d : stmt.options()) {
            String name = d.defname().toLowerCase(Locale.ROOT);
            switch (name) {
                case "analyze": analyze = bool(d); break;
                case "costs": costs = bool(d); break;
                case "verbose": verbose = bool(d); break;
                case "timing": timing = bool(d); break;
                case "summary": summary = bool(d); break;
                case "buffers": case "settings": case "wal": bool(d); break;
                case "format": {
                    String v = d.arg() instanceof AConst c ? c.val() : String.valueOf(d.arg());
                    if (!"text".equalsIgnoreCase(v)) {
                        throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "EXPLAIN format " + v + " is not supported yet",
                                d.location());
                    }
                    break;
                }
                default:
                    throw Ereport.error(SqlState.SYNTAX_ERROR, "unrecognized EXPLAIN option \"" + d.defname() + "\"",
                            d.location());
            }
        }
        return new Options(analyze, costs, verbose, timing, summary != null ? summary : analyze);
    }

    private static boolean bool(DefElem d) {
        if (d.arg() == null) {
            return true;
        }
        String v = d.arg() instanceof AConst c ? c.val() : String.valueOf(d.arg());
        switch (v.toLowerCase(Locale.ROOT)) {
            case "true": case "on": case "1": case "t": case "yes": return true;
            case "false": case "off": case "0": case "f": case "no": return false;
            default:
                throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "EXPLAIN option \"" + d.defname()
                        + "\" requires a Boolean value", d.location());
        }
    }

    /** The QUERY PLAN lines for a query. */
    public static List<String> explain(Query query, Options options, EvalContext ctx) {
        Planned[] planned = new Planned[1];
        long start = System.nanoTime();
        PlanState root = Executor.start(query, ctx, planned);
        ExplainNode top = planned[0].explain();
        List<String> out;
        try {
            if (options.analyze()) {
                long rows = 0;
                while (root.next() != null) {
                    rows++;
                }
                top.actualRows = rows;
                top.actualLoops = 1;
            }
        } finally {
            root.close();
        }
        out = new ArrayList<>(top.format(options.costs()));
        if (options.analyze() && options.summary()) {
            double ms = (System.nanoTime() - start) / 1e6;
            out.add(String.format(Locale.ROOT, "Execution Time: %.3f ms", ms));
        }
        return out;
    }
}
