package org.tusk.wal;

/**
 * One process's handle on the cluster's shared WAL (PostgreSQL's XLogInsert,
 * XLogFlush and friends). Thread-safe within the process.
 */
public interface WalWriter {

    /**
     * Appends {@code record} and returns its end LSN (the position just past
     * it, as XLogInsert returns), which the caller stores as the page LSN of
     * every page the record changes while still holding their exclusive
     * content locks. For each block reference whose page LSN is at or before
     * {@link #redoPointer()} (and that is not WILL_INIT), a full-page image is
     * included, so redo can rebuild a torn page.
     *
     * <p>A record that does not {@link WalRecord#needsWal need WAL} (it changes
     * only pages of TEMP relations) is not inserted: the result is then
     * {@link #NOT_LOGGED}, which as a page LSN keeps such pages at LSN 0, so
     * writing them out never waits for a WAL flush.
     */
    long insert(WalRecord record);

    /** What {@link #insert} returns for a record it did not insert: the LSN of a page that was never logged. */
    long NOT_LOGGED = 0;

    /**
     * Returns once WAL up to {@code upTo} is written and fsynced. Concurrent
     * callers share one fsync (group commit): whoever holds the write lock
     * flushes everything inserted so far.
     */
    void flush(long upTo);

    /** Everything before this LSN is durable. */
    long flushedUpTo();

    /** The LSN the next record would start at. */
    long insertPosition();

    /** The redo point of the latest checkpoint (PostgreSQL's RedoRecPtr): pages last changed before it need a full-page image. */
    long redoPointer();

    // The methods below were added after the interface was first published; they
    // have defaults so that test doubles written against the first version still compile.

    /**
     * Starts a checkpoint (the first half of CreateCheckPoint): with every WAL
     * insertion lock held, sets the shared redo pointer to the current insert
     * position and returns it. From now on, the first change of a page whose
     * LSN is at or before it logs a full-page image.
     */
    default long beginCheckpoint() {
        throw new UnsupportedOperationException("beginCheckpoint");
    }

    /**
     * Inserts {@code checkpoint} as an XLOG CHECKPOINT_SHUTDOWN / ONLINE record,
     * flushes it, and returns its start LSN (the checkpoint location for the
     * control file).
     */
    default long logCheckpoint(CheckpointRecord checkpoint) {
        throw new UnsupportedOperationException("logCheckpoint");
    }

    /**
     * Recycles or deletes the segment files wholly before the segment holding
     * {@code redo} (RemoveOldXlogFiles with wal_recycle): as many as the next
     * checkpoint cycle is expected to need are renamed to future segment
     * numbers, the rest deleted. Call only after the control file points at
     * the checkpoint whose redo pointer this is.
     */
    default RemovedSegments removeOldSegments(long redo) {
        throw new UnsupportedOperationException("removeOldSegments");
    }

    /**
     * RecoveryInProgress: this is the startup process's view of the WAL while
     * it replays, into which nothing may be inserted (a hint bit set then
     * stays in memory only, as in PostgreSQL).
     */
    default boolean recoveryInProgress() {
        return false;
    }

    /** Cluster-wide counters (pg_stat_wal). */
    default WalStats stats() {
        throw new UnsupportedOperationException("stats");
    }

    /**
     * XactLastRecEnd: the end of the latest record this process inserted (0
     * before the first). A transaction that saw it unchanged from its start to
     * its commit wrote no WAL of its own, so its commit need not wait for a
     * flush. The default, for writers that do not track it, is the insert
     * position, which moves with every insert.
     */
    default long lastRecordEnd() {
        return insertPosition();
    }

    /** Everything before this LSN has been written to the kernel (pg_current_wal_lsn); at least {@link #flushedUpTo}. */
    default long writtenUpTo() {
        return flushedUpTo();
    }
}
