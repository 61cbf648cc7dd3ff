package org.tusk.engine.executor;

/**
 * A WITH query shared by all its CteScans: the CTE's plan runs at most once,
 * lazily, as far as the readers need, and its rows are kept in a tuplestore so
 * every reference sees the same rows (PostgreSQL's non-inlined CTE semantics).
 */
public final class CteState {
    private final PlanState plan;
    private final TupleStore store;
    private boolean done;

    /** The planner's row estimate for the CTE's query (what its CTE Scans estimate), -1 when unknown. */
    public double estimatedRows = -1;

    public CteState(PlanState plan, EState estate) {
        this.plan = plan;
        this.store = new TupleStore(estate);
    }

    TupleStore store() {
        return store;
    }

    /** Produces one more row into the store; false when the CTE is exhausted. */
    boolean produce() {
        if (done) {
            return false;
        }
        Object[] row = plan.next();
        if (row == null) {
            done = true;
            return false;
        }
        store.add(row);
        return true;
    }

    void close() {
        store.clear();
        plan.close();
    }
}
