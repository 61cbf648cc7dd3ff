package org.tusk.memam;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.heapam.FakeTransactions;
import org.tusk.api.error.PgException;
import org.tusk.api.storage.ModifyResult;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.api.storage.RowLockMode;
import org.tusk.api.storage.Snapshot;
import org.tusk.api.storage.TableScan;
import org.tusk.api.storage.TupleId;
import org.tusk.api.storage.VacuumResult;
import org.tusk.shmem.LWLock;
import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.ShmemRequest;
import org.tusk.shmem.ShmemSegment;

/** The memory AM on a real shared-memory area, with fake transactions (one process): heapam's suite where it applies. */
class MemoryAccessMethodTest {

    static final RelFileLocator REL = RelFileLocator.of(5, 16384);

    @TempDir
    Path dir;

    private ShmemSegment segment;
    private ProcSlot slot;
    private FakeTransactions xacts;
    private MemoryAccessMethod mem;

    private MemoryAccessMethod open(int areaBytes) throws Exception {
        if (segment != null) {
            segment.close();
        }
        segment = ShmemSegment.create(dir.resolve("shm"), 4, dir.resolve("latches"),
                List.of(new ShmemRequest(MemoryAccessMethod.AREA_NAME, areaBytes, 64)));
        slot = segment.slot(0);
        slot.setPid((int) ProcessHandle.current().pid());
        slot.ownLatch();
        return new MemoryAccessMethod(segment.area(MemoryAccessMethod.AREA_NAME), slot, xacts);
    }

    @BeforeEach
    void setUp() throws Exception {
        xacts = new FakeTransactions();
        mem = open(1 << 20);
        mem.createStorage(REL);
    }

    @AfterEach
    void tearDown() throws Exception {
        LWLock.releaseAll(slot);   // a test that failed inside a lock must not hang the next one
        segment.close();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    private List<String> scan(RelFileLocator rel, Snapshot snapshot, FakeTransactions.Txn txn) {
        List<String> out = new ArrayList<>();
        try (TableScan scan = mem.beginScan(rel, snapshot, txn)) {
            while (scan.next()) {
                out.add(text(scan.data()));
                assertEquals(text(scan.data()), text(mem.fetch(rel, scan.tupleId(), snapshot, txn)));
            }
        }
        return out;
    }

    private List<String> scan(Snapshot snapshot, FakeTransactions.Txn txn) {
        return scan(REL, snapshot, txn);
    }

    private List<String> committedRows() {
        return scan(xacts.snapshot(0), xacts.begin());
    }

    @Test
    void describesItself() {
        assertEquals("memory", mem.name());
        assertFalse(mem.isDurable());
        assertEquals((1 << 20) / 8192 - 1, mem.blocksTotal(), "1 MB less the control page and directory");
    }

    @Test
    void insertUpdateDeleteScanRoundTrip() {
        FakeTransactions.Txn t1 = xacts.begin();
        TupleId a = mem.insert(REL, bytes("a"), t1);
        TupleId b = mem.insert(REL, bytes("b"), t1);
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
        ModifyResult updated = mem.update(REL, a, bytes("a2"), t2, t2.snapshot(), true);
        assertEquals(ModifyResult.Status.OK, updated.status());
        assertEquals(new TupleId(a.block(), 3), updated.newTupleId(), "same block while it has room");
        assertEquals(ModifyResult.Status.OK, mem.delete(REL, b, t2, t2.snapshot(), true).status());
        t2.next();
        assertEquals(List.of("a2"), scan(t2.snapshot(), t2));
        assertEquals(List.of("a", "b"), scan(before, xacts.begin()));
        t2.commit();
        assertEquals(List.of("a2"), committedRows());
        assertEquals(List.of("a", "b"), scan(before, xacts.begin()), "an old snapshot still sees the old versions");
        assertNull(mem.fetch(REL, a, xacts.snapshot(0), xacts.begin()));
        assertNull(mem.fetch(REL, new TupleId(77, 1), xacts.snapshot(0), xacts.begin()), "not a block of REL");
        assertNull(mem.fetch(REL, new TupleId(a.block(), 40), xacts.snapshot(0), xacts.begin()));
        assertEquals(1, mem.estimateSize(REL).pages());
        assertEquals(3, mem.estimateSize(REL).tuples(), 0.01, "a, b, a2: versions until VACUUM");
    }

    @Test
    void abortedChangesAreInvisible() {
        FakeTransactions.Txn t1 = xacts.begin();
        TupleId a = mem.insert(REL, bytes("a"), t1);
        t1.commit();
        FakeTransactions.Txn t2 = xacts.begin();
        mem.insert(REL, bytes("ghost"), t2);
        mem.update(REL, a, bytes("a-ghost"), t2, t2.snapshot(), true);
        t2.abort();
        assertEquals(List.of("a"), committedRows());
        FakeTransactions.Txn t3 = xacts.begin();
        assertEquals(ModifyResult.Status.OK, mem.delete(REL, a, t3, t3.snapshot(), true).status(),
                "an aborted updater does not block");
        t3.next();
        assertEquals(List.of(), scan(t3.snapshot(), t3));
    }

    @Test
    void ownChangesFollowCommandIdsWithComboCids() {
        FakeTransactions.Txn t = xacts.begin();
        TupleId a = mem.insert(REL, bytes("a"), t);
        t.next();
        Snapshot cmd1 = t.snapshot();
        assertEquals(ModifyResult.Status.OK, mem.delete(REL, a, t, t.snapshot(), true).status());
        assertEquals(List.of("a"), scan(cmd1, t), "the deleting command still sees it");
        t.next();
        assertEquals(List.of(), scan(t.snapshot(), t));
        assertEquals(ModifyResult.Status.INVISIBLE, mem.delete(REL, a, t, t.snapshot(), true).status());
        FakeTransactions.Txn t2 = xacts.begin();
        TupleId b = mem.insert(REL, bytes("b"), t2);
        assertEquals(ModifyResult.Status.INVISIBLE, mem.delete(REL, b, t2, t2.snapshot(), true).status(),
                "inserted by the current command");
        t2.next();
        mem.delete(REL, b, t2, t2.snapshot(), true);
        assertEquals(ModifyResult.Status.SELF_MODIFIED, mem.delete(REL, b, t2, t2.snapshot(), true).status(),
                "already deleted by this command");
    }

    @Test
    void concurrentChangesWaitThenReportWhatHappened() {
        FakeTransactions.Txn t1 = xacts.begin();
        TupleId a = mem.insert(REL, bytes("a"), t1);
        TupleId b = mem.insert(REL, bytes("b"), t1);
        t1.commit();
        FakeTransactions.Txn updater = xacts.begin();
        TupleId a2 = mem.update(REL, a, bytes("a2"), updater, updater.snapshot(), true).newTupleId();
        FakeTransactions.Txn other = xacts.begin();
        ModifyResult blocked = mem.delete(REL, a, other, other.snapshot(), false);
        assertEquals(ModifyResult.Status.WOULD_BLOCK, blocked.status());
        assertEquals(updater.xid, blocked.xmax());
        List<Integer> waitedFor = new ArrayList<>();
        xacts.onWait = xid -> {
            assertFalse(slotHoldsAnyAreaLock(), "no LWLock is held across a transaction wait");
            waitedFor.add(xid);
            updater.commit();
        };
        ModifyResult result = mem.update(REL, a, bytes("a3"), other, other.snapshot(), true);
        assertEquals(List.of(updater.xid), waitedFor);
        assertEquals(ModifyResult.Status.UPDATED, result.status());
        assertEquals(a2, result.newTupleId(), "the caller can follow the ctid to the new version");
        assertEquals(ModifyResult.Status.OK, mem.update(REL, a2, bytes("a3"), other, other.snapshot(), true).status());

        FakeTransactions.Txn deleter = xacts.begin();
        mem.delete(REL, b, deleter, deleter.snapshot(), true);
        xacts.onWait = xid -> deleter.abort();
        assertEquals(ModifyResult.Status.OK,
                mem.lockTuple(REL, b, RowLockMode.SHARE, other, other.snapshot(), true).status(),
                "the deleter aborted: the lock is ours");
        FakeTransactions.Txn third = xacts.begin();
        assertEquals(ModifyResult.Status.WOULD_BLOCK,
                mem.lockTuple(REL, b, RowLockMode.KEY_SHARE, third, third.snapshot(), false).status(),
                "no multixacts: a second locker waits for the first");
        assertEquals(ModifyResult.Status.OK,
                mem.lockTuple(REL, b, RowLockMode.UPDATE, other, other.snapshot(), true).status(), "upgrade");
        xacts.onWait = xid -> other.commit();
        assertEquals(ModifyResult.Status.OK, mem.delete(REL, b, third, third.snapshot(), true).status(),
                "a committed locker does not stop a delete");
        third.commit();
        FakeTransactions.Txn late = xacts.begin();
        ModifyResult gone = mem.delete(REL, b, late, late.snapshot(), true);
        assertEquals(ModifyResult.Status.DELETED, gone.status());
        assertEquals(third.xid, gone.xmax());
    }

    private boolean slotHoldsAnyAreaLock() {
        for (int i = 0; i < 64; i++) {
            if (segment.area(MemoryAccessMethod.AREA_NAME).lwlock(i).isHeldBy(slot)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void updatesSpillToOtherBlocksAndScanCoversThemAll() {
        FakeTransactions.Txn t = xacts.begin();
        byte[] big = new byte[1000];
        List<TupleId> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            big[0] = (byte) i;
            ids.add(mem.insert(REL, big.clone(), t));
        }
        t.commit();
        assertEquals(3, mem.estimateSize(REL).pages(), "8 tuples of 1 kB per block");
        FakeTransactions.Txn u = xacts.begin();
        for (TupleId id : ids) {
            ModifyResult r = mem.update(REL, id, new byte[2000], u, u.snapshot(), true);
            assertEquals(ModifyResult.Status.OK, r.status());
            assertNotEquals(id.block(), r.newTupleId().block(), "no room left on the old block");
        }
        u.commit();
        assertEquals(20, committedRows().size());
        assertTrue(committedRows().stream().allMatch(s -> s.length() == 2000));
        PgException tooBig = assertThrows(PgException.class, () -> mem.insert(REL, new byte[8200], xacts.begin()));
        assertEquals("54000", tooBig.sqlState());
        mem.insert(REL, new byte[MemoryAccessMethod.MAX_TUPLE_SIZE - 24], xacts.begin());
    }

    @Test
    void vacuumRemovesDeadVersionsFreezesAndReusesTheSpace() {
        FakeTransactions.Txn t = xacts.begin();
        List<TupleId> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(mem.insert(REL, bytes("row" + i), t));
        }
        t.commit();
        FakeTransactions.Txn d = xacts.begin();
        for (int i = 0; i < 5; i++) {
            mem.delete(REL, ids.get(i), d, d.snapshot(), true);
        }
        d.commit();
        VacuumResult recent = mem.vacuum(REL, d.xid, 3);
        assertEquals(0, recent.tuplesRemoved(), "deleted by a transaction someone may still not see as ended");
        assertEquals(10, recent.tuplesRemaining());
        assertEquals(0, recent.tuplesFrozen(), "nothing precedes the freeze limit");
        assertEquals(0, recent.pagesAllVisible());
        VacuumResult result = mem.vacuum(REL, d.xid + 1, d.xid + 1);
        assertEquals(1, result.pagesScanned());
        assertEquals(5, result.tuplesRemoved());
        assertEquals(5, result.tuplesRemaining());
        assertEquals(5, result.tuplesFrozen());
        assertEquals(1, result.pagesAllVisible());
        assertEquals(List.of("row5", "row6", "row7", "row8", "row9"), committedRows());
        assertEquals(0, mem.vacuum(REL, d.xid + 1, d.xid + 1).tuplesFrozen(), "already frozen");
        assertEquals(5, mem.estimateSize(REL).tuples(), 0.01);
        FakeTransactions.Txn i = xacts.begin();
        TupleId notReused = mem.insert(REL, bytes("before reclaim"), i);
        assertEquals(new TupleId(ids.get(0).block(), 11), notReused,
                "a removed version's line pointer stays reserved (LP_DEAD) while an index may point at it");
        assertEquals(ids.subList(0, 5), mem.collectDeadTuples(REL));
        assertEquals(5, mem.reclaimDeadTuples(REL, mem.collectDeadTuples(REL)), "after index vacuuming");
        assertEquals(List.of(), mem.collectDeadTuples(REL));
        assertEquals(0, mem.reclaimDeadTuples(REL, ids.subList(0, 5)), "only dead line pointers are reclaimed");
        TupleId reused = mem.insert(REL, bytes("new"), i);
        assertEquals(ids.get(0), reused, "a reclaimed line pointer is reused");
        i.commit();
        assertEquals(List.of("new", "row5", "row6", "row7", "row8", "row9", "before reclaim"), committedRows());
        FakeTransactions.Txn locker = xacts.begin();
        mem.lockTuple(REL, ids.get(9), RowLockMode.UPDATE, locker, locker.snapshot(), true);
        locker.commit();
        mem.vacuum(REL, locker.xid + 1, locker.xid + 1);
        FakeTransactions.Txn w = xacts.begin();
        assertEquals(ModifyResult.Status.OK,
                mem.lockTuple(REL, ids.get(9), RowLockMode.UPDATE, w, w.snapshot(), false).status(),
                "a finished locker's xmax was cleared");
    }

    @Test
    void aWorkloadOfUpdatesAndVacuumsStaysWithinItsBlocks() {
        FakeTransactions.Txn t = xacts.begin();
        List<TupleId> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ids.add(mem.insert(REL, new byte[100], t));
        }
        t.commit();
        for (int round = 0; round < 200; round++) {
            FakeTransactions.Txn u = xacts.begin();
            for (int i = 0; i < ids.size(); i++) {
                ids.set(i, mem.update(REL, ids.get(i), new byte[100], u, u.snapshot(), true).newTupleId());
            }
            u.commit();
            mem.vacuum(REL, u.xid + 1, u.xid + 1);
            mem.reclaimDeadTuples(REL, mem.collectDeadTuples(REL));     // no index: reclaim at once
        }
        assertEquals(50, committedRows().size());
        assertTrue(mem.estimateSize(REL).pages() <= 2, "vacuumed space is reused, not leaked: "
                + mem.estimateSize(REL));
    }

    @Test
    void outOfSpaceIs53100AndDroppingGivesTheSpaceBack() throws Exception {
        mem = open(64 * 1024);
        assertEquals(7, mem.blocksTotal());
        FakeTransactions.Txn t = xacts.begin();
        RelFileLocator other = RelFileLocator.of(5, 16390);
        mem.insert(other, bytes("keeps one block"), t);
        int rows = 0;
        PgException full = null;
        try {
            while (rows < 1000) {
                mem.insert(REL, new byte[4000], t);
                rows++;
            }
        } catch (PgException e) {
            full = e;
        }
        assertNotNull(full);
        assertEquals("53100", full.sqlState());
        assertEquals("could not extend memory table base/5/16384: out of shared memory", full.getMessage());
        assertEquals("You might need to increase \"memory_table_size\".", full.hint());
        assertEquals(12, rows, "two 4 kB rows in each of the 6 blocks left");
        assertEquals(7, mem.blocksInUse());
        t.commit();
        FakeTransactions.Txn u = xacts.begin();
        TupleId last = mem.insert(REL, new byte[10], u);
        u.next();
        assertEquals("53100", assertThrows(PgException.class,
                () -> mem.update(REL, last, new byte[8000], u, u.snapshot(), true)).sqlState());
        assertEquals(13, scan(u.snapshot(), u).size(), "the failed update left the old version alone");
        assertEquals(ModifyResult.Status.OK, mem.update(REL, last, new byte[20], u, u.snapshot(), true).status(),
                "a version that fits its block still can be updated");

        mem.dropStorage(REL);
        assertEquals(1, mem.blocksInUse());
        assertEquals(List.of(), committedRows(), "a dropped relation reads as empty");
        FakeTransactions.Txn v = xacts.begin();
        for (int i = 0; i < 12; i++) {
            mem.insert(REL, new byte[4000], v);
        }
        v.commit();
        assertEquals(12, committedRows().size());
        assertEquals(List.of("keeps one block"), scan(other, xacts.snapshot(0), xacts.begin()));
    }

    @Test
    void theDirectoryHoldsManyRelationsAndFreshMemoryIsEmpty() throws Exception {
        FakeTransactions.Txn t = xacts.begin();
        for (int r = 0; r < 40; r++) {
            mem.insert(RelFileLocator.of(5, 20000 + r), bytes("rel" + r), t);
        }
        t.commit();
        for (int r = 0; r < 40; r += 2) {
            mem.dropStorage(RelFileLocator.of(5, 20000 + r));
        }
        for (int r = 0; r < 40; r++) {
            List<String> rows = scan(RelFileLocator.of(5, 20000 + r), xacts.snapshot(0), xacts.begin());
            assertEquals(r % 2 == 0 ? List.of() : List.of("rel" + r), rows, "relation " + r);
        }
        // A restart: the area is new (zeroed), every memory table is empty but usable.
        mem = open(1 << 20);
        assertEquals(List.of(), scan(RelFileLocator.of(5, 20001), xacts.snapshot(0), xacts.begin()));
        assertEquals(0, mem.blocksInUse());
        FakeTransactions.Txn u = xacts.begin();
        mem.insert(RelFileLocator.of(5, 20001), bytes("again"), u);
        u.commit();
        assertEquals(List.of("again"), scan(RelFileLocator.of(5, 20001), xacts.snapshot(0), xacts.begin()));
    }
}
