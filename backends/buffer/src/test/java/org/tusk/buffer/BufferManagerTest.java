package org.tusk.buffer;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.error.PgException;
import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.buffer.internal.BufferLayout;
import org.tusk.buffer.internal.SharedBufferManager;
import org.tusk.shmem.LWLockMode;
import org.tusk.shmem.ShmemArea;
import org.tusk.shmem.ShmemSegment;

/** One process (several BufferManager instances in one JVM stand for several processes where needed). */
class BufferManagerTest {

    private static final RelFileLocator REL = RelFileLocator.of(5, 16384);
    private static final int COUNTER = 64;

    @TempDir
    Path dir;

    private final List<ShmemSegment> segments = new ArrayList<>();
    private final List<BufferManager> managers = new ArrayList<>();
    private Path data;

    @BeforeEach
    void setUp() {
        data = dir.resolve("data");
    }

    @AfterEach
    void tearDown() {
        managers.forEach(BufferManager::close);
        segments.forEach(ShmemSegment::close);
    }

    private ShmemSegment segment(String name, int nBuffers) throws Exception {
        ShmemSegment segment = TestPool.create(dir, name, nBuffers);
        segments.add(segment);
        return segment;
    }

    private ShmemSegment segmentWithoutChecksums(String name, int nBuffers) throws Exception {
        ShmemSegment segment = TestPool.createWithoutChecksums(dir, name, nBuffers);
        segments.add(segment);
        return segment;
    }

    private BufferManager attach(ShmemSegment segment, int slot, FakeWal wal) throws Exception {
        BufferManager manager = TestPool.attach(segment, data, slot, wal);
        managers.add(manager);
        return manager;
    }

    /** Extends REL by {@code pages} initialized pages whose counter is the block number and LSN is 1000 + block. */
    private static void createPages(BufferManager pool, int pages) {
        for (int i = 0; i < pages; i++) {
            try (Buffer buffer = pool.extend(REL, ForkNumber.MAIN)) {
                assertEquals(i, buffer.blockNumber());
                ByteBuffer page = buffer.page();
                assertTrue(Page.isAllZero(page));
                Page.init(page, 0);
                page.putInt(COUNTER, i);
                Page.setLsn(page, 1000 + i);
                buffer.markDirty();
            }
        }
    }

    private static int counter(BufferManager pool, int block) {
        try (Buffer buffer = pool.read(REL, ForkNumber.MAIN, block)) {
            buffer.lock(LWLockMode.SHARED);
            return buffer.page().getInt(COUNTER);
        }
    }

    private Path file() {
        return data.resolve(REL.path(ForkNumber.MAIN));
    }

    private ByteBuffer readFromDisk(int block) throws Exception {
        ByteBuffer page = Page.allocate();
        try (FileChannel channel = FileChannel.open(file(), StandardOpenOption.READ)) {
            channel.read(page, (long) block * Page.BLCKSZ);
        }
        return page.clear();
    }

    private void writeToDisk(int block, ByteBuffer page) throws Exception {
        try (FileChannel channel = FileChannel.open(file(), StandardOpenOption.WRITE)) {
            channel.write(page.duplicate().clear(), (long) block * Page.BLCKSZ);
        }
    }

    /** EXPLAIN's BUFFERS counts: a read from disk, then hits; a clean buffer dirtied once; a write. */
    @Test
    void bufferUsageCountsThisProcessesAccesses() throws Exception {
        BufferManager creator = attach(segment("a", 16), 0, new FakeWal());
        createPages(creator, 4);
        BufferUsage.Counts start = BufferUsage.now();
        assertEquals(4, creator.flushAll());
        assertEquals(new BufferUsage.Counts(0, 0, 0, 4), BufferUsage.now().since(start));

        BufferManager pool = attach(segment("b", 16), 0, new FakeWal());   // as after a restart: nothing cached
        start = BufferUsage.now();
        for (int b = 0; b < 4; b++) {
            pool.read(REL, ForkNumber.MAIN, b).close();
        }
        assertEquals(new BufferUsage.Counts(0, 4, 0, 0), BufferUsage.now().since(start));
        start = BufferUsage.now();
        for (int round = 0; round < 2; round++) {
            try (Buffer buffer = pool.read(REL, ForkNumber.MAIN, 1)) {
                buffer.lock(LWLockMode.EXCLUSIVE);
                buffer.markDirty();   // the second time it is dirty already: not counted again
            }
        }
        pool.flushAll();
        assertEquals(new BufferUsage.Counts(2, 0, 1, 1), BufferUsage.now().since(start));
    }

    @Test
    void aBulkReadThroughARingLeavesThePoolAlone() throws Exception {
        BufferManager pool = attach(segment("a", 64), 0, new FakeWal());
        createPages(pool, 200);
        pool.flushAll();
        for (int b = 0; b < 40; b++) {
            assertEquals(b, counter(pool, b));                  // now in the pool
        }
        // another version of those pages on disk: reading one back from there would show it
        for (int b = 0; b < 40; b++) {
            ByteBuffer page = readFromDisk(b);
            page.putInt(COUNTER, 5000 + b);
            PageChecksum.set(page, b);
            writeToDisk(b, page);
        }
        BufferRing ring = BufferRing.bulkRead(pool.nBuffers());
        assertEquals(8, ring.size(), "an eighth of a small pool");
        for (int b = 100; b < 200; b++) {
            try (Buffer buffer = pool.read(REL, ForkNumber.MAIN, b, ring)) {
                buffer.lock(LWLockMode.SHARED);
                assertEquals(b, buffer.page().getInt(COUNTER));
            }
        }
        for (int b = 0; b < 40; b++) {
            assertEquals(b, counter(pool, b), "block " + b + " stayed in the pool");
        }
        // without the ring the same scan goes through the whole pool
        for (int b = 100; b < 200; b++) {
            assertEquals(b, counter(pool, b));
        }
        assertEquals(5000, counter(pool, 0));
    }

    @Test
    void pagesSurviveEvictionAndRestart() throws Exception {
        FakeWal wal = new FakeWal();
        BufferManager pool = attach(segment("a", 16), 0, wal);
        createPages(pool, 64);
        assertEquals(64, pool.nblocks(REL, ForkNumber.MAIN));
        for (int round = 0; round < 3; round++) {
            for (int b = 0; b < 64; b++) {
                try (Buffer buffer = pool.read(REL, ForkNumber.MAIN, b)) {
                    buffer.lock(LWLockMode.EXCLUSIVE);
                    buffer.page().putInt(COUNTER, buffer.page().getInt(COUNTER) + 1000);
                    buffer.markDirty();
                }
            }
        }
        for (int b = 0; b < 64; b++) {
            assertEquals(b + 3000, counter(pool, b));
        }
        pool.flushAll();
        BufferManager restarted = attach(segment("b", 16), 1, new FakeWal());
        for (int b = 0; b < 64; b++) {
            assertEquals(b + 3000, counter(restarted, b));
        }
        PgException beyond = assertThrows(PgException.class, () -> restarted.read(REL, ForkNumber.MAIN, 64));
        assertEquals("XX001", beyond.sqlState());
    }

    @Test
    void walIsFlushedBeforeADirtyPageIsWritten() throws Exception {
        FakeWal wal = new FakeWal();
        List<String> violations = new ArrayList<>();
        wal.onFlush = lsn -> {
            // At flush(L) of page block L-1000, the disk must not have that version yet.
            try {
                int block = (int) (lsn - 1000);
                if (block >= 0 && block < 64 && Page.lsn(readFromDisk(block)) == lsn) {
                    violations.add("block " + block + " was on disk before WAL was flushed to " + lsn);
                }
            } catch (Exception e) {
                violations.add(e.toString());
            }
        };
        BufferManager pool = attach(segment("a", 16), 0, wal);
        createPages(pool, 64);   // 64 dirty pages through 16 buffers: at least 48 evictions
        assertTrue(wal.flushes.size() >= 48, "flushes: " + wal.flushes);
        assertEquals(List.of(), violations);
        for (long lsn : wal.flushes) {
            assertEquals(lsn, Page.lsn(readFromDisk((int) (lsn - 1000))), "written after the flush of " + lsn);
        }
        // The evicted pages reached disk with a valid checksum.
        ByteBuffer first = readFromDisk(0);
        assertTrue(PageChecksum.verify(first, 0));
        assertNotEquals(0, Page.checksum(first));
    }

    @Test
    void corruptPageIsReportedAndNotCached() throws Exception {
        BufferManager pool = attach(segment("a", 16), 0, new FakeWal());
        createPages(pool, 4);
        pool.flushAll();
        ByteBuffer page = readFromDisk(2);
        page.put(3000, (byte) (page.get(3000) ^ 1));
        writeToDisk(2, page);
        BufferManager fresh = attach(segment("b", 16), 1, new FakeWal());
        for (int attempt = 0; attempt < 2; attempt++) {
            PgException e = assertThrows(PgException.class, () -> fresh.read(REL, ForkNumber.MAIN, 2));
            assertEquals("XX001", e.sqlState());
            assertEquals("invalid page in block 2 of relation base/5/16384", e.getMessage());
        }
        assertEquals(1, counter(fresh, 1));
        assertEquals(3, counter(fresh, 3));
        // the failed reads left no pin behind: all 16 buffers can still be cycled through
        for (int i = 0; i < 40; i++) {
            counter(fresh, i % 2 == 0 ? 1 : 3);
        }
    }

    @Test
    void withoutDataChecksumsPagesAreNeitherChecksummedNorVerified() throws Exception {
        ShmemSegment segment = segmentWithoutChecksums("a", 16);
        BufferManager pool = attach(segment, 0, new FakeWal());
        assertFalse(pool.dataChecksums(), "initdb's default");
        createPages(pool, 4);
        pool.flushAll();
        assertEquals(0, Page.checksum(readFromDisk(2)), "no checksum computed");
        ByteBuffer page = readFromDisk(2);
        page.put(3000, (byte) (page.get(3000) ^ 1));
        writeToDisk(2, page);
        ByteBuffer insane = readFromDisk(3);
        insane.putShort(Page.PD_LOWER, (short) 9000);
        writeToDisk(3, insane);
        BufferManager fresh = attach(segmentWithoutChecksums("b", 16), 1, new FakeWal());
        assertEquals(2, counter(fresh, 2), "a flipped bit in the data goes unnoticed, as in PostgreSQL");
        PgException e = assertThrows(PgException.class, () -> fresh.read(REL, ForkNumber.MAIN, 3));
        assertEquals("XX001", e.sqlState(), "the header is still checked");
        // the same pool with checksums on (initdb -k) computes them on write and verifies them on read
        pool.setDataChecksums(true);
        assertTrue(attach(segment, 2, new FakeWal()).dataChecksums(), "one setting for every process of the pool");
        dirty(pool, 1);
        pool.flushAll();
        assertTrue(PageChecksum.verify(readFromDisk(1), 1));
        assertNotEquals(0, Page.checksum(readFromDisk(1)));
    }

    @Test
    void tornWriteIsDetected() throws Exception {
        BufferManager pool = attach(segment("a", 16), 0, new FakeWal());
        createPages(pool, 2);
        pool.flushAll();
        ByteBuffer oldVersion = readFromDisk(1);
        try (Buffer buffer = pool.read(REL, ForkNumber.MAIN, 1)) {
            buffer.lock(LWLockMode.EXCLUSIVE);
            byte[] item = new byte[3000];
            java.util.Arrays.fill(item, (byte) 0x5A);
            Page.addItem(buffer.page(), item, 0);   // changes the header and the page's end
            Page.setLsn(buffer.page(), 5000);
            buffer.markDirty();
        }
        pool.flushAll();
        ByteBuffer newVersion = readFromDisk(1);
        ByteBuffer torn = Page.allocate();
        torn.put(0, newVersion, 0, 4096);
        torn.put(4096, oldVersion, 4096, 4096);
        writeToDisk(1, torn);
        BufferManager fresh = attach(segment("b", 16), 1, new FakeWal());
        PgException e = assertThrows(PgException.class, () -> fresh.read(REL, ForkNumber.MAIN, 1));
        assertEquals("XX001", e.sqlState());
        // and the other tear: old first half, new second half
        torn.put(0, oldVersion, 0, 4096);
        torn.put(4096, newVersion, 4096, 4096);
        writeToDisk(1, torn);
        assertThrows(PgException.class, () -> fresh.read(REL, ForkNumber.MAIN, 1));
        writeToDisk(1, newVersion);
        assertEquals(1, counter(fresh, 1));
    }

    @Test
    void pinsAreCountedOncePerProcess() throws Exception {
        ShmemSegment segment = segment("a", 16);
        SharedBufferManager one = (SharedBufferManager) attach(segment, 0, new FakeWal());
        SharedBufferManager two = (SharedBufferManager) attach(segment, 1, new FakeWal());
        createPages(one, 1);
        Buffer a = one.read(REL, ForkNumber.MAIN, 0);
        Buffer b = one.read(REL, ForkNumber.MAIN, 0);
        int id = a.bufferId();
        assertEquals(id, b.bufferId());
        assertEquals(2, one.privateRefCount(id));
        assertEquals(1, one.sharedRefCount(id));
        assertFalse(a.conditionalLockForCleanup(), "two local pins");
        b.release();
        assertThrows(IllegalStateException.class, b::release);
        Buffer c = two.read(REL, ForkNumber.MAIN, 0);
        assertEquals(2, one.sharedRefCount(id));
        assertFalse(a.conditionalLockForCleanup(), "another process has it pinned");
        c.lock(LWLockMode.SHARED);
        c.release();
        assertEquals(1, one.sharedRefCount(id));
        assertTrue(a.conditionalLockForCleanup());
        assertFalse(c == a);
        Buffer d = two.read(REL, ForkNumber.MAIN, 0);
        assertFalse(d.conditionalLock(LWLockMode.SHARED), "a holds the cleanup lock");
        d.release();
        a.release();
        assertEquals(0, one.sharedRefCount(id));
        assertEquals(0, one.privateRefCount(id));
    }

    @Test
    void aBuffersContentLockLivesOnItsDescriptorLineAndExcludesOtherProcesses() throws Exception {
        ShmemSegment segment = segment("a", 16);
        BufferManager one = attach(segment, 0, new FakeWal());
        BufferManager two = attach(segment, 1, new FakeWal());
        createPages(one, 2);
        ShmemArea area = segment.area(BufferLayout.AREA_NAME);
        BufferLayout layout = new BufferLayout(16);
        assertEquals(BufferLayout.lwlockCount(16), area.lwlockCount());
        assertEquals(16 + BufferLayout.NUM_BUFFER_PARTITIONS + BufferLayout.NUM_EXTENSION_LOCKS + 1,
                area.lwlockCount(), "the tranche holds no content locks");
        try (Buffer a = one.read(REL, ForkNumber.MAIN, 0); Buffer b = two.read(REL, ForkNumber.MAIN, 0);
                Buffer other = two.read(REL, ForkNumber.MAIN, 1)) {
            int descriptor = layout.descriptor(a.bufferId());
            int lockWord = layout.contentLock(a.bufferId());
            assertTrue(lockWord >= descriptor && lockWord + ShmemArea.EMBEDDED_LWLOCK_BYTES <= descriptor
                    + BufferLayout.DESC_SIZE, "inside the 64-byte descriptor");
            assertEquals(0, area.getIntVolatile(lockWord));
            a.lock(LWLockMode.EXCLUSIVE);
            assertNotEquals(0, area.getIntVolatile(lockWord), "locking wrote the descriptor's lock word");
            assertFalse(b.conditionalLock(LWLockMode.SHARED), "another process sees it locked");
            assertTrue(other.conditionalLock(LWLockMode.EXCLUSIVE), "another buffer's lock is its own");
            other.unlock();
            a.unlock();
            assertEquals(0, area.getIntVolatile(lockWord));
            assertTrue(b.conditionalLock(LWLockMode.SHARED));
            a.lock(LWLockMode.SHARED);
            a.unlock();
            b.unlock();
        }
    }

    @Test
    void everyPinOfABufferSharesTheProcessesOnePageViewAndRelativeAccessIsCaught() throws Exception {
        ShmemSegment segment = segment("a", 16);
        BufferManager one = attach(segment, 0, new FakeWal());
        BufferManager two = attach(segment, 1, new FakeWal());
        createPages(one, 2);
        ByteBuffer first;
        try (Buffer a = one.read(REL, ForkNumber.MAIN, 0); Buffer b = one.read(REL, ForkNumber.MAIN, 0)) {
            first = a.page();
            assertSame(first, b.page(), "no new view per pin");
            assertSame(first, a.page());
            assertEquals(ByteOrder.LITTLE_ENDIAN, first.order());
            assertEquals(0, first.position());
            assertEquals(Page.BLCKSZ, first.limit());
        }
        try (Buffer again = one.read(REL, ForkNumber.MAIN, 0)) {
            assertSame(first, again.page(), "nor per read");
        }
        try (Buffer other = one.read(REL, ForkNumber.MAIN, 1); Buffer elsewhere = two.read(REL, ForkNumber.MAIN, 0)) {
            assertNotSame(first, other.page());
            assertNotSame(first, elsewhere.page(), "another process has its own views");
            assertEquals(0, elsewhere.page().getInt(COUNTER));
        }
        // the view is shared, so a caller that moves it would break every later reader: unpinning says so
        Buffer careless = one.read(REL, ForkNumber.MAIN, 0);
        careless.page().position(8);
        AssertionError e = assertThrows(AssertionError.class, careless::release);
        assertTrue(e.getMessage().contains("relative access"), e.getMessage());
        first.position(0);
    }

    @Test
    void dropRelationForgetsItsBuffersAndWriterTracksDirtyPages() throws Exception {
        ShmemSegment segment = segment("a", 32);
        BufferManager pool = attach(segment, 0, new FakeWal());
        createPages(pool, 8);
        TestPool.clockSweepPass(segment, 16);
        assertEquals(8, pool.bgBufferSync(BgWriterSettings.DEFAULTS).written(),
                "bgwriter writes the unpinned dirty pages ahead of the hand");
        TestPool.clockSweepPass(segment, 16);
        assertEquals(0, pool.bgBufferSync(BgWriterSettings.DEFAULTS).written());
        try (Buffer buffer = pool.read(REL, ForkNumber.MAIN, 3)) {
            buffer.lock(LWLockMode.EXCLUSIVE);
            buffer.page().putInt(COUNTER, 99);
            buffer.markDirty();
        }
        pool.dropRelation(REL);
        pool.smgr().truncate(REL, ForkNumber.MAIN, 0);
        assertEquals(0, pool.nblocks(REL, ForkNumber.MAIN));
        assertEquals(0, pool.flushAll(), "dropped buffers are not written");
        try (Buffer buffer = pool.extend(REL, ForkNumber.MAIN)) {
            assertEquals(0, buffer.blockNumber());
            assertTrue(Page.isAllZero(buffer.page()), "no stale page comes back");
        }
    }

    @Test
    void flushAllWritesEveryDirtyPageAndDrainsFsyncRequests() throws Exception {
        ShmemSegment segment = segment("a", 32);
        SharedBufferManager backend = (SharedBufferManager) attach(segment, 0, new FakeWal());
        SharedBufferManager checkpointer = (SharedBufferManager) attach(segment, 1, new FakeWal());
        createPages(backend, 20);
        assertEquals(0, backend.pendingFsyncRequests(), "nothing was written yet");
        assertEquals(20, checkpointer.flushAll());
        assertEquals(0, checkpointer.pendingFsyncRequests());
        assertEquals(0, checkpointer.flushAll());
        for (int b = 0; b < 20; b++) {
            assertTrue(PageChecksum.verify(readFromDisk(b), b));
            assertEquals(b, readFromDisk(b).getInt(COUNTER));
        }
        // a backend's own write (bgwriter) queues the segment for the checkpointer
        try (Buffer buffer = backend.read(REL, ForkNumber.MAIN, 4)) {
            buffer.lock(LWLockMode.EXCLUSIVE);
            buffer.markDirty();
        }
        TestPool.clockSweepPass(segment, 32);
        assertEquals(1, backend.bgBufferSync(BgWriterSettings.DEFAULTS).written());
        assertEquals(1, checkpointer.pendingFsyncRequests());
        checkpointer.flushAll();
        assertEquals(0, checkpointer.pendingFsyncRequests());
    }

    @Test
    void writesOfATempRelationQueueNoFsync() throws Exception {
        ShmemSegment segment = segment("a", 32);
        SharedBufferManager backend = (SharedBufferManager) attach(segment, 0, new FakeWal());
        SharedBufferManager checkpointer = (SharedBufferManager) attach(segment, 1, new FakeWal());
        RelFileLocator temp = RelFileLocator.of(5, 16500, RelFileLocator.RELPERSISTENCE_TEMP);
        for (int i = 0; i < 3; i++) {
            try (Buffer buffer = backend.extend(temp, ForkNumber.MAIN)) {
                Page.init(buffer.page(), 0);
                buffer.markDirty();
            }
        }
        assertEquals(3, checkpointer.bufferSync(CheckpointWriteDelay.IMMEDIATE), "written like any page");
        assertEquals(0, checkpointer.pendingFsyncRequests(), "but never fsynced: nothing reads it after a crash");
        assertEquals(0, checkpointer.processSyncRequests().files());
        createPages(backend, 1);
        assertEquals(1, checkpointer.bufferSync(CheckpointWriteDelay.IMMEDIATE));
        assertEquals(1, checkpointer.pendingFsyncRequests(), "a permanent relation's write is");
        assertEquals(1, checkpointer.processSyncRequests().files());
    }

    private static void dirty(BufferManager pool, int block) {
        try (Buffer buffer = pool.read(REL, ForkNumber.MAIN, block)) {
            buffer.lock(LWLockMode.EXCLUSIVE);
            buffer.markDirty();
        }
    }

    @Test
    void bufferSyncWritesTheBuffersDirtyAtItsStartInBlockOrderAndReportsProgress() throws Exception {
        ShmemSegment segment = segment("a", 32);
        BufferManager backend = attach(segment, 0, new FakeWal());
        FakeWal checkpointerWal = new FakeWal();
        BufferManager checkpointer = attach(segment, 1, checkpointerWal);
        createPages(backend, 20);
        // a relation with a lower number, in buffers after REL's: the checkpoint writes it first
        RelFileLocator lower = RelFileLocator.of(5, 16000);
        for (int i = 0; i < 2; i++) {
            try (Buffer buffer = backend.extend(lower, ForkNumber.MAIN)) {
                Page.init(buffer.page(), 0);
                Page.setLsn(buffer.page(), 500 + i);
                buffer.markDirty();
            }
        }
        checkpointer.flushAll();
        for (int block = 19; block >= 12; block--) {
            dirty(backend, block);
        }
        for (int block = 1; block >= 0; block--) {
            try (Buffer buffer = backend.read(lower, ForkNumber.MAIN, block)) {
                buffer.lock(LWLockMode.EXCLUSIVE);
                buffer.markDirty();
            }
        }
        checkpointerWal.flushes.clear();
        List<Double> progress = new ArrayList<>();
        int written = checkpointer.bufferSync(p -> {
            if (progress.isEmpty()) {
                dirty(backend, 3);   // after the marking: its change lies after the redo point
            }
            progress.add(p);
        });
        assertEquals(10, written);
        assertEquals(10, progress.size());
        assertEquals(0.1, progress.get(0), 1e-9);
        assertEquals(1.0, progress.get(9), 1e-9);
        // WAL is flushed up to each page's LSN just before it is written: relation by relation, ascending blocks
        List<Long> expected = new ArrayList<>(List.of(500L, 501L));
        for (long block = 12; block < 20; block++) {
            expected.add(1000 + block);
        }
        assertEquals(expected, checkpointerWal.flushes);
        assertEquals(1, checkpointer.flushAll(), "block 3 was left for the next checkpoint");
    }

    @Test
    void bufferSyncSkipsMarkedBuffersSomebodyElseWroteMeanwhile() throws Exception {
        ShmemSegment segment = segment("a", 32);
        BufferManager backend = attach(segment, 0, new FakeWal());
        BufferManager checkpointer = attach(segment, 1, new FakeWal());
        createPages(backend, 10);
        checkpointer.flushAll();
        for (int block = 0; block < 10; block++) {
            dirty(backend, block);
        }
        int[] byBackgroundWriter = {0};
        int written = checkpointer.bufferSync(p -> {
            if (byBackgroundWriter[0] == 0) {
                TestPool.clockSweepPass(segment, 32);
                byBackgroundWriter[0] = backend.bgBufferSync(BgWriterSettings.DEFAULTS).written();
            }
        });
        assertEquals(9, byBackgroundWriter[0]);
        assertEquals(1, written, "only the first buffer was left to the checkpoint");
        assertEquals(0, checkpointer.flushAll());
    }
}
