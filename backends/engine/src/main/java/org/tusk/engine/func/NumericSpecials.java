package org.tusk.engine.func;

import java.math.BigDecimal;

import org.tusk.engine.error.Ereport;
import org.tusk.engine.types.NumericSpecial;

/**
 * numeric.c's rules for NaN and ±Infinity in arithmetic: each operator first
 * settles the cases with a special operand, then finite values go to
 * BigDecimal arithmetic. Ordering puts NaN above +Infinity above every
 * finite value above -Infinity (NaN = NaN), as cmp_numerics does.
 */
final class NumericSpecials {
    private NumericSpecials() {}

    static final NumericSpecial NAN = NumericSpecial.NAN;
    static final NumericSpecial PINF = NumericSpecial.POSITIVE_INFINITY;
    static final NumericSpecial NINF = NumericSpecial.NEGATIVE_INFINITY;

    /** -1, 0 or 1 for a value that is not NaN. */
    static int sign(Object v) {
        if (v == PINF) {
            return 1;
        }
        if (v == NINF) {
            return -1;
        }
        return ((BigDecimal) v).signum();
    }

    static Object infinity(int sign) {
        return sign < 0 ? NINF : PINF;
    }

    /** The result of {@code a op b} when either is special; null when both are finite. */
    static Object binary(String op, Object a, Object b) {
        if (a instanceof BigDecimal && b instanceof BigDecimal) {
            return null;
        }
        if (a == NAN || b == NAN) {
            if (op.equals("^")) {
                // NaN ^ 0 = 1 and 1 ^ NaN = 1, as pow() does
                if (b instanceof BigDecimal y && y.signum() == 0 || a instanceof BigDecimal x && x.compareTo(BigDecimal.ONE) == 0) {
                    return BigDecimal.ONE;
                }
            }
            return NAN;
        }
        int sa = sign(a);
        int sb = sign(b);
        boolean ia = !(a instanceof BigDecimal);
        boolean ib = !(b instanceof BigDecimal);
        switch (op) {
            case "+":
                if (ia && ib) {
                    return sa == sb ? a : NAN;
                }
                return ia ? a : b;
            case "-":
                if (ia && ib) {
                    return sa != sb ? a : NAN;
                }
                return ia ? a : infinity(-sb);
            case "*":
                if (sa == 0 || sb == 0) {
                    return NAN;
                }
                return infinity(sa * sb);
            case "/":
                if (ia && ib) {
                    return NAN;
                }
                if (ia) {
                    if (sb == 0) {
                        throw Ereport.divisionByZero();
                    }
                    return infinity(sa * sb);
                }
                return BigDecimal.ZERO;
            case "%":
                if (ia) {
                    if (!ib && sb == 0) {
                        throw Ereport.divisionByZero();
                    }
                    return NAN;
                }
                return a;
            case "^":
                return power(a, b);
            default:
                return NAN;
        }
    }

    /** numeric_power when an operand is infinite (neither is NaN), as numeric.c settles it. */
    private static Object power(Object a, Object b) {
        if (a instanceof BigDecimal x) {
            // finite base, infinite exponent
            int sb = sign(b);
            if (x.signum() == 0 && sb < 0) {
                throw Ereport.error("2201F", "zero raised to a negative power is undefined");
            }
            int cmp = x.abs().compareTo(BigDecimal.ONE);
            if (cmp == 0) {
                return BigDecimal.ONE;
            }
            if (cmp < 0) {
                return sb > 0 ? BigDecimal.ZERO : PINF;
            }
            return sb > 0 ? PINF : BigDecimal.ZERO;
        }
        int sb = sign(b);
        if (a == PINF) {
            return sb < 0 ? BigDecimal.ZERO : sb == 0 ? BigDecimal.ONE : PINF;
        }
        // -Infinity base
        if (sb < 0) {
            return BigDecimal.ZERO;
        }
        if (sb == 0) {
            return BigDecimal.ONE;
        }
        if (!(b instanceof BigDecimal y)) {
            return PINF;
        }
        BigDecimal stripped = y.stripTrailingZeros();
        if (stripped.scale() > 0) {
            throw Ereport.error("2201F", "a negative number raised to a non-integer power yields a complex result");
        }
        return stripped.toBigInteger().testBit(0) ? NINF : PINF;
    }

    /** cmp_numerics over BigDecimal and the special values. */
    static int compare(Object a, Object b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb || ra != 0) {
            return Integer.compare(ra, rb);
        }
        return ((BigDecimal) a).compareTo((BigDecimal) b);
    }

    private static int rank(Object v) {
        if (v == NAN) {
            return 3;
        }
        if (v == PINF) {
            return 2;
        }
        if (v == NINF) {
            return -2;
        }
        return 0;
    }
}
