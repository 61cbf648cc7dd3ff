package org.tusk.xact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.error.PgException;
import org.tusk.wal.ResourceManager;
import org.tusk.wal.WalRecord;

/**
 * One process playing several backends (one TransactionSystem per slot):
 * xid assignment, commit and abort records, subtransactions, snapshots.
 */
class TransactionManagerTest {

    @TempDir
    Path dir;

    private XactCluster cluster;
    private TransactionSystem systemA;
    private TransactionSystem systemB;
    private FakeWal wal;
    private TransactionManager a;
    private TransactionManager b;

    @BeforeEach
    void setUp() throws Exception {
        cluster = XactCluster.create(dir);
        systemA = cluster.attach(0);
        systemB = cluster.attach(1);
        wal = new FakeWal();
        a = systemA.newTransactionManager(wal);
        b = systemB.newTransactionManager(wal);
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    /** Another backend finishes a newer xid, so a's running xids fall below snapshots' xmax and must be listed. */
    private int completeNewerTransaction() throws Exception {
        TransactionManager c = cluster.attach(2).newTransactionManager(wal);
        c.begin();
        int xid = c.currentXid();
        c.commit();
        return xid;
    }

    private static boolean visible(TransactionManager self, Snapshot snapshot, int xid) {
        return self.isCurrentTransactionId(xid) || !snapshot.isInProgressIn(xid) && self.didCommit(xid);
    }

    @Test
    void commitWritesAFlushedRecordThenTheCommitLog() {
        a.begin();
        int xid = a.currentXid();
        assertEquals(TransactionIds.FIRST_NORMAL, xid, "an all-zero segment starts at the first normal xid");
        assertEquals(xid, a.currentXid(), "assigned once");
        assertTrue(systemB.procArray().isInProgress(xid));
        assertEquals(org.tusk.api.storage.TransactionStatus.IN_PROGRESS, b.status(xid));
        assertArrayEquals(new int[] {xid}, systemB.procArray().runningXids());
        wal.insert(WalRecord.builder(ResourceManager.HEAP, 0).xid(xid).build());   // a change of its own
        a.commit();
        List<WalRecord> records = wal.records();
        assertEquals(2, records.size());
        WalRecord commit = records.get(1);
        assertEquals(ResourceManager.XACT, commit.rmgrId());
        assertEquals(0x00, commit.info());
        assertEquals(8, commit.data().length, "a commit without subtransactions is its time alone");
        assertEquals(xid, commit.xid());
        assertEquals(List.of(wal.insertPosition()), wal.flushes(), "the commit record is flushed");
        assertTrue(b.didCommit(xid));
        assertEquals(org.tusk.api.storage.TransactionStatus.COMMITTED, b.status(xid));
        assertEquals(XidStatus.COMMITTED, systemB.commitLog().status(xid));
        assertFalse(systemB.procArray().isInProgress(xid));
        assertEquals(xid, TransactionIds.xidOf(systemB.procArray().latestCompletedFullXid()));
        assertEquals(0, systemB.procArray().runningXids().length);
    }

    @Test
    void commitOfATransactionThatWroteNoWalIsNotWaitedFor() throws Exception {
        // RecordTransactionCommit's wrote_xlog rule: an xid whose changes all went to TEMP relations (not logged)
        TransactionSystem system = cluster.attach(3, wal);
        TransactionManager c = system.newTransactionManager(wal);
        c.begin();
        int xid = c.currentXid();
        c.commit();
        assertEquals(1, wal.records().size(), "the commit record is written");
        assertEquals(ResourceManager.XACT, wal.records().get(0).rmgrId());
        assertTrue(wal.flushes().isEmpty(), "but not waited for");
        assertTrue(b.didCommit(xid), "committed for everyone at once");
        long commitEnd = wal.insertPosition();
        // WAL before data: the commit log page saying committed is written only after the record is flushed
        system.commitLog().flush();
        assertEquals(List.of(commitEnd), wal.flushes());
        assertEquals(commitEnd, wal.flushedUpTo());
    }

    @Test
    void walWrittenBeforeTheXidStillMakesTheCommitWait() {
        a.begin();
        wal.insert(WalRecord.builder(ResourceManager.HEAP2, 0).build());   // e.g. a prune while reading
        int xid = a.currentXid();
        a.commit();
        assertEquals(List.of(wal.insertPosition()), wal.flushes());
        assertTrue(b.didCommit(xid));
    }

    @Test
    void readOnlyTransactionWritesNothing() {
        a.begin();
        a.statementSnapshot();
        assertEquals(0, a.topXidIfAny());
        a.commit();
        assertTrue(wal.records().isEmpty());
        assertTrue(wal.flushes().isEmpty());
        assertEquals(0, systemA.variables().nextFullXid(), "the counter was never touched");
        a.begin();
        assertEquals(TransactionIds.FIRST_NORMAL, a.currentXid(), "no xid was consumed");
        a.commit();
    }

    @Test
    void abortWritesAnUnflushedRecordAndMarksAborted() {
        a.begin();
        int xid = a.currentXid();
        a.abort();
        assertEquals(0x20, wal.records().get(0).info());
        assertTrue(wal.flushes().isEmpty(), "aborts are not flushed");
        assertTrue(b.didAbort(xid));
        assertFalse(b.didCommit(xid));
        assertEquals(org.tusk.api.storage.TransactionStatus.ABORTED, b.status(xid));
        assertFalse(systemB.procArray().isInProgress(xid));
    }

    @Test
    void snapshotSemantics() {
        a.begin();
        int committedBefore = a.currentXid();
        a.commit();
        a.begin();
        int running = a.currentXid();

        b.begin(IsolationLevel.READ_COMMITTED);
        Snapshot s1 = b.statementSnapshot();
        assertTrue(visible(b, s1, committedBefore));
        assertFalse(visible(b, s1, running));
        a.commit();
        assertFalse(visible(b, s1, running), "committed after the snapshot: still invisible to it");
        Snapshot s2 = b.statementSnapshot();
        assertTrue(visible(b, s2, running), "READ COMMITTED: the next statement sees it");
        b.commit();

        a.begin();
        int later = a.currentXid();
        b.begin(IsolationLevel.REPEATABLE_READ);
        Snapshot r1 = b.statementSnapshot();
        a.commit();
        Snapshot r2 = b.statementSnapshot();
        assertFalse(visible(b, r2, later), "REPEATABLE READ keeps its first snapshot");
        assertEquals(r1.xmax(), r2.xmax());
        b.commit();
    }

    @Test
    void commandIdsAndSnapshotsCarryThem() {
        a.begin(IsolationLevel.REPEATABLE_READ);
        assertEquals(0, a.currentCommandId());
        Snapshot first = a.statementSnapshot();
        a.commandCounterIncrement();
        assertEquals(1, a.currentCommandId());
        Snapshot second = a.statementSnapshot();
        assertEquals(0, first.commandId());
        assertEquals(1, second.commandId());
        assertEquals(first.xmax(), second.xmax());
        a.commit();
    }

    @Test
    void xminHoldsBackOldestXmin() {
        a.begin();
        int old = a.currentXid();
        b.begin(IsolationLevel.REPEATABLE_READ);
        b.statementSnapshot();
        a.commit();
        for (int i = 0; i < 3; i++) {
            a.begin();
            a.currentXid();
            a.commit();
        }
        assertEquals(old, systemA.procArray().oldestXmin(), "b's snapshot still considers " + old + " running");
        b.commit();
        int next = TransactionIds.xidOf(systemA.variables().nextFullXid());
        assertEquals(next, systemA.procArray().oldestXmin(), "nothing running: everything before next is done");
    }

    /**
     * The pruning horizon is oldestXmin as the process's last snapshot found it: the same answer
     * right after the snapshot, unchanged (never later than the real one) while no new snapshot is
     * built, caught up by the next snapshot; fresh before the process's first snapshot.
     */
    @Test
    void pruneHorizonIsOldestXminAsOfTheLastSnapshot() {
        a.begin();
        int old = a.currentXid();
        assertEquals(systemB.procArray().oldestXmin(), systemB.procArray().pruneHorizon(),
                "no snapshot yet: computed fresh");
        b.begin();
        b.statementSnapshot();
        assertEquals(old, systemB.procArray().pruneHorizon(), "a's xid holds it back");
        b.commit();
        a.commit();
        assertEquals(old, systemB.procArray().pruneHorizon(), "no new snapshot of b's: still the old answer");
        assertTrue(TransactionIds.precedes(systemB.procArray().pruneHorizon(), systemB.procArray().oldestXmin()),
                "never later than the real horizon");
        b.begin();
        b.statementSnapshot();
        assertEquals(systemB.procArray().oldestXmin(), systemB.procArray().pruneHorizon(),
                "the next snapshot catches up");
        b.commit();
    }

    /**
     * GetSnapshotDataReuse: while no transaction with an xid ends, a new statement gets the last
     * snapshot again, and it still holds back the xmin horizon; any end of such a transaction (a
     * commit, an abort, a subtransaction's rollback) makes the next snapshot a new one.
     */
    @Test
    void snapshotIsReusedUntilATransactionWithAnXidEnds() throws Exception {
        a.begin();
        int old = a.currentXid();
        completeNewerTransaction();   // old is below the snapshots' xmax from now on: listed as running
        b.begin();
        Snapshot first = b.statementSnapshot();
        assertTrue(first.isInProgressIn(old));
        b.commit();   // read-only: its end changes nothing for snapshots, and clears b's xmin
        b.begin();
        assertSame(first, b.statementSnapshot(), "nothing ended in between");
        a.beginSubtransaction();
        int sub = a.currentXid();
        assertSame(first, b.statementSnapshot(), "a new subxid is after the snapshot's xmax: no completion");
        a.rollbackSubtransaction();
        Snapshot afterRollback = b.statementSnapshot();
        assertNotEquals(first, afterRollback, "a subtransaction's rollback changes the running set");
        assertTrue(afterRollback.isInProgressIn(old));
        assertFalse(afterRollback.isInProgressIn(sub));
        a.commit();
        assertEquals(old, systemA.procArray().oldestXmin(), "the reused snapshot set b's xmin again");
        Snapshot afterCommit = b.statementSnapshot();
        assertNotEquals(afterRollback, afterCommit);
        assertTrue(visible(b, afterCommit, old));
        assertSame(afterCommit, b.statementSnapshot());
        b.commit();

        a.begin();
        int aborted = a.currentXid();
        b.begin();
        Snapshot duringAbort = b.statementSnapshot();
        a.abort();
        Snapshot afterAbort = b.statementSnapshot();
        assertNotEquals(duringAbort, afterAbort);
        assertTrue(TransactionIds.follows(afterAbort.xmax(), aborted));
        assertFalse(afterAbort.isInProgressIn(aborted));
        b.commit();
    }

    @Test
    void subtransactions() throws Exception {
        a.begin();
        int top = a.currentXid();
        a.beginSubtransaction();
        int kept = a.currentXid();
        a.releaseSubtransaction();
        a.beginSubtransaction();
        int rolledBack = a.currentXid();
        a.beginSubtransaction();
        int rolledBackChild = a.currentXid();
        a.releaseSubtransaction();
        assertTrue(a.isCurrentTransactionId(rolledBackChild));
        a.rollbackSubtransaction();
        assertEquals(0, a.nestingLevel());
        assertTrue(a.isCurrentTransactionId(top));
        assertTrue(a.isCurrentTransactionId(kept));
        assertFalse(a.isCurrentTransactionId(rolledBack));
        assertFalse(a.isCurrentTransactionId(rolledBackChild));
        assertTrue(b.didAbort(rolledBack));
        assertTrue(b.didAbort(rolledBackChild));
        assertFalse(systemB.procArray().isInProgress(rolledBack));
        assertTrue(systemB.procArray().isInProgress(kept));

        completeNewerTransaction();
        b.begin();
        Snapshot during = b.statementSnapshot();
        assertTrue(TransactionIds.follows(during.xmax(), kept));
        assertArrayEquals(new int[] {kept}, during.subxip());
        assertTrue(during.isInProgressIn(kept));
        assertFalse(during.suboverflowed());
        a.commit();
        WalRecord commit = wal.records().get(wal.records().size() - 1);
        assertEquals(org.tusk.xact.internal.XactRecord.COMMIT | org.tusk.xact.internal.XactRecord.HAS_SUBXACTS,
                commit.info());
        ByteBuffer data = ByteBuffer.wrap(commit.data()).order(ByteOrder.LITTLE_ENDIAN);
        data.getLong();
        assertEquals(1, data.getInt(), "the commit record lists the one surviving subxid");
        assertEquals(kept, data.getInt());
        assertTrue(b.didCommit(kept));
        assertTrue(b.didAbort(rolledBack), "a rolled back subtransaction stays aborted");
        assertTrue(during.isInProgressIn(kept));
        assertFalse(b.statementSnapshot().isInProgressIn(kept));
        b.commit();
    }

    @Test
    void subxidCacheOverflowKeepsVisibilityRight() throws Exception {
        a.begin();
        int top = a.currentXid();
        List<Integer> subs = new ArrayList<>();
        for (int i = 0; i < ProcArray.SUBXID_CACHE_SIZE + 6; i++) {
            a.beginSubtransaction();
            subs.add(a.currentXid());
        }
        for (int i = 0; i < subs.size(); i++) {
            a.releaseSubtransaction();
        }
        int newer = completeNewerTransaction();
        b.begin();
        Snapshot during = b.statementSnapshot();
        assertTrue(during.suboverflowed());
        assertTrue(TransactionIds.follows(during.xmax(), subs.get(subs.size() - 1)));
        assertFalse(during.isInProgressIn(newer));
        for (int sub : subs) {
            assertTrue(during.isInProgressIn(sub), "subxid " + sub);
            assertTrue(systemB.procArray().isInProgress(sub), "subxid " + sub);
        }
        assertNotEquals(top, subs.get(subs.size() - 1));
        a.commit();
        Snapshot after = b.statementSnapshot();
        assertFalse(after.suboverflowed(), "a's entry is cleared, overflow flag included");
        for (int sub : subs) {
            assertTrue(during.isInProgressIn(sub));
            assertFalse(after.isInProgressIn(sub));
            assertTrue(b.didCommit(sub));
            assertFalse(systemB.procArray().isInProgress(sub));
        }
        b.commit();
    }

    @Test
    void subCommittedResolvesThroughTheParent() {
        a.begin();
        int top = a.currentXid();
        a.beginSubtransaction();
        int sub = a.currentXid();
        // The state between the two steps of a commit: the subxid marked, the parent not yet.
        systemA.commitLog().setTreeStatus(sub, new int[0], XidStatus.SUB_COMMITTED);
        assertFalse(b.didCommit(sub));
        assertFalse(b.didAbort(sub));
        systemA.commitLog().setTreeStatus(top, new int[0], XidStatus.COMMITTED);
        assertTrue(b.didCommit(sub), "SUB_COMMITTED counts once the parent committed");
        a.abort();
    }

    @Test
    void listenersHearOfTransactionEnds() {
        List<String> events = new ArrayList<>();
        a.addListener(new TransactionListener() {
            @Override
            public void transactionEnded(int topXid, boolean committed) {
                events.add("top " + topXid + " " + committed + " running " + systemB.procArray().runningXids().length);
            }

            @Override
            public void subtransactionEnded(int level, int xid, boolean committed) {
                events.add("sub " + level + " " + committed);
            }
        });
        a.begin();
        int xid = a.currentXid();
        a.beginSubtransaction();
        a.rollbackSubtransaction();
        a.commit();
        a.begin();
        a.abort();
        assertEquals(List.of("sub 1 false", "top " + xid + " true running 0", "top 0 false running 0"), events);
    }

    @Test
    void wraparoundStopLimitRefusesNewXids() {
        // Place the stop limit two xids ahead: stop = oldest + 2^31 - 1 - 3,000,000.
        int stop = TransactionIds.FIRST_NORMAL + 2;
        int oldest = stop - Integer.MAX_VALUE + 3_000_000;
        systemA.variables().setOldestXid(oldest, 5);
        assertEquals(stop, systemA.variables().xidStopLimit());
        for (int i = 0; i < 2; i++) {
            a.begin();
            a.currentXid();
            a.commit();
        }
        b.begin();
        PgException e = assertThrows(PgException.class, b::currentXid);
        assertEquals("54000", e.sqlState());
        assertEquals("database is not accepting commands to avoid wraparound data loss in database with OID 5",
                e.getMessage());
        b.abort();
        assertEquals(0, systemA.procArray().runningXids().length);
        b.begin();
        b.statementSnapshot();
        b.commit();   // reading still works
    }

    @Test
    void xidCounterCrossesAnEpoch() {
        systemA.initializeAfterRecovery(TransactionIds.fullXid(4, TransactionIds.MAX - 1), TransactionIds.FIRST_NORMAL);
        int[] xids = new int[3];
        for (int i = 0; i < xids.length; i++) {
            a.begin();
            xids[i] = a.currentXid();
            a.commit();
        }
        assertArrayEquals(new int[] {TransactionIds.MAX - 1, TransactionIds.MAX, TransactionIds.FIRST_NORMAL}, xids);
        assertEquals(TransactionIds.fullXid(5, 4), systemA.variables().nextFullXid());
        b.begin();
        Snapshot snapshot = b.statementSnapshot();
        for (int xid : xids) {
            assertFalse(snapshot.isInProgressIn(xid), TransactionIds.toString(xid));
            assertTrue(b.didCommit(xid));
        }
        assertEquals(TransactionIds.fullXid(5, TransactionIds.FIRST_NORMAL),
                systemA.procArray().latestCompletedFullXid());
        b.commit();
    }

    @Test
    void misuseIsRefused() {
        assertThrows(IllegalStateException.class, a::commit);
        a.begin();
        assertThrows(IllegalStateException.class, a::begin);
        assertThrows(IllegalStateException.class, a::releaseSubtransaction);
        a.abort();
        assertSame(null, a.isolationLevel());
    }
}
