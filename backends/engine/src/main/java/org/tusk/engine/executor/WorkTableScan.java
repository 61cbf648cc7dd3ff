package org.tusk.engine.executor;

/** WorkTableScan: the recursive term's reference to its own CTE reads the previous iteration's rows. */
public final class WorkTableScan implements PlanState {
    private final WorkTable table;
    private TupleStore.Cursor cursor;

    public WorkTableScan(WorkTable table) {
        this.table = table;
    }

    @Override
    public Object[] next() {
        if (table.current == null) {
            return null;
        }
        if (cursor == null) {
            cursor = table.current.cursor();
        }
        return cursor.next();
    }

    @Override
    public void rescan() {
        if (cursor != null) {
            cursor.close();
        }
        cursor = null;
    }
}
