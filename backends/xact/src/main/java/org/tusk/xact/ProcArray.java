package org.tusk.xact;

/**
 * The running transactions of every process (PostgreSQL's procarray.c): per
 * ProcSlot its top-level xid, its xmin and a cache of up to
 * {@link #SUBXID_CACHE_SIZE} subxids. Guarded by ProcArrayLock, taken shared
 * to read and exclusive to end a transaction, so that a snapshot sees a
 * transaction with all its subtransactions end at once.
 */
public interface ProcArray {

    /** PGPROC_MAX_CACHED_SUBXIDS. */
    int SUBXID_CACHE_SIZE = 64;

    /**
     * GetSnapshotData: a snapshot of the running transactions (command id 0).
     * Also sets the calling process's xmin if it has none, which holds back
     * {@link #oldestXmin()} while the snapshot is used.
     */
    Snapshot takeSnapshot();

    /** The oldest xid any running transaction or live snapshot may still consider running (for VACUUM). */
    int oldestXmin();

    /** TransactionIdIsInProgress: is {@code xid} (top-level or sub) running right now? */
    boolean isInProgress(int xid);

    /** The newest xid that has committed or aborted (PostgreSQL's latestCompletedXid). */
    long latestCompletedFullXid();

    /** The top-level xids running now, in slot order. */
    int[] runningXids();
}
