package org.tusk.engine.func;

import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;
import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;

/**
 * format(formatstr, VARIADIC "any") as varlena.c's text_format: conversions
 * %[n$][-][width|*|*n$](s|I|L) and %%; the arguments arrive as their text
 * output (the analyzer converts "any" arguments), null as Java null.
 */
final class Format {
    private Format() {}

    private static final String HINT = "For a single \"%\" use \"%%\".";

    static String format(Object[] a) {
        if (a[0] == null) {
            return null;
        }
        String fmt = (String) a[0];
        int nargs = a.length - 1;
        StringBuilder out = new StringBuilder();
        int nextArg = 1;
        int i = 0;
        int n = fmt.length();
        while (i < n) {
            char ch = fmt.charAt(i);
            if (ch != '%') {
                out.append(ch);
                i++;
                continue;
            }
            i++;
            if (i >= n) {
                throw unterminated();
            }
            if (fmt.charAt(i) == '%') {
                out.append('%');
                i++;
                continue;
            }
            // optional argument position n$
            int argPos = -1;
            int[] num = new int[1];
            int j = readNumber(fmt, i, num);
            if (j > i && j < n && fmt.charAt(j) == '$') {
                argPos = num[0];
                if (argPos == 0) {
                    throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE,
                            "format specifies argument 0, but arguments are numbered from 1");
                }
                i = j + 1;
            }
            boolean leftAlign = false;
            while (i < n && fmt.charAt(i) == '-') {
                leftAlign = true;
                i++;
            }
            int width = 0;
            if (i < n && fmt.charAt(i) == '*') {
                i++;
                int widthArg;
                j = readNumber(fmt, i, num);
                if (j > i) {
                    if (j >= n || fmt.charAt(j) != '$') {
                        throw unterminated();
                    }
                    widthArg = num[0];
                    if (widthArg == 0) {
                        throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE,
                                "format specifies argument 0, but arguments are numbered from 1");
                    }
                    i = j + 1;
                } else {
                    widthArg = nextArg++;
                }
                if (widthArg > nargs) {
                    throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "too few arguments for format()");
                }
                nextArg = widthArg + 1;
                Object w = a[widthArg];
                if (w != null) {
                    long wv;
                    try {
                        wv = Long.parseLong(((String) w).strip());
                    } catch (NumberFormatException e) {
                        throw Ereport.invalidInput("integer", (String) w);
                    }
                    if (wv < 0) {
                        leftAlign = true;
                        wv = -wv;
                    }
                    if (wv > Integer.MAX_VALUE / 2) {
                        throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "number is out of range");
                    }
                    width = (int) wv;
                }
            } else {
                j = readNumber(fmt, i, num);
                if (num[0] < 0) {
                    throw Ereport.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "number is out of range");
                }
                if (j > i) {
                    width = num[0];
                    i = j;
                }
            }
            if (i >= n) {
                throw unterminated();
            }
            char type = fmt.charAt(i++);
            if (type != 's' && type != 'I' && type != 'L') {
                throw new PgException(Severity.ERROR, SqlState.INVALID_PARAMETER_VALUE,
                        "unrecognized format() type specifier \"" + type + "\"", null, HINT, 0, null);
            }
            int arg = argPos > 0 ? argPos : nextArg;
            if (arg > nargs) {
                throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "too few arguments for format()");
            }
            nextArg = arg + 1;
            String v = (String) a[arg];
            String text;
            switch (type) {
                case 'I':
                    if (v == null) {
                        throw Ereport.error(SqlState.NULL_VALUE_NOT_ALLOWED, "null values cannot be formatted as an SQL identifier");
                    }
                    text = StringFunctions.quoteIdent(v);
                    break;
                case 'L':
                    text = v == null ? "NULL" : StringFunctions.quoteLiteral(v);
                    break;
                default:
                    text = v == null ? "" : v;
                    break;
            }
            int len = text.codePointCount(0, text.length());
            if (len < width) {
                String pad = " ".repeat(width - len);
                out.append(leftAlign ? text + pad : pad + text);
            } else {
                out.append(text);
            }
        }
        return out.toString();
    }

    /** Reads decimal digits from {@code i}; the number in out[0] (-1 on overflow); returns the index after them. */
    private static int readNumber(String s, int i, int[] out) {
        long v = 0;
        int j = i;
        boolean overflow = false;
        while (j < s.length() && Character.isDigit(s.charAt(j))) {
            v = v * 10 + (s.charAt(j) - '0');
            if (v > Integer.MAX_VALUE) {
                overflow = true;
            }
            j++;
        }
        out[0] = overflow ? -1 : (int) v;
        return j;
    }

    private static PgException unterminated() {
        return new PgException(Severity.ERROR, SqlState.INVALID_PARAMETER_VALUE, "unterminated format() type specifier",
                null, HINT, 0, null);
    }
}
