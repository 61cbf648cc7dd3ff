package org.tusk.engine.executor;

import org.tusk.engine.func.agg.AggregateFunction;
import org.tusk.engine.types.PgType;

/**
 * An aggregate of the types helper's {@code func.agg.Aggregates} (one per
 * pg_aggregate row: array_agg, bit_and/or/xor, stddev/variance, corr/regr_*,
 * ...) seen through the executor's {@link org.tusk.engine.executor.AggregateFunction},
 * so Agg and WindowAgg drive it like their built-in ones. The Agg node already
 * skips rows with a NULL argument for strict aggregates; {@code advance} adds the
 * rest of nodeAgg's strictness rule (a null initial state adopts the first value).
 * These transition functions do not use an EvalContext, so none is passed.
 */
public final class ProcAggregate implements org.tusk.engine.executor.AggregateFunction {
    private final String name;
    private final AggregateFunction fn;

    public ProcAggregate(String name, AggregateFunction fn) {
        this.name = name;
        this.fn = fn;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PgType resultType() {
        return fn.resultType();
    }

    @Override
    public boolean strict() {
        return fn.strict();
    }

    @Override
    public Object initial() {
        return fn.initialState();
    }

    @Override
    public Object transition(Object state, Object[] args) {
        return fn.advance(state, args, null);
    }

    @Override
    public Object finish(Object state) {
        return fn.finalValue(state, null);
    }
}
