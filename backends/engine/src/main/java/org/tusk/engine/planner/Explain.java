package org.tusk.engine.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tusk.api.error.SqlState;
import org.tusk.buffer.BufferUsage;
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
 * ANALYZE runs the query with every plan node instrumented ({@link Instrumented}:
 * actual rows, loops and, with TIMING, times) and reports planning and
 * execution time.
 */
public final class Explain {
    private Explain() {}

    /** The EXPLAIN options PostgreSQL accepts, as given (boolean options default to true when named). */
    public record Options(boolean analyze, boolean costs, boolean verbose, boolean timing, boolean summary,
            boolean buffers) {}

    public static Options options(ExplainStmt stmt) {
        boolean analyze = false;
        boolean costs = true;
        boolean verbose = false;
        boolean timing = true;
        Boolean summary = null;
        boolean buffers = false;
        for (DefElem d : stmt.options()) {
            String name = d.defname().toLowerCase(Locale.ROOT);
            switch (name) {
                case "analyze": analyze = bool(d); break;
                case "costs": costs = bool(d); break;
                case "verbose": verbose = bool(d); break;
                case "timing": timing = bool(d); break;
                case "summary": summary = bool(d); break;
                case "buffers": buffers = bool(d); break;
                case "settings": case "wal": bool(d); break;
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
        return new Options(analyze, costs, verbose, timing, summary != null ? summary : analyze, buffers);
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
        return explain(query, options.analyze() ? SubPlans.Description.NONE : SubPlans.describe(query), options, ctx);
    }

    /**
     * EXPLAIN ANALYZE of a data-modifying statement over {@code query}: {@code consumer} runs the statement on the
     * instrumented plan's root (it reads every row) before the plan is described.
     */
    public static List<String> explain(Query query, Options options, EvalContext ctx,
            java.util.function.Consumer<PlanState> consumer) {
        return explain(query, SubPlans.Description.NONE, options, ctx, consumer);
    }

    /** The QUERY PLAN lines for a query whose InitPlans and SubPlans {@code subPlans} describes. */
    public static List<String> explain(Query query, SubPlans.Description subPlans, Options options, EvalContext ctx) {
        return explain(query, subPlans, options, ctx, root -> {
            while (root.next() != null) {
                // rows are counted by the instrumented nodes
            }
        });
    }

    private static List<String> explain(Query query, SubPlans.Description subPlans, Options options, EvalContext ctx,
            java.util.function.Consumer<PlanState> consumer) {
        Planned[] planned = new Planned[1];
        long start = System.nanoTime();
        BufferUsage.Counts planningStart = options.buffers() ? BufferUsage.now() : null;
        if (options.analyze()) {
            ctx.attach(Instrumented.KEY, new Instrumented.Settings(options.timing(), options.buffers()));
        }
        if (options.verbose()) {
            ctx.attach(VerboseOutput.KEY, Boolean.TRUE);
        }
        PlanState root = SubPlans.with(subPlans, () -> {
            PlanState state = Executor.start(query, ctx, planned);
            try {
                attachSubPlans(planned[0].explain(), subPlans, ctx);
            } catch (RuntimeException e) {
                state.close();
                throw e;
            }
            return state;
        });
        long planned_ = System.nanoTime();
        BufferUsage.Counts planning = options.buffers() ? BufferUsage.now().since(planningStart) : null;
        ExplainNode top = planned[0].explain();
        List<String> out;
        try {
            if (options.analyze()) {
                consumer.accept(root);
                fillUninstrumented(top);
            }
        } finally {
            root.close();
        }
        out = new ArrayList<>(top.format(options.costs()));
        if (planning != null && !planning.isZero()) {
            // show_buffer_usage(planning): what planning read, EXPLAIN ANALYZE or not
            out.add("Planning:");
            out.add("  " + ExplainNode.buffersLine(planning));
        }
        if (options.analyze() && options.summary()) {
            long end = System.nanoTime();
            out.add(String.format(Locale.ROOT, "Planning Time: %.3f ms", (planned_ - start) / 1e6));
            out.add(String.format(Locale.ROOT, "Execution Time: %.3f ms", (end - planned_) / 1e6));
        }
        return out;
    }

    /**
     * SS_attach_initplans and the SubPlans of each node: the level's InitPlans, planned for their
     * description, on its top node; a SubPlan on the node whose expressions show it, else (a
     * target list EXPLAIN does not print) on the top node that projects.
     */
    private static void attachSubPlans(ExplainNode top, SubPlans.Description subPlans, EvalContext ctx) {
        org.tusk.engine.executor.EState estate = (org.tusk.engine.executor.EState) ctx.attachment(
                org.tusk.engine.executor.EState.class);
        for (SubPlans.Entry e : subPlans.entries()) {
            Planned sub = e.group() != null ? e.group().withAllColumns(() -> Planner.plan(e.query(), estate))
                    : Planner.plan(e.query(), estate);
            sub.state().close();
            ExplainNode.SubPlanEntry entry = new ExplainNode.SubPlanEntry(e.name(), sub.explain());
            if (e.initPlan()) {
                top.initPlans.add(entry);
            } else {
                ExplainNode at = showing(top, e.printed());
                (at != null ? at : projecting(top)).subPlans.add(entry);
            }
        }
    }

    /** The first node (top down) whose detail lines show {@code printed}, or null. */
    private static ExplainNode showing(ExplainNode n, String printed) {
        for (String d : n.details) {
            if (d.contains(printed)) {
                return n;
            }
        }
        for (ExplainNode c : n.children) {
            ExplainNode found = showing(c, printed);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The level's top node that computes the target list (below Limit, Sort, LockRows and Unique). */
    private static ExplainNode projecting(ExplainNode n) {
        while (n.children.size() == 1 && (n.label.equals("Limit") || n.label.equals("Sort")
                || n.label.equals("LockRows") || n.label.equals("Unique"))) {
            n = n.children.get(0);
        }
        return n;
    }

    /**
     * Nodes without a plan state of their own (Hash, the Sort under a Unique)
     * report what their input produced, as PostgreSQL's would.
     */
    private static void fillUninstrumented(ExplainNode n) {
        for (ExplainNode c : n.children) {
            fillUninstrumented(c);
        }
        if (n.instrument == null && !n.children.isEmpty() && n.actualLoops == 0) {
            ExplainNode c = n.children.get(0);
            n.actualRows = c.actualRows;
            n.actualLoops = c.actualLoops;
            n.startupNanos = c.startupNanos;
            n.totalNanos = c.totalNanos;
            n.timed = c.timed;
            n.buffers = c.buffers;
        }
    }
}
