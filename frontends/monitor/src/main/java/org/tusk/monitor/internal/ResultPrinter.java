package org.tusk.monitor.internal;

import java.util.ArrayList;
import java.util.List;

import org.tusk.libpq.PgResult;
import org.tusk.libpq.PgType;
import org.tusk.monitor.internal.FormattedText.Line;

/**
 * Prints a result set the way psql 15's print.c does with its defaults
 * (border 1, ascii line style, no wrapping): aligned tables with centered
 * headers and numbers right-aligned by type OID, expanded records (\x), and
 * unaligned output (-A). The output must stay byte-identical to psql's:
 * the golden tests compare them.
 */
final class ResultPrinter {
    private final PrintOptions opt;

    ResultPrinter(PrintOptions opt) {
        this.opt = opt;
    }

    String print(PgResult r) {
        int ncols = r.columnCount();
        String[] headers = new String[ncols];
        boolean[] right = new boolean[ncols];
        for (int j = 0; j < ncols; j++) {
            headers[j] = r.column(j).name();
            right[j] = PgType.isNumeric(r.column(j).typeOid());
        }
        String[][] cells = new String[r.rowCount()][ncols];
        for (int i = 0; i < r.rowCount(); i++) {
            for (int j = 0; j < ncols; j++) {
                String v = r.getString(i, j);
                cells[i][j] = v == null ? opt.nullDisplay : v;
            }
        }
        StringBuilder out = new StringBuilder();
        boolean expanded = opt.expanded == PrintOptions.Expanded.ON
                || (opt.expanded == PrintOptions.Expanded.AUTO && opt.terminalColumns > 0
                        && alignedWidth(headers, cells) > opt.terminalColumns);
        if (opt.unaligned) {
            if (expanded) unalignedVertical(out, headers, cells); else unaligned(out, headers, cells);
        } else if (expanded) {
            alignedVertical(out, headers, cells);
        } else {
            aligned(out, headers, cells, right);
        }
        return out.toString();
    }

    private static String footer(int rows) {
        return "(" + rows + (rows == 1 ? " row)" : " rows)");
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

    private void aligned(StringBuilder out, String[] headers, String[][] cells, boolean[] right) {
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
            boolean[] done = new boolean[ncols];
            int remaining = ncols;
            for (int line = 0; remaining > 0; line++) {
                for (int j = 0; j < ncols; j++) {
                    out.append(' ');
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
                    if (j < ncols - 1) out.append('|');
                }
                out.append('\n');
            }
            out.append('-');
            for (int j = 0; j < ncols; j++) {
                out.append("-".repeat(width[j]));
                if (j < ncols - 1) out.append("-+-");
            }
            out.append("-\n");
        }

        // zero columns: psql's cell array is empty, so no row lines at all
        for (List<List<Line>> row : ncols == 0 ? List.<List<List<Line>>>of() : cellLines) {
            int[] curr = new int[ncols];
            boolean[] newlineMark = new boolean[ncols];
            boolean more;
            do {
                more = false;
                for (int j = 0; j < ncols; j++) {
                    List<Line> cl = row.get(j);
                    boolean finalSpaces = j < ncols - 1;
                    out.append(' ');
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
                    newlineMark[j] = curr[j] < cl.size() && curr[j] != 0;
                    if (!right[j] && (finalSpaces || newlineMark[j])) spaces(out, width[j] - chars);
                    if (newlineMark[j]) out.append('+');
                    else if (j < ncols - 1) out.append(' ');
                    if (j < ncols - 1) out.append('|');
                }
                out.append('\n');
            } while (more);
        }
        if (!opt.tuplesOnly) out.append(footer(cells.length)).append('\n');
        out.append('\n');
    }

    private void alignedVertical(StringBuilder out, String[] headers, String[][] cells) {
        int ncols = headers.length;
        if (cells.length == 0 || ncols == 0) { // psql: no cells at all, so only the default footer
            if (!opt.tuplesOnly) out.append(footer(cells.length)).append('\n');
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
            else if (rec != 0) recordLine(out, 0, hwidth, dwidth);
            for (int j = 0; j < ncols; j++) {
                List<Line> hl = headerLines.get(j);
                List<Line> dl = FormattedText.lines(cells[rec][j]);
                int hline = 0;
                int dline = 0;
                boolean hcomplete = false;
                boolean dcomplete = false;
                while (!hcomplete || !dcomplete) {
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
                        spaces(out, Math.max(hwidth + 1, 1));
                    }
                    out.append('|');
                    if (!dcomplete) {
                        Line l = dl.get(dline);
                        out.append(' ').append(l.text());
                        if (dline + 1 < dl.size()) {
                            spaces(out, dwidth - l.width());
                            out.append('+');
                            dline++;
                        } else {
                            dcomplete = true;
                        }
                    }
                    out.append('\n');
                }
            }
        }
        out.append('\n');
    }

    /** print_aligned_vertical_line for border 1: "-[ RECORD n ]" padded with dashes, "+" over the separator. */
    private static void recordLine(StringBuilder out, int record, int hwidth, int dwidth) {
        out.append('-');
        int reclen = 0;
        if (record > 0) {
            String label = "[ RECORD " + record + " ]";
            out.append(label);
            reclen = label.length();
        }
        reclen++;
        for (int i = reclen; i < hwidth; i++) out.append('-');
        reclen -= hwidth;
        if (reclen-- <= 0) out.append('-');
        if (reclen-- <= 0) out.append('+');
        if (reclen-- <= 0) out.append('-');
        if (reclen < 0) reclen = 0;
        for (int i = reclen; i < dwidth; i++) out.append('-');
        out.append('\n');
    }

    private void unaligned(StringBuilder out, String[] headers, String[][] cells) {
        boolean needRecordSep = false;
        if (!opt.tuplesOnly) {
            out.append(String.join(opt.fieldSeparator, headers));
            needRecordSep = true;
        }
        for (String[] row : cells) {
            if (needRecordSep) out.append(opt.recordSeparator);
            out.append(String.join(opt.fieldSeparator, row));
            needRecordSep = true;
        }
        if (!opt.tuplesOnly) {
            if (needRecordSep) out.append(opt.recordSeparator);
            out.append(footer(cells.length));
            needRecordSep = true;
        }
        if (needRecordSep) out.append('\n');
    }

    private void unalignedVertical(StringBuilder out, String[] headers, String[][] cells) {
        if (cells.length == 0 || headers.length == 0) {
            if (!opt.tuplesOnly) out.append(footer(cells.length)).append('\n');
            return;
        }
        for (int rec = 0; rec < cells.length; rec++) {
            if (rec > 0) out.append(opt.recordSeparator).append(opt.recordSeparator);
            for (int j = 0; j < headers.length; j++) {
                out.append(headers[j]).append(opt.fieldSeparator).append(cells[rec][j]);
                if (j < headers.length - 1) out.append(opt.recordSeparator);
            }
        }
        out.append('\n');
    }

    private static StringBuilder spaces(StringBuilder out, int n) {
        for (int i = 0; i < n; i++) out.append(' ');
        return out;
    }
}
