package org.tusk.engine.types.geo;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;

/**
 * The float8 arithmetic geo_ops.c is written in: the fuzzy comparisons
 * (FPeq, FPlt... within EPSILON = 1e-6), float.h's NaN-aware comparisons
 * (NaN sorts above everything and equals itself), the overflow-checked
 * float8_pl/mi/mul/div, and pg_hypot, reproduced operation for operation so
 * that results print the same digits as PostgreSQL's.
 */
public final class Geo {
    private Geo() {}

    public static final double EPSILON = 1.0E-06;

    public static boolean fpZero(double a) {
        return Math.abs(a) <= EPSILON;
    }

    public static boolean fpEq(double a, double b) {
        return a == b || Math.abs(a - b) <= EPSILON;
    }

    public static boolean fpNe(double a, double b) {
        return a != b && Math.abs(a - b) > EPSILON;
    }

    public static boolean fpLt(double a, double b) {
        return b - a > EPSILON;
    }

    public static boolean fpLe(double a, double b) {
        return a - b <= EPSILON;
    }

    public static boolean fpGt(double a, double b) {
        return a - b > EPSILON;
    }

    public static boolean fpGe(double a, double b) {
        return b - a <= EPSILON;
    }

    /** float8_eq: NaN equals NaN. */
    public static boolean eq(double a, double b) {
        return Double.isNaN(a) ? Double.isNaN(b) : !Double.isNaN(b) && a == b;
    }

    /** float8_lt: NaN is greater than every other value. */
    public static boolean lt(double a, double b) {
        return !Double.isNaN(a) && (Double.isNaN(b) || a < b);
    }

    public static boolean le(double a, double b) {
        return Double.isNaN(b) || (!Double.isNaN(a) && a <= b);
    }

    public static boolean gt(double a, double b) {
        return !Double.isNaN(b) && (Double.isNaN(a) || a > b);
    }

    public static boolean ge(double a, double b) {
        return Double.isNaN(a) || (!Double.isNaN(b) && a >= b);
    }

    public static double max(double a, double b) {
        return gt(a, b) ? a : b;
    }

    public static double min(double a, double b) {
        return lt(a, b) ? a : b;
    }

    public static double pl(double a, double b) {
        double r = a + b;
        if (Double.isInfinite(r) && !Double.isInfinite(a) && !Double.isInfinite(b)) {
            throw overflow();
        }
        return r;
    }

    public static double mi(double a, double b) {
        double r = a - b;
        if (Double.isInfinite(r) && !Double.isInfinite(a) && !Double.isInfinite(b)) {
            throw overflow();
        }
        return r;
    }

    public static double mul(double a, double b) {
        double r = a * b;
        if (Double.isInfinite(r) && !Double.isInfinite(a) && !Double.isInfinite(b)) {
            throw overflow();
        }
        if (r == 0.0 && a != 0.0 && b != 0.0) {
            throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: underflow");
        }
        return r;
    }

    public static double div(double a, double b) {
        if (b == 0.0 && !Double.isNaN(a)) {
            throw Ereport.error(SqlState.DIVISION_BY_ZERO, "division by zero");
        }
        double r = a / b;
        if (Double.isInfinite(r) && !Double.isInfinite(a)) {
            throw overflow();
        }
        if (r == 0.0 && a != 0.0 && !Double.isInfinite(b)) {
            throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: underflow");
        }
        return r;
    }

    private static RuntimeException overflow() {
        return Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
    }

    /** pg_hypot: sqrt(x*x + y*y) without needless overflow, Inf winning over NaN. */
    public static double hypot(double x, double y) {
        if (Double.isInfinite(x) || Double.isInfinite(y)) {
            return Double.POSITIVE_INFINITY;
        }
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return Double.NaN;
        }
        x = Math.abs(x);
        y = Math.abs(y);
        if (x < y) {
            double t = x;
            x = y;
            y = t;
        }
        if (y == 0.0) {
            return x;
        }
        double yx = y / x;
        return x * Math.sqrt(1.0 + yx * yx);
    }
}
