package org.tusk.engine.executor;

/**
 * Material: stores its input in a tuplestore (spilling past work_mem) as it is
 * first read, so rescans replay the stored rows instead of recomputing them.
 */
public final class Material implements PlanState {
    private final PlanState child;
    private final TupleStore store;
    private TupleStore.Cursor cursor;
    private boolean childDone;
    private long position;

    public Material(PlanState child, EState estate) {
        this.child = child;
        this.store = new TupleStore(estate);
    }

    @Override
    public Object[] next() {
        if (cursor == null) {
            cursor = store.cursor();
        }
        if (position < store.size()) {
            position++;
            return cursor.next();
        }
        if (childDone) {
            return null;
        }
        Object[] row = child.next();
        if (row == null) {
            childDone = true;
            return null;
        }
        store.add(row);
        position++;
        cursor.next();
        return row;
    }

    @Override
    public void rescan() {
        if (cursor != null) {
            cursor.close();
        }
        cursor = null;
        position = 0;
    }

    @Override
    public void close() {
        if (cursor != null) {
            cursor.close();
        }
        store.clear();
        child.close();
    }
}
