package org.tusk.buffer;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.shmem.LWLockMode;
import org.tusk.shmem.ShmemSegment;
import org.tusk.wal.BlockReference;
import org.tusk.wal.CheckpointDelay;
import org.tusk.wal.FullPageImageForHint;
import org.tusk.wal.ResourceManager;
import org.tusk.wal.WalRecord;

/**
 * MarkBufferDirtyHint: a hint set under a share lock dirties the buffer (so it
 * reaches disk), logging a full-page image first (with data checksums, as
 * the test pool has) exactly when the page has not changed since the redo
 * pointer, inside the DELAY_CHKPT_START window; without checksums it only
 * dirties; in recovery it does nothing.
 */
class MarkDirtyHintTest {

    private static final RelFileLocator REL = RelFileLocator.of(5, 20001);
    /** Where the test's "hint" goes: a byte inside the tuple area, as an infomask bit would be. */
    private static final int HINT_AT = 8000;

    @TempDir
    Path dir;

    private ShmemSegment segment;
    private FakeWal wal;
    private DelayRecorder delay;
    private BufferManager pool;

    @BeforeEach
    void setUp() throws Exception {
        segment = TestPool.create(dir, "shm", 16);
        delay = new DelayRecorder();
        wal = new FakeWal();
        wal.onInsert = () -> delay.events.add("insert");
        pool = TestPool.attach(segment, dir.resolve("data"), 0, wal, delay);
        try (Buffer buffer = pool.extend(REL, ForkNumber.MAIN)) {
            Page.init(buffer.page(), 0);
            Page.setLower(buffer.page(), 100);
            Page.setUpper(buffer.page(), 7000);
            Page.setLsn(buffer.page(), 500);
            buffer.markDirty();
        }
        assertEquals(1, pool.flushAll());
    }

    @AfterEach
    void tearDown() {
        pool.close();
        segment.close();
    }

    /** Sets the "hint" under a share lock, as a reader does, and hint-dirties. */
    private void hint(int value) {
        try (Buffer buffer = pool.read(REL, ForkNumber.MAIN, 0)) {
            buffer.lock(LWLockMode.SHARED);
            buffer.page().put(HINT_AT, (byte) value);
            buffer.markDirtyHint();
        }
    }

    private ByteBuffer onDisk() {
        ByteBuffer page = Page.allocate();
        pool.smgr().read(REL, ForkNumber.MAIN, 0, page);
        return page;
    }

    @Test
    void firstHintAfterTheRedoPointerLogsTheImageAndTheHintReachesDisk() {
        wal.redo = 500;                                // a checkpoint began after the page's last change
        hint(7);
        assertEquals(1, wal.inserted.size());
        WalRecord record = wal.inserted.get(0);
        assertEquals(ResourceManager.XLOG, record.rmgrId());
        assertEquals(FullPageImageForHint.INFO, record.info());
        BlockReference block = record.blocks().get(0);
        assertEquals(REL, block.locator());
        assertEquals(0, block.blockNumber());
        assertTrue(block.has(BlockReference.FORCE_IMAGE));
        assertEquals(7, wal.insertedPages.get(0)[HINT_AT], "the image holds the hint");
        assertEquals(List.of("start", "insert", "end"), delay.events, "logged inside the checkpoint delay");

        hint(8);                                       // dirty already: nothing more is logged
        assertEquals(1, wal.inserted.size());

        assertEquals(1, pool.flushAll(), "the hint dirtied the buffer");
        ByteBuffer disk = onDisk();
        assertEquals(8, disk.get(HINT_AT));
        assertEquals(wal.insertedEnds.get(0), Page.lsn(disk), "page LSN is the image's record");
        assertTrue(PageChecksum.verify(disk, 0));

        hint(9);                                       // clean again, but changed since the redo pointer
        assertEquals(1, wal.inserted.size());
        assertEquals(1, pool.flushAll());
        assertEquals(9, onDisk().get(HINT_AT));
    }

    @Test
    void aPageChangedSinceTheRedoPointerIsDirtiedWithoutWal() {
        wal.redo = 499;
        hint(7);
        assertEquals(List.of(), wal.inserted);
        assertEquals(List.of("start", "end"), delay.events);
        assertEquals(1, pool.flushAll());
        ByteBuffer disk = onDisk();
        assertEquals(7, disk.get(HINT_AT));
        assertEquals(500, Page.lsn(disk));
    }

    @Test
    void withoutDataChecksumsAHintLogsNoImageAndOnlyDirties() {
        pool.setDataChecksums(false);                  // initdb's default (XLogHintBitIsNeeded is false)
        wal.redo = 500;                                // an image would be due with checksums
        hint(7);
        assertEquals(List.of(), wal.inserted);
        assertEquals(List.of(), delay.events, "no checkpoint delay either");
        assertEquals(1, pool.flushAll(), "the hint dirtied the buffer");
        ByteBuffer disk = onDisk();
        assertEquals(7, disk.get(HINT_AT));
        assertEquals(500, Page.lsn(disk), "the LSN stays");
    }

    @Test
    void duringRecoveryAHintStaysInMemory() {
        wal.redo = 500;
        wal.recovery = true;
        hint(7);
        assertEquals(List.of(), wal.inserted);
        assertEquals(0, pool.flushAll(), "not dirtied");
        assertEquals(0, onDisk().get(HINT_AT));
    }

    @Test
    void aHintNeedsTheContentLock() {
        try (Buffer buffer = pool.read(REL, ForkNumber.MAIN, 0)) {
            assertThrows(IllegalStateException.class, buffer::markDirtyHint);
        }
    }

    private static final class DelayRecorder implements CheckpointDelay {
        final List<String> events = new ArrayList<>();

        @Override
        public void delayCheckpointStart() {
            events.add("start");
        }

        @Override
        public void delayCheckpointEnd() {
            events.add("end");
        }
    }
}
