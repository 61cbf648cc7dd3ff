package org.tusk.heapam;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.wal.RecordingWal;
import org.tusk.api.error.PgException;
import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.ModifyResult;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.api.storage.RowLockMode;
import org.tusk.api.storage.Snapshot;
import org.tusk.api.storage.TableScan;
import org.tusk.api.storage.TupleId;
import org.tusk.api.storage.VacuumResult;
import org.tusk.buffer.Buffer;
import org.tusk.buffer.BufferManager;
import org.tusk.buffer.Page;
import org.tusk.shmem.LWLockMode;
import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.ShmemSegment;
import org.tusk.wal.DecodedRecord;
import org.tusk.wal.RedoContext;
import org.tusk.wal.ResourceManager;

/** The heap over a real buffer pool, with an in-memory WAL and fake transactions (one process). */
class HeapAccessMethodTest {

    static final RelFileLocator REL = RelFileLocator.of(5, 16384);

    @TempDir
    Path dir;

    private ShmemSegment segment;
    private BufferManager buffers;
    private RecordingWal wal;
    private FakeTransactions xacts;
    private HeapAccessMethod heap;

    static ShmemSegment createSegment(Path dir, String name, int nBuffers) throws Exception {
        return ShmemSegment.create(dir.resolve(name), 4, dir.resolve("latches-" + name),
                BufferManager.shmemRequests(nBuffers));
    }

    static BufferManager attach(ShmemSegment segment, Path dataDir, RecordingWal wal) throws Exception {
        ProcSlot self = segment.slot(0);
        self.setPid((int) ProcessHandle.current().pid());
        if (!self.ownsLatch()) {
            self.ownLatch();
        }
        return BufferManager.attach(segment, dataDir, self, wal);
    }

    @BeforeEach
    void setUp() throws Exception {
        segment = createSegment(dir, "shm", 32);
        wal = new RecordingWal();
        buffers = attach(segment, dir.resolve("data"), wal);
        xacts = new FakeTransactions();
        heap = new HeapAccessMethod(buffers, wal, xacts);
        heap.createStorage(REL);
    }

    @AfterEach
    void tearDown() {
        buffers.close();
        segment.close();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    private List<String> scan(Snapshot snapshot, FakeTransactions.Txn txn) {
        List<String> out = new ArrayList<>();
        try (TableScan scan = heap.beginScan(REL, snapshot, txn)) {
            while (scan.next()) {
                out.add(text(scan.data()));
                assertEquals(text(scan.data()), text(heap.fetch(REL, scan.tupleId(), snapshot, txn)));
            }
        }
        return out;
    }

    private List<String> committedRows() {
        return scan(xacts.snapshot(0), xacts.begin());
    }

    @Test
    void insertUpdateDeleteScanRoundTrip() {
        FakeTransactions.Txn t1 = xacts.begin();
        TupleId a = heap.insert(REL, bytes("a"), t1);
        TupleId b = heap.insert(REL, bytes("b"), t1);
        assertEquals(new TupleId(0, 1), a);
        assertEquals(new TupleId(0, 2), b);
        assertEquals(List.of(), scan(t1.snapshot(), t1), "own inserts of the current command are not yet visible");
        t1.next();
        assertEquals(List.of("a", "b"), scan(t1.snapshot(), t1));
        assertEquals(List.of(), committedRows(), "others do not see uncommitted rows");
        t1.commit();
        assertEquals(List.of("a", "b"), committedRows());

        FakeTransactions.Txn t2 = xacts.begin();
        Snapshot before = xacts.snapshot(0);
        ModifyResult updated = heap.update(REL, a, bytes("a2"), t2, t2.snapshot(), true);
        assertEquals(ModifyResult.Status.OK, updated.status());
        assertEquals(new TupleId(0, 3), updated.newTupleId(), "same page while it has room");
        assertEquals(ModifyResult.Status.OK, heap.delete(REL, b, t2, t2.snapshot(), true).status());
        t2.next();
        assertEquals(List.of("a2"), scan(t2.snapshot(), t2));
        assertEquals(List.of("a", "b"), scan(before, xacts.begin()));
        t2.commit();
        assertEquals(List.of("a2"), committedRows());
        assertEquals(List.of("a", "b"), scan(before, xacts.begin()), "an old snapshot still sees the old versions");
        assertNull(heap.fetch(REL, a, xacts.snapshot(0), xacts.begin()));
        assertNull(heap.fetch(REL, new TupleId(7, 1), xacts.snapshot(0), xacts.begin()));
        assertEquals(List.of(), HeapCheck.check(buffers, REL, xacts));
    }

    @Test
    void abortedChangesAreInvisible() {
        FakeTransactions.Txn t1 = xacts.begin();
        TupleId a = heap.insert(REL, bytes("a"), t1);
        t1.commit();
        FakeTransactions.Txn t2 = xacts.begin();
        heap.insert(REL, bytes("ghost"), t2);
        heap.update(REL, a, bytes("a-ghost"), t2, t2.snapshot(), true);
        t2.abort();
        assertEquals(List.of("a"), committedRows());
        FakeTransactions.Txn t3 = xacts.begin();
        assertEquals(ModifyResult.Status.OK, heap.delete(REL, a, t3, t3.snapshot(), true).status(),
                "an aborted updater does not block");
        assertEquals(List.of(), HeapCheck.check(buffers, REL, xacts));
    }

    @Test
    void insertedThenDeletedInOneTransactionUsesComboCid() {
        FakeTransactions.Txn t = xacts.begin();
        TupleId a = heap.insert(REL, bytes("a"), t);
        t.next();
        Snapshot cmd1 = t.snapshot();
        assertEquals(ModifyResult.Status.OK, heap.delete(REL, a, t, t.snapshot(), true).status());
        assertEquals(List.of("a"), scan(cmd1, t), "the deleting command still sees it");
        t.next();
        assertEquals(List.of(), scan(t.snapshot(), t));
        assertEquals(ModifyResult.Status.INVISIBLE, heap.delete(REL, a, t, t.snapshot(), true).status());
        FakeTransactions.Txn t2 = xacts.begin();
        TupleId b = heap.insert(REL, bytes("b"), t2);
        assertEquals(ModifyResult.Status.INVISIBLE, heap.delete(REL, b, t2, t2.snapshot(), true).status(),
                "inserted by the current command");
        t2.next();
        heap.delete(REL, b, t2, t2.snapshot(), true);
        assertEquals(ModifyResult.Status.SELF_MODIFIED, heap.delete(REL, b, t2, t2.snapshot(), true).status(),
                "already deleted by this command");
    }

    @Test
    void concurrentChangesWaitThenReportWhatHappened() {
        FakeTransactions.Txn t1 = xacts.begin();
        TupleId a = heap.insert(REL, bytes("a"), t1);
        TupleId b = heap.insert(REL, bytes("b"), t1);
        t1.commit();
        FakeTransactions.Txn updater = xacts.begin();
        TupleId a2 = heap.update(REL, a, bytes("a2"), updater, updater.snapshot(), true).newTupleId();
        FakeTransactions.Txn other = xacts.begin();
        ModifyResult blocked = heap.delete(REL, a, other, other.snapshot(), false);
        assertEquals(ModifyResult.Status.WOULD_BLOCK, blocked.status());
        assertEquals(updater.xid, blocked.xmax());
        List<Integer> waitedFor = new ArrayList<>();
        xacts.onWait = xid -> {
            waitedFor.add(xid);
            updater.commit();
        };
        ModifyResult result = heap.update(REL, a, bytes("a3"), other, other.snapshot(), true);
        assertEquals(List.of(updater.xid), waitedFor);
        assertEquals(ModifyResult.Status.UPDATED, result.status());
        assertEquals(a2, result.newTupleId(), "the caller can follow t_ctid to the new version");
        assertEquals(ModifyResult.Status.OK, heap.update(REL, a2, bytes("a3"), other, other.snapshot(), true).status());

        FakeTransactions.Txn deleter = xacts.begin();
        heap.delete(REL, b, deleter, deleter.snapshot(), true);
        xacts.onWait = xid -> deleter.abort();
        assertEquals(ModifyResult.Status.OK,
                heap.lockTuple(REL, b, RowLockMode.SHARE, other, other.snapshot(), true).status(),
                "the deleter aborted: the lock is ours");
        FakeTransactions.Txn third = xacts.begin();
        assertEquals(ModifyResult.Status.WOULD_BLOCK,
                heap.lockTuple(REL, b, RowLockMode.KEY_SHARE, third, third.snapshot(), false).status(),
                "no multixacts: a second locker waits for the first");
        assertEquals(ModifyResult.Status.OK,
                heap.lockTuple(REL, b, RowLockMode.UPDATE, other, other.snapshot(), true).status(), "upgrade");
        xacts.onWait = xid -> other.commit();
        ModifyResult deleted = heap.delete(REL, b, third, third.snapshot(), true);
        assertEquals(ModifyResult.Status.OK, deleted.status(), "a committed locker does not stop a delete");
        assertEquals(List.of(), HeapCheck.check(buffers, REL, xacts));
    }

    @Test
    void updatesSpillToOtherPagesAndScanCoversThemAll() {
        FakeTransactions.Txn t = xacts.begin();
        byte[] big = new byte[1000];
        List<TupleId> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            big[0] = (byte) i;
            ids.add(heap.insert(REL, big.clone(), t));
        }
        t.commit();
        assertEquals(3, buffers.nblocks(REL, ForkNumber.MAIN), "7 tuples of 1 kB per page");
        FakeTransactions.Txn u = xacts.begin();
        for (TupleId id : ids) {
            ModifyResult r = heap.update(REL, id, new byte[2000], u, u.snapshot(), true);
            assertEquals(ModifyResult.Status.OK, r.status());
            assertNotEquals(id.block(), r.newTupleId().block(), "no room left on the old page");
        }
        u.commit();
        assertEquals(20, committedRows().size());
        assertTrue(committedRows().stream().allMatch(s -> s.length() == 2000));
        assertEquals(List.of(), HeapCheck.check(buffers, REL, xacts));
        PgException tooBig = assertThrows(PgException.class, () -> heap.insert(REL, new byte[8200], xacts.begin()));
        assertEquals("54000", tooBig.sqlState());
    }

    @Test
    void vacuumRemovesDeadVersionsFreezesAndMarksAllVisible() {
        FakeTransactions.Txn t = xacts.begin();
        List<TupleId> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(heap.insert(REL, bytes("row" + i), t));
        }
        t.commit();
        FakeTransactions.Txn d = xacts.begin();
        for (int i = 0; i < 5; i++) {
            heap.delete(REL, ids.get(i), d, d.snapshot(), true);
        }
        d.commit();
        int freeBefore = freeSpace(0);
        VacuumResult recent = heap.vacuum(REL, d.xid, 3);
        assertEquals(0, recent.tuplesRemoved(), "deleted by a transaction someone may still not see as ended");
        assertEquals(10, recent.tuplesRemaining());
        assertEquals(0, recent.tuplesFrozen(), "nothing precedes the freeze limit");
        VacuumResult result = heap.vacuum(REL, d.xid + 1, d.xid + 1);
        assertEquals(5, result.tuplesRemoved());
        assertEquals(5, result.tuplesRemaining());
        assertEquals(5, result.tuplesFrozen());
        assertEquals(0, result.pagesAllVisible(), "LP_DEAD line pointers wait for index vacuuming");
        assertTrue(freeSpace(0) > freeBefore, "the dead tuples' space was reclaimed");
        assertEquals(List.of("row5", "row6", "row7", "row8", "row9"), committedRows());
        assertEquals(0, heap.vacuum(REL, d.xid + 1, d.xid + 1).tuplesFrozen(), "already frozen");
        assertEquals(List.of(), HeapCheck.check(buffers, REL, xacts));

        RelFileLocator other = RelFileLocator.of(5, 16390);
        heap.createStorage(other);
        FakeTransactions.Txn i = xacts.begin();
        heap.insert(other, bytes("x"), i);
        i.commit();
        assertEquals(1, heap.vacuum(other, i.xid + 1, 3).pagesAllVisible());
        assertEquals(1, heap.estimateSize(other).tuples(), 0.01);
    }

    @Test
    void deadLinePointersAreReusedOnlyAfterTheyAreReclaimed() {
        FakeTransactions.Txn t = xacts.begin();
        List<TupleId> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(heap.insert(REL, bytes("row" + i), t));
        }
        t.commit();
        FakeTransactions.Txn d = xacts.begin();
        heap.delete(REL, ids.get(1), d, d.snapshot(), true);
        heap.delete(REL, ids.get(3), d, d.snapshot(), true);
        d.commit();
        heap.vacuum(REL, d.xid + 1, 3);
        assertEquals(List.of(ids.get(1), ids.get(3)), heap.collectDeadTuples(REL));
        FakeTransactions.Txn i = xacts.begin();
        assertEquals(new TupleId(0, 7), heap.insert(REL, bytes("new1"), i),
                "LP_DEAD stays reserved: an index entry may still point at it");
        assertEquals(1, heap.reclaimDeadTuples(REL, List.of(ids.get(1), ids.get(2))),
                "only the dead one of the two (after its index entries were removed)");
        assertEquals(ids.get(1), heap.insert(REL, bytes("new2"), i), "the reclaimed line pointer is reused");
        i.commit();
        assertEquals(List.of(ids.get(3)), heap.collectDeadTuples(REL));
        assertEquals(List.of("row0", "new2", "row2", "row4", "row5", "new1"), committedRows());
        assertEquals(List.of(), HeapCheck.check(buffers, REL, xacts));
    }

    private int freeSpace(int block) {
        try (Buffer buffer = buffers.read(REL, ForkNumber.MAIN, block)) {
            buffer.lock(LWLockMode.SHARED);
            return Page.freeSpace(buffer.page());
        }
    }

    @Test
    void redoRebuildsIdenticalPages() throws Exception {
        FakeTransactions.Txn t = xacts.begin();
        List<TupleId> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(heap.insert(REL, new byte[300 + i], t));
        }
        t.next();
        heap.delete(REL, ids.get(0), t, t.snapshot(), true);              // combo cid
        t.commit();
        FakeTransactions.Txn u = xacts.begin();
        for (int i = 1; i < 30; i += 3) {
            heap.update(REL, ids.get(i), new byte[900], u, u.snapshot(), true);
        }
        heap.lockTuple(REL, ids.get(2), RowLockMode.UPDATE, u, u.snapshot(), true);
        heap.delete(REL, ids.get(5), u, u.snapshot(), true);
        u.commit();
        heap.vacuum(REL, u.xid + 1, u.xid + 1);
        assertTrue(heap.reclaimDeadTuples(REL, heap.collectDeadTuples(REL)) > 0);
        FakeTransactions.Txn v = xacts.begin();
        heap.insert(REL, bytes("after vacuum"), v);
        v.commit();
        int nblocks = buffers.nblocks(REL, ForkNumber.MAIN);
        List<byte[]> original = pages(buffers, REL, nblocks);

        try (ShmemSegment fresh = createSegment(dir, "shm2", 16);
                BufferManager replay = attach(fresh, dir.resolve("replayed"), new RecordingWal())) {
            RedoContext context = replay.redoContext();
            ResourceManager heapRm = new HeapResourceManager();
            ResourceManager heap2Rm = new Heap2ResourceManager();
            for (DecodedRecord record : wal.records) {
                (record.rmgrId() == ResourceManager.HEAP ? heapRm : heap2Rm).redo(record, context);
            }
            assertEquals(nblocks, replay.nblocks(REL, ForkNumber.MAIN));
            List<byte[]> replayed = pages(replay, REL, nblocks);
            for (int b = 0; b < nblocks; b++) {
                assertArrayEquals(original.get(b), replayed.get(b), "block " + b);
            }
            // Replaying again changes nothing: every page is already as new as each record.
            for (DecodedRecord record : wal.records) {
                (record.rmgrId() == ResourceManager.HEAP ? heapRm : heap2Rm).redo(record, context);
            }
            assertArrayEquals(original.get(0), pages(replay, REL, 1).get(0));
        }
    }

    static List<byte[]> pages(BufferManager pool, RelFileLocator rel, int nblocks) {
        List<byte[]> out = new ArrayList<>();
        for (int b = 0; b < nblocks; b++) {
            try (Buffer buffer = pool.read(rel, ForkNumber.MAIN, b)) {
                buffer.lock(LWLockMode.SHARED);
                byte[] copy = new byte[Page.BLCKSZ];
                buffer.page().get(0, copy);
                out.add(copy);
            }
        }
        return out;
    }

    @Test
    void heapCheckFindsPlantedCorruption() {
        FakeTransactions.Txn t = xacts.begin();
        TupleId a = heap.insert(REL, bytes("aaaa"), t);
        TupleId b = heap.insert(REL, bytes("bbbb"), t);
        TupleId c = heap.insert(REL, bytes("cccc"), t);
        t.commit();
        FakeTransactions.Txn u = xacts.begin();
        heap.update(REL, c, bytes("c2"), u, u.snapshot(), true);
        u.commit();
        assertEquals(List.of(), HeapCheck.check(buffers, REL, xacts));

        try (Buffer buffer = buffers.read(REL, ForkNumber.MAIN, 0)) {
            buffer.lock(LWLockMode.EXCLUSIVE);
            ByteBuffer page = buffer.page();
            int idA = Page.itemId(page, a.offset());
            int idB = Page.itemId(page, b.offset());
            // b's line pointer now overlaps a's storage; a's length is below a tuple header.
            Page.setItemId(page, b.offset(), Page.itemIdOffset(idA) - 8, Page.LP_NORMAL, Page.itemIdLength(idB));
            Page.setItemId(page, a.offset(), Page.itemIdOffset(idA), Page.LP_NORMAL, 10);
            // c's committed update now points nowhere.
            Page.item(page, c.offset()).putShort(16, (short) 77);
            buffer.markDirty();
        }
        List<HeapCheck.Problem> problems = HeapCheck.check(buffers, REL, xacts);
        String all = problems.toString();
        assertTrue(all.contains("offset 1: line pointer length 10 is less than the minimum tuple header size"), all);
        assertTrue(all.contains("tuple storage overlaps the tuple at offset"), all);
        assertTrue(all.contains("offset 3: update chain points to a line pointer that does not exist"), all);

        FakeTransactions.Txn w = xacts.begin();
        TupleId d = heap.insert(REL, bytes("d"), w);
        w.abort();
        try (Buffer buffer = buffers.read(REL, ForkNumber.MAIN, d.block())) {
            buffer.lock(LWLockMode.EXCLUSIVE);
            ByteBuffer tuple = Page.item(buffer.page(), d.offset());
            tuple.putInt(4, t.xid);                                       // xmax: a committed transaction
            tuple.putShort(20, (short) 0);
            buffer.markDirty();
        }
        assertTrue(HeapCheck.check(buffers, REL, xacts).toString().contains("aborted but xmax"));

        try (Buffer buffer = buffers.read(REL, ForkNumber.MAIN, 0)) {
            buffer.lock(LWLockMode.EXCLUSIVE);
            Page.setUpper(buffer.page(), 20);
            buffer.markDirty();
        }
        assertTrue(HeapCheck.check(buffers, REL, xacts).toString().contains("block 0: invalid page header"));
        assertFalse(Arrays.equals(new byte[0], new byte[1]));
    }
}
