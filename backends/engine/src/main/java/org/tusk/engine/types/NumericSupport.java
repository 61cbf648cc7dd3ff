package org.tusk.engine.types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;

/**
 * numeric (utils/adt/numeric.c) arithmetic rules that BigDecimal does not give
 * for free: the result scale of division (select_div_scale), typmod coercion
 * (apply_typmod) and the base-10000 view of a value.
 */
public final class NumericSupport {
    private NumericSupport() {}

    static final int NUMERIC_MIN_SIG_DIGITS = 16;
    static final int NUMERIC_MAX_DISPLAY_SCALE = 1000;
    static final int DEC_DIGITS = 4;

    /** Weight (power of 10000) of the first base-10000 digit of |v|, v != 0. */
    static int weight(BigDecimal v) {
        int exponent10 = v.precision() - v.scale() - 1;
        return Math.floorDiv(exponent10, DEC_DIGITS);
    }

    /** The first base-10000 digit of |v|. */
    static int firstDigit(BigDecimal v) {
        return v.abs().movePointLeft(weight(v) * DEC_DIGITS).setScale(0, RoundingMode.DOWN).intValueExact();
    }

    public static BigDecimal divide(BigDecimal a, BigDecimal b) {
        if (b.signum() == 0) {
            throw Ereport.divisionByZero();
        }
        int weight1 = 0, first1 = 0, weight2 = 0, first2 = 0;
        if (a.signum() != 0) {
            weight1 = weight(a);
            first1 = firstDigit(a);
        }
        weight2 = weight(b);
        first2 = firstDigit(b);
        int qweight = weight1 - weight2;
        if (first1 <= first2) {
            qweight--;
        }
        int rscale = NUMERIC_MIN_SIG_DIGITS - qweight * DEC_DIGITS;
        rscale = Math.max(rscale, Math.max(dscale(a), dscale(b)));
        rscale = Math.max(rscale, 0);
        rscale = Math.min(rscale, NUMERIC_MAX_DISPLAY_SCALE);
        return a.divide(b, rscale, RoundingMode.HALF_UP);
    }

    /** Truncating division for numeric's div() and the remainder operator. */
    public static BigDecimal mod(BigDecimal a, BigDecimal b) {
        if (b.signum() == 0) {
            throw Ereport.divisionByZero();
        }
        // mod_var computes a - trunc(a / b) * b: the subtraction's display scale is the larger one
        return a.remainder(b).setScale(Math.max(dscale(a), dscale(b)));
    }

    /** Largest display scale a numeric can carry (NUMERIC_DSCALE_MAX). */
    public static final int DSCALE_MAX = 0x3FFF;

    /**
     * make_result's range check: a numeric holds fewer than 131072 digits before the decimal
     * point (base-10000 weight at most 32767); beyond that "value overflows numeric format".
     */
    public static BigDecimal checkRange(BigDecimal v) {
        if (v.signum() != 0 && v.precision() - v.scale() > 131072) {
            throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
        }
        return v;
    }

    /**
     * numeric_mul: the exact product, rounded only when its scale exceeds what a numeric
     * can display.
     */
    public static BigDecimal multiply(BigDecimal a, BigDecimal b) {
        BigDecimal r = a.multiply(b);
        if (r.scale() > DSCALE_MAX) {
            r = r.setScale(DSCALE_MAX, RoundingMode.HALF_UP);
        }
        return checkRange(r);
    }

    static int dscale(BigDecimal v) {
        return Math.max(0, v.scale());
    }

    /** Normalises a value to a non-negative display scale, as numeric_in does. */
    public static BigDecimal normalize(BigDecimal v) {
        return v.scale() < 0 ? v.setScale(0) : v;
    }

    /** The precision of a numeric typmod ((p << 16) | (s & 0x7ff)) + 4. */
    public static int typmodPrecision(int typmod) {
        return ((typmod - 4) >> 16) & 0xffff;
    }

    /** The scale of a numeric typmod: 11 bits, sign-extended (PostgreSQL 15 allows -1000..1000). */
    public static int typmodScale(int typmod) {
        return (((typmod - 4) & 0x7ff) ^ 1024) - 1024;
    }

    /**
     * apply_typmod: rounds to the declared scale (a negative scale rounds left of the decimal
     * point, leaving display scale 0) and checks that the integer digits fit the precision.
     * NaN always fits; an infinity never does.
     */
    public static Object applyTypmod(Object value, int typmod) {
        if (typmod < 4 || value == null || value == NumericSpecial.NAN) {
            return value;
        }
        int precision = typmodPrecision(typmod);
        int scale = typmodScale(typmod);
        if (!(value instanceof BigDecimal v)) {
            throw new PgException(org.tusk.api.error.Severity.ERROR, SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "numeric field overflow", "A field with precision " + precision + ", scale " + scale
                            + " cannot hold an infinite value.", null, 0, null);
        }
        BigDecimal r = v.setScale(scale, RoundingMode.HALF_UP);
        int maxDigits = precision - scale;
        if (r.signum() != 0) {
            int integerDigits = r.precision() - r.scale();
            if (integerDigits > maxDigits) {
                throw new PgException(org.tusk.api.error.Severity.ERROR, SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                        "numeric field overflow",
                        "A field with precision " + precision + ", scale " + scale
                                + " must round to an absolute value less than "
                                + (maxDigits != 0 ? "10^" + maxDigits : "1") + ".",
                        null, 0, null);
            }
        }
        return scale < 0 ? r.setScale(0) : r;
    }

    public static int makeTypmod(int precision, int scale) {
        return ((precision << 16) | (scale & 0x7ff)) + 4;
    }

    /** numeric to an integer type: rounds half away from zero, as numeric_int4 does. */
    public static long toLong(BigDecimal v, PgType target) {
        BigInteger i = v.setScale(0, RoundingMode.HALF_UP).toBigInteger();
        long min, max;
        switch (target) {
            case INT2: min = Short.MIN_VALUE; max = Short.MAX_VALUE; break;
            case INT4: min = Integer.MIN_VALUE; max = Integer.MAX_VALUE; break;
            default: min = Long.MIN_VALUE; max = Long.MAX_VALUE; break;
        }
        if (i.compareTo(BigInteger.valueOf(min)) < 0 || i.compareTo(BigInteger.valueOf(max)) > 0) {
            throw Ereport.outOfRange(target.displayName());
        }
        return i.longValue();
    }
}
