package org.tusk.engine.executor;

/** CteScan: one reference to a WITH query, reading the shared {@link CteState} from its first row. */
public final class CteScan implements PlanState {
    private final CteState cte;
    private TupleStore.Cursor cursor;
    private long position;
    private final boolean owner;

    /** {@code owner}: this scan closes the shared state (the plan's first reference). */
    public CteScan(CteState cte, boolean owner) {
        this.cte = cte;
        this.owner = owner;
    }

    @Override
    public Object[] next() {
        if (cursor == null) {
            cursor = cte.store().cursor();
        }
        if (position >= cte.store().size() && !cte.produce()) {
            return null;
        }
        position++;
        return cursor.next();
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
        if (owner) {
            cte.close();
        }
    }
}
