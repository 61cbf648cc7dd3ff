package org.tusk.buffer;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.shmem.LWLockMode;
import org.tusk.shmem.ShmemSegment;
import org.tusk.wal.DecodedBlock;
import org.tusk.wal.DecodedRecord;
import org.tusk.wal.RedoBlock;
import org.tusk.wal.RedoContext;

class RedoContextTest {

    private static final RelFileLocator REL = RelFileLocator.of(5, 20000);

    @TempDir
    Path dir;

    private ShmemSegment segment;
    private BufferManager pool;
    private RedoContext redo;

    @BeforeEach
    void setUp() throws Exception {
        segment = TestPool.create(dir, "shm", 16);
        pool = TestPool.attach(segment, dir.resolve("data"), 0, new FakeWal());
        redo = pool.redoContext();
        for (int i = 0; i < 2; i++) {
            try (Buffer buffer = pool.extend(REL, ForkNumber.MAIN)) {
                Page.init(buffer.page(), 0);
                Page.setLsn(buffer.page(), 500);
                buffer.markDirty();
            }
        }
        pool.flushAll();
    }

    @AfterEach
    void tearDown() {
        pool.close();
        segment.close();
    }

    private static DecodedRecord record(long lsn, long endLsn, DecodedBlock... blocks) {
        return new DecodedRecord(lsn, endLsn, 10, 0, 0, new byte[0], List.of(blocks));
    }

    private static DecodedBlock block(int blockNumber, boolean willInit, byte[] image) {
        return new DecodedBlock(0, REL, ForkNumber.MAIN, blockNumber, willInit, image);
    }

    private long pageLsn(int block) {
        try (Buffer buffer = pool.read(REL, ForkNumber.MAIN, block)) {
            buffer.lock(LWLockMode.SHARED);
            return Page.lsn(buffer.page());
        }
    }

    @Test
    void olderRecordIsDoneNewerNeedsRedoAndGetsStamped() {
        try (RedoBlock b = redo.block(record(400, 500, block(0, false, null)), 0)) {
            assertEquals(RedoBlock.Action.DONE, b.action(), "record end == page LSN: already applied");
        }
        assertEquals(500, pageLsn(0));
        try (RedoBlock b = redo.block(record(500, 600, block(0, false, null)), 0)) {
            assertEquals(RedoBlock.Action.NEEDS_REDO, b.action());
            b.page().putInt(200, 77);
        }
        assertEquals(600, pageLsn(0));
        try (RedoBlock b = redo.block(record(500, 600, block(0, false, null)), 0)) {
            assertEquals(RedoBlock.Action.DONE, b.action(), "replaying the same record again is a no-op");
        }
        assertEquals(1, pool.flushAll(), "the redone page was marked dirty (the DONE ones were not)");
    }

    @Test
    void fullPageImageIsRestoredEvenOverATornPage() throws Exception {
        ByteBuffer image = Page.allocate();
        Page.init(image, 0);
        Page.setLsn(image, 650);
        image.putInt(300, 1234);
        // tear the page on disk: a read would fail its checksum
        java.nio.file.Path file = dir.resolve("data").resolve(REL.path(ForkNumber.MAIN));
        try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {9, 9, 9}), Page.BLCKSZ + 4000);
        }
        BufferManager fresh = TestPool.attach(TestPool.create(dir, "shm2", 16), dir.resolve("data"), 1, new FakeWal());
        try (RedoBlock b = fresh.redoContext().block(record(600, 700, block(1, false, image.array())), 0)) {
            assertEquals(RedoBlock.Action.RESTORED, b.action());
            assertEquals(1234, b.page().getInt(300));
        }
        try (Buffer buffer = fresh.read(REL, ForkNumber.MAIN, 1)) {
            buffer.lock(LWLockMode.SHARED);
            assertEquals(700, Page.lsn(buffer.page()), "stamped with the record's end");
            assertEquals(1234, buffer.page().getInt(300));
        }
        fresh.flushAll();
        fresh.close();
    }

    @Test
    void blockBeyondTheEndIsAddedAsZeroPages() {
        assertEquals(2, pool.nblocks(REL, ForkNumber.MAIN));
        try (RedoBlock b = redo.block(record(700, 800, block(5, true, null)), 0)) {
            assertEquals(RedoBlock.Action.NEEDS_REDO, b.action());
            assertTrue(Page.isAllZero(b.page()), "WILL_INIT: a zeroed page for the redo routine to initialize");
            Page.init(b.page(), 0);
        }
        assertEquals(6, pool.nblocks(REL, ForkNumber.MAIN));
        assertEquals(800, pageLsn(5));
        try (Buffer buffer = pool.read(REL, ForkNumber.MAIN, 3)) {
            assertTrue(Page.isAllZero(buffer.page()));
        }
        try (RedoBlock b = redo.block(record(800, 900, block(9, false, null)), 0)) {
            assertEquals(RedoBlock.Action.NEEDS_REDO, b.action(), "a new (zero) page is older than any record");
            Page.init(b.page(), 0);
        }
        assertEquals(10, pool.nblocks(REL, ForkNumber.MAIN));
        assertEquals(900, pageLsn(9));
    }
}
