package org.tusk.api.storage;

/**
 * What a unique check learns about a heap tuple with an equal key (the
 * answer of heap_hot_search with SnapshotDirty in _bt_check_unique).
 *
 * @param state what the tuple is
 * @param xid   for IN_PROGRESS: the transaction to wait for (its inserter or deleter)
 */
public record TupleLiveness(State state, int xid) {

    public enum State {
        /** Committed (or inserted by the caller's own transaction) and not deleted: a duplicate. */
        LIVE,
        /** Dead, deleted by a committed transaction, or inserted by an aborted one: no conflict. */
        DEAD,
        /** Inserted or deleted by a transaction still running: wait for it, then check again. */
        IN_PROGRESS
    }

    public static final TupleLiveness LIVE = new TupleLiveness(State.LIVE, 0);
    public static final TupleLiveness DEAD = new TupleLiveness(State.DEAD, 0);

    public static TupleLiveness inProgress(int xid) {
        return new TupleLiveness(State.IN_PROGRESS, xid);
    }
}
