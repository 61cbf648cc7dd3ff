package org.tusk.engine.func;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;

/**
 * The trigonometric functions that work in degrees (sind, cosd, tand, cotd, asind, acosd,
 * atand, atan2d), as float.c computes them: the argument is first reduced to the first
 * quadrant, and the radian functions' results are scaled by their own values at 30, 45 or
 * 60 degrees, so that the "nice" angles give exact answers (sind(30) = 0.5, tand(45) = 1)
 * although sin(pi/6) is not exactly 0.5 in binary floating point.
 */
final class DegreeTrig {
    private static final double RADIANS_PER_DEGREE = Math.PI / 180.0;

    // computed at run time, like PostgreSQL's init_degree_constants, so they are the exact
    // values the library functions return for these arguments
    private static final double SIN_30 = Math.sin(30.0 * RADIANS_PER_DEGREE);
    private static final double ONE_MINUS_COS_60 = 1.0 - Math.cos(60.0 * RADIANS_PER_DEGREE);
    private static final double ASIN_0_5 = Math.asin(0.5);
    private static final double ACOS_0_5 = Math.acos(0.5);
    private static final double ATAN_1_0 = Math.atan(1.0);
    private static final double TAN_45 = sindQ1(45.0) / cosdQ1(45.0);
    private static final double COT_45 = cosdQ1(45.0) / sindQ1(45.0);

    private DegreeTrig() {
    }

    static void register() {
        FunctionRegistry.bind("dsind", (a, c) -> sind((Double) a[0]));
        FunctionRegistry.bind("dcosd", (a, c) -> cosd((Double) a[0]));
        FunctionRegistry.bind("dtand", (a, c) -> tand((Double) a[0], false));
        FunctionRegistry.bind("dcotd", (a, c) -> tand((Double) a[0], true));
        FunctionRegistry.bind("dasind", (a, c) -> asind((Double) a[0]));
        FunctionRegistry.bind("dacosd", (a, c) -> acosd((Double) a[0]));
        FunctionRegistry.bind("datand", (a, c) -> {
            double x = (Double) a[0];
            return Double.isNaN(x) ? x : Math.atan(x) / ATAN_1_0 * 45.0;
        });
        FunctionRegistry.bind("datan2d", (a, c) -> {
            double y = (Double) a[0];
            double x = (Double) a[1];
            return Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : Math.atan2(y, x) / ATAN_1_0 * 45.0;
        });
    }

    private static double sind0To30(double x) {
        return Math.sin(x * RADIANS_PER_DEGREE) / SIN_30 / 2.0;
    }

    private static double cosd0To60(double x) {
        return 1.0 - (1.0 - Math.cos(x * RADIANS_PER_DEGREE)) / ONE_MINUS_COS_60 / 2.0;
    }

    private static double sindQ1(double x) {
        return x <= 30.0 ? sind0To30(x) : cosd0To60(90.0 - x);
    }

    private static double cosdQ1(double x) {
        return x <= 60.0 ? cosd0To60(x) : sind0To30(90.0 - x);
    }

    private static double asindQ1(double x) {
        return x <= 0.5 ? Math.asin(x) / ASIN_0_5 * 30.0 : 90.0 - Math.acos(x) / ACOS_0_5 * 60.0;
    }

    private static double acosdQ1(double x) {
        return x <= 0.5 ? 90.0 - Math.asin(x) / ASIN_0_5 * 30.0 : Math.acos(x) / ACOS_0_5 * 60.0;
    }

    private static void requireFinite(double x) {
        if (Double.isInfinite(x)) {
            throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "input is out of range");
        }
    }

    /**
     * An angle reduced to [0, 90] degrees by the symmetries the three functions share, with
     * which reflections were used: each function's sign follows from its own ones.
     */
    private record Quadrant(double arg, boolean negated, boolean past180, boolean past90) {
    }

    private static Quadrant firstQuadrant(double x) {
        requireFinite(x);
        double arg = x % 360.0;
        boolean negated = arg < 0;
        if (negated) {
            arg = -arg;
        }
        boolean past180 = arg > 180.0;
        if (past180) {
            arg = 360.0 - arg;
        }
        boolean past90 = arg > 90.0;
        if (past90) {
            arg = 180.0 - arg;
        }
        return new Quadrant(arg, negated, past180, past90);
    }

    static double sind(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        Quadrant q = firstQuadrant(x);
        return (q.negated() != q.past180() ? -1.0 : 1.0) * sindQ1(q.arg());
    }

    static double cosd(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        Quadrant q = firstQuadrant(x);
        return (q.past90() ? -1.0 : 1.0) * cosdQ1(q.arg());
    }

    /** tand, or cotd with {@code cot}; a zero result is always +0, as PostgreSQL forces it. */
    static double tand(double x, boolean cot) {
        if (Double.isNaN(x)) {
            return x;
        }
        Quadrant q = firstQuadrant(x);
        double sign = q.negated() != q.past180() != q.past90() ? -1.0 : 1.0;
        double arg = q.arg();
        double r = cot ? sign * (cosdQ1(arg) / sindQ1(arg) / COT_45)
                : sign * (sindQ1(arg) / cosdQ1(arg) / TAN_45);
        return r == 0.0 ? 0.0 : r;
    }

    static double asind(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        if (x < -1.0 || x > 1.0) {
            throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "input is out of range");
        }
        return x >= 0 ? asindQ1(x) : -asindQ1(-x);
    }

    static double acosd(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        if (x < -1.0 || x > 1.0) {
            throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "input is out of range");
        }
        return x >= 0 ? acosdQ1(x) : 90.0 + asindQ1(-x);
    }
}
