package org.tusk.engine.executor;

import java.nio.file.Path;

import org.tusk.engine.analyze.Query;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.planner.Planned;
import org.tusk.engine.planner.Planner;

/**
 * ExecutorStart for an analyzed SELECT: creates the query's EState (work_mem,
 * temp files under the data directory), plans the query and returns the root
 * node. The root closes the whole tree and deletes the query's temp files when
 * it runs out of rows, when it is closed, or when a row fails with an error.
 * Rows come out with the target columns first, followed by resjunk sort keys.
 */
public final class Executor {
    private Executor() {}

    public static PlanState start(Query query, EvalContext ctx) {
        return start(query, ctx, null);
    }

    public static PlanState start(Query query, EvalContext ctx, Planned[] explainOut) {
        Planned planned = planUnderNewEState(query, ctx);
        EState estate = (EState) ctx.attachment(EState.class);
        if (explainOut != null) {
            explainOut[0] = planned;
        }
        return new QueryRoot(planned.state(), estate::close);
    }

    /**
     * An EState for expressions run outside a plan (the sub-SELECTs of INSERT ... VALUES plan themselves
     * against it): the one {@code ctx} has, else a new one attached to it. Returns the new one for the
     * caller to close at the end of the statement, or null when {@code ctx} had one already.
     */
    /** Plans the query under a new EState attached to {@code ctx} (closed again if planning fails). */
    static Planned planUnderNewEState(Query query, EvalContext ctx) {
        EState estate = newEState(ctx);
        ctx.attach(EState.class, estate);
        try {
            return Planner.plan(query, estate);
        } catch (RuntimeException e) {
            estate.close();
            throw e;
        }
    }

    public static EState attachEState(EvalContext ctx) {
        if (ctx.attachment(EState.class) != null) {
            return null;
        }
        EState estate = newEState(ctx);
        ctx.attach(EState.class, estate);
        return estate;
    }

    /** The query's EState: work_mem from the session, temp files under its data directory. */
    public static EState newEState(EvalContext ctx) {
        Path dataDir = null;
        int pid = (int) ProcessHandle.current().pid();
        if (ctx.session() != null && ctx.session().host() != null && ctx.session().host().backend() != null) {
            dataDir = ctx.session().host().backend().dataDirectory();
            pid = ctx.session().host().backend().pid();
        }
        return EState.forSession(ctx, dataDir, pid);
    }
}
