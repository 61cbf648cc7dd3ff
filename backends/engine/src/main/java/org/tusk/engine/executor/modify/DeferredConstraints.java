package org.tusk.engine.executor.modify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.tusk.engine.expr.EvalContext;

/**
 * The deferred part of trigger.c's after-trigger queue, for one session's transaction: the
 * foreign key checks of DEFERRABLE constraints that are currently deferred (INITIALLY DEFERRED,
 * or SET CONSTRAINTS ... DEFERRED) wait here until COMMIT (AfterTriggerFireDeferred) or until
 * SET CONSTRAINTS ... IMMEDIATE names their constraint (AfterTriggerSetState fires them then).
 *
 * <p>The SET CONSTRAINTS state lasts for the transaction: {@link #reset()} at its end.
 * Checks are kept in the order they were queued. A check re-reads the tables when it fires,
 * so a referenced row inserted later in the transaction satisfies it.
 */
public final class DeferredConstraints {

    /** One queued check of constraint {@code constraintOid}. */
    public interface Check {
        long constraintOid();

        void fire(EvalContext ctx);
    }

    private final List<Check> queue = new ArrayList<>();
    /** SET CONSTRAINTS ALL: null when not given in this transaction, else deferred or not. */
    private Boolean all;
    /** SET CONSTRAINTS name: per constraint oid, deferred or not (wins over ALL given before it). */
    private final Map<Long, Boolean> named = new HashMap<>();

    /** Whether a constraint with these attributes is checked at commit right now. */
    public boolean isDeferred(long constraintOid, boolean deferrable, boolean initiallyDeferred) {
        if (!deferrable) {
            return false;
        }
        Boolean state = named.get(constraintOid);
        if (state != null) {
            return state;
        }
        return all != null ? all : initiallyDeferred;
    }

    public void enqueue(Check check) {
        queue.add(check);
    }

    /** SET CONSTRAINTS ALL DEFERRED/IMMEDIATE; IMMEDIATE fires every queued check now. */
    public void setAll(boolean deferred, EvalContext ctx) {
        all = deferred;
        named.clear();
        if (!deferred) {
            fire(ctx, null);
        }
    }

    /** SET CONSTRAINTS name, ... DEFERRED/IMMEDIATE; IMMEDIATE fires the queued checks of those constraints now. */
    public void set(List<Long> constraintOids, boolean deferred, EvalContext ctx) {
        for (Long oid : constraintOids) {
            named.put(oid, deferred);
        }
        if (!deferred) {
            fire(ctx, constraintOids);
        }
    }

    /** AfterTriggerFireDeferred at COMMIT: every queued check (one failing aborts the commit). */
    public void fireAll(EvalContext ctx) {
        fire(ctx, null);
    }

    public boolean isEmpty() {
        return queue.isEmpty();
    }

    private void fire(EvalContext ctx, List<Long> only) {
        Iterator<Check> it = queue.iterator();
        List<Check> due = new ArrayList<>();
        while (it.hasNext()) {
            Check c = it.next();
            if (only == null || only.contains(c.constraintOid())) {
                due.add(c);
                it.remove();
            }
        }
        for (Check c : due) {
            c.fire(ctx);
        }
    }

    /** End of transaction: nothing queued survives, and the SET CONSTRAINTS state is forgotten. */
    public void reset() {
        queue.clear();
        all = null;
        named.clear();
    }
}
