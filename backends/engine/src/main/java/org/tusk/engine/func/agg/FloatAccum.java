package org.tusk.engine.func.agg;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;

/**
 * float8_accum / float8_regr_accum's transition arrays with the
 * Youngs-Cramer updates: N, Sx, Sxx (and Sy, Syy, Sxy for two-variable
 * aggregates); overflow of a finite input raises 22003 as float.c does.
 */
final class FloatAccum {
    double n;
    double sx;
    double sxx;
    double sy;
    double syy;
    double sxy;

    void add(double x) {
        double oldN = n;
        n += 1.0;
        double oldSx = sx;
        sx += x;
        if (oldN > 0.0) {
            double tmp = x * n - sx;
            sxx += tmp * tmp / (n * oldN);
            if (Double.isInfinite(sx) || Double.isInfinite(sxx)) {
                if (!Double.isInfinite(oldSx) && !Double.isInfinite(x)) {
                    throw overflow();
                }
                sxx = Double.NaN;
            }
        } else if (Double.isNaN(x) || Double.isInfinite(x)) {
            sxx = Double.NaN;
        }
    }

    /** float8_regr_accum(state, y, x). */
    void add(double y, double x) {
        double oldN = n;
        n += 1.0;
        double oldSx = sx;
        double oldSy = sy;
        sx += x;
        sy += y;
        if (oldN > 0.0) {
            double tmpX = x * n - sx;
            double tmpY = y * n - sy;
            double scale = 1.0 / (n * oldN);
            sxx += tmpX * tmpX * scale;
            syy += tmpY * tmpY * scale;
            sxy += tmpX * tmpY * scale;
            if (Double.isInfinite(sx) || Double.isInfinite(sxx) || Double.isInfinite(sy) || Double.isInfinite(syy)
                    || Double.isInfinite(sxy)) {
                if ((Double.isInfinite(sx) || Double.isInfinite(sxx)) && !Double.isInfinite(oldSx) && !Double.isInfinite(x)
                        || (Double.isInfinite(sy) || Double.isInfinite(syy)) && !Double.isInfinite(oldSy)
                        && !Double.isInfinite(y)
                        || Double.isInfinite(sxy) && !Double.isInfinite(oldSx) && !Double.isInfinite(x)
                        && !Double.isInfinite(oldSy) && !Double.isInfinite(y)) {
                    throw overflow();
                }
                if (Double.isInfinite(sxx)) {
                    sxx = Double.NaN;
                }
                if (Double.isInfinite(syy)) {
                    syy = Double.NaN;
                }
                if (Double.isInfinite(sxy)) {
                    sxy = Double.NaN;
                }
            }
        } else {
            if (Double.isNaN(x) || Double.isInfinite(x)) {
                sxx = Double.NaN;
                sxy = Double.NaN;
            }
            if (Double.isNaN(y) || Double.isInfinite(y)) {
                syy = Double.NaN;
                sxy = Double.NaN;
            }
        }
    }

    /** float8_combine / float8_regr_combine (Chan et al.). */
    FloatAccum merge(FloatAccum o) {
        if (o.n == 0) {
            return this;
        }
        if (n == 0) {
            return o;
        }
        double n1 = n;
        double n2 = o.n;
        double nTotal = n1 + n2;
        double dx = sx / n1 - o.sx / n2;
        double dy = sy / n1 - o.sy / n2;
        sxx = sxx + o.sxx + n1 * n2 * dx * dx / nTotal;
        syy = syy + o.syy + n1 * n2 * dy * dy / nTotal;
        sxy = sxy + o.sxy + n1 * n2 * dx * dy / nTotal;
        sx += o.sx;
        sy += o.sy;
        n = nTotal;
        return this;
    }

    private static RuntimeException overflow() {
        return Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
    }
}
