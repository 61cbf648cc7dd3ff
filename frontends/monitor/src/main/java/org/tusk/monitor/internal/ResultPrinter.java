package org.tusk.monitor.internal;

import java.util.ArrayList;
import java.util.List;

import org.tusk.libpq.PgResult;
import org.tusk.monitor.internal.FormattedText.Line;

/**
 * Prints a table the way psql 15's print.c does (ascii line style, no
 * wrapping): aligned tables with border 0, 1 or 2, centered headers and
 * titles, numbers right-aligned by type OID, expanded records (\x),
 * unaligned, csv and html output. The output must stay byte-identical to
 * psql's: the golden tests compare them.
 */
final class ResultPrinter {
    private final PrintOptions opt;

    ResultPrinter(PrintOptions opt) {
        this.opt = opt;
    }

    String print(PgResult r) {
        return print(PrintTable.of(r, opt));
    }

    String print(PrintTable t) {
        StringBuilder out = new StringBuilder();
        boolean expanded = opt.expanded == PrintOptions.Expanded.ON
                || (opt.expanded == PrintOptions.Expanded.AUTO && opt.terminalColumns > 0
                        && alignedWidth(t.headers(), t.cells()) > opt.terminalColumns);
        switch (opt.format) {
            case UNALIGNED:
                if (expanded) unalignedVertical(out, t); else unaligned(out, t);
                break;
            case CSV:
                if (expanded) csvVertical(out, t); else csv(out, t);
                break;
            case HTML:
                if (expanded) htmlVertical(out, t); else html(out, t);
                break;
            default:
                if (expanded) alignedVertical(out, t); else aligned(out, t);
        }
        return out.toString();
    }

    private List<String> footers(PrintTable t) {
        if (t.footers() != null) return t.footers();
        if (!opt.footer) return List.of();
        int rows = t.cells().length;
        return List.of("(" + rows + (rows == 1 ? " row)" : " rows)"));
    }

    private static int alignedWidth(String[] headers, String[][] cells) {
        int total = 0;
        for (int j = 0; j < headers.length; j++) {
            int w = FormattedText.maxWidth(FormattedText.lines(headers[j]));
            for (String[] row : cells) w = Math.max(w, FormattedText.maxWidth(FormattedText.lines(row[j])));
            total += w + 3;
        }
        return total;
    }

    private void aligned(StringBuilder out, PrintTable t) {
        String[] headers = t.headers();
        String[][] cells = t.cells();
        boolean[] right = t.right();
        int border = opt.border;
        int ncols = headers.length;
        int[] width = new int[ncols];
        List<List<Line>> headerLines = new ArrayList<>();
        for (int j = 0; j < ncols; j++) {
            List<Line> hl = FormattedText.lines(headers[j]);
            headerLines.add(hl);
            width[j] = FormattedText.maxWidth(hl);
        }
        List<List<List<Line>>> cellLines = new ArrayList<>();
        for (String[] row : cells) {
            List<List<Line>> rl = new ArrayList<>();
            for (int j = 0; j < ncols; j++) {
                List<Line> cl = FormattedText.lines(row[j]);
                rl.add(cl);
                width[j] = Math.max(width[j], FormattedText.maxWidth(cl));
            }
            cellLines.add(rl);
        }

        if (!opt.tuplesOnly) {
            if (t.title() != null) {
                int widthTotal = border == 0 ? ncols : border == 1 ? ncols * 3 - (ncols > 0 ? 1 : 0) : ncols * 3 + 1;
                for (int w : width) widthTotal += w;
                List<Line> tl = FormattedText.lines(t.title());
                for (Line l : tl) {
                    if (l.width() < widthTotal) spaces(out, (widthTotal - l.width()) / 2);
                    out.append(l.text()).append('\n');
                }
            }
            if (border == 2) rule(out, width);
            boolean[] done = new boolean[ncols];
            int remaining = ncols;
            for (int line = 0; remaining > 0; line++) {
                if (border == 2) out.append('|');
                for (int j = 0; j < ncols; j++) {
                    if (border != 0) out.append(' ');
                    List<Line> hl = headerLines.get(j);
                    if (!done[j]) {
                        Line l = hl.get(line);
                        int nbspace = width[j] - l.width();
                        spaces(out, nbspace / 2).append(l.text());
                        spaces(out, (nbspace + 1) / 2);
                        if (line + 1 >= hl.size()) {
                            remaining--;
                            done[j] = true;
                        }
                    } else {
                        spaces(out, width[j]);
                    }
                    out.append(done[j] ? " " : "+");
                    if (j < ncols - 1 && border != 0) out.append('|');
                }
                if (border == 2) out.append('|');
                out.append('\n');
            }
            rule(out, width);
        }

        // zero columns: psql's cell array is empty, so no row lines at all
        for (List<List<Line>> row : ncols == 0 ? List.<List<List<Line>>>of() : cellLines) {
            int[] curr = new int[ncols];
            boolean more;
            do {
                more = false;
                if (border == 2) out.append('|');
                for (int j = 0; j < ncols; j++) {
                    List<Line> cl = row.get(j);
                    boolean finalSpaces = j < ncols - 1 || border == 2;
                    if (border != 0) out.append(' ');
                    int chars = width[j];
                    if (curr[j] >= cl.size()) {
                        if (finalSpaces) spaces(out, width[j]);
                    } else {
                        Line l = cl.get(curr[j]);
                        chars = l.width();
                        if (right[j]) spaces(out, width[j] - chars);
                        out.append(l.text());
                        curr[j]++;
                        if (curr[j] < cl.size()) more = true;
                    }
                    boolean mark = curr[j] < cl.size() && curr[j] != 0;
                    if (!right[j] && (finalSpaces || mark) && curr[j] <= cl.size() && chars != width[j]) {
                        spaces(out, width[j] - chars);
                    }
                    if (mark) out.append('+');
                    else if (finalSpaces) out.append(' ');
                    if (j < ncols - 1 && border != 0) out.append('|');
                }
                if (border == 2) out.append('|');
                out.append('\n');
            } while (more);
        }
        if (border == 2) rule(out, width);
        if (!opt.tuplesOnly) for (String f : footers(t)) out.append(f).append('\n');
        out.append('\n');
    }

    private void rule(StringBuilder out, int[] width) {
        int border = opt.border;
        if (border == 2) out.append("+-"); else if (border == 1) out.append('-');
        for (int j = 0; j < width.length; j++) {
            out.append("-".repeat(width[j]));
            if (j < width.length - 1) out.append(border == 0 ? " " : "-+-");
        }
        if (border == 2) out.append("-+"); else if (border == 1) out.append('-');
        out.append('\n');
    }

    private void alignedVertical(StringBuilder out, PrintTable t) {
        String[] headers = t.headers();
        String[][] cells = t.cells();
        int border = opt.border;
        int ncols = headers.length;
        if (t.title() != null && !opt.tuplesOnly) out.append(t.title()).append('\n');
        if (cells.length == 0 || ncols == 0) { // psql: no cells at all, so only the footers
            if (!opt.tuplesOnly) for (String f : footers(t)) out.append(f).append('\n');
            out.append('\n');
            return;
        }
        int hwidth = 0;
        int dwidth = 0;
        List<List<Line>> headerLines = new ArrayList<>();
        for (String h : headers) {
            List<Line> hl = FormattedText.lines(h);
            headerLines.add(hl);
            hwidth = Math.max(hwidth, FormattedText.maxWidth(hl));
        }
        for (String[] row : cells) {
            for (String c : row) dwidth = Math.max(dwidth, FormattedText.maxWidth(FormattedText.lines(c)));
        }
        for (int rec = 0; rec < cells.length; rec++) {
            if (!opt.tuplesOnly) recordLine(out, rec + 1, hwidth, dwidth);
            else if (rec != 0 || border == 2) recordLine(out, 0, hwidth, dwidth);
            for (int j = 0; j < ncols; j++) {
                List<Line> hl = headerLines.get(j);
                List<Line> dl = FormattedText.lines(cells[rec][j]);
                int hline = 0;
                int dline = 0;
                boolean hcomplete = false;
                boolean dcomplete = false;
                while (!hcomplete || !dcomplete) {
                    if (border == 2) out.append("| ");
                    if (!hcomplete) {
                        Line l = hl.get(hline);
                        out.append(l.text());
                        spaces(out, hwidth - l.width());
                        if (hline + 1 < hl.size()) {
                            out.append('+');
                            hline++;
                        } else {
                            out.append(' ');
                            hcomplete = true;
                        }
                    } else {
                        spaces(out, hwidth + 1);
                    }
                    if (border != 0) out.append('|');
                    if (!dcomplete) {
                        Line l = dl.get(dline);
                        if (border != 0) out.append(' ');
                        out.append(l.text());
                        if (dline + 1 < dl.size()) {
                            spaces(out, dwidth - l.width());
                            out.append('+');
                            dline++;
                        } else {
                            if (border == 2) spaces(out, dwidth - l.width()).append(' ');
                            dcomplete = true;
                        }
                    } else if (border == 2) {
                        spaces(out, dwidth + 2);
                    }
                    if (border == 2) out.append('|');
                    out.append('\n');
                }
            }
        }
        if (border == 2) recordLine(out, 0, hwidth, dwidth);
        out.append('\n');
    }

    /** print_aligned_vertical_line. */
    private void recordLine(StringBuilder out, int record, int hwidth, int dwidth) {
        int border = opt.border;
        char fill = border == 0 ? ' ' : '-';
        if (border == 2) out.append("+-"); else if (border == 1) out.append('-');
        int reclen = 0;
        if (record > 0) {
            String label = border == 0 ? "* Record " + record : "[ RECORD " + record + " ]";
            out.append(label);
            reclen = label.length();
        }
        if (border != 2) reclen++;
        for (int i = reclen; i < hwidth; i++) out.append(fill);
        reclen -= hwidth;
        if (border > 0) {
            if (reclen-- <= 0) out.append('-');
            if (reclen-- <= 0) out.append('+');
            if (reclen-- <= 0) out.append('-');
        } else {
            if (reclen-- <= 0) out.append(' ');
        }
        if (reclen < 0) reclen = 0;
        for (int i = reclen; i < dwidth; i++) out.append(fill);
        if (border == 2) out.append("-+");
        // border 0: psql leaves the padding; a record line is not stripped
        out.append('\n');
    }

    private void unaligned(StringBuilder out, PrintTable t) {
        String fs = opt.fieldSep();
        String rs = opt.recordSep();
        boolean needRecordSep = false;
        if (!opt.tuplesOnly) {
            if (t.title() != null) {
                out.append(t.title());
                needRecordSep = true;
            }
            if (needRecordSep) out.append(rs);
            out.append(String.join(fs, t.headers()));
            needRecordSep = true;
        }
        for (String[] row : t.cells()) {
            if (needRecordSep) out.append(rs);
            out.append(String.join(fs, row));
            needRecordSep = true;
        }
        if (!opt.tuplesOnly) {
            for (String f : footers(t)) {
                if (needRecordSep) out.append(rs);
                out.append(f);
                needRecordSep = true;
            }
        }
        if (needRecordSep) out.append(opt.recordSeparatorZero ? "\0" : "\n");
    }

    private void unalignedVertical(StringBuilder out, PrintTable t) {
        String fs = opt.fieldSep();
        String rs = opt.recordSep();
        String[] headers = t.headers();
        String[][] cells = t.cells();
        boolean needRecordSep = false;
        if (!opt.tuplesOnly && t.title() != null) {
            out.append(t.title());
            needRecordSep = true;
        }
        if (cells.length == 0 || headers.length == 0) {
            if (!opt.tuplesOnly) {
                for (String f : footers(t)) {
                    if (needRecordSep) out.append(rs);
                    out.append(f);
                    needRecordSep = true;
                }
            }
            if (needRecordSep) out.append('\n');
            return;
        }
        for (int rec = 0; rec < cells.length; rec++) {
            if (needRecordSep) out.append(rs).append(rs);
            else if (rec > 0) out.append(rs).append(rs);
            for (int j = 0; j < headers.length; j++) {
                out.append(headers[j]).append(fs).append(cells[rec][j]);
                if (j < headers.length - 1) out.append(rs);
            }
            needRecordSep = false;
        }
        if (t.footers() != null && !opt.tuplesOnly) {
            for (String f : t.footers()) out.append(rs).append(f);
        }
        out.append('\n');
    }

    private void csvField(StringBuilder out, String s) {
        String sep = opt.csvFieldSeparator;
        if (s.contains(sep) || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0 || s.equals("\\.")) {
            out.append('"').append(s.replace("\"", "\"\"")).append('"');
        } else {
            out.append(s);
        }
    }

    private void csv(StringBuilder out, PrintTable t) {
        String[] headers = t.headers();
        if (!opt.tuplesOnly) {
            for (int j = 0; j < headers.length; j++) {
                if (j > 0) out.append(opt.csvFieldSeparator);
                csvField(out, headers[j]);
            }
            out.append('\n');
        }
        for (String[] row : t.cells()) {
            for (int j = 0; j < row.length; j++) {
                if (j > 0) out.append(opt.csvFieldSeparator);
                csvField(out, row[j]);
            }
            out.append('\n');
        }
    }

    private void csvVertical(StringBuilder out, PrintTable t) {
        String[] headers = t.headers();
        for (String[] row : t.cells()) {
            for (int j = 0; j < headers.length; j++) {
                csvField(out, headers[j]);
                out.append(opt.csvFieldSeparator);
                csvField(out, row[j]);
                out.append('\n');
            }
        }
    }

    private static void htmlEscaped(StringBuilder out, String s) {
        boolean leadingSpace = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&': out.append("&amp;"); break;
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '\n': out.append("<br />\n"); break;
                case '"': out.append("&quot;"); break;
                case ' ':
                    if (leadingSpace) out.append("&nbsp;"); else out.append(' ');
                    break;
                default: out.append(c);
            }
            if (c != ' ') leadingSpace = false;
        }
    }

    private static boolean blank(String s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) != ' ' && s.charAt(i) != '\t') return false;
        return true;
    }

    private void htmlCell(StringBuilder out, String v, boolean right) {
        out.append("<td align=\"").append(right ? "right" : "left").append("\">");
        if (blank(v)) out.append("&nbsp; "); else htmlEscaped(out, v);
        out.append("</td>\n");
    }

    private void htmlStart(StringBuilder out, PrintTable t) {
        out.append("<table border=\"").append(opt.border).append("\">\n");
        if (!opt.tuplesOnly && t.title() != null) {
            out.append("  <caption>");
            htmlEscaped(out, t.title());
            out.append("</caption>\n");
        }
    }

    private void htmlFooters(StringBuilder out, List<String> footers) {
        if (opt.tuplesOnly || footers.isEmpty()) return;
        out.append("<p>");
        for (String f : footers) {
            htmlEscaped(out, f);
            out.append("<br />\n");
        }
        out.append("</p>");
    }

    private void html(StringBuilder out, PrintTable t) {
        htmlStart(out, t);
        if (!opt.tuplesOnly) {
            out.append("  <tr>\n");
            for (String h : t.headers()) {
                out.append("    <th align=\"center\">");
                htmlEscaped(out, h);
                out.append("</th>\n");
            }
            out.append("  </tr>\n");
        }
        for (String[] row : t.cells()) {
            out.append("  <tr valign=\"top\">\n");
            for (int j = 0; j < row.length; j++) {
                out.append("    ");
                htmlCell(out, row[j], t.right()[j]);
            }
            out.append("  </tr>\n");
        }
        out.append("</table>\n");
        htmlFooters(out, footers(t));
        out.append('\n');
    }

    private void htmlVertical(StringBuilder out, PrintTable t) {
        htmlStart(out, t);
        String[] headers = t.headers();
        String[][] cells = t.cells();
        for (int rec = 0; rec < cells.length; rec++) {
            if (!opt.tuplesOnly) {
                out.append("\n  <tr><td colspan=\"2\" align=\"center\">Record ").append(rec + 1).append("</td></tr>\n");
            } else {
                out.append("\n  <tr><td colspan=\"2\">&nbsp;</td></tr>\n");
            }
            for (int j = 0; j < headers.length; j++) {
                out.append("  <tr valign=\"top\">\n    <th>");
                htmlEscaped(out, headers[j]);
                out.append("</th>\n    ");
                htmlCell(out, cells[rec][j], t.right()[j]);
                out.append("  </tr>\n");
            }
        }
        out.append("</table>\n");
        if (t.footers() != null) htmlFooters(out, t.footers());
        out.append('\n');
    }

    private static StringBuilder spaces(StringBuilder out, int n) {
        for (int i = 0; i < n; i++) out.append(' ');
        return out;
    }
}
