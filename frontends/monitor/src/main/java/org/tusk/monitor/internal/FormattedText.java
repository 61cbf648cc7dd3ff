package org.tusk.monitor.internal;

import java.util.ArrayList;
import java.util.List;

import org.tusk.libpq.TextWidth;

/**
 * A value split for display as psql's pg_wcsformat does: one entry per line
 * of the value, tabs expanded to 8 columns, \r shown as "\r", other control
 * characters as \xHH (ASCII) or \\uXXXX, each line with its display width.
 */
final class FormattedText {
    record Line(String text, int width) {}

    private FormattedText() {}

    static List<Line> lines(String value) {
        List<Line> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int width = 0;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n') {
                out.add(new Line(cur.toString(), width));
                cur.setLength(0);
                width = 0;
            } else if (cp == '\r') {
                cur.append("\\r");
                width += 2;
            } else if (cp == '\t') {
                do {
                    cur.append(' ');
                    width++;
                } while (width % 8 != 0);
            } else {
                int w = TextWidth.of(cp);
                if (w < 0) {
                    String esc = cp < 0x80 ? String.format("\\x%02X", cp) : String.format("\\u%04X", cp);
                    cur.append(esc);
                    width += esc.length();
                } else {
                    cur.appendCodePoint(cp);
                    width += w;
                }
            }
        }
        out.add(new Line(cur.toString(), width));
        return out;
    }

    static int maxWidth(List<Line> lines) {
        int m = 0;
        for (Line l : lines) m = Math.max(m, l.width());
        return m;
    }
}
