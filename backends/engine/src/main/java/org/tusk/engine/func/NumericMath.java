package org.tusk.engine.func;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.types.NumericSpecial;
import org.tusk.engine.types.NumericSupport;

/**
 * numeric's transcendental functions (sqrt, exp, ln, log, power) with the
 * result scales numeric.c chooses: each computes at a generous working
 * precision and rounds half away from zero to PostgreSQL's rscale
 * (NUMERIC_MIN_SIG_DIGITS significant digits, at least the inputs' display
 * scales, at most 1000).
 */
final class NumericMath {
    private NumericMath() {}

    private static final int MIN_SIG_DIGITS = 16;
    private static final int MAX_DISPLAY_SCALE = 1000;
    private static final int MAX_RESULT_SCALE = 2000;

    static void register() {
        FunctionRegistry.bind("numeric_sqrt", (a, c) -> sqrt(a[0]));
        FunctionRegistry.bind("numeric_exp", (a, c) -> exp(a[0]));
        FunctionRegistry.bind("numeric_ln", (a, c) -> ln(a[0]));
        FunctionRegistry.bind("numeric_log", (a, c) -> log(a[0], a[1]));
        MathFunctions.bindSql("log", java.util.List.of(org.tusk.engine.types.PgType.NUMERIC),
                (a, c) -> log(BigDecimal.TEN, a[0]));
        MathFunctions.bindSql("log10", java.util.List.of(org.tusk.engine.types.PgType.NUMERIC),
                (a, c) -> log(BigDecimal.TEN, a[0]));
        FunctionRegistry.bind("numeric_scale", (a, c) -> a[0] instanceof BigDecimal d ? dscale(d) : null);
        FunctionRegistry.bind("numeric_min_scale", (a, c) -> a[0] instanceof BigDecimal d ? minScale(d) : null);
        FunctionRegistry.bind("numeric_trim_scale",
                (a, c) -> a[0] instanceof BigDecimal d ? d.setScale(minScale(d), RoundingMode.UNNECESSARY) : a[0]);
    }

    /** log10(v) for v > 0, also beyond double's range. */
    private static double log10(BigDecimal v) {
        int e = dweight(v);
        return Math.log10(v.movePointLeft(e).doubleValue()) + e;
    }

    static int dscale(BigDecimal v) {
        return Math.max(0, v.scale());
    }

    static int minScale(BigDecimal v) {
        return v.signum() == 0 ? 0 : Math.max(0, v.stripTrailingZeros().scale());
    }

    private static int clampScale(int rscale) {
        return Math.min(Math.max(rscale, 0), MAX_DISPLAY_SCALE);
    }

    /** floor(log10(|v|)) for v != 0. */
    private static int dweight(BigDecimal v) {
        return v.precision() - v.scale() - 1;
    }

    /** numeric's base-10000 weight. */
    private static int weight(BigDecimal v) {
        return v.signum() == 0 ? 0 : Math.floorDiv(dweight(v), 4);
    }

    static Object sqrt(Object arg) {
        if (arg == NumericSpecial.NAN || arg == NumericSpecial.POSITIVE_INFINITY) {
            return arg;
        }
        if (arg == NumericSpecial.NEGATIVE_INFINITY || ((BigDecimal) arg).signum() < 0) {
            throw Ereport.error("2201F", "cannot take square root of a negative number");
        }
        BigDecimal x = (BigDecimal) arg;
        int sweight = (weight(x) + 1) * 4 / 2 - 1;
        int rscale = clampScale(Math.max(MIN_SIG_DIGITS - sweight, dscale(x)));
        if (x.signum() == 0) {
            return BigDecimal.ZERO.setScale(rscale);
        }
        int digits = rscale + Math.max(dweight(x), 0) / 2 + 10;
        // truncate first: rounding the root to nearest and then half-up to rscale would round twice
        return x.sqrt(new MathContext(digits, RoundingMode.DOWN)).setScale(rscale, RoundingMode.HALF_UP);
    }

    static Object exp(Object arg) {
        if (arg == NumericSpecial.NAN || arg == NumericSpecial.POSITIVE_INFINITY) {
            return arg;
        }
        if (arg == NumericSpecial.NEGATIVE_INFINITY) {
            return BigDecimal.ZERO;
        }
        BigDecimal x = (BigDecimal) arg;
        double val = x.doubleValue();
        int rscale = clampScale(Math.max(MIN_SIG_DIGITS - (int) (val * 0.434294481903252), dscale(x)));
        if (Math.abs(val) >= MAX_RESULT_SCALE * 3) {
            if (val > 0) {
                throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
            }
            return BigDecimal.ZERO.setScale(rscale);
        }
        return expCore(x, rscale).setScale(rscale, RoundingMode.HALF_UP);
    }

    /** e^x accurate well beyond {@code scale} decimal places. */
    static BigDecimal expCore(BigDecimal x, int scale) {
        int resultDigits = Math.max(0, (int) (x.doubleValue() * 0.434294481903252)) + 1;
        int n = 0;
        BigDecimal y = x;
        while (y.abs().compareTo(new BigDecimal("0.01")) > 0) {
            y = y.divide(BigDecimal.valueOf(2));
            n++;
        }
        MathContext mc = new MathContext(scale + resultDigits + n / 3 + 25, RoundingMode.HALF_EVEN);
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        BigDecimal eps = BigDecimal.ONE.movePointLeft(mc.getPrecision() + 5);
        for (int k = 1; ; k++) {
            term = term.multiply(y, mc).divide(BigDecimal.valueOf(k), mc);
            sum = sum.add(term, mc);
            if (term.abs().compareTo(eps) < 0) {
                break;
            }
        }
        for (int i = 0; i < n; i++) {
            sum = sum.multiply(sum, mc);
        }
        return sum;
    }

    private static void checkLnArg(Object arg) {
        if (arg == NumericSpecial.NEGATIVE_INFINITY || arg instanceof BigDecimal d && d.signum() < 0) {
            throw Ereport.error("2201E", "cannot take logarithm of a negative number");
        }
        if (arg instanceof BigDecimal d && d.signum() == 0) {
            throw Ereport.error("2201E", "cannot take logarithm of zero");
        }
    }

    static Object ln(Object arg) {
        if (arg == NumericSpecial.NAN) {
            return arg;
        }
        checkLnArg(arg);
        if (arg == NumericSpecial.POSITIVE_INFINITY) {
            return arg;
        }
        BigDecimal x = (BigDecimal) arg;
        int rscale = clampScale(Math.max(MIN_SIG_DIGITS - estimateLnDweight(x), dscale(x)));
        return lnCore(x, rscale + 10).setScale(rscale, RoundingMode.HALF_UP);
    }

    static Object log(Object base, Object num) {
        if (base == NumericSpecial.NAN || num == NumericSpecial.NAN) {
            return NumericSpecial.NAN;
        }
        checkLnArg(base);
        checkLnArg(num);
        if (base == NumericSpecial.POSITIVE_INFINITY || num == NumericSpecial.POSITIVE_INFINITY) {
            if (base == num) {
                return NumericSpecial.NAN;
            }
            if (num == NumericSpecial.POSITIVE_INFINITY) {
                BigDecimal b = (BigDecimal) base;
                if (b.compareTo(BigDecimal.ONE) == 0) {
                    throw Ereport.divisionByZero();
                }
                return b.compareTo(BigDecimal.ONE) < 0 ? NumericSpecial.NEGATIVE_INFINITY : NumericSpecial.POSITIVE_INFINITY;
            }
            return BigDecimal.ZERO;
        }
        BigDecimal b = (BigDecimal) base;
        BigDecimal x = (BigDecimal) num;
        int resultDweight = estimateLnDweight(x) - estimateLnDweight(b);
        int rscale = clampScale(Math.max(Math.max(MIN_SIG_DIGITS - resultDweight, dscale(b)), dscale(x)));
        int work = rscale + Math.max(0, resultDweight) + 20;
        BigDecimal lnb = lnCore(b, work);
        if (lnb.signum() == 0) {
            throw Ereport.divisionByZero();
        }
        BigDecimal lnx = lnCore(x, work);
        return lnx.divide(lnb, new MathContext(work + 10, RoundingMode.HALF_EVEN)).setScale(rscale, RoundingMode.HALF_UP);
    }

    /** estimate_ln_dweight: the decimal weight of ln(x), roughly, as numeric.c estimates it. */
    static int estimateLnDweight(BigDecimal x) {
        if (x.compareTo(new BigDecimal("0.9")) >= 0 && x.compareTo(new BigDecimal("1.1")) <= 0) {
            BigDecimal d = x.subtract(BigDecimal.ONE);
            return d.signum() == 0 ? 0 : dweight(d);
        }
        if (x.signum() == 0) {
            return 0;
        }
        int w = weight(x);
        BigDecimal scaled = x.abs().movePointLeft(w * 4);
        BigInteger first = scaled.toBigInteger();
        BigDecimal rest = scaled.subtract(new BigDecimal(first));
        double digits = first.doubleValue();
        int dw = w * 4;
        if (rest.signum() != 0) {
            digits = digits * 10000 + rest.movePointRight(4).toBigInteger().doubleValue();
            dw -= 4;
        }
        double lnVar = Math.log(digits) + dw * Math.log(10);
        return (int) Math.log10(Math.abs(lnVar));
    }

    /** ln(x) for x > 0, accurate to well beyond {@code scale} decimal places. */
    static BigDecimal lnCore(BigDecimal x, int scale) {
        int e = dweight(x);
        BigDecimal m = x.movePointLeft(e);
        int guard = String.valueOf(Math.abs(e)).length() + 15;
        BigDecimal lnM = lnReduced(m, scale + guard);
        if (e == 0) {
            return lnM;
        }
        return lnM.add(lnReduced(BigDecimal.TEN, scale + guard).multiply(BigDecimal.valueOf(e)));
    }

    /** ln(m) for m in a moderate range: square roots until m is near 1, then the atanh series. */
    private static BigDecimal lnReduced(BigDecimal m, int scale) {
        MathContext mc = new MathContext(scale + 20, RoundingMode.HALF_EVEN);
        int k = 0;
        BigDecimal limit = new BigDecimal("0.001");
        while (m.subtract(BigDecimal.ONE).abs().compareTo(limit) > 0) {
            m = m.sqrt(mc);
            k++;
        }
        BigDecimal z = m.subtract(BigDecimal.ONE).divide(m.add(BigDecimal.ONE), mc);
        BigDecimal z2 = z.multiply(z, mc);
        BigDecimal term = z;
        BigDecimal sum = z;
        BigDecimal eps = BigDecimal.ONE.movePointLeft(scale + 20);
        for (int i = 3; ; i += 2) {
            term = term.multiply(z2, mc);
            BigDecimal t = term.divide(BigDecimal.valueOf(i), mc);
            sum = sum.add(t, mc);
            if (t.abs().compareTo(eps) < 0) {
                break;
            }
        }
        return sum.multiply(BigDecimal.valueOf(2).pow(k + 1), mc);
    }

    /** numeric ^ numeric (power_var) for finite operands. */
    static BigDecimal power(BigDecimal base, BigDecimal exp) {
        if (base.signum() == 0 && exp.signum() < 0) {
            throw Ereport.error("2201F", "zero raised to a negative power is undefined");
        }
        boolean integral = exp.signum() == 0 || exp.stripTrailingZeros().scale() <= 0;
        if (base.signum() < 0 && !integral) {
            throw Ereport.error("2201F", "a negative number raised to a non-integer power yields a complex result");
        }
        if (integral && exp.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) >= 0
                && exp.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
            int n = exp.intValueExact();
            int rscale = clampScale(Math.max(MIN_SIG_DIGITS, dscale(base)));
            if (base.signum() == 0) {
                return (n == 0 ? BigDecimal.ONE : BigDecimal.ZERO).setScale(rscale);
            }
            if (base.abs().compareTo(BigDecimal.ONE) == 0) {
                return (base.signum() < 0 && n % 2 != 0 ? BigDecimal.ONE.negate() : BigDecimal.ONE).setScale(rscale);
            }
            // decimal weight of the result, roughly: overflow and underflow are settled before computing
            double f = n * log10(base.abs());
            if (f > 131072 + 1) {
                throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
            }
            if (f + 2 < -rscale) {
                return BigDecimal.ZERO.setScale(rscale);
            }
            if (Math.abs((long) n) > 999_999_999) {
                return viaLogs(base.abs(), exp, rscale, base.signum() < 0 && n % 2 != 0);
            }
            int digits = Math.max(0, (int) Math.ceil(Math.abs(f))) + rscale + 20;
            MathContext mc = new MathContext(digits, RoundingMode.HALF_EVEN);
            BigDecimal p = base.abs().pow(Math.abs(n), mc);
            if (base.signum() < 0 && n % 2 != 0) {
                p = p.negate();
            }
            if (n < 0) {
                p = BigDecimal.ONE.divide(p, mc);
            }
            return NumericSupport.checkRange(p.setScale(rscale, RoundingMode.HALF_UP));
        }
        if (base.signum() == 0) {
            return BigDecimal.ZERO.setScale(clampScale(Math.max(MIN_SIG_DIGITS, Math.max(dscale(base), dscale(exp)))));
        }
        // a negative base with a (large) integral exponent: |base|^exp, negated for odd exponents
        boolean negate = base.signum() < 0 && exp.toBigInteger().testBit(0);
        base = base.abs();
        double val = lnCore(base, 20).doubleValue() * exp.doubleValue();
        if (Math.abs(val) > MAX_RESULT_SCALE * 3.01) {
            if (val > 0) {
                throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
            }
            return BigDecimal.ZERO.setScale(MAX_DISPLAY_SCALE);
        }
        val *= 0.434294481903252;
        int rscale = clampScale(Math.max(Math.max(MIN_SIG_DIGITS - (int) val, dscale(base)), dscale(exp)));
        return viaLogs(base, exp, rscale, negate);
    }

    private static BigDecimal viaLogs(BigDecimal base, BigDecimal exp, int rscale, boolean negate) {
        double val = lnCore(base, 20).doubleValue() * exp.doubleValue();
        if (val > MAX_RESULT_SCALE * 3.01) {
            throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
        }
        if (val < -MAX_RESULT_SCALE * 3.01) {
            return BigDecimal.ZERO.setScale(rscale);
        }
        int resultDigits = Math.max(0, (int) (val * 0.434294481903252)) + 1;
        // ln(base)'s error is multiplied by exp: carry as many more digits as exp has left of the point
        int expDigits = exp.signum() == 0 ? 0 : Math.max(0, exp.precision() - exp.scale());
        BigDecimal lnb = lnCore(base, rscale + resultDigits + expDigits + 20);
        BigDecimal r = expCore(lnb.multiply(exp), rscale + 10).setScale(rscale, RoundingMode.HALF_UP);
        return negate ? r.negate() : r;
    }
}
