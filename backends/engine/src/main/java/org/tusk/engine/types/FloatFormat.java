package org.tusk.engine.types;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * float4out/float8out: the shortest string that reads back as the same value
 * when extra_float_digits &gt; 0 (PostgreSQL 12+ default), otherwise printf's
 * %.*g with FLT_DIG/DBL_DIG + extra_float_digits significant digits.
 */
public final class FloatFormat {
    private FloatFormat() {}

    private static final int DBL_DIG = 15;
    private static final int FLT_DIG = 6;

    public static String float8(double d, int extraFloatDigits) {
        String special = special(d);
        if (special != null) {
            return special;
        }
        if (extraFloatDigits > 0) {
            return shortest(d, false, DBL_DIG);
        }
        return printfG(d, Math.max(1, DBL_DIG + extraFloatDigits));
    }

    public static String float4(float f, int extraFloatDigits) {
        String special = special(f);
        if (special != null) {
            return special;
        }
        if (extraFloatDigits > 0) {
            return shortest(f, true, FLT_DIG);
        }
        return printfG(f, Math.max(1, FLT_DIG + extraFloatDigits));
    }

    private static String special(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return (Double.doubleToRawLongBits(d) < 0) ? "-0" : "0";
        }
        return null;
    }

    /** Fewest significant digits that round-trip; then Ryu's layout: plain for -4 <= exponent < digLimit. */
    private static String shortest(double d, boolean isFloat4, int digLimit) {
        BigDecimal exact = new BigDecimal(d);
        BigDecimal chosen = exact;
        // PostgreSQL's Ryu accepts no bound of the rounding interval: a decimal exactly halfway to a
        // neighbouring value (1e23 between two doubles) is not taken even if reading it back would round here
        BigDecimal two = BigDecimal.valueOf(2);
        double below = isFloat4 ? Math.nextDown((float) d) : Math.nextDown(d);
        double above = isFloat4 ? Math.nextUp((float) d) : Math.nextUp(d);
        BigDecimal low = Double.isInfinite(below) ? null : exact.add(new BigDecimal(below)).divide(two);
        BigDecimal high = Double.isInfinite(above) ? null : exact.add(new BigDecimal(above)).divide(two);
        for (int p = 1; p <= 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            boolean same = isFloat4 ? r.floatValue() == (float) d : r.doubleValue() == d;
            if (same && (low != null && r.compareTo(low) == 0 || high != null && r.compareTo(high) == 0)) {
                same = false;
            }
            if (same) {
                chosen = r;
                break;
            }
        }
        return layout(chosen, digLimit);
    }

    /** C's printf("%g", d) (six significant digits), as PostgreSQL's messages print doubles. */
    public static String printfG(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        return printfG(d, 6);
    }

    private static String printfG(double d, int precision) {
        BigDecimal r = new BigDecimal(d).round(new MathContext(precision, RoundingMode.HALF_EVEN));
        return layout(r, precision);
    }

    /** %g-style layout of an already rounded value with trailing zeros removed. */
    private static String layout(BigDecimal value, int plainLimit) {
        BigDecimal v = value.stripTrailingZeros();
        String digits = v.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - v.scale();
        StringBuilder sb = new StringBuilder();
        if (v.signum() < 0) {
            sb.append('-');
        }
        if (exponent < -4 || exponent >= plainLimit) {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exponent < 0 ? '-' : '+');
            int ax = Math.abs(exponent);
            if (ax < 10) {
                sb.append('0');
            }
            sb.append(ax);
        } else {
            sb.append(v.abs().toPlainString());
        }
        return sb.toString();
    }
}
