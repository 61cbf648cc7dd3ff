package org.tusk.engine.executor;

/**
 * LockRows (SELECT ... FOR UPDATE/SHARE): passes each row to the locker, which
 * locks the row version (the DML/storage layer knows how, from the ctid column it
 * asked the scans to emit) and returns the row to return, possibly re-fetched
 * after a concurrent update, or null to skip it (deleted, or SKIP LOCKED).
 */
public final class LockRows implements PlanState {
    /** The lock call the DML helper supplies. */
    @FunctionalInterface
    public interface RowLocker {
        Object[] lock(Object[] row);
    }

    private final PlanState child;
    private final RowLocker locker;

    public LockRows(PlanState child, RowLocker locker) {
        this.child = child;
        this.locker = locker;
    }

    @Override
    public Object[] next() {
        Object[] row;
        while ((row = child.next()) != null) {
            Object[] locked = locker.lock(row);
            if (locked != null) {
                return locked;
            }
        }
        return null;
    }

    @Override
    public void rescan() {
        child.rescan();
    }

    @Override
    public void close() {
        child.close();
    }
}
