package org.tusk.heapam;

import static org.junit.jupiter.api.Assertions.*;
import static org.tusk.heapam.internal.HeapTupleHeader.HEAP_XMAX_INVALID;
import static org.tusk.heapam.internal.HeapTupleHeader.HEAP_XMIN_COMMITTED;
import static org.tusk.heapam.internal.HeapTupleHeader.HEAP_XMIN_INVALID;
import static org.tusk.heapam.internal.HeapTupleHeader.infomask;
import static org.tusk.heapam.internal.HeapTupleHeader.setInfomask;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.wal.RecordingWal;
import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.api.storage.TableAccessMethod;
import org.tusk.api.storage.RowLockMode;
import org.tusk.api.storage.TupleId;
import org.tusk.api.storage.VacuumResult;
import org.tusk.buffer.Buffer;
import org.tusk.buffer.BufferManager;
import org.tusk.buffer.Page;
import org.tusk.heapam.internal.HotPrune;
import org.tusk.shmem.LWLockMode;
import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.ShmemSegment;
import org.tusk.wal.DecodedRecord;
import org.tusk.wal.RedoContext;
import org.tusk.wal.ResourceManager;

/** The heap over a real buffer pool, with an in-memory WAL and fake transactions (one process). */
class HeapAccessMethodTest extends TableAccessMethodContract {

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

    @Override
    protected TableAccessMethod am() {
        return heap;
    }

    @Override
    protected FakeTransactions xacts() {
        return xacts;
    }

    @Override
    protected void assertConsistent() {
        assertEquals(List.of(), HeapCheck.check(buffers, REL, xacts));
    }

    /**
     * MarkBufferDirtyHint: the commit hints a scan sets dirty the page, so they
     * are written and a later read from disk (after eviction) asks the commit
     * log about nobody (failed while hints did not dirty the buffer).
     */
    @Test
    void commitHintsSurviveEviction() {
        FakeTransactions.Txn t1 = xacts().begin();
        for (int i = 0; i < 20; i++) {
            am().insert(REL, bytes("row " + i), t1);
        }
        t1.commit();
        buffers.flushAll();                               // the inserts' page is on disk, without hints
        assertEquals(20, scanCountingLookups(), "the first reader asks about every row's xmin");
        assertEquals(1, buffers.flushAll(), "setting the hints dirtied the page");
        ByteBuffer disk = Page.allocate();
        buffers.smgr().read(REL, ForkNumber.MAIN, 0, disk);
        for (int off = 1; off <= Page.maxOffsetNumber(disk); off++) {
            int mask = org.tusk.heapam.internal.HeapTupleHeader.infomask(Page.item(disk, off));
            assertTrue((mask & org.tusk.heapam.internal.HeapTupleHeader.HEAP_XMIN_COMMITTED) != 0, "item " + off);
        }
        buffers.dropRelation(REL);                        // evicted: the next scan reads the page from disk
        assertEquals(0, scanCountingLookups(), "the hints came back from disk");
    }

    private int scanCountingLookups() {
        int before = xacts().statusLookups;
        FakeTransactions.Txn reader = xacts().begin();
        int rows = 0;
        try (org.tusk.api.storage.TableScan scan = am().beginScan(REL, xacts().snapshot(0), reader)) {
            while (scan.next()) {
                rows++;
            }
        }
        reader.commit();
        assertEquals(20, rows);
        return xacts().statusLookups - before;
    }

    /** data() hands the scan's page copy to its first caller: a second call must still be a copy of its own. */
    @Test
    void scanDataIsAPrivateCopyEvenWhenAskedTwice() {
        FakeTransactions.Txn t1 = xacts().begin();
        am().insert(REL, bytes("first"), t1);
        am().insert(REL, bytes("second"), t1);
        t1.commit();
        FakeTransactions.Txn t2 = xacts().begin();
        List<String> seen = new ArrayList<>();
        try (org.tusk.api.storage.TableScan scan = am().beginScan(REL, xacts().snapshot(0), t2)) {
            while (scan.next()) {
                byte[] one = scan.data();
                Arrays.fill(one, (byte) 'x');   // the caller owns it
                byte[] two = scan.data();
                assertNotSame(one, two);
                seen.add(text(two));
                Arrays.fill(two, (byte) 'y');
                assertEquals(text(two).length(), text(scan.data()).length());
                assertNotEquals(text(two), text(scan.data()));
            }
        }
        assertEquals(List.of("first", "second"), seen);
    }

    /**
     * Scans lend their page arrays to the next scan once closed (ScanPageBuffers.Spare): a scan
     * opened while another is open reads into arrays of its own, and a later scan of another
     * table sees none of the first table's rows.
     */
    @Test
    void scansOpenAtOnceKeepTheirOwnPagesAndALaterScanSeesOnlyItsTable() {
        RelFileLocator other = new RelFileLocator(REL.spcOid(), REL.dbOid(), REL.relNumber() + 1, REL.temp());
        heap.createStorage(other);
        FakeTransactions.Txn t1 = xacts().begin();
        am().insert(REL, bytes("outer a"), t1);
        am().insert(REL, bytes("outer b"), t1);
        am().insert(other, bytes("inner"), t1);
        t1.commit();
        FakeTransactions.Txn t2 = xacts().begin();
        List<String> seen = new ArrayList<>();
        try (org.tusk.api.storage.TableScan outer = am().beginScan(REL, xacts().snapshot(0), t2)) {
            while (outer.next()) {
                try (org.tusk.api.storage.TableScan inner = am().beginScan(other, xacts().snapshot(0), t2)) {
                    while (inner.next()) {
                        seen.add(text(outer.data()) + "/" + text(inner.data()));
                    }
                }
            }
        }
        assertEquals(List.of("outer a/inner", "outer b/inner"), seen);
        List<String> later = new ArrayList<>();
        try (org.tusk.api.storage.TableScan scan = am().beginScan(other, xacts().snapshot(0), t2)) {
            while (scan.next()) {
                later.add(text(scan.data()));
            }
            assertFalse(scan.next(), "a scan that ran out stays at its end");
        }
        assertEquals(List.of("inner"), later);
    }

    @Test
    void aClosedScansArraysGoToTheNextScanAndOnlyToOne() {
        ScanPageBuffers.Spare spare = new ScanPageBuffers.Spare();
        ScanPageBuffers first = spare.take();
        ScanPageBuffers second = spare.take();
        assertNotSame(first, second, "nothing kept yet: each open scan gets its own");
        spare.giveBack(first);
        assertSame(first, spare.take(), "a closed scan's arrays are reused");
        assertNotSame(first, spare.take(), "and lent to one scan only");
    }

    /** Commits rows "row0".."row9" on page 0, then a transaction that deleted the first {@code n}; returns it. */
    private FakeTransactions.Txn tenRowsThenDeleteFirst(int n) {
        FakeTransactions.Txn t = xacts.begin();
        List<TupleId> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(heap.insert(REL, bytes("row" + i), t));
        }
        t.commit();
        FakeTransactions.Txn d = xacts.begin();
        for (int i = 0; i < n; i++) {
            heap.delete(REL, ids.get(i), d, d.snapshot(), true);
        }
        d.commit();
        return d;
    }

    @Test
    void vacuumRemovesDeadVersionsFreezesAndMarksAllVisible() {
        FakeTransactions.Txn d = tenRowsThenDeleteFirst(5);
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

    /**
     * The planner asks every relation of every statement for its length: numberOfBlocks answers from the
     * file without reading a page, where estimateSize counts a small relation's tuples on every page.
     */
    @Test
    void numberOfBlocksReadsNoPage() {
        FakeTransactions.Txn t = xacts.begin();
        for (int i = 0; i < 20; i++) {
            heap.insert(REL, new byte[1000], t);
        }
        t.commit();
        org.tusk.buffer.BufferUsage.Counts before = org.tusk.buffer.BufferUsage.now();
        assertEquals(3, heap.numberOfBlocks(REL), "7 or 8 tuples of 1 kB per 8 kB block");
        assertTrue(org.tusk.buffer.BufferUsage.now().since(before).isZero(), "no buffer was touched");
        heap.estimateSize(REL);
        assertEquals(3, org.tusk.buffer.BufferUsage.now().since(before).sharedHit(), "estimateSize reads them all");
    }

    @Test
    void aPageVacuumCannotCleanupLockStillCountsItsTuples() {
        FakeTransactions.Txn d = tenRowsThenDeleteFirst(3);
        VacuumResult pinned;
        try (Buffer other = buffers.read(REL, ForkNumber.MAIN, 0)) {   // a scan elsewhere holds a pin
            pinned = heap.vacuum(REL, d.xid + 1, 3);
        }
        assertEquals(0, pinned.tuplesRemoved(), "without the cleanup lock nothing is pruned");
        assertEquals(10, pinned.tuplesRemaining(), "but every tuple is counted (lazy_scan_noprune)");
        assertEquals(3, pinned.tuplesRecentlyDead(), "the dead ones as not yet removed");
        assertEquals(7, pinned.tuplesLive());
        VacuumResult unpinned = heap.vacuum(REL, d.xid + 1, 3);
        assertEquals(3, unpinned.tuplesRemoved());
        assertEquals(7, unpinned.tuplesLive());
        assertEquals(List.of(), HeapCheck.check(buffers, REL, xacts));
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
            // as heap_mask: VACUUM's visibility checks set hints, which no record carries
            for (int b = 0; b < nblocks; b++) {
                assertArrayEquals(masked(original.get(b)), masked(replayed.get(b)), "block " + b);
            }
            // Replaying again changes nothing: every page is already as new as each record.
            for (DecodedRecord record : wal.records) {
                (record.rmgrId() == ResourceManager.HEAP ? heapRm : heap2Rm).redo(record, context);
            }
            assertArrayEquals(replayed.get(0), pages(replay, REL, 1).get(0));
        }
    }

    /**
     * heap_multi_insert: a batch fills pages in order with one MULTI_INSERT record per page
     * (the first on an empty page re-initializes it); a batch landing on an all-visible page
     * clears its visibility map bit; redo rebuilds identical pages and the cleared bit.
     */
    @Test
    void multiInsertFillsPagesWithOneRecordEachAndReplays() throws Exception {
        FakeTransactions.Txn t = xacts.begin();
        List<byte[]> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            byte[] row = new byte[300];
            Arrays.fill(row, (byte) i);
            rows.add(row);
        }
        int before = wal.records.size();
        TupleId[] tids = heap.multiInsert(REL, rows, t);
        int nblocks = buffers.nblocks(REL, ForkNumber.MAIN);
        assertEquals(nblocks, wal.records.size() - before, "one record per page");
        assertTrue(nblocks >= 4, "300-byte rows fill several pages: " + nblocks);
        t.next();                                           // the rows are visible from the next command
        for (int i = 0; i < tids.length; i++) {
            assertArrayEquals(rows.get(i), heap.fetch(REL, tids[i], t.snapshot(), t), "row " + i);
            if (i > 0) {
                assertTrue(tids[i].compareTo(tids[i - 1]) > 0, "in order");
            }
        }
        t.commit();
        heap.vacuum(REL, t.xid + 1, t.xid + 1);
        for (int b = 0; b < nblocks; b++) {
            assertTrue(heap.isAllVisible(REL, b));
        }
        FakeTransactions.Txn u = xacts.begin();
        TupleId[] more = heap.multiInsert(REL, List.of(bytes("m1"), bytes("m2"), bytes("m3")), u);
        int last = more[0].block();                         // a page with room left, all-visible until now
        assertFalse(heap.isAllVisible(REL, last), "its visibility map bit is cleared");
        heap.insert(REL, bytes("single"), u);
        assertEquals(0, heap.multiInsert(REL, List.of(), u).length);
        u.commit();
        List<byte[]> original = pages(buffers, REL, nblocks);     // before scans set commit hints
        assertEquals(104, committedRows().size());
        assertEquals(List.of(), HeapCheck.check(buffers, REL, xacts));

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
            HeapAccessMethod replayedHeap = new HeapAccessMethod(replay, new RecordingWal(), xacts);
            assertTrue(replayedHeap.isAllVisible(REL, last == 0 ? 1 : 0));
            assertFalse(replayedHeap.isAllVisible(REL, last));
        }
    }

    /**
     * heap_multi_insert forms each tuple straight into its page and into the page's WAL record:
     * besides that record's data (which this test's WAL copies once more) and a TupleId per row,
     * a batch allocates nothing per row (a joined header-and-data array per tuple was 140 MB of
     * pgbench -i's garbage, the per-page offsets array sized for the whole batch 25 MB).
     */
    @Test
    void multiInsertFormsNoTupleArrays() {
        FakeTransactions.Txn t = xacts.begin();
        List<byte[]> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            rows.add(new byte[100]);
        }
        heap.multiInsert(REL, rows, t);                     // warm: pages, maps and code paths exist
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        heap.multiInsert(REL, rows, t);
        long perRow = (threads.getCurrentThreadAllocatedBytes() - before) / rows.size();
        int walEntry = 4 + 24 + 100;                        // offset, length, header, data
        // the record data twice (made, then copied by RecordingWal), a TupleId, and per page a record, its
        // block reference and the offsets (~60 rows a page): 363 bytes; with a tuple array per row, 600
        assertTrue(perRow < 2 * walEntry + 24 + 128, "multiInsert allocated " + perRow + " bytes per row");
        t.commit();
    }

    /**
     * COPY FREEZE (heap_multi_insert with TABLE_INSERT_FROZEN): the rows are frozen, so a
     * snapshot that still sees the inserter running sees them; every page the batch started
     * empty is PD_ALL_VISIBLE with map bits ALL_VISIBLE | ALL_FROZEN set in the page's own
     * MULTI_INSERT record (no VISIBLE record); a second frozen batch keeps the partly filled
     * last page all-visible, an ordinary insert clears it; VACUUM finds nothing to freeze;
     * redo rebuilds identical pages and the same map bits.
     */
    @Test
    void frozenMultiInsertMarksPagesAllFrozenAndReplays() throws Exception {
        FakeTransactions.Txn before = xacts.begin();
        org.tusk.api.storage.Snapshot older = before.snapshot();
        FakeTransactions.Txn t = xacts.begin();
        List<byte[]> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            byte[] row = new byte[300];
            Arrays.fill(row, (byte) i);
            rows.add(row);
        }
        int first = wal.records.size();
        TupleId[] tids = heap.multiInsert(REL, rows, t, true);
        int nblocks = buffers.nblocks(REL, ForkNumber.MAIN);
        assertTrue(nblocks >= 4, "300-byte rows fill several pages: " + nblocks);
        assertEquals(nblocks, wal.records.size() - first, "one record per page, the map bits in it");
        org.tusk.heapam.internal.VisibilityMap vm = new org.tusk.heapam.internal.VisibilityMap(buffers);
        for (int b = 0; b < nblocks; b++) {
            assertEquals(org.tusk.heapam.internal.VisibilityMap.VALID_BITS, vm.status(REL, b), "block " + b);
        }
        assertArrayEquals(rows.get(7), heap.fetch(REL, tids[7], older, before),
                "frozen: visible even to a snapshot taken while the inserter ran");
        TupleId[] more = heap.multiInsert(REL, List.of(bytes("f1"), bytes("f2")), t, true);
        assertEquals(nblocks, buffers.nblocks(REL, ForkNumber.MAIN), "a partly filled page had room");
        assertEquals(org.tusk.heapam.internal.VisibilityMap.VALID_BITS, vm.status(REL, more[0].block()),
                "only frozen rows joined it: still all-visible and all-frozen");
        t.commit();
        before.commit();
        assertEquals(List.of(), HeapCheck.check(buffers, REL, xacts));
        VacuumResult vacuumed = heap.vacuum(REL, t.xid + 1, t.xid + 1);
        assertEquals(0, vacuumed.tuplesFrozen(), "nothing left to freeze");
        assertEquals(nblocks, vacuumed.pagesAllVisible());
        assertEquals(tids.length + more.length, vacuumed.tuplesRemaining(),
                "fewer all-frozen pages than SKIP_PAGES_THRESHOLD are read and counted, not skipped");
        assertEquals(0, vacuumed.pagesSkipped());
        FakeTransactions.Txn u = xacts.begin();
        int last = heap.multiInsert(REL, List.of(bytes("plain")), u, false)[0].block();
        assertEquals(0, vm.status(REL, last), "an ordinary row clears the bits");
        u.commit();
        List<byte[]> original = pages(buffers, REL, nblocks);
        assertEquals(103, committedRows().size());

        try (ShmemSegment fresh = createSegment(dir, "shm2", 16);
                BufferManager replay = attach(fresh, dir.resolve("replayed"), new RecordingWal())) {
            RedoContext context = replay.redoContext();
            ResourceManager heapRm = new HeapResourceManager();
            ResourceManager heap2Rm = new Heap2ResourceManager();
            for (DecodedRecord record : wal.records) {
                (record.rmgrId() == ResourceManager.HEAP ? heapRm : heap2Rm).redo(record, context);
            }
            List<byte[]> replayed = pages(replay, REL, nblocks);
            for (int b = 0; b < nblocks; b++) {
                assertArrayEquals(original.get(b), replayed.get(b), "block " + b);
            }
            org.tusk.heapam.internal.VisibilityMap replayedVm = new org.tusk.heapam.internal.VisibilityMap(replay);
            for (int b = 0; b < nblocks; b++) {
                if (b == last) {
                    continue;
                }
                assertEquals(org.tusk.heapam.internal.VisibilityMap.VALID_BITS, replayedVm.status(REL, b), "block " + b);
                assertTrue((Page.flags(java.nio.ByteBuffer.wrap(replayed.get(b)).order(java.nio.ByteOrder.LITTLE_ENDIAN))
                        & Page.PD_ALL_VISIBLE) != 0, "block " + b);
            }
            assertEquals(0, replayedVm.status(REL, last));
        }
    }

    /**
     * pgstat_update_heap_dead_tuples: the versions pruning frees stop counting as dead tuples,
     * so a table whose updates pruning keeps on their pages (pgbench_accounts) is not vacuumed
     * whole every 0.2 x its rows of updates. 300 HOT updates of one row on one page: each makes
     * a dead version, pruning frees all but the few that have not been pruned yet.
     */
    @Test
    void pruningTellsTheStatisticsWhatItFreed() {
        long[] dead = new long[1];
        heap.setStatistics(new org.tusk.api.storage.TableStatistics() {
            @Override public void countInsert(org.tusk.api.storage.RelFileLocator r, String am) { }
            @Override public void countUpdate(org.tusk.api.storage.RelFileLocator r, String am) { dead[0]++; }
            @Override public void countDelete(org.tusk.api.storage.RelFileLocator r, String am) { dead[0]++; }
            @Override public void countPruned(org.tusk.api.storage.RelFileLocator r, int tuples) {
                assertEquals(REL, r);
                dead[0] -= tuples;
            }
            @Override public void reportVacuum(org.tusk.api.storage.RelFileLocator r, long live, long d, boolean auto) { }
            @Override public void reportVacuum(Counters before, long live, long d, boolean auto) { }
            @Override public Counters counters(org.tusk.api.storage.RelFileLocator r) { return null; }
            @Override public List<Counters> all() { return List.of(); }
            @Override public void drop(org.tusk.api.storage.RelFileLocator r) { }
        });
        FakeTransactions.Txn t = xacts.begin();
        TupleId current = heap.insert(REL, bytes("a0"), t);
        t.commit();
        int pageHolds = 0;
        for (int i = 1; i <= 300; i++) {
            FakeTransactions.Txn u = xacts.begin();
            u.assignXid();
            u.horizon = u.xid;                          // every earlier updater has ended
            current = heap.update(REL, current, bytes("a" + i + " ".repeat(80)), u, u.snapshot(), true, true)
                    .newTupleId();
            u.commit();
            pageHolds = Math.max(pageHolds, current.offset());
        }
        assertEquals(1, buffers.nblocks(REL, ForkNumber.MAIN));
        assertTrue(dead[0] >= 0 && dead[0] < pageHolds,
                "dead versions still counted: " + dead[0] + " of 300 (a page holds " + pageHolds + ")");
    }

    /**
     * heap_page_prune_opt in heapgetpage: a sequential scan prunes a nearly full page of versions
     * dead to everyone before it reads it, so a page no update lands on any more (pgbench_branches'
     * first pages, once the rows' chains moved on) does not keep every dead version for each later
     * scan to check until VACUUM. Without a horizon (nothing known dead yet) the page stays as it was.
     */
    @Test
    void sequentialScanPrunesAFullPageOfDeadVersions() {
        FakeTransactions.Txn t = xacts.begin();
        List<TupleId> rows = new ArrayList<>();
        TupleId last;
        do {
            last = heap.insert(REL, bytes("row " + rows.size() + " ".repeat(100)), t);
            rows.add(last);
        } while (last.block() == 0);
        t.commit();
        FakeTransactions.Txn d = xacts.begin();
        int deleter = d.assignXid();
        for (TupleId tid : rows.subList(1, rows.size() - 1)) {
            assertEquals(org.tusk.api.storage.ModifyResult.Status.OK,
                    heap.delete(REL, tid, d, d.snapshot(), true).status());
        }
        d.commit();
        int freeBefore = freeSpaceOfBlock0();
        assertTrue(freeBefore < HeapAccessMethod.PRUNE_MIN_FREE, "the page is nearly full: " + freeBefore);

        FakeTransactions.Txn early = xacts.begin();       // no horizon: nothing may be pruned
        assertEquals(2, scanCount(early));
        assertEquals(freeBefore, freeSpaceOfBlock0());

        FakeTransactions.Txn reader = xacts.begin();
        reader.horizon = deleter + 1;                     // the deleter ended before every snapshot now
        int recordsBefore = wal.records.size();
        assertEquals(2, scanCount(reader), "the first and the last row are still there");
        assertTrue(freeSpaceOfBlock0() > freeBefore + 100 * (rows.size() - 3),
                "the deleted rows' storage is free: " + freeSpaceOfBlock0());
        assertEquals(1, wal.records.size() - recordsBefore, "one HEAP2 PRUNE record");
        try (Buffer buffer = buffers.read(REL, ForkNumber.MAIN, 0)) {
            buffer.lock(LWLockMode.SHARED);
            assertEquals(Page.LP_NORMAL, Page.itemIdFlags(Page.itemId(buffer.page(), 1)));
            for (int off = 2; off <= Page.maxOffsetNumber(buffer.page()); off++) {
                assertEquals(Page.LP_DEAD, Page.itemIdFlags(Page.itemId(buffer.page(), off)), "item " + off);
            }
        }
        assertEquals(List.of(), HeapCheck.check(buffers, REL, xacts));
    }

    /**
     * heap_page_prune hints what it looked up (HeapTupleSatisfiesVacuumHorizon's SetHintBits), so
     * the next prune of the page, which the next update of a hot row starts, asks the ProcArray and
     * the commit log about nobody; before, every prune of a pgbench_branches page asked about every
     * tuple on it again. The hints dirty the buffer. heap_update's check of the old version and
     * VACUUM leave hints too.
     */
    @Test
    void pruneUpdateAndVacuumLeaveHints() {
        FakeTransactions.Txn t = xacts.begin();
        List<TupleId> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(heap.insert(REL, bytes("row " + i), t));
        }
        t.commit();
        FakeTransactions.Txn d = xacts.begin();
        for (TupleId tid : rows.subList(0, 4)) {
            heap.delete(REL, tid, d, d.snapshot(), true);
        }
        d.commit();
        FakeTransactions.Txn a = xacts.begin();
        heap.delete(REL, rows.get(4), a, a.snapshot(), true);
        heap.insert(REL, bytes("aborted"), a);
        a.abort();
        FakeTransactions.Txn running = xacts.begin();
        heap.delete(REL, rows.get(5), running, running.snapshot(), true);
        buffers.flushAll();
        int horizon = d.xid;                            // d's deletes are still visible to somebody
        try (Buffer buffer = buffers.read(REL, ForkNumber.MAIN, 0)) {
            buffer.lock(LWLockMode.EXCLUSIVE);
            int before = xacts.statusLookups;
            HotPrune first = HotPrune.compute(buffer.page(), horizon, xacts::status, buffer);
            assertTrue(xacts.statusLookups > before);
            before = xacts.statusLookups;
            HotPrune second = HotPrune.compute(buffer.page(), horizon, xacts::status, buffer);
            assertEquals(1, xacts.statusLookups - before, "only the running deleter is asked about again");
            assertArrayEquals(first.dead(), second.dead());
            assertArrayEquals(new int[] {11}, second.dead(), "the aborted insert");
            assertEquals(d.xid, second.newPruneXid());
        }
        assertEquals(1, buffers.flushAll(), "the hints dirtied the page");

        FakeTransactions.Txn u = xacts.begin();
        TupleId updated = rows.get(6);
        clearHints(updated);
        heap.update(REL, updated, bytes("row 6 again"), u, u.snapshot(), true);
        assertEquals(HEAP_XMIN_COMMITTED, hintsOf(updated) & HEAP_XMIN_COMMITTED, "heap_update's check hinted");
        u.abort();
        running.commit();

        TupleId live = rows.get(7);
        clearHints(live);
        heap.vacuum(REL, u.xid + 1, 3);
        assertEquals(HEAP_XMIN_COMMITTED, hintsOf(live) & HEAP_XMIN_COMMITTED, "VACUUM hinted");
        assertEquals(HEAP_XMAX_INVALID, hintsOf(updated) & HEAP_XMAX_INVALID, "the aborted updater");
        heap.vacuum(REL, u.xid + 1, u.xid + 1);
        try (Buffer buffer = buffers.read(REL, ForkNumber.MAIN, 0)) {
            buffer.lock(LWLockMode.SHARED);
            assertEquals(0, org.tusk.heapam.internal.HeapTupleHeader.xmax(Page.item(buffer.page(), updated.offset())),
                    "freezing clears the hinted-invalid old xmax (heap_prepare_freeze_tuple)");
        }
        assertEquals(List.of(), HeapCheck.check(buffers, REL, xacts));
    }

    /**
     * HotPrune.compute reuses its working arrays within a thread: a page pruned after a page with
     * more line pointers and other dead versions gets the same answer as on a thread of its own.
     */
    @Test
    void pruneAfterALargerPageAnswersAsOnAFreshThread() throws Exception {
        FakeTransactions.Txn t = xacts.begin();
        List<TupleId> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(heap.insert(REL, bytes("row " + i), t));
        }
        t.commit();
        FakeTransactions.Txn d = xacts.begin();
        for (TupleId tid : rows.subList(0, 4)) {
            heap.delete(REL, tid, d, d.snapshot(), true);
        }
        d.commit();
        byte[] small = copyOfBlock0();
        FakeTransactions.Txn d2 = xacts.begin();
        for (TupleId tid : rows.subList(4, 10)) {
            heap.delete(REL, tid, d2, d2.snapshot(), true);
        }
        for (int i = 0; i < 30; i++) {
            heap.insert(REL, bytes("more " + i), d2);
        }
        d2.commit();
        byte[] large = copyOfBlock0();
        int horizon = d2.xid + 1;
        HotPrune[] alone = new HotPrune[1];
        Thread fresh = new Thread(() -> alone[0] = HotPrune.compute(pageOf(small), horizon, xacts::status, null));
        fresh.start();
        fresh.join();
        HotPrune largeAnswer = HotPrune.compute(pageOf(large), horizon, xacts::status, null);
        assertEquals(10, largeAnswer.dead().length, "every deleted row of the larger page");
        HotPrune smallAnswer = HotPrune.compute(pageOf(small), horizon, xacts::status, null);
        assertArrayEquals(new int[] {1, 2, 3, 4}, smallAnswer.dead());
        assertArrayEquals(alone[0].dead(), smallAnswer.dead());
        assertArrayEquals(alone[0].unused(), smallAnswer.unused());
        assertArrayEquals(alone[0].redirectFrom(), smallAnswer.redirectFrom());
        assertEquals(alone[0].newPruneXid(), smallAnswer.newPruneXid());
    }

    private byte[] copyOfBlock0() {
        try (Buffer buffer = buffers.read(REL, ForkNumber.MAIN, 0)) {
            buffer.lock(LWLockMode.SHARED);
            byte[] copy = new byte[Page.BLCKSZ];
            buffer.page().get(0, copy, 0, Page.BLCKSZ);
            return copy;
        }
    }

    private static ByteBuffer pageOf(byte[] bytes) {
        return ByteBuffer.wrap(bytes.clone()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    private int hintsOf(TupleId tid) {
        try (Buffer buffer = buffers.read(REL, ForkNumber.MAIN, tid.block())) {
            buffer.lock(LWLockMode.SHARED);
            return infomask(Page.item(buffer.page(), tid.offset()));
        }
    }

    /** As a page written before any reader came by (hints are never logged with the insert). */
    private void clearHints(TupleId tid) {
        try (Buffer buffer = buffers.read(REL, ForkNumber.MAIN, tid.block())) {
            buffer.lock(LWLockMode.EXCLUSIVE);
            ByteBuffer tuple = Page.item(buffer.page(), tid.offset());
            setInfomask(tuple, infomask(tuple) & ~(HEAP_XMIN_COMMITTED | HEAP_XMIN_INVALID));
            buffer.markDirty();
        }
    }

    private int freeSpaceOfBlock0() {
        try (Buffer buffer = buffers.read(REL, ForkNumber.MAIN, 0)) {
            buffer.lock(LWLockMode.SHARED);
            return Page.freeSpace(buffer.page());
        }
    }

    private int scanCount(FakeTransactions.Txn reader) {
        int rows = 0;
        try (org.tusk.api.storage.TableScan scan = heap.beginScan(REL, reader.snapshot(), reader)) {
            while (scan.next()) {
                rows++;
            }
        }
        return rows;
    }

    /**
     * HOT: updates that keep the indexed columns make heap-only tuples on the same page; the
     * chain is followed from the root an index entry points at; when the page fills, pruning
     * removes the dead prefix (the root becomes a redirect) so the row stays on its page; an
     * aborted HOT update's version is pruned as an orphan; an index build maps a heap-only
     * tuple to its root; VACUUM keeps the chain reachable; redo rebuilds identical pages.
     */
    @Test
    void hotUpdatesChainPruneAndReplay() throws Exception {
        FakeTransactions.Txn t = xacts.begin();
        TupleId root = heap.insert(REL, bytes("a0"), t);
        TupleId other = heap.insert(REL, bytes("b0"), t);
        t.commit();
        TupleId current = root;
        int heapOnly = 0;
        for (int i = 1; i <= 300; i++) {
            FakeTransactions.Txn u = xacts.begin();
            u.assignXid();
            u.horizon = u.xid;                          // every earlier updater has ended
            org.tusk.api.storage.ModifyResult r = heap.update(REL, current, bytes("a" + i + " ".repeat(80)), u,
                    u.snapshot(), true, true);
            assertEquals(org.tusk.api.storage.ModifyResult.Status.OK, r.status());
            heapOnly += r.heapOnly() ? 1 : 0;
            current = r.newTupleId();
            u.commit();
        }
        assertEquals(300, heapOnly, "every update stayed on the page, pruning made room");
        assertEquals(1, buffers.nblocks(REL, ForkNumber.MAIN));
        FakeTransactions.Txn r = xacts.begin();
        org.tusk.api.storage.FetchedTuple found = heap.fetchFromIndex(REL, root, r.snapshot(), r);
        assertEquals(current, found.tid());
        assertEquals("a300" + " ".repeat(80), new String(found.data()));
        assertEquals(org.tusk.api.storage.TupleLiveness.State.LIVE, heap.liveness(REL, root, r).state());
        assertNull(heap.fetch(REL, root, r.snapshot(), r), "the root is a redirect now, not a version");
        assertEquals("b0", new String(heap.fetchFromIndex(REL, other, r.snapshot(), r).data()));
        assertEquals(List.of(), HeapCheck.check(buffers, REL, xacts));

        FakeTransactions.Txn x = xacts.begin();
        heap.update(REL, current, bytes("aborted"), x, x.snapshot(), true, true);
        x.abort();
        assertEquals(current, heap.fetchFromIndex(REL, root, r.snapshot(), r).tid());
        try (org.tusk.api.storage.TableScan scan = heap.beginScan(REL, r.snapshot(), r)) {
            List<TupleId> indexTids = new ArrayList<>();
            while (scan.next()) {
                indexTids.add(scan.indexTupleId());
            }
            assertEquals(java.util.Set.of(root, other), new java.util.HashSet<>(indexTids),
                    "an index build points at the chain's root");
        }
        FakeTransactions.Txn n = xacts.begin();
        int horizon = n.assignXid();
        VacuumResult vacuumed = heap.vacuum(REL, horizon, horizon);   // freezing drops the aborted xmax
        assertTrue(vacuumed.tuplesRemoved() >= 1, "the aborted version: " + vacuumed);
        assertEquals(current, heap.fetchFromIndex(REL, root, n.snapshot(), n).tid());
        assertEquals(List.of(), heap.collectDeadTuples(REL), "heap-only versions need no index cleanup");
        assertEquals(List.of(), HeapCheck.check(buffers, REL, xacts));
        n.commit();

        int nblocks = buffers.nblocks(REL, ForkNumber.MAIN);
        List<byte[]> original = pages(buffers, REL, nblocks);
        try (ShmemSegment fresh = createSegment(dir, "shm3", 16);
                BufferManager replay = attach(fresh, dir.resolve("replayed3"), new RecordingWal())) {
            RedoContext context = replay.redoContext();
            ResourceManager heapRm = new HeapResourceManager();
            ResourceManager heap2Rm = new Heap2ResourceManager();
            for (DecodedRecord record : wal.records) {
                (record.rmgrId() == ResourceManager.HEAP ? heapRm : heap2Rm).redo(record, context);
            }
            List<byte[]> replayed = pages(replay, REL, nblocks);
            for (int b = 0; b < nblocks; b++) {
                assertArrayEquals(masked(original.get(b)), masked(replayed.get(b)), "block " + b);
            }
        }
    }

    /** heap_mask: commit hints, the unlogged pd_prune_xid hint and the page's hint flags do not take part. */
    private static byte[] masked(byte[] pageBytes) {
        byte[] copy = pageBytes.clone();
        MultiProcessHeapTest.maskHintBits(copy);
        ByteBuffer page = ByteBuffer.wrap(copy).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        Page.setPruneXid(page, 0);
        Page.setFlags(page, Page.flags(page) & ~(Page.PD_HAS_FREE_LINES | Page.PD_PAGE_FULL));
        java.util.Arrays.fill(copy, Page.lower(page), Page.upper(page), (byte) 0);    // mask_unused_space
        for (int off = 1; off <= Page.maxOffsetNumber(page); off++) {
            if (Page.itemIdFlags(Page.itemId(page, off)) == Page.LP_NORMAL) {
                ByteBuffer tuple = Page.item(page, off);
                int mask = org.tusk.heapam.internal.HeapTupleHeader.infomask(tuple)
                        & ~org.tusk.heapam.internal.HeapTupleHeader.HEAP_XMAX_INVALID;
                tuple.putShort(org.tusk.heapam.internal.HeapTupleHeader.T_INFOMASK, (short) mask);
            }
        }
        return copy;
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
