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

    private ArrayValue run(PgType elem, int typmod, TypeContext ctx) {
        skipBlanks();
        List<int[]> explicitDims = new ArrayList<>();
        while (pos < text.length() && text.charAt(pos) == '[') {
            pos++;
            skipBlanks();
            Integer first = readInt();
            skipBlanks();
            int lo = 1;
            int hi;
            if (first == null) {
                throw malformed();
            }
            if (pos < text.length() && text.charAt(pos) == ':') {
                pos++;
                skipBlanks();
                Integer second = readInt();
                if (second == null) {
                    throw malformed();
                }
                lo = first;
                hi = second;
                skipBlanks();
            } else {
                hi = first;
            }
            if (pos >= text.length() || text.charAt(pos) != ']') {
                throw malformed();
            }
            pos++;
            if (hi < lo) {
                throw Ereport.error(ArrayValue.ARRAY_SUBSCRIPT_ERROR, "upper bound cannot be less than lower bound");
            }
            explicitDims.add(new int[] {lo, hi});
            if (explicitDims.size() > ArrayValue.MAX_DIMENSIONS) {
                throw Ereport.error(SqlState.PROGRAM_LIMIT_EXCEEDED, "number of array dimensions ("
                        + explicitDims.size() + ") exceeds the maximum allowed (" + ArrayValue.MAX_DIMENSIONS + ")");
            }
            skipBlanks();
        }
        if (!explicitDims.isEmpty()) {
            if (pos >= text.length() || text.charAt(pos) != '=') {
                throw malformed();
            }
            pos++;
            skipBlanks();
        }
        if (pos >= text.length() || text.charAt(pos) != '{') {
            throw malformed();
        }
        List<Boolean> quoted = new ArrayList<>();
        level(0, quoted);
        skipBlanks();
        if (pos < text.length()) {
            throw malformed();
        }
        if (raw.isEmpty()) {
            if (!explicitDims.isEmpty()) {
                throw malformed();
            }
            return ArrayValue.empty(elem);
        }
        int[] lens = java.util.Arrays.copyOf(lengths, ndims);
        int[] lbs = new int[ndims];
        java.util.Arrays.fill(lbs, 1);
        if (!explicitDims.isEmpty()) {
            if (explicitDims.size() != ndims) {
                throw malformed();
            }
            for (int d = 0; d < ndims; d++) {
                int[] b = explicitDims.get(d);
                if ((long) b[1] - b[0] + 1 != lens[d]) {
                    throw malformed();
                }
                lbs[d] = b[0];
            }
        }
        Object[] values = new Object[raw.size()];
        for (int i = 0; i < values.length; i++) {
            String r = raw.get(i);
            values[i] = r == null ? null : TextFormat.input(elem, typmod, r, ctx);
        }
        return new ArrayValue(elem, lens, lbs, values);
    }

    private Integer readInt() {
        int start = pos;
        if (pos < text.length() && (text.charAt(pos) == '-' || text.charAt(pos) == '+')) {
            pos++;
        }
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        try {
            return Integer.parseInt(text.substring(start, pos));
        } catch (NumberFormatException e) {
            return null;
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
