package org.tusk.engine.types;

import java.nio.charset.StandardCharsets;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;

/** Length coercions of the character types (varchar(n), char(n), name). */
public final class Coercions {
    private Coercions() {}

    static final int NAMEDATALEN = 64;

    /** varchar(n): an explicit cast truncates; an implicit or assignment one fails unless only spaces are cut. */
    public static String varcharTypmod(String s, int typmod, boolean explicit) {
        if (typmod < 4) {
            return s;
        }
        int max = typmod - 4;
        if (s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        int cut = s.offsetByCodePoints(0, max);
        if (!explicit && !s.substring(cut).isBlank() && !s.substring(cut).chars().allMatch(c -> c == ' ')) {
            throw Ereport.error(SqlState.STRING_DATA_RIGHT_TRUNCATION,
                    "value too long for type character varying(" + max + ")");
        }
        return s.substring(0, cut);
    }

    public static String bpcharTypmod(String s, int typmod, boolean explicit) {
        if (typmod < 4) {
            return s;
        }
        int max = typmod - 4;
        int len = s.codePointCount(0, s.length());
        if (len == max) {
            return s;                                  // already padded (COPY's input, then the row check)
        }
        if (len < max) {
            return s.isEmpty() ? blanks(max) : s.concat(blanks(max - len));
        }
        int cut = s.offsetByCodePoints(0, max);
        if (!explicit && !s.substring(cut).chars().allMatch(c -> c == ' ')) {
            throw Ereport.error(SqlState.STRING_DATA_RIGHT_TRUNCATION, "value too long for type character(" + max + ")");
        }
        return s.substring(0, cut);
    }

    /** Strings of n blanks for short paddings, made once (pgbench's empty char(84) filler, a million times). */
    private static final String[] BLANKS = new String[256];

    private static String blanks(int n) {
        if (n >= BLANKS.length) {
            return " ".repeat(n);
        }
        String b = BLANKS[n];
        if (b == null) {
            b = " ".repeat(n);
            BLANKS[n] = b;                             // a benign race: equal strings
        }
        return b;
    }

    /** name keeps at most NAMEDATALEN-1 bytes, cut at a character boundary. */
    public static String truncateName(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length < NAMEDATALEN) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + n > NAMEDATALEN - 1) {
                break;
            }
            sb.appendCodePoint(cp);
            bytes += n;
            i += Character.charCount(cp);
        }
        return sb.toString();
    }
}
