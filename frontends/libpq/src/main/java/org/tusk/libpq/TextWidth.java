package org.tusk.libpq;

/**
 * Display width of text on a terminal, as PostgreSQL's ucs_wcwidth computes it
 * for UTF-8: 0 for combining marks, 2 for East Asian wide and full-width
 * characters, -1 for control characters, 1 otherwise. Used for the error
 * cursor and by the monitor to align tables.
 */
public final class TextWidth {
    private TextWidth() {}

    /** Width of one code point: -1 (control), 0, 1 or 2. */
    public static int of(int cp) {
        if (cp == 0) return 0;
        if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return -1;
        if (cp < 0x300) return 1;
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || cp == 0x200B || (cp >= 0x1160 && cp <= 0x11FF)) {
            return 0;
        }
        if (isWide(cp)) return 2;
        return 1;
    }

    /** Sum of the widths of a string's code points, counting controls as 1. */
    public static int of(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int cw = of(cp);
            w += cw < 0 ? 1 : cw;
            i += Character.charCount(cp);
        }
        return w;
    }

    private static boolean isWide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115f)
                || (cp >= 0x231a && cp <= 0x231b)
                || (cp >= 0x2329 && cp <= 0x232a)
                || (cp >= 0x2e80 && cp <= 0xa4cf && cp != 0x303f)
                || (cp >= 0xac00 && cp <= 0xd7a3)
                || (cp >= 0xf900 && cp <= 0xfaff)
                || (cp >= 0xfe10 && cp <= 0xfe19)
                || (cp >= 0xfe30 && cp <= 0xfe6f)
                || (cp >= 0xff00 && cp <= 0xff60)
                || (cp >= 0xffe0 && cp <= 0xffe6)
                || (cp >= 0x1f300 && cp <= 0x1f64f)
                || (cp >= 0x1f900 && cp <= 0x1f9ff)
                || (cp >= 0x20000 && cp <= 0x2fffd)
                || (cp >= 0x30000 && cp <= 0x3fffd);
    }
}
