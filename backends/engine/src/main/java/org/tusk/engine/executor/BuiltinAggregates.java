package org.tusk.engine.executor;

import java.math.BigDecimal;
import java.util.function.BinaryOperator;

import org.tusk.engine.func.Arithmetic;
import org.tusk.engine.func.Comparisons;
import org.tusk.engine.types.PgType;

/**
 * The common built-in aggregates by name and argument type, with PostgreSQL's
 * result types: count, sum (int2/int4 -> int8, int8 -> numeric), avg (integers
 * and numeric -> numeric, floats -> float8), min, max, bool_and, bool_or, every,
 * string_agg. Returns null for aggregates it does not know (the types helper's
 * pg_aggregate-driven resolution supersedes this table).
 */
public final class BuiltinAggregates {
    private BuiltinAggregates() {}

    public static AggregateFunction countStar() {
        return new Simple("count", PgType.INT8, false, 0L, (s, a) -> (Long) s + 1, s -> s);
    }

    public static AggregateFunction lookup(String name, PgType arg) {
        switch (name) {
            case "count":
                return arg == null ? countStar() : new Simple("count", PgType.INT8, true, 0L, (s, a) -> (Long) s + 1, s -> s);
            case "sum":
                switch (arg) {
                    case INT2: case INT4:
                        return new Simple("sum", PgType.INT8, true, null,
                                (s, a) -> s == null ? ((Number) a).longValue()
                                        : (Long) Arithmetic.binary("+", PgType.INT8, s, ((Number) a).longValue()), s -> s);
                    case INT8: case NUMERIC:
                        return new Simple("sum", PgType.NUMERIC, true, null,
                                (s, a) -> s == null ? Comparisons.toBigDecimal(a)
                                        : ((BigDecimal) s).add(Comparisons.toBigDecimal(a)), s -> s);
                    case FLOAT4: case FLOAT8:
                        return new Simple("sum", arg, true, null,
                                (s, a) -> s == null ? a : Arithmetic.binary("+", arg, s, a), s -> s);
                    default: return null;
                }
            case "avg":
                switch (arg) {
                    case INT2: case INT4: case INT8: case NUMERIC:
                        return new Simple("avg", PgType.NUMERIC, true, null, (s, a) -> {
                            Object[] st = s == null ? new Object[] {BigDecimal.ZERO, 0L} : (Object[]) s;
                            return new Object[] {((BigDecimal) st[0]).add(Comparisons.toBigDecimal(a)), (Long) st[1] + 1};
                        }, s -> s == null ? null
                                : Arithmetic.binary("/", PgType.NUMERIC, ((Object[]) s)[0], BigDecimal.valueOf((Long) ((Object[]) s)[1])));
                    case FLOAT4: case FLOAT8:
                        return new Simple("avg", PgType.FLOAT8, true, null, (s, a) -> {
                            double[] st = s == null ? new double[2] : (double[]) s;
                            st[0] += ((Number) a).doubleValue();
                            st[1]++;
                            return st;
                        }, s -> s == null ? null : ((double[]) s)[0] / ((double[]) s)[1]);
                    default: return null;
                }
            case "min":
                return new Simple("min", arg, true, null,
                        (s, a) -> s == null || SortColumn.compareNonNull(a, s) < 0 ? a : s, s -> s);
            case "max":
                return new Simple("max", arg, true, null,
                        (s, a) -> s == null || SortColumn.compareNonNull(a, s) > 0 ? a : s, s -> s);
            case "bool_and": case "every":
                return new Simple(name, PgType.BOOL, true, null, (s, a) -> s == null ? a : (Boolean) s && (Boolean) a, s -> s);
            case "bool_or":
                return new Simple(name, PgType.BOOL, true, null, (s, a) -> s == null ? a : (Boolean) s || (Boolean) a, s -> s);
            default:
                return null;
        }
    }

    /** string_agg(value, delimiter): NULL values are skipped, the delimiter precedes every value but the first. */
    public static AggregateFunction stringAgg() {
        return new AggregateFunction() {
            @Override public String name() { return "string_agg"; }
            @Override public PgType resultType() { return PgType.TEXT; }
            @Override public boolean strict() { return false; }
            @Override public Object initial() { return null; }

            @Override
            public Object transition(Object state, Object[] args) {
                if (args[0] == null) {
                    return state;
                }
                if (state == null) {
                    return new StringBuilder((String) args[0]);
                }
                StringBuilder sb = (StringBuilder) state;
                if (args[1] != null) {
                    sb.append((String) args[1]);
                }
                return sb.append((String) args[0]);
            }

            @Override
            public Object finish(Object state) {
                return state == null ? null : state.toString();
            }
        };
    }

    private record Simple(String name, PgType resultType, boolean strict, Object initial,
            BinaryOperator<Object> step, java.util.function.UnaryOperator<Object> fin) implements AggregateFunction {
        @Override
        public Object transition(Object state, Object[] args) {
            return step.apply(state, args.length == 0 ? null : args[0]);
        }

        @Override
        public Object finish(Object state) {
            return fin.apply(state);
        }
    }
}
