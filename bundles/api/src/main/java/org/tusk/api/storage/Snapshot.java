package org.tusk.api.storage;

/**
 * An MVCC snapshot as access methods see it (PostgreSQL's SnapshotData for
 * MVCC): which transactions count as finished, and which command of the
 * current transaction is running. Implemented by the transaction manager.
 */
public interface Snapshot {

    /** Every xid before this was finished when the snapshot was taken. */
    int xmin();

    /** Every xid at or after this was not yet assigned. */
    int xmax();

    /** XidInMVCCSnapshot: whether {@code xid} was still running for this snapshot (its changes invisible). */
    boolean isInProgress(int xid);

    /** Changes of the current transaction made by commands before this one are visible. */
    int commandId();
}
