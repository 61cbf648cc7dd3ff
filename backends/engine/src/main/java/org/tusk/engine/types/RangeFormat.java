package org.tusk.engine.types;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;

/**
 * range_in / range_out of the built-in range types (rangetypes.c's
 * range_parse and range_deparse): {@code empty}, or a bracket, the lower
 * bound, a comma, the upper bound and a bracket; a bound may be double-quoted
 * (with "" or \ escaping a quote), an empty unquoted bound is unbounded.
 * Output quotes a bound that is empty or holds a quote, backslash, bracket,
 * parenthesis, comma or blank.
 */
public final class RangeFormat {
    private RangeFormat() {
    }

    public static RangeValue input(PgType rangeType, String s, TypeContext ctx) {
        PgType sub = RangeValue.subtype(rangeType);
        int i = 0;
        int n = s.length();
        while (i < n && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        if (s.regionMatches(true, i, "empty", 0, 5)) {
            int j = i + 5;
            while (j < n && Character.isWhitespace(s.charAt(j))) {
                j++;
            }
            if (j == n) {
                return RangeValue.empty(rangeType);
            }
        }
        boolean lowerInc;
        if (i < n && s.charAt(i) == '[') {
            lowerInc = true;
        } else if (i < n && s.charAt(i) == '(') {
            lowerInc = false;
        } else {
            throw malformed(s, "Missing left parenthesis or bracket.");
        }
        i++;
        StringBuilder lower = new StringBuilder();
        boolean[] quoted = new boolean[1];
        i = bound(s, i, lower, quoted);
        boolean lowerInf = lower.length() == 0 && !quoted[0];
        if (i >= n || s.charAt(i) != ',') {
            throw malformed(s, "Missing comma after lower bound.");
        }
        i++;
        StringBuilder upper = new StringBuilder();
        quoted[0] = false;
        i = bound(s, i, upper, quoted);
        boolean upperInf = upper.length() == 0 && !quoted[0];
        boolean upperInc;
        if (i < n && s.charAt(i) == ']') {
            upperInc = true;
        } else if (i < n && s.charAt(i) == ')') {
            upperInc = false;
        } else if (i < n && s.charAt(i) == ',') {
            throw malformed(s, "Too many commas.");
        } else {
            throw malformed(s, "Missing right parenthesis or bracket.");
        }
        i++;
        while (i < n && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        if (i != n) {
            throw malformed(s, "Junk after right parenthesis or bracket.");
        }
        Object lo = lowerInf ? null : TextFormat.input(sub, -1, lower.toString(), ctx);
        Object hi = upperInf ? null : TextFormat.input(sub, -1, upper.toString(), ctx);
        return RangeValue.of(rangeType, lo, hi, lowerInc, upperInc);
    }

    /** range_parse_bound: up to an unquoted , ] or ); returns the position of that character. */
    private static int bound(String s, int i, StringBuilder out, boolean[] quoted) {
        int n = s.length();
        boolean inQuote = false;
        while (i < n) {
            char c = s.charAt(i);
            if (!inQuote && (c == ',' || c == ']' || c == ')')) {
                break;
            }
            if (c == '\\') {
                i++;
                if (i >= n) {
                    throw malformed(s, "Unexpected end of input.");
                }
                out.append(s.charAt(i));
            } else if (c == '"') {
                if (!inQuote) {
                    inQuote = true;
                    quoted[0] = true;
                } else if (i + 1 < n && s.charAt(i + 1) == '"') {
                    out.append('"');
                    i++;
                } else {
                    inQuote = false;
                }
            } else {
                out.append(c);
            }
            i++;
        }
        if (inQuote || i >= n) {
            throw malformed(s, "Unexpected end of input.");
        }
        return i;
    }

    private static org.tusk.api.error.PgException malformed(String s, String detail) {
        return Ereport.error(SqlState.INVALID_TEXT_REPRESENTATION, "malformed range literal: \"" + s + "\"")
                .withDetail(detail);
    }

    public static String output(RangeValue r, TypeContext ctx) {
        if (r.empty()) {
            return "empty";
        }
        PgType sub = RangeValue.subtype(r.rangeType());
        StringBuilder sb = new StringBuilder();
        sb.append(r.lowerInc() ? '[' : '(');
        if (r.lower() != null) {
            quote(sb, TextFormat.output(sub, r.lower(), ctx));
        }
        sb.append(',');
        if (r.upper() != null) {
            quote(sb, TextFormat.output(sub, r.upper(), ctx));
        }
        sb.append(r.upperInc() ? ']' : ')');
        return sb.toString();
    }

    /** range_bound_escape. */
    private static void quote(StringBuilder sb, String v) {
        boolean needs = v.isEmpty();
        for (int i = 0; i < v.length() && !needs; i++) {
            char c = v.charAt(i);
            needs = c == '"' || c == '\\' || c == '(' || c == ')' || c == '[' || c == ']' || c == ','
                    || Character.isWhitespace(c);
        }
        if (!needs) {
            sb.append(v);
            return;
        }
        sb.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append(c);
            }
            sb.append(c);
        }
        sb.append('"');
    }
}
