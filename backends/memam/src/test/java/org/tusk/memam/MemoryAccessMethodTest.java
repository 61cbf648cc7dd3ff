package org.tusk.memam;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.heapam.FakeTransactions;
import org.tusk.heapam.TableAccessMethodContract;
import org.tusk.api.error.PgException;
import org.tusk.api.storage.ModifyResult;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.api.storage.RowLockMode;
import org.tusk.api.storage.Snapshot;
import org.tusk.api.storage.TableAccessMethod;
import org.tusk.api.storage.TableScan;
import org.tusk.api.storage.TupleId;
import org.tusk.api.storage.VacuumResult;
import org.tusk.shmem.LWLock;
import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.ShmemRequest;
import org.tusk.shmem.ShmemSegment;

/** The memory AM on a real shared-memory area, with fake transactions (one process): heapam's contract (TableAccessMethodContract) plus what is particular to the shared-memory area. */
class MemoryAccessMethodTest extends TableAccessMethodContract {

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

    @Override
    protected TableAccessMethod am() {
        return mem;
    }

    @Override
    protected FakeTransactions xacts() {
        return xacts;
    }

    @Override
    protected void assertConsistent() {
        // the memory AM has no structural checker of its own; its tests check the rows and the space
    }

    @Override
    protected void assertNothingHeldAcrossWait() {
        for (int i = 0; i < 64; i++) {
            assertFalse(segment.area(MemoryAccessMethod.AREA_NAME).lwlock(i).isHeldBy(slot),
                    "no LWLock is held across a transaction wait");
        }
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

    @Test
    void describesItself() {
        assertEquals("memory", mem.name());
        assertFalse(mem.isDurable());
        assertEquals((1 << 20) / 8192 - 1, mem.blocksTotal(), "1 MB less the control page and directory");
    }

    @Test
    void sizeEstimateCountsVersionsUntilVacuum() {
        FakeTransactions.Txn t1 = xacts.begin();
        TupleId a = mem.insert(REL, bytes("a"), t1);
        mem.insert(REL, bytes("b"), t1);
        t1.commit();
        FakeTransactions.Txn t2 = xacts.begin();
        mem.update(REL, a, bytes("a2"), t2, t2.snapshot(), true);
        t2.commit();
        assertEquals(1, mem.estimateSize(REL).pages());
        assertEquals(3, mem.estimateSize(REL).tuples(), 0.01, "a, b, a2: versions until VACUUM");
    }

    @Test
    void aTupleOfTheLargestSizeFitsInABlock() {
        mem.insert(REL, new byte[MemoryAccessMethod.MAX_TUPLE_SIZE - 24], xacts.begin());
        assertThrows(PgException.class,
                () -> mem.insert(REL, new byte[MemoryAccessMethod.MAX_TUPLE_SIZE + 1], xacts.begin()));
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
