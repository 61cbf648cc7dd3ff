package org.tusk.buffer;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.error.PgException;
import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.shmem.LWLockMode;
import org.tusk.shmem.ShmemSegment;

/**
 * Writes of dirty pages whose files are gone: the checkpointer's and
 * bgwriter's view of a DROP that left a page behind (forgotten, as
 * PostgreSQL forgets the fsync requests of an unlinked relation), versus a
 * file missing under a live relation (a real failure: an error every time,
 * the page stays dirty), and DropDatabaseBuffers.
 */
class DroppedRelationWriteTest {

    private static final RelFileLocator REL = RelFileLocator.of(5, 24829);
    private static final RelFileLocator OTHER_DB_REL = RelFileLocator.of(6, 24829);

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
        ShmemSegment segment = TestPool.create(dir, "pool", 16);
        segments.add(segment);
        return segment;
    }

    private BufferManager attach(ShmemSegment segment, int slot) throws Exception {
        BufferManager manager = TestPool.attach(segment, dir.resolve("data"), slot, new FakeWal());
        managers.add(manager);
        return manager;
    }

    /** A new page of {@code fork}, initialized and dirty (what vm_extend plus visibilitymap_set leave). */
    private static void dirtyNewPage(BufferManager pool, RelFileLocator rel, ForkNumber fork) {
        try (Buffer buffer = pool.extend(rel, fork)) {
            Page.init(buffer.page(), 0);
            buffer.page().put(Page.SIZE_OF_PAGE_HEADER, (byte) 1);
            buffer.markDirty();
        }
    }

    private static void dirtyAgain(BufferManager pool, RelFileLocator rel, ForkNumber fork) {
        try (Buffer buffer = pool.read(rel, fork, 0)) {
            buffer.lock(LWLockMode.EXCLUSIVE);
            buffer.page().put(Page.SIZE_OF_PAGE_HEADER, (byte) 3);
            buffer.markDirty();
        }
    }

    @Test
    void dirtyPagesOfAnUnlinkedRelationAreForgottenByTheWriters() throws Exception {
        ShmemSegment segment = segment();
        BufferManager backend = attach(segment, 0);
        BufferManager checkpointer = attach(segment, 1);
        dirtyNewPage(backend, REL, ForkNumber.MAIN);
        dirtyNewPage(backend, REL, ForkNumber.VISIBILITY_MAP);
        assertEquals(2, backend.flushAll());   // the checkpointer has no channel open (it would write the unlinked file)
        dirtyAgain(backend, REL, ForkNumber.VISIBILITY_MAP);
        // the files go away without DropRelationBuffers (the bug this guards against)
        for (ForkNumber fork : ForkNumber.values()) {
            if (backend.smgr().exists(REL, fork)) {
                backend.smgr().unlink(REL, fork);
            }
        }
        // failed with "could not write block 0 in file base/5/24829_vm" and took the cluster down
        TestPool.clockSweepPass(segment, 16);
        assertEquals(0, checkpointer.bgBufferSync(BgWriterSettings.DEFAULTS).written());
        assertEquals(0, checkpointer.flushAll(), "nothing left to write: the page was forgotten");
        assertFalse(Files.exists(dir.resolve("data").resolve(REL.path(ForkNumber.VISIBILITY_MAP))),
                "the write must not create the file again");
        PgException e = assertThrows(PgException.class, () -> backend.read(REL, ForkNumber.VISIBILITY_MAP, 0).close(),
                "the forgotten contents are not served to a reader");
        assertTrue(e.getMessage().contains("base/5/24829_vm"), e.getMessage());
    }

    @Test
    void evictionForgetsADirtyPageOfAnUnlinkedRelation() throws Exception {
        ShmemSegment segment = segment();
        BufferManager backend = attach(segment, 0);
        dirtyNewPage(backend, REL, ForkNumber.MAIN);
        dirtyNewPage(backend, REL, ForkNumber.VISIBILITY_MAP);
        backend.smgr().unlink(REL, ForkNumber.VISIBILITY_MAP);
        backend.smgr().unlink(REL, ForkNumber.MAIN);
        RelFileLocator live = RelFileLocator.of(5, 30000);
        for (int i = 0; i < 40; i++) {   // more pages than buffers: every buffer is a victim at least once
            dirtyNewPage(backend, live, ForkNumber.MAIN);
        }
        assertEquals(40, backend.nblocks(live, ForkNumber.MAIN));
    }

    @Test
    void aMissingFileOfALiveRelationFailsEveryTimeAndKeepsThePageDirty() throws Exception {
        ShmemSegment segment = segment();
        BufferManager backend = attach(segment, 0);
        BufferManager checkpointer = attach(segment, 1);
        dirtyNewPage(backend, REL, ForkNumber.MAIN);
        dirtyNewPage(backend, REL, ForkNumber.VISIBILITY_MAP);
        assertEquals(2, backend.flushAll());   // the checkpointer has no channel open (it would write the unlinked file)
        dirtyAgain(backend, REL, ForkNumber.VISIBILITY_MAP);
        backend.smgr().unlink(REL, ForkNumber.VISIBILITY_MAP);   // the main fork stays: the relation is alive
        for (int attempt = 0; attempt < 2; attempt++) {
            TestPool.clockSweepPass(segment, 16);
            PgException e = assertThrows(PgException.class, () -> checkpointer.bgBufferSync(BgWriterSettings.DEFAULTS));
            assertTrue(e.getMessage().contains("could not write block 0 in file \"base/5/24829_vm\""), e.getMessage());
        }
        assertThrows(PgException.class, checkpointer::flushAll);
        backend.smgr().create(REL, ForkNumber.VISIBILITY_MAP);   // the disk is repaired: the retry succeeds
        assertEquals(1, checkpointer.flushAll(), "the page stayed dirty and is written on retry");
        assertEquals(8192, Files.size(dir.resolve("data").resolve(REL.path(ForkNumber.VISIBILITY_MAP))));
    }

    @Test
    void dropDatabaseForgetsEveryBufferOfThatDatabaseOnly() throws Exception {
        ShmemSegment segment = segment();
        BufferManager backend = attach(segment, 0);
        BufferManager checkpointer = attach(segment, 1);
        dirtyNewPage(backend, REL, ForkNumber.MAIN);
        dirtyNewPage(backend, REL, ForkNumber.VISIBILITY_MAP);
        dirtyNewPage(backend, OTHER_DB_REL, ForkNumber.MAIN);
        backend.dropDatabase(5);
        assertEquals(1, checkpointer.flushAll(), "only the other database's page is written");
        try (Buffer buffer = backend.read(OTHER_DB_REL, ForkNumber.MAIN, 0)) {
            buffer.lock(LWLockMode.SHARED);
            assertEquals(1, buffer.page().get(Page.SIZE_OF_PAGE_HEADER));
        }
    }
}
