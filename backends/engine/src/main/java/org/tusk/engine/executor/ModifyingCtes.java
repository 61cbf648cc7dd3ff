package org.tusk.engine.executor;

import java.util.Iterator;
import java.util.List;

import org.tusk.engine.commands.DmlCommand;
import org.tusk.engine.expr.EvalContext;

/**
 * Data-modifying WITH queries ({@code WITH w AS (INSERT ... RETURNING ...) SELECT ...}): PostgreSQL
 * runs each one exactly once and to completion, whether or not the rest of the statement reads all of
 * its rows (ExecPostprocessPlan). Here they run before the query's first row: this node sits on top of
 * the query level that owns the WITH and drains every data-modifying CTE into its tuplestore first, so
 * references read the RETURNING rows from there.
 */
public final class ModifyingCtes implements PlanState {
    private final PlanState plan;
    private final List<CteState> ctes;
    private boolean done;

    public ModifyingCtes(PlanState plan, List<CteState> ctes) {
        this.plan = plan;
        this.ctes = ctes;
    }

    @Override
    public Object[] next() {
        if (!done) {
            done = true;
            for (CteState cte : ctes) {
                while (cte.produce()) {
                    // into the CTE's tuplestore
                }
            }
        }
        return plan.next();
    }

    @Override
    public void rescan() {
        plan.rescan();
    }

    @Override
    public void close() {
        plan.close();
    }

    /**
     * The data-modifying statement as a CTE's plan: it runs on the first row asked for and hands out its
     * RETURNING rows. It shares the query's EvalContext (its parameters, other CTEs' states) but leaves
     * the context's current row as it found it.
     */
    public static final class Statement implements PlanState {
        private final DmlCommand command;
        private final EvalContext ctx;
        private Iterator<Object[]> rows;

        public Statement(DmlCommand command, EvalContext ctx) {
            this.command = command;
            this.ctx = ctx;
        }

        @Override
        public Object[] next() {
            if (rows == null) {
                Object[] row = ctx.row();
                Object[] aggregates = ctx.aggregates();
                try {
                    rows = command.execute(ctx, null).rows().iterator();
                } finally {
                    ctx.setRow(row);
                    ctx.setAggregates(aggregates);
                }
            }
            return rows.hasNext() ? rows.next() : null;
        }

        @Override
        public void rescan() {
            // the statement ran once; its rows are kept by the CTE's tuplestore
        }

        @Override
        public void close() {
            rows = null;
        }
    }
}
