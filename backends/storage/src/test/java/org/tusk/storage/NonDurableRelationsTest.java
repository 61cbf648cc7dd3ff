package org.tusk.storage;

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
import org.tusk.buffer.Buffer;
import org.tusk.buffer.BufferManager;
import org.tusk.buffer.Page;
import org.tusk.buffer.PageChecksum;
import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.ShmemSegment;
import org.tusk.wal.RecordingWal;

/**
 * The start-up reset of relations with an init fork: the main fork becomes a
 * copy of the init fork, the other forks go, dirty buffers of the old
 * contents are forgotten (so no checkpoint writes them back), and relations
 * without an init fork are left alone.
 */
class NonDurableRelationsTest {

    @TempDir
    Path dir;

    private ShmemSegment segment;
    private BufferManager buffers;

    @BeforeEach
    void attach() throws Exception {
        segment = ShmemSegment.create(dir.resolve("shm"), 4, dir.resolve("latches"), BufferManager.shmemRequests(64));
        ProcSlot self = segment.slot(0);
        self.setPid((int) ProcessHandle.current().pid());
        self.ownLatch();
        buffers = BufferManager.attach(segment, dir.resolve("data"), self, new RecordingWal());
    }

    @AfterEach
    void detach() {
        buffers.close();
        segment.close();
    }

    @Test
    void theMainForkBecomesACopyOfTheInitForkAndStaleBuffersAreForgotten() {
        RelFileLocator index = RelFileLocator.of(5, 16400);
        RelFileLocator durable = RelFileLocator.of(5, 16401);
        buffers.smgr().create(index, ForkNumber.MAIN);
        buffers.smgr().create(durable, ForkNumber.MAIN);
        for (int i = 0; i < 3; i++) {
            writeThroughBuffers(index, (byte) 'x');
            writeThroughBuffers(durable, (byte) 'd');
        }
        buffers.smgr().create(index, ForkNumber.FSM);
        buffers.smgr().extend(index, ForkNumber.FSM, 0, Page.allocate());
        buffers.smgr().create(index, ForkNumber.INIT);
        for (int block = 0; block < 2; block++) {
            ByteBuffer page = Page.allocate();
            Page.init(page, 0);
            page.put(4000, (byte) ('a' + block));
            PageChecksum.set(page, block);
            buffers.smgr().extend(index, ForkNumber.INIT, block, page);
        }

        assertEquals(List.of(index), NonDurableRelations.withInitFork(dir.resolve("data")));
        assertEquals(1, NonDurableRelations.reset(dir.resolve("data"), buffers));

        assertEquals(2, buffers.nblocks(index, ForkNumber.MAIN));
        assertFalse(buffers.smgr().exists(index, ForkNumber.FSM));
        assertTrue(buffers.smgr().exists(index, ForkNumber.INIT), "the init fork stays for the next start");
        for (int block = 0; block < 2; block++) {
            try (Buffer b = buffers.read(index, ForkNumber.MAIN, block)) {
                assertEquals((byte) ('a' + block), b.page().get(4000), "block " + block);
            }
        }
        buffers.flushAll();     // the old contents' dirty buffers must not come back
        assertEquals(2, buffers.smgr().nblocks(index, ForkNumber.MAIN));
        assertEquals(3, buffers.nblocks(durable, ForkNumber.MAIN), "no init fork: untouched");
        try (Buffer b = buffers.read(durable, ForkNumber.MAIN, 2)) {
            assertEquals((byte) 'd', b.page().get(4000));
        }
    }

    private void writeThroughBuffers(RelFileLocator relation, byte marker) {
        try (Buffer b = buffers.extend(relation, ForkNumber.MAIN)) {
            Page.init(b.page(), 0);
            b.page().put(4000, marker);
            b.markDirty();
        }
    }
}
