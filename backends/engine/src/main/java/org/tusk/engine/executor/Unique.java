package org.tusk.engine.executor;

/** Unique: drops rows equal (on the key columns, NULLs equal) to the previous one; the input is sorted on them. */
public final class Unique implements PlanState {
    private final PlanState child;
    private final int[] columns;
    private RowKey previous;

    public Unique(PlanState child, int[] columns) {
        this.child = child;
        this.columns = columns;
    }

    @Override
    public Object[] next() {
        Object[] row;
        while ((row = child.next()) != null) {
            RowKey k = RowKey.of(row, columns);
            if (!k.equals(previous)) {
                previous = k;
                return row;
            }
        }
        return null;
    }

    @Override
    public void rescan() {
        previous = null;
        child.rescan();
    }

    @Override
    public void close() {
        child.close();
    }
}
