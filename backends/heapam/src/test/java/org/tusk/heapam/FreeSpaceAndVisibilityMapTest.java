package org.tusk.heapam;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.api.storage.RowLockMode;
import org.tusk.api.storage.TupleId;
import org.tusk.buffer.Buffer;
import org.tusk.buffer.BufferManager;
import org.tusk.buffer.CheckpointWriteDelay;
import org.tusk.buffer.Page;
import org.tusk.buffer.SyncRequestStats;
import org.tusk.heapam.internal.FreeSpaceMap;
import org.tusk.heapam.internal.VisibilityMap;
import org.tusk.shmem.LWLockMode;
import org.tusk.shmem.ShmemSegment;
import org.tusk.wal.DecodedRecord;
import org.tusk.wal.RecordingWal;
import org.tusk.wal.RedoContext;
import org.tusk.wal.ResourceManager;

/**
 * The shared free space map and the visibility map: a second heap instance
 * (another process's view: its own private cache is empty) finds room that
 * VACUUM recorded; VACUUM sets ALL_VISIBLE / ALL_FROZEN, every kind of change
 * clears them, and redo rebuilds the map pages.
 */
class FreeSpaceAndVisibilityMapTest {

    static final RelFileLocator REL = RelFileLocator.of(5, 16384);

    @TempDir
    Path dir;

    private ShmemSegment segment;
    private BufferManager buffers;
    private RecordingWal wal;
    private FakeTransactions xacts;
    private HeapAccessMethod heap;

    @BeforeEach
    void setUp() throws Exception {
        segment = HeapAccessMethodTest.createSegment(dir, "shm", 32);
        wal = new RecordingWal();
        buffers = HeapAccessMethodTest.attach(segment, dir.resolve("data"), wal);
        xacts = new FakeTransactions();
        heap = new HeapAccessMethod(buffers, wal, xacts);
        heap.createStorage(REL);
    }

    @AfterEach
    void tearDown() {
        buffers.close();
        segment.close();
    }

    /** Fills {@code pages} pages with 1000-byte rows, committed; returns their ids. */
    private List<TupleId> fill(int rows) {
        FakeTransactions.Txn t = xacts.begin();
        List<TupleId> ids = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            ids.add(heap.insert(REL, new byte[1000], t));
        }
        t.commit();
        return ids;
    }

    @Test
    void anotherProcessFindsSpaceThatVacuumRecorded() {
        List<TupleId> ids = fill(30);                          // 7 rows per page: blocks 0..4
        int lastBlock = buffers.nblocks(REL, ForkNumber.MAIN) - 1;
        assertTrue(lastBlock >= 3);
        FakeTransactions.Txn d = xacts.begin();
        for (TupleId id : ids) {
            if (id.block() == 1) {
                heap.delete(REL, id, d, d.snapshot(), true);
            }
        }
        d.commit();
        heap.vacuum(REL, d.xid + 1, 3);
        FreeSpaceMap fsm = heap.freeSpaceMap();
        assertTrue(fsm.category(REL, 1) * FreeSpaceMap.CATEGORY_STEP > 7000, "block 1 is recorded as nearly empty");
        assertTrue(fsm.category(REL, 0) * FreeSpaceMap.CATEGORY_STEP < 1000, "block 0 is full");

        // Another process: nothing in its private cache, the last page has room but the map says block 1.
        HeapAccessMethod other = new HeapAccessMethod(buffers, wal, xacts);
        FakeTransactions.Txn t = xacts.begin();
        TupleId placed = other.insert(REL, new byte[1000], t);
        t.commit();
        assertEquals(1, placed.block(), "the insert used the space VACUUM freed");
        assertEquals(lastBlock + 1, buffers.nblocks(REL, ForkNumber.MAIN), "no extension");
        assertTrue(buffers.smgr().exists(REL, ForkNumber.FSM));
    }

    @Test
    void aFrozenBulkInsertDoesNotAskTheSharedMap() {
        // TABLE_INSERT_SKIP_FSM: COPY FREEZE goes into storage its subtransaction created, where no one
        // else freed space, so it tries the last page and then extends, as PostgreSQL's COPY does
        List<TupleId> ids = fill(30);
        int lastBlock = buffers.nblocks(REL, ForkNumber.MAIN) - 1;
        FakeTransactions.Txn d = xacts.begin();
        for (TupleId id : ids) {
            if (id.block() == 1) {
                heap.delete(REL, id, d, d.snapshot(), true);
            }
        }
        d.commit();
        heap.vacuum(REL, d.xid + 1, 3);
        assertTrue(heap.freeSpaceMap().category(REL, 1) * FreeSpaceMap.CATEGORY_STEP > 7000);

        HeapAccessMethod other = new HeapAccessMethod(buffers, wal, xacts);
        FakeTransactions.Txn t = xacts.begin();
        TupleId[] placed = other.multiInsert(REL, List.of(new byte[1000], new byte[1000]), t, true);
        t.commit();
        assertEquals(lastBlock, placed[0].block(), "the last page, not the page the map advertises");
        for (TupleId tid : placed) {
            assertNotEquals(1, tid.block());
        }
    }

    @Test
    void aFrozenBulkInsertAsksTheRelationSizeOnceNotPerPage() {
        // COPY FREEZE fills page after page of storage only it extends: the page it just found full is the
        // last one, and one map page covers them all, so neither fork's size is asked again per page
        RelFileLocator fresh = RelFileLocator.of(5, 16390);
        RelationSizeCounter counted = new RelationSizeCounter(buffers);
        HeapAccessMethod loader = new HeapAccessMethod(counted, wal, xacts);
        loader.createStorage(fresh);
        List<byte[]> rows = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            rows.add(new byte[1000]);                          // 7 rows per page: 10 pages
        }
        FakeTransactions.Txn t = xacts.begin();
        TupleId[] placed = loader.multiInsert(fresh, rows, t, true);
        t.commit();
        assertEquals(9, placed[placed.length - 1].block());
        assertEquals(1, counted.asked(ForkNumber.MAIN), "the last page tried once, before any page was known");
        assertEquals(1, counted.asked(ForkNumber.VISIBILITY_MAP), "the map page pinned once for the ten pages");
        for (int block = 0; block < 10; block++) {
            assertEquals(VisibilityMap.ALL_VISIBLE | VisibilityMap.ALL_FROZEN,
                    loader.visibilityMap().status(fresh, block), "block " + block);
        }
    }

    /** A process's buffer manager that counts the size look-ups (an fstat each) the heap makes, per fork. */
    private static final class RelationSizeCounter implements BufferManager {
        private final BufferManager buffers;
        private final java.util.Map<ForkNumber, Integer> asked = new java.util.EnumMap<>(ForkNumber.class);

        RelationSizeCounter(BufferManager buffers) {
            this.buffers = buffers;
        }

        int asked(ForkNumber fork) {
            return asked.getOrDefault(fork, 0);
        }

        @Override
        public int nblocks(RelFileLocator locator, ForkNumber fork) {
            asked.merge(fork, 1, Integer::sum);
            return buffers.nblocks(locator, fork);
        }

        @Override
        public int nBuffers() {
            return buffers.nBuffers();
        }

        @Override
        public org.tusk.buffer.Smgr smgr() {
            return buffers.smgr();
        }

        @Override
        public Buffer read(RelFileLocator locator, ForkNumber fork, int block) {
            return buffers.read(locator, fork, block);
        }

        @Override
        public Buffer extend(RelFileLocator locator, ForkNumber fork) {
            return buffers.extend(locator, fork);
        }

        @Override
        public int flushAll() {
            return buffers.flushAll();
        }

        @Override
        public int bufferSync(CheckpointWriteDelay delay) {
            return buffers.bufferSync(delay);
        }

        @Override
        public SyncRequestStats processSyncRequests() {
            return buffers.processSyncRequests();
        }

        @Override
        public org.tusk.buffer.BgWriterRound bgBufferSync(org.tusk.buffer.BgWriterSettings settings) {
            return buffers.bgBufferSync(settings);
        }

        @Override
        public org.tusk.buffer.BufferWriteStats writeStats() {
            return buffers.writeStats();
        }

        @Override
        public boolean dataChecksums() {
            return buffers.dataChecksums();
        }

        @Override
        public void setDataChecksums(boolean enabled) {
            buffers.setDataChecksums(enabled);
        }

        @Override
        public void dropRelation(RelFileLocator locator) {
            buffers.dropRelation(locator);
        }

        @Override
        public void dropDatabase(int dbOid) {
            buffers.dropDatabase(dbOid);
        }

        @Override
        public RedoContext redoContext() {
            return buffers.redoContext();
        }

        @Override
        public void close() {
            buffers.close();
        }
    }

    @Test
    void aStaleMapEntryIsCorrectedByTheInserter() {
        fill(14);                                              // blocks 0 and 1 full
        FreeSpaceMap fsm = heap.freeSpaceMap();
        fsm.record(REL, 0, 8000);                              // a lie
        HeapAccessMethod other = new HeapAccessMethod(buffers, wal, xacts);
        FakeTransactions.Txn t = xacts.begin();
        TupleId placed = other.insert(REL, new byte[1000], t);
        t.commit();
        assertNotEquals(0, placed.block());
        assertTrue(fsm.category(REL, 0) * FreeSpaceMap.CATEGORY_STEP < 1000, "the inserter recorded the truth");
    }

    @Test
    void aCorruptMapPageIsZeroedNotAnError() throws Exception {
        fill(7);
        heap.freeSpaceMap().record(REL, 0, 4000);
        buffers.flushAll();
        buffers.dropRelation(REL);                             // force the next read from disk
        ByteBuffer garbage = Page.allocate();
        for (int i = 0; i < Page.BLCKSZ; i++) {
            garbage.put(i, (byte) (i * 31));
        }
        buffers.smgr().write(REL, ForkNumber.FSM, 0, garbage);
        assertEquals(0, heap.freeSpaceMap().category(REL, 0), "the torn page reads as 'no space known'");
        assertEquals(-1, heap.freeSpaceMap().find(REL, 100, -1));
    }

    @Test
    void vacuumSetsTheMapAndEveryChangeClearsIt() {
        List<TupleId> ids = fill(20);                          // blocks 0..2
        VisibilityMap vm = heap.visibilityMap();
        assertFalse(heap.isAllVisible(REL, 0));
        FakeTransactions.Txn probe = xacts.begin();
        int horizon = probe.assignXid();
        probe.commit();
        heap.vacuum(REL, horizon, 3);
        for (int b = 0; b < 3; b++) {
            assertTrue(heap.isAllVisible(REL, b), "block " + b);
            assertEquals(VisibilityMap.ALL_VISIBLE, vm.status(REL, b), "visible but not frozen");
        }
        heap.vacuum(REL, horizon, horizon);
        assertEquals(VisibilityMap.ALL_VISIBLE | VisibilityMap.ALL_FROZEN, vm.status(REL, 0));
        assertAllVisibleImpliesPageFlag(buffers);

        // Each kind of change, by another process, clears its page's bits.
        HeapAccessMethod other = new HeapAccessMethod(buffers, wal, xacts);
        FakeTransactions.Txn t = xacts.begin();
        other.delete(REL, firstOn(ids, 0), t, t.snapshot(), true);
        other.lockTuple(REL, firstOn(ids, 1), RowLockMode.SHARE, t, t.snapshot(), true);
        t.commit();
        assertEquals(0, vm.status(REL, 0), "delete");
        assertEquals(0, vm.status(REL, 1), "row lock");
        assertEquals(VisibilityMap.ALL_VISIBLE | VisibilityMap.ALL_FROZEN, vm.status(REL, 2), "untouched");
        FakeTransactions.Txn u = xacts.begin();
        TupleId moved = other.update(REL, firstOn(ids, 2), new byte[2000], u, u.snapshot(), true).newTupleId();
        u.commit();
        assertEquals(0, vm.status(REL, 2), "update (old page)");
        assertNotEquals(2, moved.block());
        assertAllVisibleImpliesPageFlag(buffers);
        assertEquals(List.of(), HeapCheck.check(buffers, REL, xacts));
    }

    @Test
    void heapCheckFindsAMapBitThePageDoesNotJustify() {
        List<TupleId> ids = fill(7);
        FakeTransactions.Txn probe = xacts.begin();
        int horizon = probe.assignXid();
        probe.commit();
        heap.vacuum(REL, horizon, 3);
        assertEquals(List.of(), HeapCheck.check(buffers, REL, xacts));
        // Corrupt: a delete that forgets the map (its page flag is cleared, the bit stays).
        FakeTransactions.Txn d = xacts.begin();
        d.assignXid();
        d.commit();
        try (Buffer buffer = buffers.read(REL, ForkNumber.MAIN, 0)) {
            buffer.lock(LWLockMode.EXCLUSIVE);
            ByteBuffer tuple = Page.item(buffer.page(), ids.get(0).offset());
            org.tusk.heapam.internal.HeapTupleHeader.setXmax(tuple, d.xid);
            org.tusk.heapam.internal.HeapTupleHeader.setInfomask(tuple,
                    org.tusk.heapam.internal.HeapTupleHeader.infomask(tuple)
                            & ~org.tusk.heapam.internal.HeapTupleHeader.HEAP_XMAX_INVALID);
            buffer.markDirty();
        }
        List<HeapCheck.Problem> problems = HeapCheck.check(buffers, REL, xacts);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).message().contains("not visible to all"), problems.toString());
    }

    @Test
    void redoRebuildsTheVisibilityMap() throws Exception {
        List<TupleId> ids = fill(20);
        FakeTransactions.Txn probe = xacts.begin();
        int horizon = probe.assignXid();
        probe.commit();
        heap.vacuum(REL, horizon, horizon);
        FakeTransactions.Txn t = xacts.begin();
        heap.delete(REL, firstOn(ids, 1), t, t.snapshot(), true);
        assertEquals(2, heap.insert(REL, new byte[1000], t).block());
        t.commit();
        byte[] map = page(buffers, ForkNumber.VISIBILITY_MAP, 0);
        assertEquals(0, VisibilityMap.bits(ByteBuffer.wrap(map), 1));
        assertEquals(0, VisibilityMap.bits(ByteBuffer.wrap(map), 2));
        assertEquals(3, VisibilityMap.bits(ByteBuffer.wrap(map), 0));

        try (ShmemSegment fresh = HeapAccessMethodTest.createSegment(dir, "shm2", 16);
                BufferManager replay = HeapAccessMethodTest.attach(fresh, dir.resolve("replayed"), new RecordingWal())) {
            RedoContext context = replay.redoContext();
            ResourceManager heapRm = new HeapResourceManager();
            ResourceManager heap2Rm = new Heap2ResourceManager();
            for (DecodedRecord record : wal.records) {
                (record.rmgrId() == ResourceManager.HEAP ? heapRm : heap2Rm).redo(record, context);
            }
            byte[] replayed = page(replay, ForkNumber.VISIBILITY_MAP, 0);
            assertArrayEquals(map, replayed);
            assertAllVisibleImpliesPageFlag(replay);
        }
    }

    private static TupleId firstOn(List<TupleId> ids, int block) {
        return ids.stream().filter(id -> id.block() == block).findFirst().orElseThrow();
    }

    private static byte[] page(BufferManager pool, ForkNumber fork, int block) {
        try (Buffer buffer = pool.read(REL, fork, block)) {
            buffer.lock(LWLockMode.SHARED);
            byte[] copy = new byte[Page.BLCKSZ];
            buffer.page().get(0, copy);
            return copy;
        }
    }

    /** pg_visibility's pg_check_visible in miniature: a set bit needs PD_ALL_VISIBLE on the heap page. */
    private static void assertAllVisibleImpliesPageFlag(BufferManager pool) {
        VisibilityMap vm = new VisibilityMap(pool);
        for (int b = 0; b < pool.nblocks(REL, ForkNumber.MAIN); b++) {
            if (vm.status(REL, b) != 0) {
                ByteBuffer heapPage = ByteBuffer.wrap(page(pool, ForkNumber.MAIN, b)).order(ByteOrder.LITTLE_ENDIAN);
                assertTrue((Page.flags(heapPage) & Page.PD_ALL_VISIBLE) != 0, "block " + b);
            }
        }
    }
}
