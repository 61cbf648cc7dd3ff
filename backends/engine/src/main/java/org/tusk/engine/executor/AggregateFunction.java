package org.tusk.engine.executor;

import org.tusk.engine.expr.EvalContext;

import org.tusk.engine.types.PgType;

/**
 * An aggregate's transition machinery (pg_aggregate: aggtransfn, aggfinalfn,
 * strictness). For strict aggregates the Agg node skips rows with a NULL
 * argument; the transition function receives a null state for the first row
 * when {@link #initial()} is null (agginitval NULL) and starts from it.
 */
public interface AggregateFunction {
    String name();

    PgType resultType();

    boolean strict();

    /** The initial state (a fresh mutable object if the state is mutable), or null. */
    Object initial();

    Object transition(Object state, Object[] args);

    /**
     * The transition inside a running query: {@code ctx} carries the session's settings
     * (TimeZone, DateStyle) for aggregates that print values, as json_agg does; the others
     * need no more than their state and arguments.
     */
    default Object transition(Object state, Object[] args, EvalContext ctx) {
        return transition(state, args);
    }

    /** The result from the final state (called with the initial state for an empty group). */
    Object finish(Object state);
}
