package org.tusk.engine.func;

import java.math.BigDecimal;
import java.math.MathContext;

import org.tusk.engine.types.ArrayValue;
import org.tusk.engine.types.PgType;

/**
 * Transition and final functions of built-in aggregates that CREATE AGGREGATE
 * can name (int8inc, int8inc_any, int2/int4_avg_accum, int8_avg): the
 * executor's own aggregates do not go through them, user aggregates do.
 */
final class AggregateSupportFunctions {

    private AggregateSupportFunctions() {
    }

    static void register() {
        FunctionRegistry.bindIfAbsent("int8inc", (a, c) -> Math.addExact((Long) a[0], 1L));
        FunctionRegistry.bindIfAbsent("int8inc_any", (a, c) -> Math.addExact((Long) a[0], 1L));
        FunctionRegistry.bindIfAbsent("int8inc_float8_float8", (a, c) -> Math.addExact((Long) a[0], 1L));
        FunctionRegistry.bindIfAbsent("int4_avg_accum", (a, c) -> avgAccum(a[0], ((Number) a[1]).longValue()));
        FunctionRegistry.bindIfAbsent("int2_avg_accum", (a, c) -> avgAccum(a[0], ((Number) a[1]).longValue()));
        FunctionRegistry.bindIfAbsent("int8_avg", (a, c) -> {
            ArrayValue s = (ArrayValue) a[0];
            long count = (Long) s.element(0);
            if (count == 0) {
                return null;
            }
            return new BigDecimal((Long) s.element(1)).divide(new BigDecimal(count), MathContext.DECIMAL128)
                    .setScale(16, java.math.RoundingMode.HALF_UP).stripTrailingZeros().setScale(
                            Math.max(16, 0), java.math.RoundingMode.HALF_UP);
        });
    }

    /** int4_avg_accum: the {count, sum} int8[] state advanced by one value. */
    private static ArrayValue avgAccum(Object state, long value) {
        ArrayValue s = (ArrayValue) state;
        return ArrayValue.of(PgType.INT8, (Long) s.element(0) + 1, (Long) s.element(1) + value);
    }
}
