package org.tusk.engine.func.agg;

import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.types.PgType;

/**
 * One built-in aggregate as nodeAgg.c drives it (a pg_aggregate row bound to
 * Java): per group, {@code state = initialState()}, then for every input row
 * {@code state = transition(state, args)}, and at the end
 * {@code finalValue(state)}. {@code combine} merges two partial states
 * (parallel or two-phase aggregation).
 *
 * <p>The executor's obligations, as for PostgreSQL's transition functions:
 * <ul>
 * <li>if {@link #strict()} (proisstrict of aggtransfn), rows where any
 *     argument is NULL are skipped without calling {@code transition}; and when
 *     the initial state is null, the first non-null row's first argument
 *     becomes the state as is (that is how max/min/sum(int4)… start);</li>
 * <li>otherwise every row is passed, NULLs included;</li>
 * <li>a state may be a mutable object: it belongs to one group, is never
 *     shared, and must not be used after {@code finalValue};</li>
 * <li>{@code finalValue} gets the state even when no row was aggregated
 *     (sum gives NULL, count gives 0, array_agg NULL).</li>
 * </ul>
 */
public interface AggregateFunction {
    /** pg_proc OID of the aggregate. */
    int oid();

    /** The aggregate's result type (prorettype, polymorphism resolved). */
    PgType resultType();

    /** Whether the transition skips rows with a NULL argument (and adopts the first value when the initial state is null). */
    boolean strict();

    /** agginitval: a fresh state for one group (null for "no value yet"). */
    Object initialState();

    /** aggtransfn. */
    Object transition(Object state, Object[] args, EvalContext ctx);

    /** aggfinalfn, or the state itself when there is none. */
    Object finalValue(Object state, EvalContext ctx);

    /** aggcombinefn: the state of both inputs' rows together (either may be null). Only if {@link #combinable()}. */
    Object combine(Object a, Object b, EvalContext ctx);

    /** Whether pg_aggregate has a combine function for this aggregate (array_agg, string_agg... have none). */
    boolean combinable();

    /**
     * nodeAgg's per-row step with the strictness rules above: what the
     * executor calls for each input row.
     */
    default Object advance(Object state, Object[] args, EvalContext ctx) {
        if (strict()) {
            for (Object a : args) {
                if (a == null) {
                    return state;
                }
            }
            if (state == null && initialState() == null && args.length > 0 && adoptsFirstValue()) {
                return args[0];
            }
        }
        return transition(state, args, ctx);
    }

    /** Whether a null initial state is replaced by the first input value (transition type = input type). */
    default boolean adoptsFirstValue() {
        return false;
    }
}
