package org.tusk.buffer;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.shmem.LWLockMode;
import org.tusk.shmem.ShmemSegment;

/**
 * The background writer as BgBufferSync: it cleans only what the clock sweep
 * is about to take (unpinned, usage count 0, ahead of the hand), paced by the
 * allocations, and counts its work for pg_stat_bgwriter.
 */
class BgBufferSyncTest {

    private static final RelFileLocator REL = RelFileLocator.of(5, 16384);
    private static final int COUNTER = 64;
    private static final int POOL = 16;
    /** Plenty of reusable buffers wanted per allocation: the scan goes as far as the pool allows. */
    private static final BgWriterSettings EAGER = new BgWriterSettings(100, 10.0, 200);

    @TempDir
    Path dir;

    private final List<ShmemSegment> segments = new ArrayList<>();
    private final List<BufferManager> managers = new ArrayList<>();

    @AfterEach
    void tearDown() {
        managers.forEach(BufferManager::close);
        segments.forEach(ShmemSegment::close);
    }

    private ShmemSegment segment() throws Exception {
        ShmemSegment segment = TestPool.create(dir, "pool", POOL);
        segments.add(segment);
        return segment;
    }

    private BufferManager attach(ShmemSegment segment, int slot) throws Exception {
        BufferManager manager = TestPool.attach(segment, dir.resolve("data"), slot, new FakeWal());
        managers.add(manager);
        return manager;
    }

    /** Fills the pool with blocks 0..POOL-1 of REL, all written (clean). */
    private static void fillClean(BufferManager pool) {
        for (int i = 0; i < POOL; i++) {
            try (Buffer buffer = pool.extend(REL, ForkNumber.MAIN)) {
                Page.init(buffer.page(), 0);
                buffer.markDirty();
            }
        }
        pool.flushAll();
    }

    private static void change(BufferManager pool, int block, int value) {
        try (Buffer buffer = pool.read(REL, ForkNumber.MAIN, block)) {
            buffer.lock(LWLockMode.EXCLUSIVE);
            buffer.page().putInt(COUNTER, value);
            buffer.markDirty();
        }
    }

    private int onDisk(int block) throws Exception {
        ByteBuffer page = Page.allocate();
        try (FileChannel channel = FileChannel.open(dir.resolve("data").resolve(REL.path(ForkNumber.MAIN)),
                StandardOpenOption.READ)) {
            channel.read(page, (long) block * Page.BLCKSZ);
        }
        return page.getInt(COUNTER);
    }

    @Test
    void aColdDirtyPageAheadOfTheHandIsWrittenAndARecentlyUsedOneIsNot() throws Exception {
        ShmemSegment segment = segment();
        BufferManager backend = attach(segment, 0);
        BufferManager bgwriter = attach(segment, 1);
        fillClean(backend);
        change(backend, 2, 22);
        change(backend, 3, 33);
        TestPool.clockSweepPass(segment, 4);   // backends are allocating; nobody used blocks 2 and 3 since
        change(backend, 3, 34);                // ... until block 3 is changed again: its usage count is 1
        BgWriterRound round = bgwriter.bgBufferSync(EAGER);
        assertEquals(1, round.written(), "only the cold page");
        assertEquals(22, onDisk(2));
        assertEquals(0, onDisk(3), "the hot page is left to the checkpoint");
        assertEquals(1, bgwriter.writeStats().buffersClean());
        assertEquals(1, backend.flushAll(), "block 3 is still dirty");
        assertEquals(34, onDisk(3));
    }

    @Test
    void noAllocationsNoWritesAndOnceLappedItMayHibernate() throws Exception {
        ShmemSegment segment = segment();
        BufferManager backend = attach(segment, 0);
        BufferManager bgwriter = attach(segment, 1);
        fillClean(backend);
        TestPool.clockSweepPass(segment, 0);
        // an earlier bgwriter took the allocations filling the pool made; this one starts without history
        attach(segment, 2).bgBufferSync(EAGER);
        change(backend, 5, 55);
        TestPool.clockSweepPass(segment, 0);    // cold and ahead of the hand, but nobody allocates
        for (int i = 0; i < 3; i++) {
            BgWriterRound round = bgwriter.bgBufferSync(EAGER);
            assertEquals(0, round.written());
            assertEquals(0, round.recentAllocs());
        }
        assertEquals(0, onDisk(5));
        assertEquals(0, bgwriter.writeStats().buffersClean());
        // allocations wake it: the scan laps the hand, writes the cold page, and then it may hibernate
        TestPool.clockSweepPass(segment, 8);
        BgWriterRound busy = bgwriter.bgBufferSync(EAGER);
        assertEquals(1, busy.written());
        assertFalse(busy.canHibernate());
        assertEquals(55, onDisk(5));
        BgWriterRound idle = bgwriter.bgBufferSync(EAGER);
        assertEquals(0, idle.written());
        assertTrue(idle.canHibernate(), "lapped the hand, nothing allocated");
    }

    @Test
    void theRoundStopsAtLruMaxPagesAndCountsIt() throws Exception {
        ShmemSegment segment = segment();
        BufferManager backend = attach(segment, 0);
        BufferManager bgwriter = attach(segment, 1);
        fillClean(backend);
        for (int block = 0; block < 6; block++) {
            change(backend, block, 100 + block);
        }
        TestPool.clockSweepPass(segment, 16);
        BgWriterRound round = bgwriter.bgBufferSync(new BgWriterSettings(4, 2.0, 200));
        assertEquals(4, round.written());
        BufferWriteStats stats = bgwriter.writeStats();
        assertEquals(4, stats.buffersClean());
        assertEquals(1, stats.maxwrittenClean());
        assertTrue(stats.buffersAlloc() >= 16, "allocations are counted by the rounds: " + stats.buffersAlloc());
        assertEquals(2, bgwriter.bgBufferSync(new BgWriterSettings(4, 2.0, 200)).written(), "the rest next round");
        assertEquals(0, bgwriter.bgBufferSync(new BgWriterSettings(0, 2.0, 200)).written(), "lru_maxpages 0: off");
    }
}
