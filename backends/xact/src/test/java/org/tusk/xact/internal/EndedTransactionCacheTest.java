package org.tusk.xact.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.tusk.api.storage.TransactionStatus;

/** The backend-local cache of ended transactions' status: final answers only, forgotten across wraparound. */
class EndedTransactionCacheTest {

    @Test
    void remembersOnlyFinalAnswers() {
        EndedTransactionCache cache = new EndedTransactionCache();
        cache.forgetIfFar(1000);
        cache.put(100, TransactionStatus.COMMITTED);
        cache.put(101, TransactionStatus.ABORTED);
        cache.put(102, TransactionStatus.IN_PROGRESS);
        assertEquals(TransactionStatus.COMMITTED, cache.get(100));
        assertEquals(TransactionStatus.ABORTED, cache.get(101));
        assertNull(cache.get(102), "a running transaction may end any moment");
        assertNull(cache.get(103));
        assertNull(cache.get(0), "an empty slot is no answer for InvalidTransactionId");
    }

    @Test
    void aNewerXidInTheSameSlotReplacesTheOlder() {
        EndedTransactionCache cache = new EndedTransactionCache();
        cache.forgetIfFar(1000);
        cache.put(100, TransactionStatus.COMMITTED);
        cache.put(100 + EndedTransactionCache.SIZE, TransactionStatus.COMMITTED);
        assertNull(cache.get(100));
        assertEquals(TransactionStatus.COMMITTED, cache.get(100 + EndedTransactionCache.SIZE));
        cache.put(100 + 2 * EndedTransactionCache.SIZE, TransactionStatus.ABORTED);
        assertEquals(TransactionStatus.COMMITTED, cache.get(100 + EndedTransactionCache.SIZE),
                "answers of either kind share no slot");
        assertEquals(TransactionStatus.ABORTED, cache.get(100 + 2 * EndedTransactionCache.SIZE));
    }

    /**
     * The same 32-bit xid names another transaction 2^32 xids later: once the newest completed
     * xid has moved 2^30 on, everything is forgotten, so an entry never outlives its xid.
     */
    @Test
    void forgetsEverythingOnceXidsHaveMovedFar() {
        EndedTransactionCache cache = new EndedTransactionCache();
        long start = (5L << 32) + 1000;
        cache.forgetIfFar(start);
        cache.put(900, TransactionStatus.COMMITTED);
        cache.put(901, TransactionStatus.ABORTED);
        cache.forgetIfFar(start + EndedTransactionCache.FORGET_AFTER - 1);
        assertEquals(TransactionStatus.COMMITTED, cache.get(900), "not far yet");
        cache.forgetIfFar(start + EndedTransactionCache.FORGET_AFTER);
        assertNull(cache.get(900));
        assertNull(cache.get(901));
    }
}
