package org.tusk.monitor.internal;

import java.util.ArrayList;
import java.util.List;

import org.tusk.libpq.PgResult;
import org.tusk.monitor.internal.FormattedText.Line;

/**
 * Prints a table the way psql 15's print.c does: aligned and wrapped tables
 * with border 0, 1 or 2 in the ascii, old-ascii or unicode line style ({@link LineStyle}), centered headers and
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
        boolean expanded = opt.expanded == PrintOptions.Expanded.ON;
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
            default: {
                if (expanded) {
                    alignedVertical(out, t);
                    break;
                }
                Layout layout = layout(t);
                // \x auto: vertical when the table (after wrapping) is wider than the screen
                int columns = outputColumns();
                if (opt.expanded == PrintOptions.Expanded.AUTO && columns > 0 && t.headers().length > 1
                        && (columns < layout.totalHeaderWidth || columns < layout.widthTotal)) {
                    alignedVertical(out, t);
                } else {
                    aligned(out, t, layout.widthWrap);
                }
            }
        }
        return out.toString();
    }

    /**
     * The target width: \pset columns, else the terminal's width (only when printing to a
     * terminal, as psql asks the tty), else 0 (no wrapping, no \x auto).
     */
    private int outputColumns() {
        return opt.columns > 0 ? opt.columns : opt.terminalColumns;
    }

    /** Column widths of an aligned table, as print_aligned_text works them out. */
    private record Layout(int[] widthWrap, int widthTotal, int totalHeaderWidth) {}

    /**
     * The widths each column gets. In wrapped format, while the table is wider than the target
     * width, the column with the highest ratio of its (current) width to its average value width
     * (plus 1% of its full width, to favour shrinking wide columns) loses one position; a column
     * never gets narrower than its header, and nothing shrinks when the headers alone do not fit.
     */
    private Layout layout(PrintTable t) {
        String[] headers = t.headers();
        String[][] cells = t.cells();
        int ncols = headers.length;
        int[] widthHeader = new int[ncols];
        int[] maxWidth = new int[ncols];
        int[] widthAverage = new int[ncols];
        for (int j = 0; j < ncols; j++) {
            widthHeader[j] = FormattedText.maxWidth(FormattedText.lines(headers[j]));
            maxWidth[j] = widthHeader[j];
        }
        for (String[] row : cells) {
            for (int j = 0; j < ncols; j++) {
                int w = FormattedText.maxWidth(FormattedText.lines(row[j]));
                maxWidth[j] = Math.max(maxWidth[j], w);
                widthAverage[j] += w;
            }
        }
        if (ncols > 0 && cells.length > 0) {
            for (int j = 0; j < ncols; j++) widthAverage[j] /= cells.length;
        }
        int border = opt.border;
        int widthTotal = border == 0 ? ncols : border == 1 ? ncols * 3 - (ncols > 0 ? 1 : 0) : ncols * 3 + 1;
        int totalHeaderWidth = widthTotal;
        for (int j = 0; j < ncols; j++) {
            widthTotal += maxWidth[j];
            totalHeaderWidth += widthHeader[j];
        }
        int[] widthWrap = maxWidth.clone();
        int columns = outputColumns();
        if (opt.format == PrintOptions.Format.WRAPPED && columns > 0 && columns >= totalHeaderWidth) {
            while (widthTotal > columns) {
                double maxRatio = 0;
                int worst = -1;
                for (int j = 0; j < ncols; j++) {
                    if (widthAverage[j] != 0 && widthWrap[j] > widthHeader[j]) {
                        double ratio = (double) widthWrap[j] / widthAverage[j] + maxWidth[j] * 0.01;
                        if (ratio > maxRatio) {
                            maxRatio = ratio;
                            worst = j;
                        }
                    }
                }
                if (worst < 0) break;
                widthWrap[worst]--;
                widthTotal--;
            }
        }
        return new Layout(widthWrap, widthTotal, totalHeaderWidth);
    }

    private List<String> footers(PrintTable t) {
        if (t.footers() != null) return t.footers();
        if (!opt.footer) return List.of();
        int rows = t.cells().length;
        return List.of("(" + rows + (rows == 1 ? " row)" : " rows)"));
    }

    /** print_aligned_text: width[] is each column's width, narrower than its values when wrapping. */
    private void aligned(StringBuilder out, PrintTable t, int[] width) {
        LineStyle style = opt.style();
        String[] headers = t.headers();
        String[][] cells = t.cells();
        boolean[] right = t.right();
        int border = opt.border;
        int ncols = headers.length;
        List<List<Line>> headerLines = new ArrayList<>();
        for (int j = 0; j < ncols; j++) headerLines.add(FormattedText.lines(headers[j]));
        List<List<List<Line>>> cellLines = new ArrayList<>();
        for (String[] row : cells) {
            List<List<Line>> rl = new ArrayList<>();
            for (int j = 0; j < ncols; j++) rl.add(FormattedText.lines(row[j]));
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
            if (border == 2) rule(out, width, style.top);
            boolean[] done = new boolean[ncols];
            int remaining = ncols;
            for (int line = 0; remaining > 0; line++) {
                if (border == 2) out.append(style.data.left());
                for (int j = 0; j < ncols; j++) {
                    if (border != 0 || (!style.wrapRightBorder && j > 0)) out.append(line != 0 ? style.headerNewlineLeft : " ");
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
                    if (border != 0 || style.wrapRightBorder) out.append(done[j] ? " " : style.headerNewlineRight);
                    if (j < ncols - 1 && border != 0) out.append(style.data.mid());
                }
                if (border == 2) out.append(style.data.right());
                out.append('\n');
            }
            rule(out, width, style.middle);
        }

        // zero columns: psql's cell array is empty, so no row lines at all
        for (List<List<Line>> row : ncols == 0 ? List.<List<List<Line>>>of() : cellLines) {
            printRow(out, row, width, right, style);
        }
        if (border == 2) rule(out, width, style.bottom);
        if (!opt.tuplesOnly) for (String f : footers(t)) out.append(f).append('\n');
        out.append('\n');
    }

    private enum Wrap { NONE, WRAP, NEWLINE }

    /**
     * One row, as many display lines as its tallest cell needs: a value's own lines (newline
     * marks "+") and, when a line is wider than its column, pieces of the column's width
     * (wrap marks "." on both sides of the break). A piece holds whole characters: a
     * character that does not fit starts the next piece, unless it is the piece's first.
     */
    private void printRow(StringBuilder out, List<List<Line>> row, int[] width, boolean[] right, LineStyle style) {
        int border = opt.border;
        int ncols = width.length;
        int[] curr = new int[ncols];
        int[] offset = new int[ncols];
        Wrap[] wrap = new Wrap[ncols];
        java.util.Arrays.fill(wrap, Wrap.NONE);
        boolean more;
        do {
            more = false;
            if (border == 2) out.append(style.data.left());
            for (int j = 0; j < ncols; j++) {
                List<Line> cl = row.get(j);
                boolean finalSpaces = border == 2 || j < ncols - 1;
                if (border != 0) {
                    out.append(wrap[j] == Wrap.WRAP ? style.wrapLeft : wrap[j] == Wrap.NEWLINE ? style.newlineLeft : " ");
                }
                int chars = width[j];
                if (curr[j] >= cl.size()) {
                    if (finalSpaces) spaces(out, chars);
                } else {
                    String text = cl.get(curr[j]).text();
                    int start = offset[j];
                    int end = start;
                    int shown = 0;
                    while (end < text.length()) {
                        int cp = text.codePointAt(end);
                        int w = Math.max(0, org.tusk.libpq.TextWidth.of(cp));
                        if (width[j] < shown + w && shown != 0) break;
                        shown += w;
                        end += Character.charCount(cp);
                    }
                    chars = Math.min(shown, width[j]);
                    if (right[j]) spaces(out, width[j] - chars);
                    out.append(text, start, end);
                    if (end < text.length()) {
                        offset[j] = end;
                        more = true;
                    } else {
                        curr[j]++;
                        offset[j] = 0;
                        if (curr[j] < cl.size()) more = true;
                    }
                }
                wrap[j] = curr[j] >= cl.size() ? Wrap.NONE : offset[j] != 0 ? Wrap.WRAP
                        : curr[j] != 0 ? Wrap.NEWLINE : Wrap.NONE;
                if (!right[j] && (finalSpaces || wrap[j] != Wrap.NONE)) spaces(out, width[j] - chars);
                if (wrap[j] == Wrap.WRAP) out.append(style.wrapRight);
                else if (wrap[j] == Wrap.NEWLINE) out.append(style.newlineRight);
                else if (finalSpaces) out.append(' ');
                if (border != 0 && j < ncols - 1) {
                    // the separator shows the next column's state on this line
                    out.append(wrap[j + 1] == Wrap.WRAP ? style.midvruleWrap : wrap[j + 1] == Wrap.NEWLINE
                            ? style.midvruleNewline : curr[j + 1] >= row.get(j + 1).size() ? style.midvruleBlank
                            : style.data.mid());
                }
            }
            if (border == 2) out.append(style.data.right());
            out.append('\n');
        } while (more);
    }

    /** _print_horizontal_line. */
    private void rule(StringBuilder out, int[] width, LineStyle.Rule r) {
        int border = opt.border;
        String h = r.hrule();
        if (border == 2) out.append(r.left()).append(h); else if (border == 1) out.append(h);
        for (int j = 0; j < width.length; j++) {
            out.append(h.repeat(width[j]));
            if (j < width.length - 1) {
                if (border == 0) out.append(' '); else out.append(h).append(r.mid()).append(h);
            }
        }
        if (border == 2) out.append(h).append(r.right()); else if (border == 1) out.append(h);
        out.append('\n');
    }

    /**
     * print_aligned_vertical: one "[ RECORD n ]" block per row. In wrapped format the data
     * column is narrowed to fit the target width (never below 3 positions or what the record
     * lines need), with "." marks where a value is cut and "+" where it has a newline.
     */
    private void alignedVertical(StringBuilder out, PrintTable t) {
        String[] headers = t.headers();
        String[][] cells = t.cells();
        int border = Math.min(opt.border, 2);
        int ncols = headers.length;
        if (cells.length == 0 || ncols == 0) { // psql: no cells at all, so only the footers
            if (!opt.tuplesOnly) for (String f : footers(t)) out.append(f).append('\n');
            out.append('\n');
            return;
        }
        int hwidth = 0;
        int dwidth = 0;
        boolean hmultiline = false;
        boolean dmultiline = false;
        List<List<Line>> headerLines = new ArrayList<>();
        for (String h : headers) {
            List<Line> hl = FormattedText.lines(h);
            headerLines.add(hl);
            hwidth = Math.max(hwidth, FormattedText.maxWidth(hl));
            if (hl.size() > 1) hmultiline = true;
        }
        for (String[] row : cells) {
            for (String c : row) {
                List<Line> dl = FormattedText.lines(c);
                dwidth = Math.max(dwidth, FormattedText.maxWidth(dl));
                if (dl.size() > 1) dmultiline = true;
            }
        }
        if (t.title() != null && !opt.tuplesOnly) out.append(t.title()).append('\n');
        int columns = outputColumns();
        LineStyle style = opt.style();
        boolean oldAscii = style.kind == LineStyle.Kind.OLD_ASCII;
        if (opt.format == PrintOptions.Format.WRAPPED) {
            // room for the separator (and the marks), then the data column gets what is left
            int swidth = border == 0 ? 1 : border == 1 ? 3 : 7;
            // a header newline mark: right of the header (border 0), or left of it (old-ascii, border 0 or 1)
            if (hmultiline && (border == 0 || (border == 1 && oldAscii))) swidth++;
            // old-ascii marks a value's newlines and wraps on the separator: no column for them
            if (dmultiline && border < 2 && !oldAscii) swidth++;
            int rwidth = 0;
            if (!opt.tuplesOnly) {
                rwidth = 1 + (int) Math.log10(cells.length);
                rwidth += border == 0 ? 9 : border == 1 ? 12 : 15;
            }
            int newWidth;
            while (true) {
                int width = Math.max(hwidth + swidth + dwidth, rwidth);
                if (columns > 0) {
                    int minWidth = Math.max(hwidth + swidth + 3, rwidth);
                    newWidth = columns >= width ? width - hwidth - swidth
                            : columns < minWidth ? minWidth - hwidth - swidth : columns - hwidth - swidth;
                } else {
                    newWidth = width - hwidth - swidth;
                }
                if (newWidth < dwidth && !dmultiline && border < 2 && !oldAscii) {
                    dmultiline = true; // a column for the wrap marks after all
                    swidth++;
                } else {
                    break;
                }
            }
            dwidth = newWidth;
        }
        // old-ascii's header newline marks take a position left of the headers, which the record lines span too
        int lhwidth = border < 2 && hmultiline && oldAscii ? hwidth + 1 : hwidth;
        for (int rec = 0; rec < cells.length; rec++) {
            LineStyle.Rule pos = rec == 0 ? style.top : style.middle;
            if (!opt.tuplesOnly) recordLine(out, rec + 1, lhwidth, dwidth, pos);
            else if (rec != 0 || border == 2) recordLine(out, 0, lhwidth, dwidth, pos);
            for (int j = 0; j < ncols; j++) {
                List<Line> hl = headerLines.get(j);
                List<Line> dl = FormattedText.lines(cells[rec][j]);
                int hline = 0;
                int dline = 0;
                boolean hcomplete = false;
                boolean dcomplete = false;
                int offset = 0;
                int charsLeft = dl.get(0).width();
                while (!hcomplete || !dcomplete) {
                    if (border == 2) out.append(style.data.left());
                    if (!hcomplete) {
                        // old-ascii marks a header's newline on its left, the others on its right
                        if (border == 2 || (hmultiline && oldAscii)) out.append(hline != 0 ? style.headerNewlineLeft : " ");
                        Line l = hl.get(hline);
                        out.append(l.text());
                        spaces(out, hwidth - l.width());
                        boolean mark = border > 0 || (hmultiline && !oldAscii);
                        if (hline + 1 < hl.size()) {
                            if (mark) out.append(style.headerNewlineRight);
                            hline++;
                        } else {
                            if (mark) out.append(' ');
                            hcomplete = true;
                        }
                    } else {
                        int sw = hwidth + border;
                        if (border < 2 && hmultiline && oldAscii) sw++;
                        if (border == 0 && hmultiline && !oldAscii) sw++;
                        spaces(out, Math.max(sw, 1));
                    }
                    if (border > 0) {
                        out.append(offset != 0 ? style.midvruleWrap : dline == 0 ? style.data.mid() : style.midvruleNewline);
                    }
                    if (!dcomplete) {
                        out.append(offset == 0 ? " " : style.wrapLeft);
                        String text = dl.get(dline).text();
                        int end = offset;
                        int shown = 0;
                        while (end < text.length()) {
                            int cp = text.codePointAt(end);
                            int w = Math.max(0, org.tusk.libpq.TextWidth.of(cp));
                            if (dwidth < shown + w && shown != 0) break;
                            shown += w;
                            end += Character.charCount(cp);
                        }
                        out.append(text, offset, end);
                        charsLeft -= shown;
                        offset = end;
                        int pad = dwidth - shown;
                        boolean marks = border > 1 || (dmultiline && !oldAscii);
                        if (charsLeft != 0) {
                            if (marks) {
                                spaces(out, pad);
                                out.append(style.wrapRight);
                            }
                        } else if (dline + 1 < dl.size()) {
                            if (marks) {
                                spaces(out, pad);
                                out.append(style.newlineRight);
                            }
                            dline++;
                            offset = 0;
                            charsLeft = dl.get(dline).width();
                        } else {
                            if (border > 1) {
                                spaces(out, pad);
                                out.append(' ');
                            }
                            dcomplete = true;
                        }
                        if (border == 2) out.append(style.data.right());
                        out.append('\n');
                    } else if (border < 2) {
                        out.append('\n');
                    } else {
                        spaces(out, dwidth).append("  ").append(style.data.right()).append('\n');
                    }
                }
            }
        }
        if (border == 2) recordLine(out, 0, lhwidth, dwidth, style.bottom);
        if (!opt.tuplesOnly && t.footers() != null && !t.footers().isEmpty()) {
            if (border < 2) out.append('\n');
            for (String f : t.footers()) out.append(f).append('\n');
        }
        out.append('\n');
    }

    /** print_aligned_vertical_line: a record's header line, drawn with rule {@code r}. */
    private void recordLine(StringBuilder out, int record, int hwidth, int dwidth, LineStyle.Rule r) {
        int border = opt.border;
        String fill = border == 0 ? " " : r.hrule();
        if (border == 2) out.append(r.left()).append(r.hrule()); else if (border == 1) out.append(r.hrule());
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
            if (reclen-- <= 0) out.append(r.hrule());
            if (reclen-- <= 0) out.append(r.mid());
            if (reclen-- <= 0) out.append(r.hrule());
        } else {
            if (reclen-- <= 0) out.append(' ');
        }
        if (reclen < 0) reclen = 0;
        for (int i = reclen; i < dwidth; i++) out.append(fill);
        if (border == 2) out.append(r.hrule()).append(r.right());
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
