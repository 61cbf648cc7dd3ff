package org.tusk.script.internal;

import java.io.PrintWriter;
import java.util.Set;

import org.tusk.libpq.PgResult;

/**
 * psql's default aligned format, kept small: centered headers, numeric columns right
 * aligned, {@code (N rows)}. Widths count code points (no wide-character or multi-line
 * handling; the monitor has the exact printer).
 */
final class TablePrinter {
    /** int8 int2 int4 oid float4 float8 money numeric xid cid */
    private static final Set<Integer> RIGHT = Set.of(20, 21, 23, 26, 700, 701, 790, 1700, 28, 29, 5069);

    private TablePrinter() { }

    static void print(PgResult r, PrintWriter out) {
        int n = r.columnCount();
        int[] width = new int[n];
        boolean[] right = new boolean[n];
        for (int j = 0; j < n; j++) {
            width[j] = len(r.column(j).name());
            right[j] = RIGHT.contains(r.column(j).typeOid());
        }
        String[][] cells = new String[r.rowCount()][n];
        for (int i = 0; i < r.rowCount(); i++) {
            for (int j = 0; j < n; j++) {
                String s = r.isNull(i, j) ? "" : r.getString(i, j);
                cells[i][j] = s;
                width[j] = Math.max(width[j], len(s));
            }
        }
        StringBuilder b = new StringBuilder();
        for (int j = 0; j < n; j++) {
            String h = r.column(j).name();
            int pad = width[j] - len(h);
            if (j > 0) b.append('|');
            b.append(' ').append(" ".repeat(pad / 2)).append(h).append(" ".repeat(pad - pad / 2)).append(' ');
        }
        out.println(b);
        b.setLength(0);
        for (int j = 0; j < n; j++) {
            if (j > 0) b.append('+');
            b.append("-".repeat(width[j] + 2));
        }
        out.println(b);
        for (String[] row : cells) {
            b.setLength(0);
            for (int j = 0; j < n; j++) {
                int pad = width[j] - len(row[j]);
                if (j > 0) b.append(" | "); else b.append(' ');
                if (right[j]) b.append(" ".repeat(pad)).append(row[j]);
                else b.append(row[j]).append(j == n - 1 ? "" : " ".repeat(pad));
            }
            out.println(b);
        }
        out.println(r.rowCount() == 1 ? "(1 row)" : "(" + r.rowCount() + " rows)");
        out.println();
    }

    private static int len(String s) {
        return s.codePointCount(0, s.length());
    }
}
