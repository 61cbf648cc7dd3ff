package org.tusk.monitor.internal;

import java.util.List;

import org.tusk.libpq.PgResult;
import org.tusk.libpq.PgType;

/**
 * What psql's printTable prints: an optional title, headers, cells (null
 * values already replaced), per-column alignment, and footers: null means
 * the default "(N rows)" footer (subject to \pset footer), a list (even an
 * empty one) means exactly those footer lines.
 */
record PrintTable(String title, String[] headers, String[][] cells, boolean[] right, List<String> footers) {

    static PrintTable of(PgResult r, PrintOptions opt) {
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
        return new PrintTable(opt.title, headers, cells, right, null);
    }

    PrintTable withTitle(String t) { return new PrintTable(t, headers, cells, right, footers); }

    PrintTable withFooters(List<String> f) { return new PrintTable(title, headers, cells, right, f); }
}
