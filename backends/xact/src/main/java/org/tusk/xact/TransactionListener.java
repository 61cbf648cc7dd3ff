package org.tusk.xact;

/**
 * Told about transaction ends, e.g. by the lock manager to release the
 * heavyweight locks (PostgreSQL's ResourceOwnerRelease / LockReleaseAll at
 * the end of CommitTransaction and AbortTransaction). Called after the
 * transaction left the ProcArray, so waiters see it finished.
 */
public interface TransactionListener {

    /** The top-level transaction ended; {@code topXid} is 0 if it never got an xid. */
    void transactionEnded(int topXid, boolean committed);

    /**
     * A subtransaction at nesting {@code level} (1 = first savepoint) ended;
     * its xid is 0 if it never got one. On release its locks pass to the parent;
     * on rollback they are to be released.
     */
    default void subtransactionEnded(int level, int xid, boolean committed) {
    }
}
