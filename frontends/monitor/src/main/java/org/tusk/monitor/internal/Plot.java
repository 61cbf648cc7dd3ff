package org.tusk.monitor.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.tusk.libpq.PgResult;
import org.tusk.libpq.PgType;

/**
 * \plot: a chart of the last result in the terminal, drawn with Unicode
 * blocks. A label column and a number column give a horizontal bar chart;
 * one or two number (or time) columns give a line chart of the last number
 * column over the rows.
 */
final class Plot {
    private static final char[] EIGHTHS = {' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'};
    private static final char[] LEVELS = {'▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};

    private Plot() {}

    static boolean draw(PgResult r, PrintStream out, int width, PrintStream err) {
        if (r == null || r.columnCount() == 0) {
            err.println("\\plot: no result to plot");
            return false;
        }
        int value = -1;
        for (int j = r.columnCount() - 1; j >= 0; j--) {
            if (PgType.isNumeric(r.column(j).typeOid())) {
                value = j;
                break;
            }
        }
        if (value < 0) {
            err.println("\\plot: the last result has no number column");
            return false;
        }
        int label = -1;
        for (int j = 0; j < r.columnCount(); j++) {
            if (j != value && !PgType.isNumeric(r.column(j).typeOid()) && !isTime(r.column(j).typeOid())) {
                label = j;
                break;
            }
        }
        out.print(label >= 0 ? bars(r, label, value, width) : line(r, value, width));
        out.flush();
        return true;
    }

    static boolean isTime(int oid) {
        return oid == 1082 || oid == 1114 || oid == 1184 || oid == 1083 || oid == 1266;
    }

    static String bars(PgResult r, int label, int value, int width) {
        int lw = 0;
        double max = 0;
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < r.rowCount(); i++) {
            String l = r.isNull(i, label) ? "" : r.getString(i, label);
            lw = Math.max(lw, org.tusk.libpq.TextWidth.of(l));
            double v = r.isNull(i, value) ? 0 : Double.parseDouble(r.getString(i, value));
            values.add(v);
            max = Math.max(max, Math.abs(v));
        }
        lw = Math.min(lw, width / 3);
        int barWidth = Math.max(1, width - lw - 3 - 12);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < r.rowCount(); i++) {
            String l = r.isNull(i, label) ? "" : r.getString(i, label);
            if (l.length() > lw) l = l.substring(0, lw);
            sb.append(l).append(" ".repeat(Math.max(0, lw - org.tusk.libpq.TextWidth.of(l)))).append(" │");
            double v = values.get(i);
            int eighths = max == 0 ? 0 : (int) Math.round(Math.abs(v) / max * barWidth * 8);
            sb.append("█".repeat(eighths / 8));
            if (eighths % 8 != 0) sb.append(EIGHTHS[eighths % 8]);
            sb.append(' ').append(r.getString(i, value) == null ? "" : r.getString(i, value)).append('\n');
        }
        return sb.toString();
    }

    static String line(PgResult r, int value, int width) {
        int height = 8;
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < r.rowCount(); i++) {
            if (!r.isNull(i, value)) values.add(Double.parseDouble(r.getString(i, value)));
        }
        if (values.isEmpty()) return "(no data)\n";
        int cols = Math.min(values.size(), Math.max(1, width - 12));
        double[] v = new double[cols];
        for (int c = 0; c < cols; c++) v[c] = values.get((int) ((long) c * values.size() / cols));
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double d : v) {
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        double range = max - min == 0 ? 1 : max - min;
        StringBuilder sb = new StringBuilder();
        for (int row = height - 1; row >= 0; row--) {
            String axis = row == height - 1 ? fmt(max) : row == 0 ? fmt(min) : "";
            sb.append(" ".repeat(Math.max(0, 10 - axis.length()))).append(axis).append(" │");
            for (double d : v) {
                double level = (d - min) / range * height * 8;
                int filled = (int) Math.round(level) - row * 8;
                if (filled >= 8) sb.append('█');
                else if (filled <= 0) sb.append(row == 0 ? LEVELS[0] : ' ');
                else sb.append(LEVELS[filled - 1]);
            }
            sb.append('\n');
        }
        sb.append(" ".repeat(11)).append('└').append("─".repeat(cols)).append('\n');
        return sb.toString();
    }

    private static String fmt(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        return String.format(java.util.Locale.ROOT, "%.4g", d);
    }
}
