package org.tusk.xact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.wal.DecodedRecord;

/** pg_xact pages: eviction with few buffers, flush, restart, and redo into an empty pg_xact. */
class CommitLogTest {

    private static final int XACTS_PER_PAGE = 32768;

    @TempDir
    Path dir;

    @Test
    void statusesSurviveEvictionWithFewBuffers() throws Exception {
        try (XactCluster cluster = XactCluster.create(dir, new XactSettings(4, 4))) {
            CommitLog clog = cluster.attach(0).commitLog();
            XidStatus[] cycle = {XidStatus.COMMITTED, XidStatus.ABORTED, XidStatus.SUB_COMMITTED};
            List<Integer> xids = new ArrayList<>();
            for (int page = 0; page < 12; page++) {
                for (int k = 0; k < 3; k++) {
                    xids.add(page * XACTS_PER_PAGE + 5 + k * 1001);
                }
            }
            xids.add(0xFFFF_FFF0);   // the last segment, 0FFF
            for (int i = 0; i < xids.size(); i++) {
                clog.setTreeStatus(xids.get(i), new int[0], cycle[i % 3]);
            }
            for (int i = 0; i < xids.size(); i++) {
                assertEquals(cycle[i % 3], clog.status(xids.get(i)), "xid " + xids.get(i));
                assertEquals(XidStatus.IN_PROGRESS, clog.status(xids.get(i) + 1), "neighbour of " + xids.get(i));
            }
            assertTrue(Files.exists(cluster.dataDirectory.resolve("pg_xact/0000")), "evicted pages were written");
            assertEquals(XidStatus.IN_PROGRESS, clog.status(20 * XACTS_PER_PAGE + 7), "a page never written reads as zeros");
            assertEquals(XidStatus.COMMITTED, clog.status(TransactionIds.FROZEN));
            assertTrue(clog.didCommit(TransactionIds.BOOTSTRAP));
            assertFalse(clog.didCommit(TransactionIds.INVALID));
            clog.flush();
            assertTrue(Files.exists(cluster.dataDirectory.resolve("pg_xact/0FFF")));
            assertEquals(8192L * 32, Files.size(cluster.dataDirectory.resolve("pg_xact/0FFF")));
        }
    }

    @Test
    void flushedCommitLogSurvivesARestart() throws Exception {
        int committed;
        int aborted;
        FakeWal wal = new FakeWal();
        try (XactCluster cluster = XactCluster.create(dir)) {
            TransactionSystem system = cluster.attach(0, wal);
            TransactionManager tm = system.newTransactionManager(wal);
            tm.begin();
            committed = tm.currentXid();
            tm.commit();
            tm.begin();
            aborted = tm.currentXid();
            tm.abort();
            assertFalse(Files.exists(cluster.dataDirectory.resolve("pg_xact/0000")), "nothing written before a flush");
            system.checkpoint();
            assertEquals(8192, Files.size(cluster.dataDirectory.resolve("pg_xact/0000")));
        }
        try (XactCluster restarted = XactCluster.create(dir)) {
            TransactionSystem system = restarted.attach(3);
            system.initializeAfterRecovery(TransactionIds.fullXid(0, aborted + 1), TransactionIds.FIRST_NORMAL);
            TransactionManager tm = system.newTransactionManager(wal);
            assertTrue(tm.didCommit(committed));
            assertTrue(tm.didAbort(aborted));
            tm.begin();
            assertEquals(aborted + 1, tm.currentXid(), "the counter continues after the checkpoint's next xid");
            tm.commit();
            assertTrue(tm.didCommit(committed), "zeroing is only for pages of new xids");
        }
    }

    @Test
    void redoRebuildsTheCommitLogFromAnEmptyPgXact() throws Exception {
        FakeWal wal = new FakeWal();
        List<int[]> committedTrees = new ArrayList<>();
        List<Integer> aborted = new ArrayList<>();
        int last;
        try (XactCluster cluster = XactCluster.create(dir)) {
            TransactionManager tm = cluster.attach(0).newTransactionManager(wal);
            for (int i = 0; i < 30; i++) {
                tm.begin();
                int top = tm.currentXid();
                tm.beginSubtransaction();
                int sub = tm.currentXid();
                tm.beginSubtransaction();
                int rolledBack = tm.currentXid();
                tm.rollbackSubtransaction();
                tm.releaseSubtransaction();
                aborted.add(rolledBack);
                if (i % 3 == 2) {
                    tm.abort();
                    aborted.add(top);
                    aborted.add(sub);
                } else {
                    tm.commit();
                    committedTrees.add(new int[] {top, sub});
                }
            }
            tm.begin();
            last = tm.currentXid();   // in progress at the "crash": no record
            // No checkpoint: pg_xact never reaches the disk.
        }
        assertFalse(Files.exists(dir.resolve("data/pg_xact/0000")));
        try (XactCluster recovered = XactCluster.create(dir)) {
            TransactionSystem startup = recovered.attach(1);
            for (DecodedRecord record : wal.decoded()) {
                startup.observeXid(record.xid());
                startup.resourceManager().redo(record, null);
            }
            startup.initializeAfterRecovery(TransactionIds.fullXid(0, TransactionIds.FIRST_NORMAL),
                    TransactionIds.FIRST_NORMAL);
            CommitLog clog = startup.commitLog();
            for (int[] tree : committedTrees) {
                assertTrue(clog.didCommit(tree[0]));
                assertTrue(clog.didCommit(tree[1]));
                assertEquals(XidStatus.COMMITTED, clog.status(tree[1]));
            }
            for (int xid : aborted) {
                assertTrue(clog.didAbort(xid), "xid " + xid);
            }
            assertEquals(XidStatus.IN_PROGRESS, clog.status(last));
            assertFalse(clog.didCommit(last));
            assertFalse(clog.didAbort(last), "a crashed transaction is neither");
            long next = startup.variables().nextFullXid();
            assertTrue(TransactionIds.follows(TransactionIds.xidOf(next), last - 1),
                    "next xid " + next + " is past every xid in the WAL");
            assertEquals(next - 1, startup.procArray().latestCompletedFullXid());
        }
    }
}
