package org.tusk.heapam.internal;

import org.tusk.api.storage.TransactionStatus;
import org.tusk.api.storage.TransactionStatusLookup;

/**
 * Remembers the last transaction found to have ended (committed or aborted:
 * final answers) for one VACUUM pass, as PostgreSQL's TransactionLogFetch
 * keeps cachedFetchXid. Pages written by one bulk load carry the same xmin
 * on every tuple, and each lookup otherwise scans the ProcArray under its
 * LWLock. A running transaction is never cached: it may end meanwhile.
 */
public final class EndedStatusCache implements TransactionStatusLookup {

    private final TransactionStatusLookup lookup;
    private int cachedXid;
    private TransactionStatus cachedStatus;

    public EndedStatusCache(TransactionStatusLookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public TransactionStatus status(int xid) {
        if (cachedStatus != null && xid == cachedXid) {
            return cachedStatus;
        }
        TransactionStatus status = lookup.status(xid);
        if (status == TransactionStatus.COMMITTED || status == TransactionStatus.ABORTED) {
            cachedXid = xid;
            cachedStatus = status;
        }
        return status;
    }
}
