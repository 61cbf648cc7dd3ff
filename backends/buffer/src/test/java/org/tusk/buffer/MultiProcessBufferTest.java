package org.tusk.buffer;

import static org.junit.jupiter.api.Assertions.*;
import static org.tusk.buffer.BufferChild.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.storage.ForkNumber;
import org.tusk.shmem.ChildJvm;
import org.tusk.shmem.LWLockMode;
import org.tusk.shmem.SharedWords;
import org.tusk.shmem.ShmemSegment;

/** Real child JVMs sharing one buffer pool and data directory. */
class MultiProcessBufferTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(90);
    private static final int CHILDREN = 4;
    private static final int PAGES = 64;

    @TempDir
    Path dir;

    private final List<ChildJvm> children = new ArrayList<>();
    private final List<ShmemSegment> segments = new ArrayList<>();

    @AfterEach
    void tearDown() {
        children.forEach(ChildJvm::close);
        segments.forEach(ShmemSegment::close);
    }

    private ShmemSegment segment(String name) throws Exception {
        ShmemSegment segment = TestPool.create(dir, name, 16);
        segments.add(segment);
        return segment;
    }

    private void runChildren(ShmemSegment segment, Path data, String role, String... more) throws Exception {
        for (int slot = 1; slot <= CHILDREN; slot++) {
            List<String> args = new ArrayList<>(List.of(role, segment.file().toString(), data.toString(),
                    Integer.toString(slot)));
            args.addAll(List.of(more));
            children.add(ChildJvm.start(BufferChild.class, dir, args.toArray(String[]::new)));
        }
        SharedWords words = segment.sharedWords();
        children.get(0).await(() -> words.getVolatile(W_READY) == CHILDREN, "all children attached");
        words.setVolatile(W_GO, 1);
        for (ChildJvm child : children) {
            child.awaitSuccess();
        }
    }

    private static long sumOfCounters(BufferManager pool) {
        long sum = 0;
        for (int b = 0; b < PAGES; b++) {
            try (Buffer buffer = pool.read(REL, ForkNumber.MAIN, b)) {
                buffer.lock(LWLockMode.SHARED);
                sum += buffer.page().getInt(COUNTER);
            }
        }
        return sum;
    }

    @Test
    void concurrentIncrementsThroughSixteenBuffersAreExact() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            Path data = dir.resolve("data");
            ShmemSegment segment = segment("shm");
            try (BufferManager pool = TestPool.attach(segment, data, 0, new FakeWal())) {
                for (int b = 0; b < PAGES; b++) {
                    try (Buffer buffer = pool.extend(REL, ForkNumber.MAIN)) {
                        Page.init(buffer.page(), 0);
                        buffer.markDirty();
                    }
                }
                pool.flushAll();
                int iterations = 2500;
                runChildren(segment, data, "increment", Integer.toString(iterations), Integer.toString(PAGES));
                long total = (long) CHILDREN * iterations;
                assertEquals(total, sumOfCounters(pool), "through the pool");
                pool.flushAll();
                try (BufferManager restarted = TestPool.attach(segment("shm2"), data, 0, new FakeWal())) {
                    assertEquals(total, sumOfCounters(restarted), "from disk after a checkpoint");
                }
            }
        });
    }

    @Test
    void concurrentExtendersGetDistinctBlocks() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            Path data = dir.resolve("data");
            ShmemSegment segment = segment("shm");
            int each = 25;
            runChildren(segment, data, "extend", Integer.toString(each));
            try (BufferManager pool = TestPool.attach(segment, data, 0, new FakeWal())) {
                assertEquals(CHILDREN * each, pool.nblocks(REL, ForkNumber.MAIN));
                Set<Long> seen = new HashSet<>();
                for (int b = 0; b < CHILDREN * each; b++) {
                    try (Buffer buffer = pool.read(REL, ForkNumber.MAIN, b)) {
                        buffer.lock(LWLockMode.SHARED);
                        int slot = buffer.page().getInt(COUNTER);
                        int sequence = buffer.page().getInt(COUNTER + 4);
                        assertTrue(slot >= 1 && slot <= CHILDREN && sequence >= 0 && sequence < each,
                                "block " + b + ": " + slot + "/" + sequence);
                        assertTrue(seen.add((long) slot << 32 | sequence), "block " + b + " written twice");
                    }
                }
                assertEquals(CHILDREN * each, seen.size());
            }
        });
    }

    /**
     * Regression: extend() used to grow the file before mapping the new
     * block's buffer, so a process appending to the last page could load and
     * initialize the new page first; the extender then found a non-zero page
     * and zeroed it, losing the other process's change (in the heap: tuples
     * of committed transactions and broken update chains).
     */
    @Test
    void extendNeverWipesAPageAnotherProcessAlreadyChanged() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            Path data = dir.resolve("data");
            ShmemSegment segment = segment("shm");
            int each = 400;
            runChildren(segment, data, "extendOrAppend", Integer.toString(each));
            try (BufferManager pool = TestPool.attach(segment, data, 0, new FakeWal())) {
                long sum = 0;
                for (int b = 0; b < pool.nblocks(REL, ForkNumber.MAIN); b++) {
                    try (Buffer buffer = pool.read(REL, ForkNumber.MAIN, b)) {
                        buffer.lock(LWLockMode.SHARED);
                        if (!Page.isNew(buffer.page())) {
                            sum += buffer.page().getInt(COUNTER);
                        }
                    }
                }
                assertEquals((long) CHILDREN * each, sum, "every page change survives concurrent extension");
            }
        });
    }
}
