package org.tusk.engine.func.agg;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

import org.tusk.engine.types.NumericSpecial;
import org.tusk.engine.types.NumericSupport;

/**
 * NumericAggState / PolyNumAggState: count, exact sum and sum of squares,
 * and how many NaN / ±Infinity inputs were seen, for sum/avg/variance/stddev
 * over int2/int4/int8/numeric (results numeric, numeric.c's scales).
 */
final class NumericAccum {
    long n;
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal sumSquares = BigDecimal.ZERO;
    long nanCount;
    long posInfCount;
    long negInfCount;
    private final boolean squares;

    NumericAccum(boolean squares) {
        this.squares = squares;
    }

    void add(Object v) {
        n++;
        if (v == NumericSpecial.NAN) {
            nanCount++;
            return;
        }
        if (v == NumericSpecial.POSITIVE_INFINITY) {
            posInfCount++;
            return;
        }
        if (v == NumericSpecial.NEGATIVE_INFINITY) {
            negInfCount++;
            return;
        }
        BigDecimal d = v instanceof BigDecimal b ? b : BigDecimal.valueOf(((Number) v).longValue());
        sum = sum.add(d);
        if (squares) {
            sumSquares = sumSquares.add(d.multiply(d));
        }
    }

    NumericAccum merge(NumericAccum o) {
        n += o.n;
        sum = sum.add(o.sum);
        sumSquares = sumSquares.add(o.sumSquares);
        nanCount += o.nanCount;
        posInfCount += o.posInfCount;
        negInfCount += o.negInfCount;
        return this;
    }

    /** numeric_sum: NULL without rows; NaN if NaN or both infinities were seen. */
    Object sum() {
        if (n == 0) {
            return null;
        }
        Object special = special();
        return special != null ? special : sum;
    }

    private Object special() {
        if (nanCount > 0 || posInfCount > 0 && negInfCount > 0) {
            return NumericSpecial.NAN;
        }
        if (posInfCount > 0) {
            return NumericSpecial.POSITIVE_INFINITY;
        }
        if (negInfCount > 0) {
            return NumericSpecial.NEGATIVE_INFINITY;
        }
        return null;
    }

    /** numeric_avg: sum / N at select_div_scale. */
    Object avg() {
        if (n == 0) {
            return null;
        }
        Object special = special();
        return special != null ? special : NumericSupport.divide(sum, BigDecimal.valueOf(n));
    }

    /** numeric_stddev_internal: (N·Σx² − (Σx)²) / (N·(N−1) or N²), optionally its square root. */
    Object variance(boolean sample, boolean stddev) {
        if (n == 0) {
            return null;
        }
        if (nanCount > 0 || posInfCount > 0 || negInfCount > 0) {
            return NumericSpecial.NAN;
        }
        if (sample && n <= 1) {
            return null;
        }
        BigDecimal count = BigDecimal.valueOf(n);
        BigDecimal numerator = count.multiply(sumSquares).subtract(sum.multiply(sum));
        if (numerator.signum() <= 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal denominator = sample ? count.multiply(BigDecimal.valueOf(n - 1)) : count.multiply(count);
        BigDecimal variance = NumericSupport.divide(numerator, denominator);
        if (!stddev) {
            return variance;
        }
        int rscale = variance.scale();
        int digits = rscale + Math.max(variance.precision() - variance.scale(), 1) + 10;
        return variance.sqrt(new MathContext(digits, RoundingMode.HALF_EVEN)).setScale(rscale, RoundingMode.HALF_UP);
    }
}
