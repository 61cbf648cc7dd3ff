package org.tusk.engine.func.agg;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.func.Arithmetic;
import org.tusk.engine.func.BootstrapCsv;
import org.tusk.engine.func.Comparisons;
import org.tusk.engine.func.ProcEntry;
import org.tusk.engine.func.ValueComparator;
import org.tusk.engine.types.ArraySubscripts;
import org.tusk.engine.types.ArrayValue;
import org.tusk.engine.types.PgType;

/**
 * The built-in aggregates: each pg_aggregate row (aggtransfn, aggfinalfn,
 * aggcombinefn, agginitval from the bootstrap facts) bound to Java by the
 * names of its support functions, the way FunctionRegistry binds prosrc.
 *
 * <pre>
 *   Resolution r = FunctionCatalog.lookup("sum", List.of(PgType.INT4));   // r.proc().kind() == 'a'
 *   AggregateFunction agg = Aggregates.forProc(r.proc(), r.resultType()); // null: not implemented
 *   Object state = agg.initialState();
 *   for (each row) state = agg.advance(state, new Object[] {value}, ctx);
 *   Object result = agg.finalValue(state, ctx);                           // sum(int4) -> Long (int8)
 * </pre>
 */
public final class Aggregates {
    private Aggregates() {}

    private record Row(String transfn, String finalfn, String combinefn, String initval) {}

    private static final Map<Integer, Row> ROWS = new HashMap<>();

    static {
        for (Map<String, String> r : BootstrapCsv.read("pg_aggregate.csv")) {
            ROWS.put(Integer.parseInt(r.get("aggfnoid")), new Row(r.get("aggtransfn"), r.get("aggfinalfn"),
                    r.get("aggcombinefn"), r.get("agginitval")));
        }
    }

    /** Transition step. */
    interface Trans {
        Object apply(Object state, Object[] args, EvalContext ctx);
    }

    /** Final step. */
    interface Final {
        Object apply(Object state, EvalContext ctx);
    }

    /** Combine step. */
    interface Combine {
        Object apply(Object a, Object b, EvalContext ctx);
    }

    private record Impl(int oid, PgType resultType, boolean strict, boolean adoptsFirstValue, Supplier<Object> init,
            Trans trans, Final fin, Combine comb) implements AggregateFunction {
        @Override public Object initialState() { return init.get(); }
        @Override public Object transition(Object state, Object[] args, EvalContext ctx) { return trans.apply(state, args, ctx); }
        @Override public Object finalValue(Object state, EvalContext ctx) { return fin == null ? state : fin.apply(state, ctx); }
        @Override public boolean combinable() { return comb != null; }
        @Override public Object combine(Object a, Object b, EvalContext ctx) {
            if (comb == null) {
                throw new IllegalStateException("aggregate " + oid + " has no combine function");
            }
            if (a == null) {
                return b;
            }
            if (b == null) {
                return a;
            }
            return comb.apply(a, b, ctx);
        }
    }

    /** Whether {@code proc} is a plain aggregate Tusk implements. */
    public static boolean implemented(ProcEntry proc) {
        return proc != null && proc.kind() == 'a' && forProc(proc, proc.resultType()) != null;
    }

    /**
     * The aggregate {@code proc} (prokind 'a') with its resolved result type
     * (matters for polymorphic ones: array_agg, min/max over arrays); null if
     * Tusk has no implementation (ordered-set, json, range, xml, interval avg...).
     */
    public static AggregateFunction forProc(ProcEntry proc, PgType resultType) {
        Row row = ROWS.get(proc.oid());
        if (row == null) {
            return null;
        }
        int oid = proc.oid();
        PgType argType = proc.argTypes().isEmpty() ? null : proc.argTypes().get(0);
        String t = row.transfn();
        String f = row.finalfn();
        switch (t) {
            case "int8inc": case "int8inc_any": case "int8inc_float8_float8":
                return new Impl(oid, PgType.INT8, true, false, () -> 0L, (s, a, c) -> (Long) s + 1,
                        null, (x, y, c) -> (Long) x + (Long) y);
            case "int2_sum": case "int4_sum":
                return new Impl(oid, PgType.INT8, true, false, () -> null,
                        (s, a, c) -> (s == null ? 0L : (Long) s) + ((Number) a[0]).longValue(), null,
                        (x, y, c) -> Math.addExact((Long) x, (Long) y));
            case "float4pl": case "float8pl": case "cash_pl": case "int2and": case "int4and": case "int8and":
            case "int2or": case "int4or": case "int8or": case "int2xor": case "int4xor": case "int8xor": {
                String op = t.endsWith("pl") ? "+" : t.endsWith("and") ? "&" : t.endsWith("xor") ? "#" : "|";
                PgType type = proc.resultType();
                Combine step = (x, y, c) -> bitOrArith(op, type, x, y);
                return new Impl(oid, type, true, true, () -> null, (s, a, c) -> step.apply(s, a[0], c), null, step);
            }
            case "booland_statefunc": case "boolor_statefunc": {
                boolean and = t.startsWith("booland");
                Combine step = (x, y, c) -> and ? (Boolean) x && (Boolean) y : (Boolean) x || (Boolean) y;
                return new Impl(oid, PgType.BOOL, true, true, () -> null, (s, a, c) -> step.apply(s, a[0], c), null, step);
            }
            case "int2_avg_accum": case "int4_avg_accum": case "int8_avg_accum": case "numeric_avg_accum":
            case "int2_accum": case "int4_accum": case "int8_accum": case "numeric_accum":
                return numeric(oid, proc.resultType(), t.contains("avg") ? null : "squares", f);
            case "float4_accum": case "float8_accum":
                return new Impl(oid, PgType.FLOAT8, true, false, FloatAccum::new, (s, a, c) -> {
                    ((FloatAccum) s).add(((Number) a[0]).doubleValue());
                    return s;
                }, (s, c) -> floatFinal(f, (FloatAccum) s), (x, y, c) -> ((FloatAccum) x).merge((FloatAccum) y));
            case "float8_regr_accum":
                return new Impl(oid, PgType.FLOAT8, true, false, FloatAccum::new, (s, a, c) -> {
                    ((FloatAccum) s).add((Double) a[0], (Double) a[1]);
                    return s;
                }, (s, c) -> regrFinal(f, (FloatAccum) s), (x, y, c) -> ((FloatAccum) x).merge((FloatAccum) y));
            case "string_agg_transfn":
                return new Impl(oid, PgType.TEXT, false, false, () -> null, Aggregates::stringAgg,
                        (s, c) -> s == null ? null : s.toString(), null);
            case "bytea_string_agg_transfn":
                return new Impl(oid, PgType.BYTEA, false, false, () -> null, Aggregates::byteaAgg,
                        (s, c) -> s == null ? null : ((java.io.ByteArrayOutputStream) s).toByteArray(), null);
            case "array_agg_transfn": {
                PgType elem = resultType.elementType();
                return new Impl(oid, resultType, false, false, () -> null, (s, a, c) -> {
                    @SuppressWarnings("unchecked")
                    List<Object> list = s == null ? new ArrayList<>() : (List<Object>) s;
                    // an enum value joins a text[] of labels (arrays of enums carry text, see OverloadResolver)
                    list.add(a[0] instanceof org.tusk.engine.types.EnumValue e && elem == PgType.TEXT ? e.label() : a[0]);
                    return list;
                }, (s, c) -> s == null ? null : ArrayValue.of(elem, ((List<?>) s).toArray()), null);
            }
            case "array_agg_array_transfn": {
                PgType elem = resultType.elementType();
                return new Impl(oid, resultType, false, false, () -> null, Aggregates::arrayAggArray,
                        (s, c) -> s == null ? null : arrayAggArrayFinal(elem, s), null);
            }
            default:
                break;
        }
        if (t.endsWith("larger") || t.endsWith("smaller")) {
            boolean larger = t.endsWith("larger");
            PgType type = argType;
            Combine pick = (x, y, c) -> {
                int cmp = type == null || type.isPolymorphic() ? Comparisons.compare(x, y)
                        : ValueComparator.compare(type, x, type, y, c);
                return larger ? (cmp >= 0 ? x : y) : (cmp <= 0 ? x : y);
            };
            if (type != null && !type.isPolymorphic() && !ValueComparator.supports(type, type)) {
                return null;
            }
            return new Impl(oid, resultType, true, true, () -> null, (s, a, c) -> pick.apply(s, a[0], c), null, pick);
        }
        return null;
    }

    private static Object bitOrArith(String op, PgType type, Object x, Object y) {
        switch (op) {
            case "+":
                // sum(money) steps with cash_pl (int8 cents, "money out of range" on overflow)
                return type == PgType.MONEY ? org.tusk.engine.types.Money.add((Long) x, (Long) y)
                        : Arithmetic.binary("+", type, x, y);
            case "&": return box(type, ((Number) x).longValue() & ((Number) y).longValue());
            case "|": return box(type, ((Number) x).longValue() | ((Number) y).longValue());
            default: return box(type, ((Number) x).longValue() ^ ((Number) y).longValue());
        }
    }

    private static Object box(PgType type, long v) {
        switch (type) {
            case INT2: return (short) v;
            case INT4: return (int) v;
            default: return v;
        }
    }

    private static AggregateFunction numeric(int oid, PgType resultType, String squares, String fin) {
        boolean sq = squares != null;
        Final f;
        switch (fin) {
            case "int8_avg": case "numeric_avg": case "numeric_poly_avg":
                f = (s, c) -> ((NumericAccum) s).avg();
                break;
            case "numeric_sum": case "numeric_poly_sum":
                f = (s, c) -> ((NumericAccum) s).sum();
                break;
            case "numeric_var_pop": case "numeric_poly_var_pop":
                f = (s, c) -> ((NumericAccum) s).variance(false, false);
                break;
            case "numeric_var_samp": case "numeric_poly_var_samp":
                f = (s, c) -> ((NumericAccum) s).variance(true, false);
                break;
            case "numeric_stddev_pop": case "numeric_poly_stddev_pop":
                f = (s, c) -> ((NumericAccum) s).variance(false, true);
                break;
            case "numeric_stddev_samp": case "numeric_poly_stddev_samp":
                f = (s, c) -> ((NumericAccum) s).variance(true, true);
                break;
            default:
                return null;
        }
        return new Impl(oid, resultType, true, false, () -> new NumericAccum(sq), (s, a, c) -> {
            ((NumericAccum) s).add(a[0]);
            return s;
        }, f, (x, y, c) -> ((NumericAccum) x).merge((NumericAccum) y));
    }

    private static Object floatFinal(String fin, FloatAccum s) {
        double n = s.n;
        switch (fin) {
            case "float8_avg": return n == 0 ? null : s.sx / n;
            case "float8_var_pop": return n == 0 ? null : s.sxx / n;
            case "float8_var_samp": return n <= 1 ? null : s.sxx / (n - 1.0);
            case "float8_stddev_pop": return n == 0 ? null : Math.sqrt(s.sxx / n);
            case "float8_stddev_samp": return n <= 1 ? null : Math.sqrt(s.sxx / (n - 1.0));
            default: throw new IllegalStateException(fin);
        }
    }

    private static Object regrFinal(String fin, FloatAccum s) {
        double n = s.n;
        if (n < 1.0) {
            return null;
        }
        switch (fin) {
            case "float8_regr_sxx": return s.sxx;
            case "float8_regr_syy": return s.syy;
            case "float8_regr_sxy": return s.sxy;
            case "float8_regr_avgx": return s.sx / n;
            case "float8_regr_avgy": return s.sy / n;
            case "float8_covar_pop": return s.sxy / n;
            case "float8_covar_samp": return n < 2.0 ? null : s.sxy / (n - 1.0);
            case "float8_corr":
                return s.sxx == 0 || s.syy == 0 ? null : s.sxy / Math.sqrt(s.sxx * s.syy);
            case "float8_regr_r2":
                if (s.sxx == 0) {
                    return null;
                }
                return s.syy == 0 ? 1.0 : s.sxy * s.sxy / (s.sxx * s.syy);
            case "float8_regr_slope": return s.sxx == 0 ? null : s.sxy / s.sxx;
            case "float8_regr_intercept": return s.sxx == 0 ? null : (s.sy - s.sx * s.sxy / s.sxx) / n;
            default: throw new IllegalStateException(fin);
        }
    }

    /** string_agg_transfn: a NULL value is skipped; the delimiter goes before every value but the first. */
    private static Object stringAgg(Object state, Object[] a, EvalContext c) {
        if (a[0] == null) {
            return state;
        }
        StringBuilder sb = (StringBuilder) state;
        if (sb == null) {
            sb = new StringBuilder();
        } else if (a[1] != null) {
            sb.append((String) a[1]);
        }
        return sb.append((String) a[0]);
    }

    private static Object byteaAgg(Object state, Object[] a, EvalContext c) {
        if (a[0] == null) {
            return state;
        }
        java.io.ByteArrayOutputStream out = (java.io.ByteArrayOutputStream) state;
        if (out == null) {
            out = new java.io.ByteArrayOutputStream();
        } else if (a[1] != null) {
            out.writeBytes((byte[]) a[1]);
        }
        out.writeBytes((byte[]) a[0]);
        return out;
    }

    /** array_agg(anyarray): inputs must be non-null, non-empty and of equal dimensions. */
    private static Object arrayAggArray(Object state, Object[] a, EvalContext c) {
        if (a[0] == null) {
            throw Ereport.error("22004", "cannot accumulate null arrays");
        }
        ArrayValue v = (ArrayValue) a[0];
        if (v.ndims() == 0) {
            throw Ereport.error(ArrayValue.ARRAY_SUBSCRIPT_ERROR, "cannot accumulate empty arrays");
        }
        @SuppressWarnings("unchecked")
        List<ArrayValue> list = state == null ? new ArrayList<>() : (List<ArrayValue>) state;
        if (!list.isEmpty() && (!java.util.Arrays.equals(list.get(0).lengths(), v.lengths())
                || !java.util.Arrays.equals(list.get(0).lowerBounds(), v.lowerBounds()))) {
            throw Ereport.error(ArrayValue.ARRAY_SUBSCRIPT_ERROR, "cannot accumulate arrays of different dimensionality");
        }
        list.add(v);
        return list;
    }

    @SuppressWarnings("unchecked")
    private static Object arrayAggArrayFinal(PgType elem, Object state) {
        return ArraySubscripts.stack(elem, (List<ArrayValue>) state);
    }

    /** For tests: the result of aggregating {@code rows} (each the argument values of one row). */
    public static Object aggregate(AggregateFunction agg, List<Object[]> rows, EvalContext ctx) {
        Object state = agg.initialState();
        for (Object[] r : rows) {
            state = agg.advance(state, r, ctx);
        }
        return agg.finalValue(state, ctx);
    }
}
