package org.tusk.xact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.storage.TransactionStatus;

/**
 * TransactionIdIsInProgress for a rolled back subtransaction of a running
 * transaction whose subxid cache overflowed: not running. Regression: the
 * pg_subtrans path mapped it to its running top-level xid and answered
 * "in progress", so a session waiting for it (XactLockTableWait loops on that
 * status) waited for the whole transaction instead of for the savepoint.
 */
class OverflowedSubtransactionAbortTest {

    @TempDir
    Path dir;

    @Test
    void aRolledBackSubxidIsNotInProgressWhileItsOverflowedParentRuns() throws Exception {
        try (XactCluster cluster = XactCluster.create(dir)) {
            FakeWal wal = new FakeWal();
            TransactionManager a = cluster.attach(0).newTransactionManager(wal);
            TransactionSystem systemB = cluster.attach(1);
            TransactionManager b = systemB.newTransactionManager(wal);
            a.begin();
            int top = a.currentXid();
            for (int i = 0; i < ProcArray.SUBXID_CACHE_SIZE + 2; i++) {
                a.beginSubtransaction();
                a.currentXid();
                a.releaseSubtransaction();
            }
            a.beginSubtransaction();
            int rolledBack = a.currentXid();
            a.beginSubtransaction();
            int released = a.currentXid();
            a.releaseSubtransaction();
            a.rollbackSubtransaction();                  // both the savepoint and its released child abort
            a.beginSubtransaction();
            int running = a.currentXid();
            b.begin();
            assertTrue(b.statementSnapshot().suboverflowed());
            assertEquals(TransactionStatus.IN_PROGRESS, b.status(top));
            assertEquals(TransactionStatus.IN_PROGRESS, b.status(running));
            assertEquals(TransactionStatus.ABORTED, b.status(rolledBack));
            assertEquals(TransactionStatus.ABORTED, b.status(released));
            assertTrue(!systemB.procArray().isInProgress(rolledBack));
            a.commit();
            assertEquals(TransactionStatus.COMMITTED, b.status(running));
            assertEquals(TransactionStatus.ABORTED, b.status(rolledBack));
            b.commit();
        }
    }
}
