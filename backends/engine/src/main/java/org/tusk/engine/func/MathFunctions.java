package org.tusk.engine.func;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.expr.FunctionBody;
import org.tusk.engine.types.NumericSupport;
import org.tusk.engine.types.PgType;
import java.util.List;

/** float.c / int.c / numeric.c math functions, by prosrc. */
final class MathFunctions {
    private MathFunctions() {}

    static void register() {
        // random(): uniform in [0, 1); volatile, so never folded
        FunctionRegistry.bind("drandom", (a, c) -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
        FunctionRegistry.bind("int2abs", (a, c) -> abs(PgType.INT2, a[0]));
        FunctionRegistry.bind("int4abs", (a, c) -> abs(PgType.INT4, a[0]));
        FunctionRegistry.bind("int8abs", (a, c) -> abs(PgType.INT8, a[0]));
        FunctionRegistry.bind("float4abs", (a, c) -> Math.abs((Float) a[0]));
        FunctionRegistry.bind("float8abs", (a, c) -> Math.abs((Double) a[0]));
        FunctionRegistry.bind("numeric_abs", (a, c) -> abs(PgType.NUMERIC, a[0]));
        FunctionRegistry.bind("numeric_round", (a, c) -> roundNumeric(a[0], (Integer) a[1], RoundingMode.HALF_UP));
        FunctionRegistry.bind("numeric_trunc", (a, c) -> roundNumeric(a[0], (Integer) a[1], RoundingMode.DOWN));
        bindSql("round", List.of(PgType.NUMERIC), (a, c) -> roundNumeric(a[0], 0, RoundingMode.HALF_UP));
        bindSql("trunc", List.of(PgType.NUMERIC), (a, c) -> roundNumeric(a[0], 0, RoundingMode.DOWN));
        FunctionRegistry.bind("numeric_inc", (a, c) -> a[0] instanceof BigDecimal d
                ? NumericSupport.checkRange(d.add(BigDecimal.ONE)) : a[0]);
        FunctionRegistry.bind("numeric_pg_lsn", (a, c) -> org.tusk.engine.types.PgLsn.fromNumeric(a[0]));
        FunctionRegistry.bind("numeric_ceil", (a, c) -> a[0] instanceof BigDecimal d ? d.setScale(0, RoundingMode.CEILING) : a[0]);
        FunctionRegistry.bind("numeric_floor", (a, c) -> a[0] instanceof BigDecimal d ? d.setScale(0, RoundingMode.FLOOR) : a[0]);
        FunctionRegistry.bind("dround", (a, c) -> Math.rint((Double) a[0]));
        FunctionRegistry.bind("dtrunc", (a, c) -> {
            double d = (Double) a[0];
            return d < 0 ? Math.ceil(d) : Math.floor(d);
        });
        FunctionRegistry.bind("dceil", (a, c) -> Math.ceil((Double) a[0]));
        FunctionRegistry.bind("dfloor", (a, c) -> Math.floor((Double) a[0]));
        FunctionRegistry.bind("dsqrt", (a, c) -> {
            double d = (Double) a[0];
            if (d < 0) {
                throw Ereport.error("2201F", "cannot take square root of a negative number");
            }
            return Math.sqrt(d);
        });
        FunctionRegistry.bind("dpi", (a, c) -> Math.PI);
        FunctionRegistry.bind("degrees", (a, c) -> Math.toDegrees((Double) a[0]));
        FunctionRegistry.bind("radians", (a, c) -> Math.toRadians((Double) a[0]));
        FunctionRegistry.bind("dsign", (a, c) -> Math.signum((Double) a[0]));
        FunctionRegistry.bind("numeric_sign", (a, c) -> a[0] == NumericSpecials.NAN ? a[0] : BigDecimal.valueOf(NumericSpecials.sign(a[0])));
        FunctionRegistry.bind("dcbrt", (a, c) -> Math.cbrt((Double) a[0]));
        FunctionRegistry.bind("dexp", (a, c) -> checkFloat(Math.exp((Double) a[0]), a[0]));
        FunctionRegistry.bind("dlog1", (a, c) -> log((Double) a[0], false));
        FunctionRegistry.bind("dlog10", (a, c) -> log((Double) a[0], true));
        FunctionRegistry.bind("dsinh", (a, c) -> Math.sinh((Double) a[0]));
        FunctionRegistry.bind("dcosh", (a, c) -> Math.cosh((Double) a[0]));
        FunctionRegistry.bind("dtanh", (a, c) -> Math.tanh((Double) a[0]));
        FunctionRegistry.bind("dasinh", (a, c) -> {
            double x = (Double) a[0];
            return Double.isInfinite(x) ? x : Math.signum(x) * Math.log(Math.abs(x) + Math.sqrt(x * x + 1));
        });
        FunctionRegistry.bind("dacosh", (a, c) -> {
            double x = (Double) a[0];
            if (x < 1) {
                throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "input is out of range");
            }
            return Math.log(x + Math.sqrt(x * x - 1));
        });
        FunctionRegistry.bind("datanh", (a, c) -> {
            double x = (Double) a[0];
            if (x < -1 || x > 1) {
                throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "input is out of range");
            }
            if (x == 1 || x == -1) {
                return x > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            }
            return 0.5 * Math.log((1 + x) / (1 - x));
        });
        FunctionRegistry.bind("dsin", (a, c) -> Math.sin((Double) a[0]));
        FunctionRegistry.bind("dcos", (a, c) -> Math.cos((Double) a[0]));
        FunctionRegistry.bind("dtan", (a, c) -> Math.tan((Double) a[0]));
        FunctionRegistry.bind("datan", (a, c) -> Math.atan((Double) a[0]));
        FunctionRegistry.bind("datan2", (a, c) -> Math.atan2((Double) a[0], (Double) a[1]));
        FunctionRegistry.bind("int4gcd", (a, c) -> (int) checkedGcd((Integer) a[0], (Integer) a[1], "integer", Integer.MIN_VALUE));
        FunctionRegistry.bind("int8gcd", (a, c) -> checkedGcd((Long) a[0], (Long) a[1], "bigint", Long.MIN_VALUE));
        FunctionRegistry.bind("numeric_div_trunc", (a, c) -> {
            if (!(a[0] instanceof BigDecimal) || !(a[1] instanceof BigDecimal)) {
                return divTruncSpecial(a[0], a[1]);
            }
            BigDecimal y = (BigDecimal) a[1];
            if (y.signum() == 0) {
                throw Ereport.error(SqlState.DIVISION_BY_ZERO, "division by zero");
            }
            return ((BigDecimal) a[0]).divide(y, 0, RoundingMode.DOWN);
        });
        FunctionRegistry.bind("int4lcm", (a, c) -> (int) lcm((Integer) a[0], (Integer) a[1], "integer", Integer.MIN_VALUE, Integer.MAX_VALUE));
        FunctionRegistry.bind("int8lcm", (a, c) -> lcm((Long) a[0], (Long) a[1], "bigint", Long.MIN_VALUE, Long.MAX_VALUE));
        FunctionRegistry.bind("numeric_gcd", (a, c) -> numericGcdLcm(a[0], a[1], false));
        FunctionRegistry.bind("numeric_lcm", (a, c) -> numericGcdLcm(a[0], a[1], true));
        FunctionRegistry.bind("width_bucket_float8", (a, c) -> widthBucketFloat8((Double) a[0], (Double) a[1], (Double) a[2], (Integer) a[3]));
        FunctionRegistry.bind("width_bucket_numeric", (a, c) -> widthBucketNumeric(a[0], a[1], a[2], (Integer) a[3]));
        FunctionRegistry.bind("numeric_fac", (a, c) -> {
            long n = (Long) a[0];
            if (n < 0) {
                throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                        "factorial of a negative number is undefined");
            }
            if (n > 32177) {
                throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
            }
            BigInteger r = BigInteger.ONE;
            for (long i = 2; i <= n; i++) {
                r = r.multiply(BigInteger.valueOf(i));
            }
            return new BigDecimal(r);
        });
    }

    /** SQL-language built-ins (no prosrc) are bound by OID: the pg_proc row with this name and argument types. */
    static void bindSql(String name, List<PgType> args, FunctionBody body) {
        for (ProcEntry p : BuiltinCatalog.get().procs(name)) {
            if (p.argTypes().equals(args)) {
                FunctionRegistry.bindOid(p.oid(), new SqlFunctionBody(name, body));
            }
        }
    }

    static Object abs(PgType type, Object v) {
        switch (type) {
            case NUMERIC: return v instanceof BigDecimal d ? d.abs() : v == NumericSpecials.NAN ? v : NumericSpecials.PINF;
            case FLOAT4: return Math.abs((Float) v);
            case FLOAT8: return Math.abs((Double) v);
            default: return ((Number) v).longValue() < 0 ? Arithmetic.negate(type, v) : v;
        }
    }

    /** round/trunc(numeric, s): a negative s rounds left of the point and the result has scale 0. */
    static Object roundNumeric(Object value, int scale, RoundingMode mode) {
        if (!(value instanceof BigDecimal v)) {
            return value;
        }
        // one digit more than a numeric can hold left of the point: rounding up into it overflows,
        // anything further left rounds every digit away
        int s = Math.min(Math.max(scale, -131073), NumericSupport.DSCALE_MAX);
        BigDecimal r = v.setScale(s, mode);
        return NumericSupport.checkRange(s < 0 ? r.setScale(0) : r);
    }

    private static double checkFloat(double r, Object in) {
        if (Double.isInfinite(r) && !Double.isInfinite((Double) in)) {
            throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
        }
        if (r == 0 && (Double) in != Double.NEGATIVE_INFINITY && Math.abs((Double) in) > 1) {
            throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: underflow");
        }
        return r;
    }

    private static double log(double x, boolean base10) {
        if (x == 0) {
            throw Ereport.error("2201E", "cannot take logarithm of zero");
        }
        if (x < 0) {
            throw Ereport.error("2201E", "cannot take logarithm of a negative number");
        }
        return base10 ? Math.log10(x) : Math.log(x);
    }

    /** numeric_div_trunc (div) with a NaN or infinite operand: as numeric division, truncated. */
    private static Object divTruncSpecial(Object x, Object y) {
        Object r = NumericSpecials.binary("/", x, y);
        return r instanceof BigDecimal d ? d.setScale(0, RoundingMode.DOWN) : r;
    }

    private static long lcm(long a, long b, String type, long min, long max) {
        if (a == 0 || b == 0) {
            return 0;
        }
        long g = checkedGcd(a, b, type, min);
        BigInteger r = BigInteger.valueOf(a / g).multiply(BigInteger.valueOf(b)).abs();
        if (r.compareTo(BigInteger.valueOf(max)) > 0) {
            throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, type + " out of range");
        }
        return r.longValue();
    }

    /** gcd/lcm(numeric): NaN or an infinity in, NaN out (PostgreSQL 15); the result has the larger scale. */
    private static Object numericGcdLcm(Object x, Object y, boolean lcm) {
        if (!(x instanceof BigDecimal a) || !(y instanceof BigDecimal b)) {
            return NumericSpecials.NAN;
        }
        int scale = Math.max(Math.max(a.scale(), b.scale()), 0);
        BigInteger ua = a.setScale(scale).unscaledValue();
        BigInteger ub = b.setScale(scale).unscaledValue();
        BigInteger g = ua.gcd(ub);
        if (!lcm) {
            return new BigDecimal(g, scale);
        }
        if (ua.signum() == 0 || ub.signum() == 0) {
            return BigDecimal.ZERO.setScale(scale);
        }
        return NumericSupport.checkRange(new BigDecimal(ua.divide(g).multiply(ub).abs(), scale));
    }

    private static int widthBucketFloat8(double operand, double low, double high, int count) {
        if (count <= 0) {
            throw Ereport.error("2201G", "count must be greater than zero");
        }
        if (Double.isNaN(operand) || Double.isNaN(low) || Double.isNaN(high)) {
            throw Ereport.error("2201G", "operand, lower bound, and upper bound cannot be NaN");
        }
        if (Double.isInfinite(low) || Double.isInfinite(high)) {
            throw Ereport.error("2201G", "lower and upper bounds must be finite");
        }
        if (low == high) {
            throw Ereport.error("2201G", "lower bound cannot equal upper bound");
        }
        long r;
        if (low < high) {
            if (operand < low) {
                r = 0;
            } else if (operand >= high) {
                r = (long) count + 1;
            } else {
                double b = (high - low) == Double.POSITIVE_INFINITY
                        ? count * (operand / 2 - low / 2) / (high / 2 - low / 2)
                        : count * (operand - low) / (high - low);
                r = (long) b + 1;
                if (r > count) {
                    r = count;
                }
            }
        } else {
            if (operand > low) {
                r = 0;
            } else if (operand <= high) {
                r = (long) count + 1;
            } else {
                double b = (low - high) == Double.POSITIVE_INFINITY
                        ? count * (low / 2 - operand / 2) / (low / 2 - high / 2)
                        : count * (low - operand) / (low - high);
                r = (long) b + 1;
                if (r > count) {
                    r = count;
                }
            }
        }
        if (r > Integer.MAX_VALUE) {
            throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range");
        }
        return (int) r;
    }

    private static int widthBucketNumeric(Object operand, Object low, Object high, int count) {
        if (count <= 0) {
            throw Ereport.error("2201G", "count must be greater than zero");
        }
        if (operand == NumericSpecials.NAN || low == NumericSpecials.NAN || high == NumericSpecials.NAN) {
            throw Ereport.error("2201G", "operand, lower bound, and upper bound cannot be NaN");
        }
        if (!(low instanceof BigDecimal lo) || !(high instanceof BigDecimal hi)) {
            throw Ereport.error("2201G", "lower and upper bounds must be finite");
        }
        int cmp = lo.compareTo(hi);
        if (cmp == 0) {
            throw Ereport.error("2201G", "lower bound cannot equal upper bound");
        }
        int so = NumericSpecials.compare(operand, lo);
        int sh = NumericSpecials.compare(operand, hi);
        long r;
        if (cmp < 0) {
            if (so < 0) {
                r = 0;
            } else if (sh >= 0) {
                r = (long) count + 1;
            } else {
                BigDecimal op = (BigDecimal) operand;
                r = op.subtract(lo).multiply(BigDecimal.valueOf(count))
                        .divide(hi.subtract(lo), 0, RoundingMode.FLOOR).longValue() + 1;
            }
        } else {
            if (so > 0) {
                r = 0;
            } else if (sh <= 0) {
                r = (long) count + 1;
            } else {
                BigDecimal op = (BigDecimal) operand;
                r = lo.subtract(op).multiply(BigDecimal.valueOf(count))
                        .divide(lo.subtract(hi), 0, RoundingMode.FLOOR).longValue() + 1;
            }
        }
        if (r > Integer.MAX_VALUE) {
            throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range");
        }
        return (int) r;
    }

    private static long checkedGcd(long a, long b, String type, long min) {
        if ((a == min && (b == 0 || b == min)) || (b == min && a == 0)) {
            throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, type + " out of range");
        }
        long x = Math.abs(BigInteger.valueOf(a).gcd(BigInteger.valueOf(b)).longValue());
        return x;
    }
}
