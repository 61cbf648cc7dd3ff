package org.tusk.engine.func;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.types.NumericSupport;
import org.tusk.engine.types.PgType;

/** + - * / % ^ for the numeric types, with PostgreSQL's overflow and division-by-zero errors. */
public final class Arithmetic {
    private Arithmetic() {}

    public static Object binary(String op, PgType type, Object a, Object b) {
        switch (type) {
            case INT2: case INT4: case INT8: return integer(op, type, ((Number) a).longValue(), ((Number) b).longValue());
            case NUMERIC: {
                Object x = a instanceof Number && !(a instanceof BigDecimal) ? Comparisons.toBigDecimal(a) : a;
                Object y = b instanceof Number && !(b instanceof BigDecimal) ? Comparisons.toBigDecimal(b) : b;
                Object special = NumericSpecials.binary(op, x, y);
                return special != null ? special : numeric(op, (BigDecimal) x, (BigDecimal) y);
            }
            case FLOAT4: {
                double r = floating(op, ((Number) a).doubleValue(), ((Number) b).doubleValue(), true);
                return (float) r;
            }
            default: return floating(op, ((Number) a).doubleValue(), ((Number) b).doubleValue(), false);
        }
    }

    static Object box(PgType type, long v) {
        switch (type) {
            case INT2:
                if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
                    throw Ereport.outOfRange("smallint");
                }
                return (short) v;
            case INT4:
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    throw Ereport.outOfRange("integer");
                }
                return (int) v;
            default:
                return v;
        }
    }

    static Object integer(String op, PgType type, long x, long y) {
        try {
            switch (op) {
                case "+": return box(type, Math.addExact(x, y));
                case "-": return box(type, Math.subtractExact(x, y));
                case "*": return box(type, Math.multiplyExact(x, y));
                case "/":
                    if (y == 0) {
                        throw Ereport.divisionByZero();
                    }
                    if (x == Long.MIN_VALUE && y == -1) {
                        throw Ereport.outOfRange("bigint");
                    }
                    return box(type, x / y);
                case "%":
                    if (y == 0) {
                        throw Ereport.divisionByZero();
                    }
                    return box(type, y == -1 ? 0 : x % y);
                default:
                    throw new IllegalStateException(op);
            }
        } catch (ArithmeticException e) {
            throw Ereport.outOfRange("bigint");
        }
    }

    static BigDecimal numeric(String op, BigDecimal x, BigDecimal y) {
        switch (op) {
            case "+": return NumericSupport.checkRange(x.add(y));
            case "-": return NumericSupport.checkRange(x.subtract(y));
            case "*": return NumericSupport.multiply(x, y);
            case "/": return NumericSupport.divide(x, y);
            case "%": return NumericSupport.mod(x, y);
            case "^": return NumericMath.power(x, y);
            default: throw new IllegalStateException(op);
        }
    }

    static double floating(String op, double x, double y, boolean isFloat4) {
        double r;
        switch (op) {
            case "+": r = x + y; break;
            case "-": r = x - y; break;
            case "*": r = x * y; break;
            case "/":
                // float8div: NaN / 0 is NaN, anything else / 0 an error
                if (y == 0 && !Double.isNaN(x)) {
                    throw Ereport.divisionByZero();
                }
                r = x / y;
                break;
            case "^":
                // POSIX pow(): 1 ^ anything and anything ^ 0 are 1, even NaN; (-1) ^ ±inf is 1
                if (x == 1 || y == 0 || (x == -1 && Double.isInfinite(y))) {
                    return isFloat4 ? (double) 1f : 1.0;
                }
                if (Double.isNaN(x) || Double.isNaN(y)) {
                    return Double.NaN;
                }
                if (x == 0 && y < 0) {
                    throw Ereport.error("2201F", "zero raised to a negative power is undefined");
                }
                if (x < 0 && y != Math.rint(y)) {
                    throw Ereport.error("2201F", "a negative number raised to a non-integer power yields a complex result");
                }
                r = Math.pow(x, y);
                break;
            default: throw new IllegalStateException(op);
        }
        if (isFloat4) {
            float f = (float) r;
            if (Float.isInfinite(f) && !Double.isInfinite(x) && !Double.isInfinite(y)) {
                throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
            }
            return f;
        }
        if (Double.isInfinite(r) && !Double.isInfinite(x) && !Double.isInfinite(y)) {
            throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
        }
        // float8_mul: a zero product of two non-zero factors; float8_div: a zero quotient of a
        // non-zero dividend by a finite divisor
        if (r == 0 && x != 0 && (op.equals("*") && y != 0 || op.equals("/") && !Double.isInfinite(y))) {
            throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: underflow");
        }
        return r;
    }

    public static Object negate(PgType type, Object a) {
        switch (type) {
            case INT2: case INT4: case INT8:
                long v = ((Number) a).longValue();
                if (type == PgType.INT8 && v == Long.MIN_VALUE) {
                    throw Ereport.outOfRange("bigint");
                }
                return box(type, -v);
            case NUMERIC:
                if (a instanceof BigDecimal d) {
                    return d.negate();
                }
                return a == NumericSpecials.NAN ? a : NumericSpecials.infinity(-NumericSpecials.sign(a));
            case FLOAT4: return -(Float) a;
            default: return -(Double) a;
        }
    }
}
