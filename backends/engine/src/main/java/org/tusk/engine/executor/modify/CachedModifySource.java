package org.tusk.engine.executor.modify;

import java.util.HashMap;
import java.util.Map;

import org.tusk.engine.analyze.Query;
import org.tusk.engine.executor.Executor;
import org.tusk.engine.executor.PlanState;
import org.tusk.engine.executor.ReusablePlan;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.relcache.RelationCache;
import org.tusk.lmgr.LockMode;

/**
 * The generic plan of the rows a prepared UPDATE or DELETE changes (the subplan under
 * PostgreSQL's ModifyTable), kept for re-execution as a {@link ReusablePlan}: a
 * statement executed again (pgbench's {@code UPDATE ... WHERE aid = $1}) reuses the
 * scan tree instead of planning it for every Execute.
 *
 * <p>The first execution plans as a one-off statement does, so simple-protocol
 * statements, which run once, pay nothing for the cache. From the second on
 * (AcquireExecutorLocks + RevalidateCachedQuery): the target is locked in
 * RowExclusiveLock, which reads other backends' invalidation messages; if the
 * target or any relation the planner opened for the tree (its indexes) was
 * invalidated since the tree was built, the tree is dropped and planned again.
 * Plans {@link ReusablePlan} cannot re-execute (joins, sub-SELECTs, inheritance)
 * are planned for every execution, as before. Tusk's planner does not look at
 * parameter values, so a kept generic plan is the plan a custom one would be.
 */
public final class CachedModifySource {
    private final Query query;
    private final int targetOid;
    private final RelationCache relcache;
    private ReusablePlan tree;
    /** The relations planning the tree opened, whose invalidation makes it stale. */
    private Map<Integer, LockMode> planOpened = Map.of();
    private long builtAt;
    private long executions;
    private boolean notReusable;

    public CachedModifySource(Query query, int targetOid, RelationCache relcache) {
        this.query = query;
        this.targetOid = targetOid;
        this.relcache = relcache;
    }

    /** ExecutorStart of the source rows for one execution whose parameters {@code ctx} holds. */
    public PlanState start(EvalContext ctx) {
        executions++;
        if (executions == 1 || notReusable || relcache == null) {
            return Executor.start(query, ctx);
        }
        relcache.lock(targetOid, LockMode.ROW_EXCLUSIVE);
        if (tree != null && isStale()) {
            tree.discard();
            tree = null;
        }
        if (tree == null) {
            long epoch = relcache.invalidationEpoch();
            Map<Integer, LockMode> opened = new HashMap<>();
            Map<Integer, LockMode> previous = relcache.recordOpens(opened);
            try {
                tree = ReusablePlan.build(query, new EvalContext(ctx.session(), ctx.params()));
            } finally {
                relcache.recordOpens(previous);
                if (previous != null) {
                    opened.forEach(previous::putIfAbsent);
                }
            }
            if (tree == null) {
                notReusable = true;
                return Executor.start(query, ctx);
            }
            planOpened = opened;
            builtAt = epoch;
        }
        if (tree.inUse()) {
            return Executor.start(query, ctx);              // a nested execution of the same statement
        }
        return tree.start(ctx.params());
    }

    private boolean isStale() {
        if (relcache.invalidatedSince(targetOid, builtAt)) {
            return true;
        }
        for (Integer oid : planOpened.keySet()) {
            if (relcache.invalidatedSince(oid, builtAt)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a kept tree exists now (for tests). */
    public boolean hasTree() {
        return tree != null;
    }
}
