package org.tusk.engine.executor;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.tusk.engine.analyze.SortKey;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.func.Comparisons;

/** Materializing sort on columns [firstKeyColumn, ...) of the projected rows. */
final class SortNode implements PlanState {
    private final PlanState child;
    private final List<SortKey> keys;
    private final int firstKeyColumn;
    private final EvalContext ctx;
    private Iterator<Object[]> sorted;

    SortNode(PlanState child, List<SortKey> keys, int firstKeyColumn, EvalContext ctx) {
        this.child = child;
        this.keys = keys;
        this.firstKeyColumn = firstKeyColumn;
        this.ctx = ctx;
    }

    @Override
    public Object[] next() {
        if (sorted == null) {
            List<Object[]> rows = new ArrayList<>();
            Object[] row;
            while ((row = child.next()) != null) {
                rows.add(row);
                ctx.checkForInterrupts();
            }
            rows.sort(this::compare);
            sorted = rows.iterator();
        }
        return sorted.hasNext() ? sorted.next() : null;
    }

    private int compare(Object[] a, Object[] b) {
        for (int i = 0; i < keys.size(); i++) {
            SortKey k = keys.get(i);
            Object x = a[firstKeyColumn + i];
            Object y = b[firstKeyColumn + i];
            int c;
            if (x == null || y == null) {
                if (x == null && y == null) {
                    continue;
                }
                c = (x == null) == k.nullsFirst() ? -1 : 1;
                return c;
            }
            c = Comparisons.compare(x, y);
            if (k.descending()) {
                c = -c;
            }
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
