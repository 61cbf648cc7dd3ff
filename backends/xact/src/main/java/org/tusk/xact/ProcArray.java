package org.tusk.xact;

import org.tusk.wal.CheckpointDelay;

/**
 * The running transactions of every process (PostgreSQL's procarray.c): per
 * ProcSlot its top-level xid, its xmin and a cache of up to
 * {@link #SUBXID_CACHE_SIZE} subxids. Guarded by ProcArrayLock, taken shared
 * to read and exclusive to end a transaction, so that a snapshot sees a
 * transaction with all its subtransactions end at once.
 *
 * <p>It also keeps each process's DELAY_CHKPT_START flag ({@link CheckpointDelay}):
 * a committer is inside the window between inserting its commit record and
 * setting the commit log (a checkpoint whose redo point fell inside it must
 * not flush the commit log before the bits are set, or the commit would be
 * neither in the flushed clog nor after the redo point); a hint-bit setter
 * between its full-page-image decision and its dirty mark.
 */
public interface ProcArray extends CheckpointDelay {

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

    /**
     * The horizon for opportunistic pruning (GlobalVisState's maybe_needed): {@link #oldestXmin()}
     * as it was when this process last built a snapshot, found in the same pass over the array, so
     * a prune does not take ProcArrayLock and walk the array again. The real horizon only moves
     * forward, so this one is never later than it: a prune with it keeps at most a few versions
     * that a fresh one would remove. Computed fresh when this process has built no snapshot yet.
     * (Since 1.2.)
     */
    default int pruneHorizon() {
        return oldestXmin();
    }

    /** TransactionIdIsInProgress: is {@code xid} (top-level or sub) running right now? */
    boolean isInProgress(int xid);

    /** The newest xid that has committed or aborted (PostgreSQL's latestCompletedXid). */
    long latestCompletedFullXid();

    /** The top-level xids running now, in slot order. */
    int[] runningXids();

    /**
     * pg_stat_activity's backend_xid and backend_xmin of the process in slot {@code procNumber}: its
     * top-level xid and its xmin, 0 for none. Read without ProcArrayLock, as pgstat reads them: a
     * monitoring view may see a value a moment old. (Since 1.3.)
     */
    int[] xidAndXminOf(int procNumber);

    /**
     * For the checkpointer, after it fixed its redo point: waits until every
     * process that was inside the commit window has left it (newcomers insert
     * their commit records after the redo point, so they need no waiting).
     */
    void waitForDelayedCheckpointStart();
}
