package org.tusk.heapam;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.api.error.PgException;
import org.tusk.api.storage.ModifyResult;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.api.storage.RowLockMode;
import org.tusk.api.storage.Snapshot;
import org.tusk.api.storage.TableAccessMethod;
import org.tusk.api.storage.TableScan;
import org.tusk.api.storage.TupleHeaderFields;
import org.tusk.api.storage.TupleId;

/**
 * What every table access method owes the executor, whatever its layout: MVCC visibility by
 * snapshot and command id, combo cids, waiting for a concurrent writer and then reporting what
 * it did (the caller follows the update chain), and tuples that move to other blocks when an
 * update does not fit. heapam and memam run this suite over their own storage; their own
 * tests add what is particular to them (pages and redo, the shared-memory area).
 */
public abstract class TableAccessMethodContract {

    protected static final RelFileLocator REL = RelFileLocator.of(5, 16384);

    /** The access method under test, with {@link #REL} created, over {@link #xacts()}. */
    protected abstract TableAccessMethod am();

    protected abstract FakeTransactions xacts();

    /** Structural checks of REL after a test (heapam: HeapCheck finds nothing). */
    protected abstract void assertConsistent();

    /** Called while a backend waits for another transaction: no lock of the AM may be held then. */
    protected void assertNothingHeldAcrossWait() {
    }

    protected static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    protected static String text(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** Every row REL shows to the snapshot, each also checked by a fetch of its tuple id. */
    protected List<String> scan(Snapshot snapshot, FakeTransactions.Txn txn) {
        List<String> out = new ArrayList<>();
        try (TableScan scan = am().beginScan(REL, snapshot, txn)) {
            while (scan.next()) {
                out.add(text(scan.data()));
                assertEquals(text(scan.data()), text(am().fetch(REL, scan.tupleId(), snapshot, txn)));
            }
        }
        return out;
    }

    protected List<String> committedRows() {
        return scan(xacts().snapshot(0), xacts().begin());
    }

    @Test
    void insertUpdateDeleteScanRoundTrip() {
        TableAccessMethod am = am();
        FakeTransactions xacts = xacts();
        FakeTransactions.Txn t1 = xacts.begin();
        TupleId a = am.insert(REL, bytes("a"), t1);
        TupleId b = am.insert(REL, bytes("b"), t1);
        assertEquals(a.block(), b.block());
        assertEquals(1, a.offset());
        assertEquals(2, b.offset());
        assertEquals(List.of(), scan(t1.snapshot(), t1), "own inserts of the current command are not yet visible");
        t1.next();
        assertEquals(List.of("a", "b"), scan(t1.snapshot(), t1));
        assertEquals(List.of(), committedRows(), "others do not see uncommitted rows");
        t1.commit();
        assertEquals(List.of("a", "b"), committedRows());

        FakeTransactions.Txn t2 = xacts.begin();
        Snapshot before = xacts.snapshot(0);
        ModifyResult updated = am.update(REL, a, bytes("a2"), t2, t2.snapshot(), true);
        assertEquals(ModifyResult.Status.OK, updated.status());
        assertEquals(new TupleId(a.block(), 3), updated.newTupleId(), "same block while it has room");
        assertEquals(ModifyResult.Status.OK, am.delete(REL, b, t2, t2.snapshot(), true).status());
        t2.next();
        assertEquals(List.of("a2"), scan(t2.snapshot(), t2));
        assertEquals(List.of("a", "b"), scan(before, xacts.begin()));
        t2.commit();
        assertEquals(List.of("a2"), committedRows());
        assertEquals(List.of("a", "b"), scan(before, xacts.begin()), "an old snapshot still sees the old versions");
        assertNull(am.fetch(REL, a, xacts.snapshot(0), xacts.begin()));
        assertNull(am.fetch(REL, new TupleId(77, 1), xacts.snapshot(0), xacts.begin()), "not a block of REL");
        assertNull(am.fetch(REL, new TupleId(a.block(), 40), xacts.snapshot(0), xacts.begin()));
        assertConsistent();
    }

    @Test
    void abortedChangesAreInvisible() {
        TableAccessMethod am = am();
        FakeTransactions xacts = xacts();
        FakeTransactions.Txn t1 = xacts.begin();
        TupleId a = am.insert(REL, bytes("a"), t1);
        t1.commit();
        FakeTransactions.Txn t2 = xacts.begin();
        am.insert(REL, bytes("ghost"), t2);
        am.update(REL, a, bytes("a-ghost"), t2, t2.snapshot(), true);
        t2.abort();
        assertEquals(List.of("a"), committedRows());
        FakeTransactions.Txn t3 = xacts.begin();
        assertEquals(ModifyResult.Status.OK, am.delete(REL, a, t3, t3.snapshot(), true).status(),
                "an aborted updater does not block");
        t3.next();
        assertEquals(List.of(), scan(t3.snapshot(), t3));
        assertConsistent();
    }

    @Test
    void ownChangesFollowCommandIdsWithComboCids() {
        TableAccessMethod am = am();
        FakeTransactions xacts = xacts();
        FakeTransactions.Txn t = xacts.begin();
        TupleId a = am.insert(REL, bytes("a"), t);
        t.next();
        Snapshot cmd1 = t.snapshot();
        assertEquals(ModifyResult.Status.OK, am.delete(REL, a, t, t.snapshot(), true).status());
        assertEquals(List.of("a"), scan(cmd1, t), "the deleting command still sees it");
        t.next();
        assertEquals(List.of(), scan(t.snapshot(), t));
        assertEquals(ModifyResult.Status.INVISIBLE, am.delete(REL, a, t, t.snapshot(), true).status());
        FakeTransactions.Txn t2 = xacts.begin();
        TupleId b = am.insert(REL, bytes("b"), t2);
        assertEquals(ModifyResult.Status.INVISIBLE, am.delete(REL, b, t2, t2.snapshot(), true).status(),
                "inserted by the current command");
        t2.next();
        am.delete(REL, b, t2, t2.snapshot(), true);
        assertEquals(ModifyResult.Status.SELF_MODIFIED, am.delete(REL, b, t2, t2.snapshot(), true).status(),
                "already deleted by this command");
    }

    @Test
    void headersShowInsertingAndDeletingTransactionsForSystemColumns() {
        TableAccessMethod am = am();
        FakeTransactions xacts = xacts();
        FakeTransactions.Txn t1 = xacts.begin();
        TupleId a = am.insert(REL, bytes("a"), t1);
        t1.next();
        TupleId b = am.insert(REL, bytes("b"), t1);
        t1.next();
        t1.commit();
        FakeTransactions.Txn reader = xacts.begin();
        Snapshot snap = xacts.snapshot(0);
        List<TupleHeaderFields> seen = new ArrayList<>();
        try (TableScan scan = am.beginScan(REL, snap, reader)) {
            while (scan.next()) {
                seen.add(scan.header());
                assertEquals(scan.header(), am.fetchHeader(REL, scan.tupleId(), snap, reader),
                        "a fetch by tuple id sees the same header");
            }
        }
        assertEquals(List.of(new TupleHeaderFields(t1.xid, 0, 0), new TupleHeaderFields(t1.xid, 0, 1)), seen,
                "xmin the inserter, no xmax, cmin the inserting command");
        FakeTransactions.Txn t2 = xacts.begin();
        assertEquals(ModifyResult.Status.OK, am.delete(REL, a, t2, t2.snapshot(), true).status());
        TupleHeaderFields deleted = am.fetchHeader(REL, a, xacts.snapshot(0), xacts.begin());
        assertEquals(t1.xid, deleted.xmin());
        assertEquals(t2.xid, deleted.xmax(), "an uncommitted deleter shows in xmax to others");
        assertNull(am.fetchHeader(REL, new TupleId(a.block(), 40), snap, reader), "no such item");
        t2.abort();
        assertNotNull(am.fetchHeader(REL, b, xacts.snapshot(0), xacts.begin()));
    }

    @Test
    void latestTidFollowsTheUpdateChainToTheVisibleVersion() {
        TableAccessMethod am = am();
        FakeTransactions xacts = xacts();
        FakeTransactions.Txn t1 = xacts.begin();
        TupleId v1 = am.insert(REL, bytes("v1"), t1);
        t1.commit();
        FakeTransactions.Txn t2 = xacts.begin();
        TupleId v2 = am.update(REL, v1, bytes("v2"), t2, t2.snapshot(), true).newTupleId();
        t2.next();
        TupleId v3 = am.update(REL, v2, bytes("v3"), t2, t2.snapshot(), true).newTupleId();
        t2.next();
        assertEquals(v3, am.latestTid(REL, v1, t2.snapshot(), t2), "the updater sees its newest version");
        assertEquals(v1, am.latestTid(REL, v1, xacts.snapshot(0), xacts.begin()),
                "others still see the first version");
        assertEquals(v3, am.latestTid(REL, v3, t2.snapshot(), t2));
        t2.commit();
        assertEquals(v3, am.latestTid(REL, v1, xacts.snapshot(0), xacts.begin()));
    }

    @Test
    void concurrentChangesWaitThenReportWhatHappened() {
        TableAccessMethod am = am();
        FakeTransactions xacts = xacts();
        FakeTransactions.Txn t1 = xacts.begin();
        TupleId a = am.insert(REL, bytes("a"), t1);
        TupleId b = am.insert(REL, bytes("b"), t1);
        t1.commit();
        FakeTransactions.Txn updater = xacts.begin();
        TupleId a2 = am.update(REL, a, bytes("a2"), updater, updater.snapshot(), true).newTupleId();
        FakeTransactions.Txn other = xacts.begin();
        ModifyResult blocked = am.delete(REL, a, other, other.snapshot(), false);
        assertEquals(ModifyResult.Status.WOULD_BLOCK, blocked.status());
        assertEquals(updater.xid, blocked.xmax());
        List<Integer> waitedFor = new ArrayList<>();
        xacts.onWait = xid -> {
            assertNothingHeldAcrossWait();
            waitedFor.add(xid);
            updater.commit();
        };
        ModifyResult result = am.update(REL, a, bytes("a3"), other, other.snapshot(), true);
        assertEquals(List.of(updater.xid), waitedFor);
        assertEquals(ModifyResult.Status.UPDATED, result.status());
        assertEquals(a2, result.newTupleId(), "the caller can follow the ctid to the new version");
        assertEquals(ModifyResult.Status.OK, am.update(REL, a2, bytes("a3"), other, other.snapshot(), true).status());

        FakeTransactions.Txn deleter = xacts.begin();
        am.delete(REL, b, deleter, deleter.snapshot(), true);
        xacts.onWait = xid -> deleter.abort();
        assertEquals(ModifyResult.Status.OK,
                am.lockTuple(REL, b, RowLockMode.SHARE, other, other.snapshot(), true).status(),
                "the deleter aborted: the lock is ours");
        FakeTransactions.Txn third = xacts.begin();
        assertEquals(ModifyResult.Status.WOULD_BLOCK,
                am.lockTuple(REL, b, RowLockMode.KEY_SHARE, third, third.snapshot(), false).status(),
                "no multixacts: a second locker waits for the first");
        assertEquals(ModifyResult.Status.OK,
                am.lockTuple(REL, b, RowLockMode.UPDATE, other, other.snapshot(), true).status(), "upgrade");
        xacts.onWait = xid -> other.commit();
        assertEquals(ModifyResult.Status.OK, am.delete(REL, b, third, third.snapshot(), true).status(),
                "a committed locker does not stop a delete");
        third.commit();
        FakeTransactions.Txn late = xacts.begin();
        ModifyResult gone = am.delete(REL, b, late, late.snapshot(), true);
        assertEquals(ModifyResult.Status.DELETED, gone.status());
        assertEquals(third.xid, gone.xmax());
        assertConsistent();
    }

    @Test
    void updatesSpillToOtherBlocksAndScanCoversThemAll() {
        TableAccessMethod am = am();
        FakeTransactions xacts = xacts();
        FakeTransactions.Txn t = xacts.begin();
        byte[] big = new byte[1000];
        List<TupleId> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            big[0] = (byte) i;
            ids.add(am.insert(REL, big.clone(), t));
        }
        t.commit();
        assertEquals(3, am.estimateSize(REL).pages(), "7 or 8 tuples of 1 kB per 8 kB block");
        FakeTransactions.Txn u = xacts.begin();
        for (TupleId id : ids) {
            ModifyResult r = am.update(REL, id, new byte[2000], u, u.snapshot(), true);
            assertEquals(ModifyResult.Status.OK, r.status());
            assertNotEquals(id.block(), r.newTupleId().block(), "no room left on the old block");
        }
        u.commit();
        assertEquals(20, committedRows().size());
        assertTrue(committedRows().stream().allMatch(s -> s.length() == 2000));
        PgException tooBig = assertThrows(PgException.class, () -> am.insert(REL, new byte[8200], xacts.begin()));
        assertEquals("54000", tooBig.sqlState());
        assertConsistent();
    }
}
