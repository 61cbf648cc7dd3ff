package org.tusk.engine.types;

import java.util.ArrayList;
import java.util.List;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;

/**
 * array_in (arrayfuncs.c): {@code [lo:hi]...={...}} text to an {@link ArrayValue}.
 * Elements are read with the element type's input function (and typmod);
 * unquoted NULL is a null element, double quotes and backslashes protect
 * delimiters, braces and blanks. Errors are 22P02 "malformed array literal".
 */
final class ArrayInput {
    private final String text;
    private final char delim;
    private int pos;
    private int ndims = -1;
    private final int[] lengths = new int[ArrayValue.MAX_DIMENSIONS];
    private final boolean[] lengthKnown = new boolean[ArrayValue.MAX_DIMENSIONS];
    private final List<String> raw = new ArrayList<>();

    private ArrayInput(String text, char delim) {
        this.text = text;
        this.delim = delim;
    }

    static ArrayValue parse(PgType arrayType, int typmod, String s, TypeContext ctx) {
        PgType elem = arrayType.elementType();
        ArrayInput in = new ArrayInput(s, elem.delimiter());
        return in.run(elem, typmod, ctx);
    }

    private PgException malformed() {
        return Ereport.error(SqlState.INVALID_TEXT_REPRESENTATION, "malformed array literal: \"" + text + "\"");
    }

    private void skipBlanks() {
        while (pos < text.length() && isBlank(text.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000b' || c == '\f';
    }

    private PgException malformed(String detail) {
        return malformed().withDetail(detail);
    }

    private ArrayValue run(PgType elem, int typmod, TypeContext ctx) {
        skipBlanks();
        List<int[]> explicitDims = new ArrayList<>();
        // [lo:hi] decorations: blanks between them but not inside the brackets, as array_in allows
        while (true) {
            skipBlanks();
            if (pos >= text.length() || text.charAt(pos) != '[') {
                break;
            }
            if (explicitDims.size() >= ArrayValue.MAX_DIMENSIONS) {
                throw Ereport.error(SqlState.PROGRAM_LIMIT_EXCEEDED, "number of array dimensions ("
                        + (explicitDims.size() + 1) + ") exceeds the maximum allowed (" + ArrayValue.MAX_DIMENSIONS + ")");
            }
            pos++;
            int first = readBound();
            if (first == Integer.MIN_VALUE && noDigits) {
                throw malformed("\"[\" must introduce explicitly-specified array dimensions.");
            }
            int lo = 1;
            int hi = first;
            if (pos < text.length() && text.charAt(pos) == ':') {
                pos++;
                lo = first;
                hi = readBound();
                if (noDigits) {
                    throw malformed("Missing array dimension value.");
                }
            }
            if (pos >= text.length() || text.charAt(pos) != ']') {
                throw malformed("Missing \"]\" after array dimensions.");
            }
            pos++;
            if (hi < lo) {
                throw Ereport.error(ArrayValue.ARRAY_SUBSCRIPT_ERROR, "upper bound cannot be less than lower bound");
            }
            explicitDims.add(new int[] {lo, hi});
        }
        if (!explicitDims.isEmpty()) {
            if (pos >= text.length() || text.charAt(pos) != '=') {
                throw malformed("Missing \"=\" after array dimensions.");
            }
            pos++;
            skipBlanks();
            if (pos >= text.length() || text.charAt(pos) != '{') {
                throw malformed("Array contents must start with \"{\".");
            }
        } else if (pos >= text.length() || text.charAt(pos) != '{') {
            throw malformed("Array value must start with \"{\" or dimension information.");
        }
        checkBraceStructure(pos);
        List<Boolean> quoted = new ArrayList<>();
        level(0, quoted);
        skipBlanks();
        if (pos < text.length()) {
            throw malformed();
        }
        if (raw.isEmpty()) {
            if (!explicitDims.isEmpty()) {
                throw malformed("Specified array dimensions do not match array contents.");
            }
            return ArrayValue.empty(elem);
        }
        int[] lens = java.util.Arrays.copyOf(lengths, ndims);
        int[] lbs = new int[ndims];
        java.util.Arrays.fill(lbs, 1);
        if (!explicitDims.isEmpty()) {
            if (explicitDims.size() != ndims) {
                throw malformed("Specified array dimensions do not match array contents.");
            }
            for (int d = 0; d < ndims; d++) {
                int[] b = explicitDims.get(d);
                if ((long) b[1] - b[0] + 1 != lens[d]) {
                    throw malformed("Specified array dimensions do not match array contents.");
                }
                lbs[d] = b[0];
            }
        }
        ArrayValue.checkBounds(new ArrayValue(elem, lens, lbs, new Object[raw.size()]));
        Object[] values = new Object[raw.size()];
        for (int i = 0; i < values.length; i++) {
            String r = raw.get(i);
            values[i] = r == null ? null : TextFormat.input(elem, typmod, r, ctx);
        }
        return new ArrayValue(elem, lens, lbs, values);
    }

    /** Whether the last {@link #readBound} found no digits or signs at all. */
    private boolean noDigits;

    /** A bound as array_in reads it: the run of digits and signs, taken as atoi would (0 if unreadable). */
    private int readBound() {
        int start = pos;
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '-'
                || text.charAt(pos) == '+')) {
            pos++;
        }
        noDigits = pos == start;
        if (noDigits) {
            return Integer.MIN_VALUE;
        }
        String run = text.substring(start, pos);
        int i = 0;
        boolean negative = false;
        if (run.charAt(0) == '-' || run.charAt(0) == '+') {
            negative = run.charAt(0) == '-';
            i = 1;
        }
        long v = 0;
        for (; i < run.length() && Character.isDigit(run.charAt(i)); i++) {
            v = v * 10 + (run.charAt(i) - '0');
            if (v > 1L << 32) {
                break;
            }
        }
        return (int) (negative ? -v : v);
    }

    /** The states of ArrayCount's scan of the braces. */
    private enum BraceState {
        NO_LEVEL, LEVEL_STARTED, ELEM_STARTED, ELEM_COMPLETED, QUOTED_ELEM_STARTED, QUOTED_ELEM_COMPLETED,
        ELEM_DELIMITED, LEVEL_COMPLETED, LEVEL_DELIMITED
    }

    /**
     * ArrayCount's scan of the brace structure from {@code start}: which
     * character comes where, and whether sub-arrays agree in length, with
     * PostgreSQL's DETAIL for the first thing out of place. The values
     * themselves are read afterwards by {@link #level}.
     */
    private void checkBraceStructure(int start) {
        int[] nelems = new int[ArrayValue.MAX_DIMENSIONS];
        int[] nelemsLast = new int[ArrayValue.MAX_DIMENSIONS];
        java.util.Arrays.fill(nelems, 1);
        BraceState state = BraceState.NO_LEVEL;
        boolean inQuotes = false;
        int nest = 0;
        int p = start;
        while (true) {
            if (p >= text.length()) {
                throw malformed("Unexpected end of input.");
            }
            char c = text.charAt(p);
            if (c == '\\') {
                if (state != BraceState.LEVEL_STARTED && state != BraceState.ELEM_STARTED
                        && state != BraceState.QUOTED_ELEM_STARTED && state != BraceState.ELEM_DELIMITED) {
                    throw malformed("Unexpected \"\\\" character.");
                }
                if (state != BraceState.QUOTED_ELEM_STARTED) {
                    state = BraceState.ELEM_STARTED;
                }
                if (p + 1 >= text.length()) {
                    throw malformed("Unexpected end of input.");
                }
                p++;
            } else if (c == '"') {
                if (state != BraceState.LEVEL_STARTED && state != BraceState.QUOTED_ELEM_STARTED
                        && state != BraceState.ELEM_DELIMITED) {
                    throw malformed("Unexpected array element.");
                }
                inQuotes = !inQuotes;
                state = inQuotes ? BraceState.QUOTED_ELEM_STARTED : BraceState.QUOTED_ELEM_COMPLETED;
            } else if (inQuotes) {
                // anything goes inside quotes
            } else if (c == '{') {
                if (state != BraceState.NO_LEVEL && state != BraceState.LEVEL_STARTED
                        && state != BraceState.LEVEL_DELIMITED) {
                    throw malformed("Unexpected \"{\" character.");
                }
                state = BraceState.LEVEL_STARTED;
                if (nest >= ArrayValue.MAX_DIMENSIONS) {
                    throw Ereport.error(SqlState.PROGRAM_LIMIT_EXCEEDED, "number of array dimensions (" + (nest + 1)
                            + ") exceeds the maximum allowed (" + ArrayValue.MAX_DIMENSIONS + ")");
                }
                nest++;
            } else if (c == '}') {
                if (state != BraceState.ELEM_STARTED && state != BraceState.ELEM_COMPLETED
                        && state != BraceState.QUOTED_ELEM_COMPLETED && state != BraceState.LEVEL_COMPLETED
                        && !(nest == 1 && state == BraceState.LEVEL_STARTED)) {
                    throw malformed("Unexpected \"}\" character.");
                }
                state = BraceState.LEVEL_COMPLETED;
                nest--;
                if (nelemsLast[nest] != 0 && nelems[nest] != nelemsLast[nest]) {
                    throw malformed("Multidimensional arrays must have sub-arrays with matching dimensions.");
                }
                nelemsLast[nest] = nelems[nest];
                nelems[nest] = 1;
                if (nest == 0) {
                    break;
                }
            } else if (c == delim) {
                if (state != BraceState.ELEM_STARTED && state != BraceState.ELEM_COMPLETED
                        && state != BraceState.QUOTED_ELEM_COMPLETED && state != BraceState.LEVEL_COMPLETED) {
                    throw malformed("Unexpected \"" + delim + "\" character.");
                }
                state = state == BraceState.LEVEL_COMPLETED ? BraceState.LEVEL_DELIMITED : BraceState.ELEM_DELIMITED;
                nelems[nest - 1]++;
            } else if (!isBlank(c)) {
                if (state != BraceState.LEVEL_STARTED && state != BraceState.ELEM_STARTED
                        && state != BraceState.ELEM_DELIMITED) {
                    throw malformed("Unexpected array element.");
                }
                state = BraceState.ELEM_STARTED;
            }
            p++;
        }
        for (p++; p < text.length(); p++) {
            if (!isBlank(text.charAt(p))) {
                throw malformed("Junk after closing right brace.");
            }
        }
    }

    /** Reads one brace level starting at '{', recording its length for dimension {@code depth}. */
    private void level(int depth, List<Boolean> quoted) {
        if (depth >= ArrayValue.MAX_DIMENSIONS) {
            throw Ereport.error(SqlState.PROGRAM_LIMIT_EXCEEDED, "number of array dimensions (" + (depth + 1)
                    + ") exceeds the maximum allowed (" + ArrayValue.MAX_DIMENSIONS + ")");
        }
        pos++; // '{'
        skipBlanks();
        int count = 0;
        if (pos < text.length() && text.charAt(pos) == '}') {
            pos++;
            // "{}" only as the whole value
            if (depth > 0) {
                throw malformed();
            }
            return;
        }
        while (true) {
            skipBlanks();
            if (pos >= text.length()) {
                throw malformed();
            }
            char c = text.charAt(pos);
            if (c == '{') {
                if (ndims >= 0 && depth + 1 >= ndims) {
                    throw malformed();
                }
                level(depth + 1, quoted);
            } else {
                if (ndims < 0) {
                    ndims = depth + 1;
                } else if (ndims != depth + 1) {
                    throw malformed();
                }
                element();
            }
            count++;
            skipBlanks();
            if (pos >= text.length()) {
                throw malformed();
            }
            c = text.charAt(pos);
            if (c == delim) {
                pos++;
                continue;
            }
            if (c == '}') {
                pos++;
                break;
            }
            throw malformed();
        }
        if (lengthKnown[depth]) {
            if (lengths[depth] != count) {
                throw malformed();
            }
        } else {
            lengths[depth] = count;
            lengthKnown[depth] = true;
        }
    }

    /** One element: quoted, or unquoted up to the delimiter or '}' with trailing blanks dropped. */
    private void element() {
        StringBuilder sb = new StringBuilder();
        boolean anyQuoted = false;
        int keep = 0; // length of sb that must survive trailing-blank trimming
        boolean inQuotes = false;
        boolean escaped = false;
        while (true) {
            if (pos >= text.length()) {
                throw malformed();
            }
            char c = text.charAt(pos);
            if (inQuotes) {
                if (c == '"') {
                    inQuotes = false;
                    pos++;
                    keep = sb.length();
                    continue;
                }
                if (c == '\\') {
                    pos++;
                    if (pos >= text.length()) {
                        throw malformed();
                    }
                    c = text.charAt(pos);
                }
                sb.append(c);
                pos++;
                continue;
            }
            if (c == '"') {
                if (sb.length() > keep) {
                    // text before a quote inside an element
                    throw malformed();
                }
                inQuotes = true;
                anyQuoted = true;
                pos++;
                continue;
            }
            if (c == delim || c == '}') {
                break;
            }
            if (c == '{') {
                throw malformed();
            }
            if (c == '\\') {
                pos++;
                if (pos >= text.length()) {
                    throw malformed();
                }
                sb.append(text.charAt(pos++));
                keep = sb.length();
                escaped = true;
                continue;
            }
            if (anyQuoted && !isBlank(c)) {
                throw malformed();
            }
            sb.append(c);
            if (!isBlank(c)) {
                keep = sb.length();
            }
            pos++;
        }
        String value = sb.substring(0, keep);
        if (!anyQuoted && value.isEmpty()) {
            throw malformed();
        }
        if (!anyQuoted && value.equalsIgnoreCase("NULL") && !escaped) {
            raw.add(null);
        } else {
            raw.add(value);
        }
    }
}
