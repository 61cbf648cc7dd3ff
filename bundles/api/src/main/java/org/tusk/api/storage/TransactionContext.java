package org.tusk.api.storage;

/**
 * The calling transaction as an access method needs it (PostgreSQL reaches
 * the same through xact.c's globals): its ids, its command counter, the
 * status of other transactions and waiting for them.
 */
public interface TransactionContext extends TransactionStatusLookup {

    /** The xid of the current (sub)transaction, assigned on first use (GetCurrentTransactionId). */
    int assignXid();

    /** The current command id (GetCurrentCommandId). */
    int commandId();

    /** Whether {@code xid} is this transaction or one of its live subtransactions. */
    boolean isCurrentTransactionId(int xid);

    /** TransactionIdIsInProgress / DidCommit: the status of another transaction now. */
    @Override
    TransactionStatus status(int xid);

    /** Whether this transaction runs at REPEATABLE READ (a concurrent update is then a serialization failure). */
    boolean isRepeatableRead();

    /**
     * XactLockTableWait: sleeps until transaction {@code xid} has ended
     * (deadlock detection and lock_timeout apply).
     */
    void waitForTransaction(int xid);

    /**
     * (1.6) heap_acquire_tuplock: the heavyweight lock on one tuple version that a writer takes
     * before it waits for the version's running deleter ({@link #waitForTransaction}), held until
     * it has changed the version or given up. Later writers of the same version queue on this lock
     * in arrival order instead of all sleeping on the deleter's xid, so each commit wakes one
     * waiter, not every one (PostgreSQL's LOCKTAG_TUPLE in ExclusiveLock). Deadlock detection and
     * lock_timeout apply. The default takes no lock (transactions of tests without a lock manager).
     */
    default void lockTupleVersion(RelFileLocator relation, TupleId tid) {
    }

    /** (1.6) Releases what {@link #lockTupleVersion} took. */
    default void unlockTupleVersion(RelFileLocator relation, TupleId tid) {
    }

    /**
     * (1.5) The pruning horizon (GlobalVisState / GetOldestNonRemovableTransactionId): versions
     * whose deleter committed before this xid are invisible to every transaction now and later,
     * so page pruning may remove them. {@code 0} (InvalidTransactionId) when not known: nothing
     * is pruned outside VACUUM.
     */
    default int pruneHorizon() {
        return 0;
    }

    /** Whether {@code xid} has ended, without waiting (for NOWAIT / SKIP LOCKED). */
    default boolean hasEnded(int xid) {
        return status(xid) != TransactionStatus.IN_PROGRESS;
    }
}
