package org.tusk.engine.func;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;

/** LIKE pattern matching (like_match.c): % any run, _ one character, \ escapes the next one. */
public final class LikeMatcher {
    private LikeMatcher() {}

    public static boolean matches(String text, String pattern, boolean caseInsensitive) {
        if (caseInsensitive) {
            text = text.toLowerCase();
            pattern = pattern.toLowerCase();
        }
        int[] t = text.codePoints().toArray();
        int[] p = pattern.codePoints().toArray();
        return match(t, 0, p, 0);
    }

    private static boolean match(int[] t, int ti, int[] p, int pi) {
        while (pi < p.length) {
            int c = p[pi];
            if (c == '%') {
                while (pi < p.length && p[pi] == '%') {
                    pi++;
                }
                if (pi == p.length) {
                    return true;
                }
                for (int k = ti; k <= t.length; k++) {
                    if (match(t, k, p, pi)) {
                        return true;
                    }
                }
                return false;
            }
            if (ti >= t.length) {
                return false;
            }
            if (c == '_') {
                ti++;
                pi++;
                continue;
            }
            if (c == '\\') {
                pi++;
                if (pi >= p.length) {
                    throw Ereport.error(SqlState.INVALID_ESCAPE_SEQUENCE, "LIKE pattern must not end with escape character");
                }
                c = p[pi];
            }
            if (t[ti] != c) {
                return false;
            }
            ti++;
            pi++;
        }
        return ti == t.length;
    }
}
