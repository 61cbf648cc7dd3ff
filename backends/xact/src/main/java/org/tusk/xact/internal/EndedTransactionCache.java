package org.tusk.xact.internal;

import org.tusk.api.storage.TransactionStatus;

/**
 * A backend's memory of how transactions ended, in front of the ProcArray and the commit log
 * (PostgreSQL's TransactionLogFetch keeps one such entry, cachedFetchXid; this is a small
 * direct-mapped table of them). Only final answers go in: COMMITTED, and ABORTED for an xid
 * the ProcArray no longer runs (a crashed one included: it never commits), so an entry never
 * goes stale while its xid means the same transaction. Without it every look-up of a recent
 * xid that no hint settles took the ProcArray's and the commit log's LWLocks.
 *
 * <p>Xids wrap around: the same 32-bit value names another transaction 2^32 xids later. Every
 * xid looked up is within 2^31 of the newest (older ones are frozen or gone), so the table is
 * emptied whenever the newest completed xid has moved {@link #FORGET_AFTER} beyond where it
 * was when the table was last emptied: an entry and a look-up of the same value are then
 * never 2^32 apart.
 */
final class EndedTransactionCache {

    /** Entries per table; a power of two (xids are consecutive, so the low bits spread them). */
    static final int SIZE = 1024;
    /** How far (in full xids) the newest completed xid may move before the tables are emptied. */
    static final long FORGET_AFTER = 1L << 30;

    /*
     * One int per entry, the xid itself (0, InvalidTransactionId, is never cached: an empty slot), in
     * one table per answer: an int is read and written whole, so a backend's other threads (warm-up,
     * control) can never see an xid paired with another xid's answer.
     */
    private final int[] committed = new int[SIZE];
    private final int[] aborted = new int[SIZE];
    /** The newest completed full xid when the tables were last emptied (-1: never). */
    private long emptiedAt = -1;

    /** The cached final status of {@code xid}, or null when not known. */
    TransactionStatus get(int xid) {
        int slot = xid & (SIZE - 1);
        if (committed[slot] == xid && xid != 0) {
            return TransactionStatus.COMMITTED;
        }
        if (aborted[slot] == xid && xid != 0) {
            return TransactionStatus.ABORTED;
        }
        return null;
    }

    /** Remembers {@code status} of {@code xid} if it is final (COMMITTED or ABORTED). */
    void put(int xid, TransactionStatus status) {
        int slot = xid & (SIZE - 1);
        if (status == TransactionStatus.COMMITTED) {
            committed[slot] = xid;
        } else if (status == TransactionStatus.ABORTED) {
            aborted[slot] = xid;
        }
    }

    /**
     * Empties the tables when {@code latestCompletedFullXid} (the ProcArray's, read now) has moved
     * {@link #FORGET_AFTER} or more since they were last emptied; called with each new snapshot.
     */
    void forgetIfFar(long latestCompletedFullXid) {
        if (emptiedAt < 0 || latestCompletedFullXid - emptiedAt >= FORGET_AFTER
                || latestCompletedFullXid < emptiedAt) {
            java.util.Arrays.fill(committed, 0);
            java.util.Arrays.fill(aborted, 0);
            emptiedAt = latestCompletedFullXid;
        }
    }
}
