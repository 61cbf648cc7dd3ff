package org.tusk.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.shmem.ShmemSegment;

/**
 * CHECKPOINT asked before the checkpointer process has announced itself (a backend can serve a client
 * right after the postmaster starts): the request waits for it, as PostgreSQL's RequestCheckpoint does,
 * and is covered by the first checkpoint the checkpointer runs.
 */
class CheckpointRequestsTest {

    @TempDir
    Path dir;

    private ShmemSegment segment;

    @BeforeEach
    void create() throws Exception {
        segment = ShmemSegment.create(dir.resolve("shm"), 4, dir.resolve("latches"),
                List.of(CheckpointRequests.shmemRequest()));
    }

    @AfterEach
    void close() {
        segment.close();
    }

    @Test
    void aRequestMadeBeforeTheCheckpointerStartsWaitsForItAndIsCovered() throws Exception {
        CheckpointRequests backend = new CheckpointRequests(segment);
        CompletableFuture<Void> checkpoint = CompletableFuture.runAsync(() -> backend.requestAndWait(() -> { }));
        Thread.sleep(300);
        assertFalse(checkpoint.isDone(), "no checkpointer yet: the request waits instead of failing");
        assertEquals(0, backend.requested(), "nothing asked of a checkpointer that is not there");

        // the checkpointer, as Checkpointer.run starts: what is covered already, then announce itself
        CheckpointRequests checkpointer = new CheckpointRequests(segment);
        long handled = checkpointer.requested();
        checkpointer.registerCheckpointer(segment.slot(3));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (checkpointer.requested() == handled) {
            assertTrue(System.nanoTime() < deadline, "the waiting backend asks once the checkpointer is there");
            Thread.sleep(10);
        }
        assertFalse(checkpoint.isDone());
        checkpointer.finished(checkpointer.requested(), true);
        checkpoint.get(30, TimeUnit.SECONDS);
    }
}
