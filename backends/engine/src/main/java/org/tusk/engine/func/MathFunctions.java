package org.tusk.engine.func;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;

/** float.c / int.c / numeric.c math functions, by prosrc. */
final class MathFunctions {
    private MathFunctions() {}

    static void register() {
        FunctionRegistry.bind("dpi", (a, c) -> Math.PI);
        FunctionRegistry.bind("degrees", (a, c) -> Math.toDegrees((Double) a[0]));
        FunctionRegistry.bind("radians", (a, c) -> Math.toRadians((Double) a[0]));
        FunctionRegistry.bind("dsign", (a, c) -> Math.signum((Double) a[0]));
        FunctionRegistry.bind("numeric_sign", (a, c) -> BigDecimal.valueOf(((BigDecimal) a[0]).signum()));
        FunctionRegistry.bind("dcbrt", (a, c) -> Math.cbrt((Double) a[0]));
        FunctionRegistry.bind("dexp", (a, c) -> checkFloat(Math.exp((Double) a[0]), a[0]));
        FunctionRegistry.bind("dlog1", (a, c) -> log((Double) a[0], false));
        FunctionRegistry.bind("dlog10", (a, c) -> log((Double) a[0], true));
        FunctionRegistry.bind("dsin", (a, c) -> Math.sin((Double) a[0]));
        FunctionRegistry.bind("dcos", (a, c) -> Math.cos((Double) a[0]));
        FunctionRegistry.bind("dtan", (a, c) -> Math.tan((Double) a[0]));
        FunctionRegistry.bind("datan", (a, c) -> Math.atan((Double) a[0]));
        FunctionRegistry.bind("datan2", (a, c) -> Math.atan2((Double) a[0], (Double) a[1]));
        FunctionRegistry.bind("int4gcd", (a, c) -> (int) checkedGcd((Integer) a[0], (Integer) a[1], "integer", Integer.MIN_VALUE));
        FunctionRegistry.bind("int8gcd", (a, c) -> checkedGcd((Long) a[0], (Long) a[1], "bigint", Long.MIN_VALUE));
        FunctionRegistry.bind("numeric_div_trunc", (a, c) -> {
            BigDecimal y = (BigDecimal) a[1];
            if (y.signum() == 0) {
                throw Ereport.error(SqlState.DIVISION_BY_ZERO, "division by zero");
            }
            return ((BigDecimal) a[0]).divide(y, 0, RoundingMode.DOWN);
        });
        FunctionRegistry.bind("numeric_fac", (a, c) -> {
            long n = (Long) a[0];
            if (n < 0) {
                throw Ereport.error("2201E",
                        "factorial of a negative number is undefined");
            }
            BigInteger r = BigInteger.ONE;
            for (long i = 2; i <= n; i++) {
                r = r.multiply(BigInteger.valueOf(i));
            }
            return new BigDecimal(r);
        });
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

    private static long checkedGcd(long a, long b, String type, long min) {
        if ((a == min && (b == 0 || b == min)) || (b == min && a == 0)) {
            throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, type + " out of range");
        }
        long x = Math.abs(BigInteger.valueOf(a).gcd(BigInteger.valueOf(b)).longValue());
        return x;
    }
}
