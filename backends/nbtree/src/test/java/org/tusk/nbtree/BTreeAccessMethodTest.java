package org.tusk.nbtree;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.wal.RecordingWal;
import org.tusk.api.error.PgException;
import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.IndexDescriptor;
import org.tusk.api.storage.IndexScan;
import org.tusk.api.storage.IndexVacuumResult;
import org.tusk.api.storage.ScanBounds;
import org.tusk.api.storage.TransactionContext;
import org.tusk.api.storage.TransactionStatus;
import org.tusk.api.storage.TupleId;
import org.tusk.api.storage.TupleLiveness;
import org.tusk.buffer.Buffer;
import org.tusk.buffer.BufferManager;
import org.tusk.buffer.Page;
import org.tusk.nbtree.internal.BTMetaPage;
import org.tusk.nbtree.internal.BTPageOpaque;
import org.tusk.nbtree.internal.BTRecords;
import org.tusk.shmem.LWLockMode;
import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.ShmemSegment;
import org.tusk.wal.DecodedRecord;
import org.tusk.wal.RedoContext;
import org.tusk.wal.ResourceManager;

/** The B-tree over a real buffer pool with an in-memory WAL (one process). */
class BTreeAccessMethodTest {

    @TempDir
    Path dir;

    private ShmemSegment segment;
    private BufferManager buffers;
    private RecordingWal wal;
    private BTreeAccessMethod btree;

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
        segment = createSegment(dir, "shm", 1024);
        wal = new RecordingWal();
        buffers = attach(segment, dir.resolve("data"), wal);
        btree = new BTreeAccessMethod(buffers, wal);
    }

    @AfterEach
    void tearDown() {
        buffers.close();
        segment.close();
    }

    static TupleId tid(int n) {
        return new TupleId(n / 100, n % 100 + 1);
    }

    /** All entries of a scan as "key@tid" strings, checking (key, tid) order on the way. */
    static List<String> scan(BTreeAccessMethod am, IndexDescriptor index, ScanBounds bounds) {
        List<String> out = new ArrayList<>();
        int lastKey = Integer.MIN_VALUE;
        TupleId lastTid = null;
        try (IndexScan scan = am.beginScan(index, bounds, null, null)) {
            while (scan.next()) {
                int key = Keys.value(scan.key());
                TupleId tid = scan.heapTid();
                assertTrue(lastTid == null || key > lastKey || key == lastKey && tid.compareTo(lastTid) > 0,
                        "out of order: " + key + "@" + tid + " after " + lastKey + "@" + lastTid);
                lastKey = key;
                lastTid = tid;
                out.add(key + "@" + tid);
            }
        }
        return out;
    }

    static List<String> expected(TreeMap<Integer, TreeSet<TupleId>> model, Integer low, boolean lowInc, Integer high,
            boolean highInc) {
        List<String> out = new ArrayList<>();
        var view = model;
        java.util.NavigableMap<Integer, TreeSet<TupleId>> range = view;
        if (low != null) {
            range = range.tailMap(low, lowInc);
        }
        if (high != null) {
            range = range.headMap(high, highInc);
        }
        range.forEach((k, tids) -> tids.forEach(t -> out.add(k + "@" + t)));
        return out;
    }

    @Test
    void hundredThousandRandomKeysScanExactly() {
        IndexDescriptor index = Keys.index(false);
        btree.build(index, sink -> { });
        Random random = new Random(42);
        TreeMap<Integer, TreeSet<TupleId>> model = new TreeMap<>();
        Map<TupleId, byte[]> heap = new HashMap<>();
        for (int n = 0; n < 100_000; n++) {
            int key = random.nextInt(60_000) - 30_000;           // many duplicates
            TupleId tid = tid(n);
            btree.insert(index, Keys.key(key), tid, null, null);
            model.computeIfAbsent(key, k -> new TreeSet<>()).add(tid);
            heap.put(tid, Keys.key(key));
        }
        assertEquals(List.of(), BTreeCheck.check(buffers, index, heap));
        List<String> all = scan(btree, index, ScanBounds.all());
        assertEquals(100_000, all.size());
        assertEquals(expected(model, null, true, null, true), all);
        for (int i = 0; i < 40; i++) {
            int a = random.nextInt(64_000) - 32_000;
            int b = a + random.nextInt(3000);
            boolean ai = random.nextBoolean();
            boolean bi = random.nextBoolean();
            assertEquals(expected(model, a, ai, b, bi),
                    scan(btree, index, ScanBounds.range(Keys.key(a), ai, Keys.key(b), bi)), a + ".." + b);
        }
        int dup = model.entrySet().stream().filter(e -> e.getValue().size() >= 4).findFirst().orElseThrow().getKey();
        assertEquals(expected(model, dup, true, dup, true), scan(btree, index, ScanBounds.equal(Keys.key(dup))));
        assertEquals(List.of(), scan(btree, index, ScanBounds.equal(Keys.key(40_000))));
        assertEquals(expected(model, null, true, -29_000, false),
                scan(btree, index, ScanBounds.range(null, true, Keys.key(-29_000), false)));
        assertEquals(expected(model, 29_000, false, null, true),
                scan(btree, index, ScanBounds.range(Keys.key(29_000), false, null, true)));

        BTMetaPage meta = readMeta();
        assertTrue(meta.level() >= 2, "a tree of 100k entries has internal levels, got " + meta.level());
        var size = btree.estimateSize(index);
        assertEquals(100_000, size.tuples());
        assertTrue(size.pages() > 250, "pages " + size.pages());

        // VACUUM: every third heap tuple is dead.
        IndexVacuumResult result = btree.bulkDelete(index, t -> (t.block() * 100 + t.offset() - 1) % 3 == 0);
        assertEquals(33_334, result.tuplesRemoved());
        assertEquals(66_666, result.tuplesRemaining());
        model.values().forEach(tids -> tids.removeIf(t -> (t.block() * 100 + t.offset() - 1) % 3 == 0));
        model.values().removeIf(TreeSet::isEmpty);
        heap.keySet().removeIf(t -> (t.block() * 100 + t.offset() - 1) % 3 == 0);
        assertEquals(expected(model, null, true, null, true), scan(btree, index, ScanBounds.all()));
        assertEquals(List.of(), BTreeCheck.check(buffers, index, heap));
        // and the freed space is used again
        for (int n = 100_000; n < 101_000; n++) {
            btree.insert(index, Keys.key(n % 500), tid(n), null, null);
            heap.put(tid(n), Keys.key(n % 500));
        }
        assertEquals(List.of(), BTreeCheck.check(buffers, index, heap));
    }

    private BTMetaPage readMeta() {
        try (Buffer meta = buffers.read(Keys.INDEX, ForkNumber.MAIN, 0)) {
            meta.lock(LWLockMode.SHARED);
            return BTMetaPage.read(meta.page());
        }
    }

    @Test
    void buildSortsHeapEntriesAndRejectsDuplicatesInUniqueIndex() {
        IndexDescriptor index = Keys.index(false);
        long n = btree.build(index, sink -> {
            for (int i = 0; i < 5000; i++) {
                sink.accept(Keys.key((i * 7919) % 5000), tid(i));
            }
        });
        assertEquals(5000, n);
        assertEquals(List.of(), BTreeCheck.check(buffers, index));
        List<String> all = scan(btree, index, ScanBounds.all());
        assertEquals(5000, all.size());
        assertEquals("0@(0,1)", all.get(0));
        // Appending in order fills pages to 90%: far fewer pages than half-full splits would give.
        assertTrue(buffers.nblocks(Keys.INDEX, ForkNumber.MAIN) < 5000 * 20 / 8000 * 100 / 85 + 4,
                "pages " + buffers.nblocks(Keys.INDEX, ForkNumber.MAIN));

        IndexDescriptor unique = new IndexDescriptor("u", org.tusk.api.storage.RelFileLocator.of(5, 17000), Keys.HEAP,
                true, Keys.index(true).comparator());
        PgException e = assertThrows(PgException.class, () -> btree.build(unique, sink -> {
            sink.accept(Keys.key(1), tid(1));
            sink.accept(Keys.key(1), tid(2));
        }));
        assertEquals("23505", e.sqlState());
        assertEquals("could not create unique index \"u\"", e.getMessage());
    }

    @Test
    void bottomUpBuildMakesAValidThreeLevelTreeThatLaterInsertsSplit() {
        IndexDescriptor index = Keys.index(false);
        Random random = new Random(11);
        TreeMap<Integer, TreeSet<TupleId>> model = new TreeMap<>();
        int n = 100_000;
        long built = btree.build(index, sink -> {
            for (int i = 0; i < n; i++) {
                int k = random.nextInt(40_000) - 20_000;
                sink.accept(Keys.key(k), tid(i));
                model.computeIfAbsent(k, x -> new TreeSet<>()).add(tid(i));
            }
        });
        assertEquals(n, built);
        assertEquals(List.of(), BTreeCheck.check(buffers, index));
        assertEquals(2, readMeta().level(), "leaves, one internal level, the root");
        assertEquals(expected(model, null, false, null, false), scan(btree, index, ScanBounds.all()));
        for (int t = 0; t < 200; t++) {
            int a = random.nextInt(44_000) - 22_000;
            int b = a + random.nextInt(3_000);
            assertEquals(expected(model, a, true, b, false),
                    scan(btree, index, ScanBounds.range(Keys.key(a), true, Keys.key(b), false)), a + ".." + b);
        }
        // Leaves 90% full: 8152 * 0.9 / 20 entries each (12-byte tuples, 8-aligned, plus line pointer).
        int leaves = buffers.nblocks(Keys.INDEX, ForkNumber.MAIN) - 1 - 2 - 1;
        assertTrue(leaves <= n / (8152 * 9 / 10 / 20) + 2, "leaves " + leaves);
        for (int i = n; i < n + 30_000; i++) {
            int k = random.nextInt(40_000) - 20_000;
            btree.insert(index, Keys.key(k), tid(i), null, null);
            model.computeIfAbsent(k, x -> new TreeSet<>()).add(tid(i));
        }
        assertEquals(List.of(), BTreeCheck.check(buffers, index));
        assertEquals(expected(model, null, false, null, false), scan(btree, index, ScanBounds.all()));
    }

    @Test
    void redoOfABottomUpBuildRebuildsIdenticalPages() throws Exception {
        IndexDescriptor index = Keys.index(true);
        btree.build(index, sink -> {
            for (int i = 0; i < 150_000; i++) {
                sink.accept(Keys.key(i * 3), tid(i));
            }
        });
        btree.insert(index, Keys.key(1), tid(200_000), null, null);
        int nblocks = buffers.nblocks(Keys.INDEX, ForkNumber.MAIN);
        List<byte[]> original = pages(buffers, nblocks);
        try (ShmemSegment fresh = createSegment(dir, "shm2", 32);
                BufferManager replay = attach(fresh, dir.resolve("replayed"), new RecordingWal())) {
            RedoContext context = replay.redoContext();
            ResourceManager rm = new BTreeResourceManager();
            for (DecodedRecord record : wal.records) {
                rm.redo(record, context);
            }
            assertEquals(nblocks, replay.nblocks(Keys.INDEX, ForkNumber.MAIN));
            List<byte[]> replayed = pages(replay, nblocks);
            for (int b = 0; b < nblocks; b++) {
                assertArrayEquals(original.get(b), replayed.get(b), "block " + b);
            }
            assertEquals(List.of(), BTreeCheck.check(replay, index));
        }
    }

    @Test
    void uniqueCheckRaisesWaitsAndIgnoresDead() {
        IndexDescriptor index = Keys.index(true);
        btree.build(index, sink -> { });
        Map<TupleId, TupleLiveness> heap = new HashMap<>();
        for (int i = 0; i < 3000; i++) {
            heap.put(tid(i), TupleLiveness.LIVE);
            btree.insert(index, Keys.key(i), tid(i), heap::get, null);
        }
        PgException e = assertThrows(PgException.class,
                () -> btree.insert(index, Keys.key(1234), tid(5000), heap::get, null));
        assertEquals("23505", e.sqlState());
        assertEquals("duplicate key value violates unique constraint \"t_pkey\"", e.getMessage());

        // A dead duplicate is no conflict: the key is then in the index twice (two heap versions).
        heap.put(tid(1234), TupleLiveness.DEAD);
        heap.put(tid(5000), TupleLiveness.LIVE);
        btree.insert(index, Keys.key(1234), tid(5000), heap::get, null);
        assertEquals(List.of("1234@(12,35)", "1234@(50,1)"), scan(btree, index, ScanBounds.equal(Keys.key(1234))));

        // Many equal keys spanning pages: each is checked, the live one at the end conflicts.
        for (int i = 0; i < 600; i++) {
            heap.put(tid(10_000 + i), TupleLiveness.DEAD);
            btree.insert(index, Keys.key(77_777), tid(10_000 + i), null, null);
        }
        heap.put(tid(10_599), TupleLiveness.LIVE);
        int[] checked = {0};
        assertThrows(PgException.class, () -> btree.insert(index, Keys.key(77_777), tid(20_000), t -> {
            checked[0]++;
            return heap.get(t);
        }, null));
        assertEquals(600, checked[0]);

        // In progress: wait for the transaction, then look again.
        heap.put(tid(10_599), TupleLiveness.inProgress(901));
        List<Integer> waitedFor = new ArrayList<>();
        TransactionContext txn = waiter(xid -> {
            waitedFor.add(xid);
            heap.put(tid(10_599), TupleLiveness.DEAD);                   // it aborted
        });
        btree.insert(index, Keys.key(77_777), tid(20_000), heap::get, txn);
        assertEquals(List.of(901), waitedFor);
        heap.put(tid(20_000), TupleLiveness.inProgress(902));
        waitedFor.clear();
        TransactionContext committer = waiter(xid -> {
            waitedFor.add(xid);
            heap.put(tid(20_000), TupleLiveness.LIVE);                   // it committed
        });
        assertThrows(PgException.class, () -> btree.insert(index, Keys.key(77_777), tid(20_001), heap::get, committer));
        assertEquals(List.of(902), waitedFor);
        assertEquals(List.of(), BTreeCheck.check(buffers, index));
    }

    static TransactionContext waiter(java.util.function.IntConsumer onWait) {
        return new TransactionContext() {
            @Override
            public int assignXid() {
                return 0;
            }

            @Override
            public int commandId() {
                return 0;
            }

            @Override
            public boolean isCurrentTransactionId(int xid) {
                return false;
            }

            @Override
            public TransactionStatus status(int xid) {
                return TransactionStatus.IN_PROGRESS;
            }

            @Override
            public boolean isRepeatableRead() {
                return false;
            }

            @Override
            public void waitForTransaction(int xid) {
                onWait.accept(xid);
            }
        };
    }

    @Test
    void redoRebuildsIdenticalPages() throws Exception {
        IndexDescriptor index = Keys.index(false);
        btree.build(index, sink -> { });
        Random random = new Random(7);
        for (int n = 0; n < 10_000; n++) {
            btree.insert(index, Keys.key(random.nextInt(5000)), tid(n), null, null);
        }
        btree.bulkDelete(index, t -> t.offset() % 4 == 0);
        int nblocks = buffers.nblocks(Keys.INDEX, ForkNumber.MAIN);
        List<byte[]> original = pages(buffers, nblocks);
        try (ShmemSegment fresh = createSegment(dir, "shm2", 32);
                BufferManager replay = attach(fresh, dir.resolve("replayed"), new RecordingWal())) {
            RedoContext context = replay.redoContext();
            ResourceManager rm = new BTreeResourceManager();
            for (DecodedRecord record : wal.records) {
                rm.redo(record, context);
            }
            assertEquals(nblocks, replay.nblocks(Keys.INDEX, ForkNumber.MAIN));
            List<byte[]> replayed = pages(replay, nblocks);
            for (int b = 0; b < nblocks; b++) {
                assertArrayEquals(original.get(b), replayed.get(b), "block " + b);
            }
            for (DecodedRecord record : wal.records) {                    // idempotent
                rm.redo(record, context);
            }
            assertArrayEquals(original.get(1), pages(replay, 2).get(1));
        }
    }

    static List<byte[]> pages(BufferManager pool, int nblocks) {
        List<byte[]> out = new ArrayList<>();
        for (int b = 0; b < nblocks; b++) {
            try (Buffer buffer = pool.read(Keys.INDEX, ForkNumber.MAIN, b)) {
                buffer.lock(LWLockMode.SHARED);
                byte[] copy = new byte[Page.BLCKSZ];
                buffer.page().get(0, copy);
                copy[8] = copy[9] = 0;                                     // pd_checksum: only on disk copies
                out.add(copy);
            }
        }
        return out;
    }

    /**
     * WAL that ends between a split and its downlink (a crash in between):
     * the replayed left page carries INCOMPLETE_SPLIT, BTreeCheck accepts the
     * right page without downlink, and the next insertion finishes the split.
     */
    @Test
    void incompleteSplitIsFinishedByTheNextInserter() throws Exception {
        IndexDescriptor index = Keys.index(false);
        btree.build(index, sink -> { });
        int n = 0;
        // Grow until the root is internal, then until a leaf split's downlink is an INSERT_UPPER.
        while (readMeta().level() == 0) {
            btree.insert(index, Keys.key(n), tid(n), null, null);
            n++;
        }
        int cut = -1;
        for (; cut < 0; n++) {
            int before = wal.records.size();
            btree.insert(index, Keys.key((n * 37) % 1000), tid(n), null, null);
            for (int i = before; i < wal.records.size(); i++) {
                if (wal.records.get(i).info() == BTRecords.XLOG_BTREE_SPLIT
                        && i + 1 < wal.records.size()
                        && wal.records.get(i + 1).info() == BTRecords.XLOG_BTREE_INSERT_UPPER) {
                    cut = i + 1;
                }
            }
        }
        try (ShmemSegment fresh = createSegment(dir, "shm3", 32);
                BufferManager replay = attach(fresh, dir.resolve("crashed"), new RecordingWal())) {
            ResourceManager rm = new BTreeResourceManager();
            for (DecodedRecord record : wal.records.subList(0, cut)) {
                rm.redo(record, replay.redoContext());
            }
            int leftBlock = wal.records.get(cut - 1).block(0).blockNumber();
            assertTrue(flags(replay, leftBlock) != 0, "left half flagged INCOMPLETE_SPLIT");
            assertEquals(List.of(), BTreeCheck.check(replay, index));
            List<String> before = scan(new BTreeAccessMethod(replay, new RecordingWal()), index, ScanBounds.all());
            assertEquals(n, before.size(), "every entry is reachable by right-links");

            RecordingWal after = new RecordingWal();
            BTreeAccessMethod am = new BTreeAccessMethod(replay, after);
            // An insertion that descends through the flagged page completes the split first.
            byte[] key = lowKeyOf(replay, leftBlock);
            am.insert(index, key, new TupleId(900_000, 1), null, null);
            assertEquals(0, flags(replay, leftBlock));
            assertTrue(after.records.stream().anyMatch(r -> r.info() == BTRecords.XLOG_BTREE_INSERT_UPPER));
            assertEquals(List.of(), BTreeCheck.check(replay, index));
            assertEquals(n + 1, scan(am, index, ScanBounds.all()).size());
        }
    }

    private static int flags(BufferManager pool, int block) {
        try (Buffer buffer = pool.read(Keys.INDEX, ForkNumber.MAIN, block)) {
            buffer.lock(LWLockMode.SHARED);
            return BTPageOpaque.read(buffer.page()).flags() & BTPageOpaque.BTP_INCOMPLETE_SPLIT;
        }
    }

    private static byte[] lowKeyOf(BufferManager pool, int block) {
        try (Buffer buffer = pool.read(Keys.INDEX, ForkNumber.MAIN, block)) {
            buffer.lock(LWLockMode.SHARED);
            ByteBuffer item = Page.item(buffer.page(), 2);
            byte[] key = new byte[item.remaining() - 8];
            item.get(8, key);
            return key;
        }
    }

    @Test
    void checkFindsPlantedCorruption() {
        IndexDescriptor index = Keys.index(false);
        btree.build(index, sink -> { });
        for (int n = 0; n < 3000; n++) {
            btree.insert(index, Keys.key(n), tid(n), null, null);
        }
        assertEquals(List.of(), BTreeCheck.check(buffers, index));
        int leaf = 1;                                                     // the first root leaf, now leftmost
        try (Buffer buffer = buffers.read(Keys.INDEX, ForkNumber.MAIN, leaf)) {
            buffer.lock(LWLockMode.EXCLUSIVE);
            ByteBuffer page = buffer.page();
            int a = Page.itemId(page, 5);
            int b = Page.itemId(page, 6);
            page.putInt(Page.SIZE_OF_PAGE_HEADER + 4 * 4, b);           // swap line pointers 5 and 6
            page.putInt(Page.SIZE_OF_PAGE_HEADER + 5 * 4, a);
            buffer.markDirty();
        }
        String problems = BTreeCheck.check(buffers, index).toString();
        assertTrue(problems.contains("block 1: items 5 and 6 are not in ascending order"), problems);
        try (Buffer buffer = buffers.read(Keys.INDEX, ForkNumber.MAIN, leaf)) {
            buffer.lock(LWLockMode.EXCLUSIVE);
            ByteBuffer page = buffer.page();
            int a = Page.itemId(page, 5);
            int b = Page.itemId(page, 6);
            page.putInt(Page.SIZE_OF_PAGE_HEADER + 4 * 4, b);
            page.putInt(Page.SIZE_OF_PAGE_HEADER + 5 * 4, a);
            buffer.markDirty();
        }
        assertEquals(List.of(), BTreeCheck.check(buffers, index));
        int skipped;
        int skipTo;
        try (Buffer buffer = buffers.read(Keys.INDEX, ForkNumber.MAIN, leaf)) {
            buffer.lock(LWLockMode.SHARED);
            skipped = BTPageOpaque.read(buffer.page()).next();
        }
        try (Buffer buffer = buffers.read(Keys.INDEX, ForkNumber.MAIN, skipped)) {
            buffer.lock(LWLockMode.SHARED);
            skipTo = BTPageOpaque.read(buffer.page()).next();
        }
        try (Buffer buffer = buffers.read(Keys.INDEX, ForkNumber.MAIN, leaf)) {
            buffer.lock(LWLockMode.EXCLUSIVE);
            BTPageOpaque opaque = BTPageOpaque.read(buffer.page());
            opaque.withNext(skipTo).write(buffer.page());                  // broken right-link: skips a page
            buffer.markDirty();
        }
        problems = BTreeCheck.check(buffers, index).toString();
        assertTrue(problems.contains("block " + skipTo + ": left-link " + skipped
                + " does not point at the left sibling 1"), problems);
        assertTrue(problems.contains("block " + skipped + ": page is not reachable from the root"), problems);
    }
}
