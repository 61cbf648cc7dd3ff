package org.tusk.shmem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Named areas: placement, the directory that attachers read, their LWLocks, bounds and reset. */
class ShmemAreaTest {

    @TempDir
    Path dir;

    @Test
    void attacherFindsEveryAreaWithItsContentsAndLocks() throws IOException {
        List<ShmemRequest> requests = List.of(new ShmemRequest("buffers", 3 * 8192 + 5, 3),
                new ShmemRequest("wal", 100, 0), new ShmemRequest("clog", 4096, 1));
        try (ShmemSegment creator = ShmemSegment.create(dir.resolve("shm"), 4, dir.resolve("l"), requests);
                ShmemSegment attacher = ShmemSegment.attach(creator.file())) {
            assertEquals(List.of("buffers", "wal", "clog"), attacher.areaNames());
            ShmemArea buffers = creator.area("buffers");
            assertEquals(3 * 8192 + 5, buffers.size());
            assertEquals(3, attacher.area("buffers").lwlockCount());
            buffers.putLong(8192, 0x1234_5678_9abcL);
            ByteBuffer page = attacher.area("buffers").slice(8192, 8192);
            assertEquals(0x1234_5678_9abcL, page.getLong(0), "a slice shares the mapping, in native order");
            page.putInt(16, 99);
            assertEquals(99, buffers.getInt(8192 + 16));
            creator.area("clog").putIntVolatile(4092, 7);
            assertEquals(7, attacher.area("clog").getIntVolatile(4092));
            assertEquals(0, attacher.area("wal").getLong(0), "areas do not overlap");

            ProcSlot mine = creator.slot(0);
            ProcSlot theirs = attacher.slot(1);
            LWLock lock = creator.area("buffers").lwlock(2);
            lock.acquire(LWLockMode.EXCLUSIVE, mine);
            assertFalse(attacher.area("buffers").lwlock(2).conditionalAcquire(LWLockMode.SHARED, theirs));
            assertTrue(attacher.area("buffers").lwlock(1).conditionalAcquire(LWLockMode.EXCLUSIVE, theirs),
                    "each area lock is a lock of its own");
            assertFalse(creator.lwlock(2).isHeldBy(mine), "area locks are not the main pool's");
            lock.release(mine);
            assertTrue(attacher.area("buffers").lwlock(2).conditionalAcquire(LWLockMode.SHARED, theirs));
            LWLock.releaseAll(theirs);
        }
    }

    @Test
    void embeddedLWLockLivesInTheAreaDataAndExcludesAcrossAttachments() throws Exception {
        try (ShmemSegment creator = ShmemSegment.create(dir.resolve("shm"), 4, dir.resolve("l"),
                List.of(new ShmemRequest("descriptors", 4 * 64, 1)));
                ShmemSegment attacher = ShmemSegment.attach(creator.file())) {
            ShmemArea mineArea = creator.area("descriptors");
            ShmemArea theirArea = attacher.area("descriptors");
            mineArea.putInt(64 + 28, 0x5a5a5a5a);   // a neighbour of the lock words on their line
            mineArea.putInt(64 + 44, 0x5a5a5a5a);
            ProcSlot mine = creator.slot(0);
            ProcSlot theirs = attacher.slot(1);
            LWLock lock = mineArea.embeddedLWLock(64 + 32, 1);
            LWLock sameWords = theirArea.embeddedLWLock(64 + 32, 1);
            LWLock otherLine = theirArea.embeddedLWLock(2 * 64 + 32, 2);

            assertEquals(0, mineArea.getIntVolatile(64 + 32), "zeroed memory is an unlocked lock");
            lock.acquire(LWLockMode.EXCLUSIVE, mine);
            assertEquals(LWLock.VAL_EXCLUSIVE, mineArea.getIntVolatile(64 + 32), "the state word is at the offset");
            assertFalse(sameWords.conditionalAcquire(LWLockMode.SHARED, theirs));
            assertTrue(otherLine.conditionalAcquire(LWLockMode.EXCLUSIVE, theirs), "another offset is another lock");
            assertFalse(mineArea.lwlock(0).isHeldBy(mine), "not the tranche's lock");
            // a waiter from the other attachment queues itself in the words after the state word
            ProcSlot waiterSlot = attacher.slot(2);
            java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
            Thread waiter = new Thread(() -> {
                try {
                    sameWords.acquire(LWLockMode.EXCLUSIVE, waiterSlot);
                    sameWords.release(waiterSlot);
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            waiter.start();
            while (mineArea.getIntVolatile(64 + 36) == 0 && waiter.isAlive()) {
                Thread.onSpinWait();
            }
            assertEquals(waiterSlot.index() + 1, mineArea.getIntVolatile(64 + 36), "queue head");
            assertEquals(waiterSlot.index() + 1, mineArea.getIntVolatile(64 + 40), "queue tail");
            lock.release(mine);
            waiter.join();
            assertEquals(null, failure.get());
            assertEquals(0, mineArea.getIntVolatile(64 + 36), "queue empty again");
            assertTrue(sameWords.conditionalAcquire(LWLockMode.SHARED, theirs));
            assertTrue(lock.conditionalAcquire(LWLockMode.SHARED, mine), "shared with the other process");
            LWLock.releaseAll(theirs);
            LWLock.releaseAll(mine);
            assertEquals(0, theirArea.getIntVolatile(64 + 32));
            assertEquals(0x5a5a5a5a, theirArea.getInt(64 + 28), "the words before the lock are untouched");
            assertEquals(0x5a5a5a5a, theirArea.getInt(64 + 44), "the words after the lock are untouched");

            assertThrows(IllegalArgumentException.class, () -> mineArea.embeddedLWLock(64 + 30, 3));
            assertThrows(IndexOutOfBoundsException.class, () -> mineArea.embeddedLWLock(4 * 64 - 8, 3));
        }
    }

    @Test
    void zeroingClearsTheRangeWithoutAllocating() throws IOException {
        try (ShmemSegment segment = ShmemSegment.create(dir.resolve("shm"), 2, dir.resolve("l"),
                List.of(new ShmemRequest("pages", 4 * 8192, 0)))) {
            ShmemArea pages = segment.area("pages");
            for (int i = 0; i < 4 * 8192; i += 8) {
                pages.putLong(i, -1L);
            }
            pages.zero(8192, 2 * 8192);
            assertEquals(-1L, pages.getLong(8184));
            assertEquals(0L, pages.getLong(8192));
            assertEquals(0L, pages.getLong(3 * 8192 - 8));
            assertEquals(-1L, pages.getLong(3 * 8192));
            // every page a relation is extended by is zeroed: no 8 kB of garbage each time
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 1000; i++) {
                pages.zero(8192, 8192);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < 100_000, "zeroing 1000 pages allocated " + allocated + " bytes");
        }
    }

    @Test
    void accessOutsideAnAreaIsRefused() throws IOException {
        try (ShmemSegment segment = ShmemSegment.create(dir.resolve("shm"), 2, dir.resolve("l"),
                List.of(new ShmemRequest("small", 16, 0)))) {
            ShmemArea small = segment.area("small");
            assertThrows(IndexOutOfBoundsException.class, () -> small.getLong(16));
            assertThrows(IndexOutOfBoundsException.class, () -> small.slice(8, 9));
            assertThrows(IndexOutOfBoundsException.class, () -> small.lwlock(0));
            assertThrows(IllegalStateException.class, () -> segment.area("missing"));
        }
    }

    @Test
    void badRequestsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ShmemRequest("", 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ShmemRequest("x".repeat(37), 1, 0));
        assertThrows(IllegalArgumentException.class, () -> ShmemSegment.create(dir.resolve("a"), 2,
                dir.resolve("l"), List.of(new ShmemRequest("x", 1, 0), new ShmemRequest("x", 1, 0))));
        assertThrows(IOException.class, () -> ShmemSegment.create(dir.resolve("b"), 2, dir.resolve("l"),
                List.of(new ShmemRequest("huge", 3L << 30, 0))));
    }

    @Test
    void reinitializeZeroesAreas() throws IOException {
        try (ShmemSegment segment = ShmemSegment.create(dir.resolve("shm"), 2, dir.resolve("l"),
                List.of(new ShmemRequest("a", 64, 1)))) {
            segment.area("a").putLong(56, -1);
            segment.area("a").lwlock(0).acquire(LWLockMode.EXCLUSIVE, segment.slot(0));
            segment.reinitialize();
            assertEquals(0, segment.area("a").getLong(56));
            assertTrue(segment.area("a").lwlock(0).conditionalAcquire(LWLockMode.EXCLUSIVE, segment.slot(1)));
        }
    }
}
