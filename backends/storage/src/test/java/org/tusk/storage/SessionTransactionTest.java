package org.tusk.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.storage.TransactionStatus;
import org.tusk.lmgr.LockManager;
import org.tusk.lmgr.LockMode;
import org.tusk.lmgr.LockSettings;
import org.tusk.lmgr.LockTag;
import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.ShmemRequest;
import org.tusk.shmem.ShmemSegment;
import org.tusk.wal.WalRecord;
import org.tusk.wal.WalWriter;
import org.tusk.xact.TransactionSystem;
import org.tusk.xact.XactSettings;

/**
 * The xid locks of {@link SessionTransaction} follow subtransactions as
 * PostgreSQL's resource owners do (two sessions on slots of one segment, in
 * one JVM): ROLLBACK TO releases the subtransaction's xid locks, so a waiter
 * goes on while the top level still runs; RELEASE keeps them until the top
 * level ends. Regression: the locks of an aborted subtransaction used to be
 * kept until the end of the whole transaction, so a row it had locked or
 * updated stayed blocked (found by {@link IsolationTest}).
 */
class SessionTransactionTest {

    @TempDir
    Path dir;

    private ShmemSegment segment;
    private SessionTransaction a;
    private SessionTransaction b;
    private LockManager locksOfA;

    @BeforeEach
    void attach() throws Exception {
        List<ShmemRequest> requests = new ArrayList<>(TransactionSystem.shmemRequests(XactSettings.defaults(), 4));
        requests.addAll(LockManager.shmemRequests(4, 64));
        segment = ShmemSegment.create(dir.resolve("shm"), 4, dir.resolve("latches"), requests);
        locksOfA = LockManager.attach(segment, slot(0), new LockSettings(200, 0));
        MemoryWal walOfA = new MemoryWal();
        MemoryWal walOfB = new MemoryWal();
        a = new SessionTransaction(TransactionSystem.attach(segment, dir, slot(0), walOfA).newTransactionManager(walOfA),
                locksOfA);
        b = new SessionTransaction(TransactionSystem.attach(segment, dir, slot(1), walOfB).newTransactionManager(walOfB),
                LockManager.attach(segment, slot(1), new LockSettings(200, 0)));
    }

    private ProcSlot slot(int index) throws Exception {
        ProcSlot slot = segment.slot(index);
        slot.ownLatch();
        return slot;
    }

    @AfterEach
    void detach() {
        segment.close();
    }

    private CompletableFuture<Void> bWaitsFor(int xid) throws Exception {
        b.transactions().begin();
        CompletableFuture<Void> waited = CompletableFuture.runAsync(() -> b.waitForTransaction(xid));
        Thread.sleep(300);
        assertFalse(waited.isDone(), "b waits for " + xid);
        return waited;
    }

    @Test
    void rollbackToSavepointReleasesTheSubtransactionsXidLocksAtOnce() throws Exception {
        a.transactions().begin();
        int top = a.assignXid();
        a.transactions().beginSubtransaction();
        a.transactions().beginSubtransaction();
        int inner = a.assignXid();
        a.transactions().releaseSubtransaction();         // inner's lock passes to the outer savepoint
        assertTrue(locksOfA.holds(LockTag.transaction(inner), LockMode.EXCLUSIVE));
        CompletableFuture<Void> waited = bWaitsFor(inner);
        a.transactions().rollbackSubtransaction();        // ROLLBACK TO the outer savepoint
        waited.get(5, TimeUnit.SECONDS);
        assertEquals(TransactionStatus.ABORTED, b.status(inner));
        assertFalse(locksOfA.holds(LockTag.transaction(inner), LockMode.EXCLUSIVE));
        assertTrue(locksOfA.holds(LockTag.transaction(top), LockMode.EXCLUSIVE), "the top level still runs");
        assertEquals(TransactionStatus.IN_PROGRESS, b.status(top));
        a.transactions().commit();
        b.transactions().commit();
    }

    @Test
    void aReleasedSubtransactionsXidIsLockedUntilTheTopLevelEnds() throws Exception {
        a.transactions().begin();
        a.transactions().beginSubtransaction();
        int sub = a.assignXid();
        a.transactions().releaseSubtransaction();
        CompletableFuture<Void> waited = bWaitsFor(sub);
        a.transactions().beginSubtransaction();
        a.transactions().rollbackSubtransaction();        // a later savepoint's rollback does not touch it
        Thread.sleep(200);
        assertFalse(waited.isDone());
        a.transactions().commit();
        waited.get(5, TimeUnit.SECONDS);
        assertEquals(TransactionStatus.COMMITTED, b.status(sub));
        assertTrue(locksOfA.status().isEmpty(), "every lock released at the end: " + locksOfA.status());
        b.transactions().commit();
    }

    /** Commit records are flushed by the transaction manager; here they only need increasing positions. */
    private static final class MemoryWal implements WalWriter {
        private long position = 0x100_0000L;

        @Override
        public synchronized long insert(WalRecord record) {
            position += 24 + record.data().length;
            return position;
        }

        @Override
        public void flush(long upTo) {
        }

        @Override
        public synchronized long flushedUpTo() {
            return position;
        }

        @Override
        public synchronized long insertPosition() {
            return position;
        }

        @Override
        public long redoPointer() {
            return 0;
        }
    }
}
