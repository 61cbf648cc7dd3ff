package org.tusk.engine.analyze;

import org.tusk.engine.executor.AggregateFunction;
import org.tusk.engine.func.UserProcs;
import org.tusk.engine.types.PgType;

/**
 * A CREATE AGGREGATE aggregate as Agg and WindowAgg drive it (nodeAgg.c's
 * advance_transition_function and finalize_aggregate): the state starts as
 * agginitval; with a strict transition function and no initial value the first
 * non-NULL input becomes the state, and a NULL state is kept without calling
 * it; a strict final function gives NULL for a NULL state; without a final
 * function the state is the result. Bodies run without the caller's
 * EvalContext (SQL ones use the session's).
 */
final class UserAggregate implements AggregateFunction {
    private final UserProcs.AggregateDef def;

    UserAggregate(UserProcs.AggregateDef def) {
        this.def = def;
    }

    @Override
    public String name() {
        return def.name();
    }

    @Override
    public PgType resultType() {
        return def.resultType();
    }

    @Override
    public boolean strict() {
        return def.transStrict();
    }

    @Override
    public Object initial() {
        return def.initVal();
    }

    @Override
    public Object transition(Object state, Object[] args) {
        if (def.transStrict()) {
            for (Object a : args) {
                if (a == null) {
                    return state;
                }
            }
            if (state == null) {
                return def.initVal() == null && args.length > 0 ? args[0] : null;
            }
        }
        Object[] callArgs = new Object[args.length + 1];
        callArgs[0] = state;
        System.arraycopy(args, 0, callArgs, 1, args.length);
        return def.transFn().apply(callArgs, null);
    }

    @Override
    public Object finish(Object state) {
        if (def.finalFn() == null) {
            return state;
        }
        if (def.finalStrict() && state == null) {
            return null;
        }
        return def.finalFn().apply(new Object[] {state}, null);
    }
}
