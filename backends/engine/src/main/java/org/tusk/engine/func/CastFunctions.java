package org.tusk.engine.func;

import java.math.BigDecimal;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.types.Coercions;
import org.tusk.engine.types.DateTimes;
import org.tusk.engine.types.FloatFormat;
import org.tusk.engine.types.NumericSupport;
import org.tusk.engine.types.PgType;
import org.tusk.engine.types.TextFormat;
import org.tusk.engine.types.TypeContext;

/**
 * The conversion functions pg_cast names (int48, numeric_int4, booltext...),
 * bound by prosrc. They are ordinary pg_proc rows, so {@code int4(1.5)} and
 * {@code text(true)} call the same bodies as the casts. Length-coercion
 * functions (varchar, bpchar, numeric) take (value, typmod[, isExplicit]) as
 * PostgreSQL's do.
 */
final class CastFunctions {
    private CastFunctions() {}

    static TypeContext typeContext(EvalContext ctx) {
        return ctx == null || ctx.session() == null ? TypeContext.DEFAULT : ctx.session().typeContext();
    }

    private static long asLong(Object v) {
        return ((Number) v).longValue();
    }

    static void register() {
        // bit strings ('0'/'1' characters) to integers: the rightmost bits, as bittoint4/bittoint8 do
        FunctionRegistry.bind("bittoint4", (a, c) -> (int) bitsToLong((String) a[0], 32, "integer out of range"));
        FunctionRegistry.bind("bittoint8", (a, c) -> bitsToLong((String) a[0], 64, "bigint out of range"));
        // integer widening and narrowing
        FunctionRegistry.bind("int82", (a, c) -> Arithmetic.box(PgType.INT2, asLong(a[0])));
        FunctionRegistry.bind("int84", (a, c) -> Arithmetic.box(PgType.INT4, asLong(a[0])));
        FunctionRegistry.bind("i4toi2", (a, c) -> Arithmetic.box(PgType.INT2, asLong(a[0])));
        FunctionRegistry.bind("int28", (a, c) -> asLong(a[0]));
        FunctionRegistry.bind("int48", (a, c) -> asLong(a[0]));
        FunctionRegistry.bind("i2toi4", (a, c) -> (int) asLong(a[0]));
        // to floating point
        for (String s : new String[] {"i8tof", "i2tof", "i4tof"}) {
            FunctionRegistry.bind(s, (a, c) -> (float) asLong(a[0]));
        }
        for (String s : new String[] {"i8tod", "i2tod", "i4tod"}) {
            FunctionRegistry.bind(s, (a, c) -> (double) asLong(a[0]));
        }
        FunctionRegistry.bind("ftod", (a, c) -> (double) (Float) a[0]);
        FunctionRegistry.bind("dtof", (a, c) -> {
            double d = (Double) a[0];
            float f = (float) d;
            if (Float.isInfinite(f) && !Double.isInfinite(d)) {
                throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
            }
            if (f == 0 && d != 0) {
                throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: underflow");
            }
            return f;
        });
        // to numeric
        for (String s : new String[] {"int8_numeric", "int2_numeric", "int4_numeric"}) {
            FunctionRegistry.bind(s, (a, c) -> BigDecimal.valueOf(asLong(a[0])));
        }
        FunctionRegistry.bind("float4_numeric", (a, c) -> floatToNumeric(a[0], true));
        FunctionRegistry.bind("float8_numeric", (a, c) -> floatToNumeric(a[0], false));
        // from floating point and numeric to integers (rounding half to even / half away from zero)
        FunctionRegistry.bind("ftoi2", (a, c) -> floatToInt(a[0], PgType.INT2));
        FunctionRegistry.bind("ftoi4", (a, c) -> floatToInt(a[0], PgType.INT4));
        FunctionRegistry.bind("ftoi8", (a, c) -> floatToInt(a[0], PgType.INT8));
        FunctionRegistry.bind("dtoi2", (a, c) -> floatToInt(a[0], PgType.INT2));
        FunctionRegistry.bind("dtoi4", (a, c) -> floatToInt(a[0], PgType.INT4));
        FunctionRegistry.bind("dtoi8", (a, c) -> floatToInt(a[0], PgType.INT8));
        FunctionRegistry.bind("numeric_int2", (a, c) -> numericToInt(a[0], PgType.INT2));
        FunctionRegistry.bind("numeric_int4", (a, c) -> numericToInt(a[0], PgType.INT4));
        FunctionRegistry.bind("numeric_int8", (a, c) -> numericToInt(a[0], PgType.INT8));
        FunctionRegistry.bind("numeric_float4", (a, c) -> {
            if (a[0] instanceof java.math.BigDecimal d) {
                // numeric_float4 goes through float4in, which rejects what overflows or underflows
                float f = Float.parseFloat(d.toString());
                if (Float.isInfinite(f) || f == 0 && d.signum() != 0) {
                    throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                            "\"" + d.toPlainString() + "\" is out of range for type real");
                }
                return f;
            }
            return (float) Comparisons.toDouble(a[0]);
        });
        FunctionRegistry.bind("numeric_float8", (a, c) -> {
            if (a[0] instanceof java.math.BigDecimal d) {
                double f = Double.parseDouble(d.toString());
                if (Double.isInfinite(f) || f == 0 && d.signum() != 0) {
                    throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                            "\"" + d.toPlainString() + "\" is out of range for type double precision");
                }
                return f;
            }
            return Comparisons.toDouble(a[0]);
        });
        // bool and "char"
        FunctionRegistry.bind("int4_bool", (a, c) -> ((Integer) a[0]) != 0);
        FunctionRegistry.bind("bool_int4", (a, c) -> ((Boolean) a[0]) ? 1 : 0);
        FunctionRegistry.bind("booltext", (a, c) -> ((Boolean) a[0]) ? "true" : "false");
        FunctionRegistry.bind("chartoi4", (a, c) -> {
            String s = (String) a[0];
            return s.isEmpty() ? 0 : (int) (byte) s.charAt(0);
        });
        FunctionRegistry.bind("i4tochar", (a, c) -> {
            int v = (Integer) a[0];
            if (v < -128 || v > 127) {
                throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "\"char\" out of range");
            }
            return v == 0 ? "" : String.valueOf((char) (v & 0xFF));
        });
        FunctionRegistry.bind("char_text", (a, c) -> org.tusk.engine.types.TextFormat.charOut((String) a[0]));
        FunctionRegistry.bind("char_bpchar", (a, c) -> org.tusk.engine.types.TextFormat.charOut((String) a[0]));
        FunctionRegistry.bind("text_char", (a, c) -> org.tusk.engine.types.TextFormat.charIn((String) a[0]));
        // oid family
        FunctionRegistry.bind("i8tooid", (a, c) -> {
            long l = (Long) a[0];
            if (l < -4294967296L || l > 4294967295L) {
                throw Ereport.outOfRange("OID");
            }
            return l < 0 ? l + 4294967296L : l;
        });
        FunctionRegistry.bind("oidtoi8", (a, c) -> a[0]);
        // string types
        FunctionRegistry.bind("name_text", (a, c) -> a[0]);
        FunctionRegistry.bind("name_bpchar", (a, c) -> a[0]);
        FunctionRegistry.bind("text_name", (a, c) -> Coercions.truncateName((String) a[0]));
        FunctionRegistry.bind("bpchar_name", (a, c) -> Coercions.truncateName(((String) a[0]).replaceAll(" +$", "")));
        FunctionRegistry.bind("network_show", (a, c) -> {
            // text(inet) shows the netmask, unlike inet's output function
            String s = (String) a[0];
            return s.indexOf('/') >= 0 ? s : s + (s.indexOf(':') >= 0 ? "/128" : "/32");
        });
        // length coercions: (value, typmod, isExplicit)
        FunctionRegistry.bind("varchar", (a, c) -> Coercions.varcharTypmod((String) a[0], (Integer) a[1],
                a.length > 2 && Boolean.TRUE.equals(a[2])));
        FunctionRegistry.bind("bpchar", (a, c) -> Coercions.bpcharTypmod((String) a[0], (Integer) a[1],
                a.length > 2 && Boolean.TRUE.equals(a[2])));
        FunctionRegistry.bind("numeric", (a, c) -> NumericSupport.applyTypmod(a[0], (Integer) a[1]));
        // date and time
        FunctionRegistry.bind("date_timestamp", (a, c) -> dateToTimestamp((Integer) a[0]));
        FunctionRegistry.bind("date_timestamptz", (a, c) -> {
            long ts = dateToTimestamp((Integer) a[0]);
            return isInfinite(ts) ? ts : DateTimes.timestampToTimestamptz(ts, typeContext(c).timeZone());
        });
        FunctionRegistry.bind("timestamp_timestamptz", (a, c) -> {
            long ts = (Long) a[0];
            return isInfinite(ts) ? ts : DateTimes.timestampToTimestamptz(ts, typeContext(c).timeZone());
        });
        FunctionRegistry.bind("timestamptz_timestamp", (a, c) -> {
            long ts = (Long) a[0];
            return isInfinite(ts) ? ts : DateTimes.timestamptzToTimestamp(ts, typeContext(c).timeZone());
        });
        FunctionRegistry.bind("timestamp_date", (a, c) -> timestampToDate((Long) a[0]));
        FunctionRegistry.bind("timestamptz_date", (a, c) -> {
            long ts = (Long) a[0];
            return timestampToDate(isInfinite(ts) ? ts : DateTimes.timestamptzToTimestamp(ts, typeContext(c).timeZone()));
        });
    }

    static boolean isInfinite(long ts) {
        return ts == Long.MIN_VALUE || ts == Long.MAX_VALUE;
    }

    static long dateToTimestamp(int days) {
        if (days == Integer.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        if (days == Integer.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        return days * 86_400_000_000L;
    }

    static int timestampToDate(long ts) {
        if (ts == Long.MIN_VALUE) {
            return Integer.MIN_VALUE;
        }
        if (ts == Long.MAX_VALUE) {
            return Integer.MAX_VALUE;
        }
        return (int) Math.floorDiv(ts, 86_400_000_000L);
    }

    /** float4/8 to an integer type: round half to even (rint), then range-check. */
    static Object floatToInt(Object v, PgType to) {
        double d = ((Number) v).doubleValue();
        double r = Math.rint(d);
        boolean out;
        switch (to) {
            case INT2: out = !(r >= Short.MIN_VALUE && r <= Short.MAX_VALUE); break;
            case INT4: out = !(r >= Integer.MIN_VALUE && r <= Integer.MAX_VALUE); break;
            default: out = !(r >= -9.223372036854776E18 && r < 9.223372036854776E18); break;
        }
        if (out) {
            throw Ereport.outOfRange(to.displayName());
        }
        return Arithmetic.box(to, (long) r);
    }

    /** numeric to an integer type: round half away from zero, then range-check. */
    static Object numericToInt(Object v, PgType to) {
        if (!(v instanceof BigDecimal d)) {
            String what = v == org.tusk.engine.types.NumericSpecial.NAN ? "NaN" : "infinity";
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot convert " + what + " to " + to.displayName());
        }
        return Arithmetic.box(to, NumericSupport.toLong(d, to));
    }

    static Object floatToNumeric(Object v, boolean isFloat4) {
        double d = ((Number) v).doubleValue();
        if (Double.isNaN(d)) {
            return org.tusk.engine.types.NumericSpecial.NAN;
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? org.tusk.engine.types.NumericSpecial.POSITIVE_INFINITY
                    : org.tusk.engine.types.NumericSpecial.NEGATIVE_INFINITY;
        }
        String digits = isFloat4 ? FloatFormat.float4((Float) v, 0) : FloatFormat.float8(d, 0);
        return TextFormat.parseNumeric(digits);
    }

    /** bittoint4/bittoint8: a bit string of at most {@code width} bits read as an unsigned integer. */
    static long bitsToLong(String bits, int width, String overflow) {
        if (bits.length() > width) {
            throw org.tusk.engine.error.Ereport.error(org.tusk.api.error.SqlState.NUMERIC_VALUE_OUT_OF_RANGE, overflow);
        }
        long v = 0;
        for (int i = 0; i < bits.length(); i++) {
            v = (v << 1) | (bits.charAt(i) == '1' ? 1 : 0);
        }
        return v;
    }
}
