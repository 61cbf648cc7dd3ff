package org.tusk.engine.types;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;

/**
 * The money type (cash.c): a signed 64-bit count of the currency's smallest
 * unit, held as a Long. Tusk formats it as PostgreSQL does under
 * lc_monetary C: two fractional digits, '$' before the value, ',' grouping
 * thousands, '.' as decimal point and a leading '-' for negative amounts
 * ({@code -$1,000.00}).
 */
public final class Money {
    private Money() {}

    /** Fractional digits of the C locale's currency (frac_digits unset: cash.c uses 2). */
    public static final int FRACTION_DIGITS = 2;
    /** 10^FRACTION_DIGITS: a whole currency unit in the internal representation. */
    public static final long SCALE = 100;

    private static final String CURRENCY = "$";

    /**
     * cash_in: optional currency symbol, sign or '(' (negative), digits with ','
     * separators anywhere, at most two fractional digits (a third rounds half
     * away from zero), then only digits, blanks, ')', a sign or the currency symbol.
     */
    public static long input(String text) {
        String s = text;
        int i = skipSpace(s, 0);
        if (s.startsWith(CURRENCY, i)) {
            i += CURRENCY.length();
        }
        i = skipSpace(s, i);
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '(')) {
            negative = true;
            i++;
        } else if (i < s.length() && s.charAt(i) == '+') {
            i++;
        }
        i = skipSpace(s, i);
        if (s.startsWith(CURRENCY, i)) {
            i += CURRENCY.length();
        }
        i = skipSpace(s, i);
        // accumulate negatively so that the most negative value parses too
        long value = 0;
        boolean seenDot = false;
        int decimals = 0;
        for (; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (isDigit(ch) && (!seenDot || decimals < FRACTION_DIGITS)) {
                int digit = ch - '0';
                if (value < (Long.MIN_VALUE + digit) / 10) {
                    throw outOfRange(text);
                }
                value = value * 10 - digit;
                if (seenDot) {
                    decimals++;
                }
            } else if (ch == '.' && !seenDot) {
                seenDot = true;
            } else if (ch != ',') {
                break;
            }
        }
        // a further digit rounds the last kept one
        if (i < s.length() && isDigit(s.charAt(i)) && s.charAt(i) >= '5') {
            if (value == Long.MIN_VALUE) {
                throw outOfRange(text);
            }
            value--;
        }
        for (; decimals < FRACTION_DIGITS; decimals++) {
            if (value < Long.MIN_VALUE / 10) {
                throw outOfRange(text);
            }
            value *= 10;
        }
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
        }
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (isSpace(ch) || ch == ')') {
                i++;
            } else if (ch == '-') {
                negative = true;
                i++;
            } else if (ch == '+') {
                i++;
            } else if (s.startsWith(CURRENCY, i)) {
                i += CURRENCY.length();
            } else {
                throw Ereport.error(SqlState.INVALID_TEXT_REPRESENTATION,
                        "invalid input syntax for type money: \"" + text + "\"");
            }
        }
        if (!negative) {
            if (value == Long.MIN_VALUE) {
                throw outOfRange(text);
            }
            return -value;
        }
        return value;
    }

    /** cash_out under lc_monetary C. */
    public static String output(long value) {
        boolean negative = value < 0;
        // the magnitude as unsigned decimal digits (Long.MIN_VALUE has no positive long)
        String digits = negative ? Long.toUnsignedString(-value) : Long.toString(value);
        while (digits.length() <= FRACTION_DIGITS) {
            digits = "0" + digits;
        }
        String whole = digits.substring(0, digits.length() - FRACTION_DIGITS);
        StringBuilder sb = new StringBuilder(digits.length() + 8);
        if (negative) {
            sb.append('-');
        }
        sb.append(CURRENCY);
        for (int k = 0; k < whole.length(); k++) {
            if (k > 0 && (whole.length() - k) % 3 == 0) {
                sb.append(',');
            }
            sb.append(whole.charAt(k));
        }
        return sb.append('.').append(digits, digits.length() - FRACTION_DIGITS, digits.length()).toString();
    }

    /** int4_cash / int8_cash: whole currency units; overflow reports as int8 arithmetic does. */
    public static long fromInteger(long units) {
        try {
            return Math.multiplyExact(units, SCALE);
        } catch (ArithmeticException e) {
            throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "bigint out of range");
        }
    }

    /** numeric_cash: rounded to the fractional digits, then converted as numeric_int8 would. */
    public static long fromNumeric(Object numeric) {
        if (!(numeric instanceof BigDecimal d)) {
            // NaN and the infinities (NumericSpecial)
            throw Ereport.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "cannot convert " + (numeric == NumericSpecial.NAN ? "NaN" : "infinity") + " to bigint");
        }
        BigDecimal units = d.movePointRight(FRACTION_DIGITS).setScale(0, RoundingMode.HALF_UP);
        if (units.unscaledValue().bitLength() > 63) {
            throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "bigint out of range");
        }
        return units.longValueExact();
    }

    /** cash_numeric: the amount with exactly the currency's fractional digits. */
    public static BigDecimal toNumeric(long value) {
        return BigDecimal.valueOf(value, FRACTION_DIGITS);
    }

    /** cash_pl / cash_mi and the integer multiplications: "money out of range" on overflow. */
    public static long add(long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw moneyOutOfRange();
        }
    }

    public static long subtract(long a, long b) {
        try {
            return Math.subtractExact(a, b);
        } catch (ArithmeticException e) {
            throw moneyOutOfRange();
        }
    }

    public static long multiply(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw moneyOutOfRange();
        }
    }

    /** cash_mul_flt8 and friends: the product rounded to the nearest unit, half to even (rint). */
    public static long multiply(long a, double f) {
        return (long) Math.rint(a * f);
    }

    /** cash_div_flt8 and friends. */
    public static long divide(long a, double f) {
        if (f == 0.0) {
            throw divisionByZero();
        }
        return (long) Math.rint(a / f);
    }

    /** cash_div_int8 and friends: truncating integer division. */
    public static long divide(long a, long b) {
        if (b == 0) {
            throw divisionByZero();
        }
        if (a == Long.MIN_VALUE && b == -1) {
            throw moneyOutOfRange();
        }
        return a / b;
    }

    /** cash_div_cash: the ratio of two amounts as float8. */
    public static double ratio(long a, long b) {
        if (b == 0) {
            throw divisionByZero();
        }
        return (double) a / (double) b;
    }

    private static RuntimeException divisionByZero() {
        return Ereport.error(SqlState.DIVISION_BY_ZERO, "division by zero");
    }

    private static RuntimeException moneyOutOfRange() {
        return Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "money out of range");
    }

    private static RuntimeException outOfRange(String text) {
        return Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                "value \"" + text + "\" is out of range for type money");
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
