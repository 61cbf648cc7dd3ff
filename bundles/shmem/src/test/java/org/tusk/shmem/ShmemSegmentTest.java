package org.tusk.shmem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.backend.BackendActivity;
import org.tusk.shmem.internal.SegmentLayout;

/** Single-process behaviour of the segment, its slots and locks. */
class ShmemSegmentTest {

    @TempDir
    Path dir;

    private ShmemSegment segment;

    @BeforeEach
    void create() throws IOException {
        segment = ShmemSegment.create(dir.resolve("shmem"), 4, dir.resolve("latches"));
    }

    @AfterEach
    void close() {
        segment.close();
    }

    @Test
    void attachSeesWhatCreatorWrote() throws IOException {
        try (ShmemSegment other = ShmemSegment.attach(segment.file())) {
            assertEquals(4, other.maxBackends());
            assertEquals(segment.latchSocketDirectory(), other.latchSocketDirectory());
            segment.slot(2).setPid(4242);
            segment.slot(2).setCancelKey(-17);
            assertEquals(4242, other.slot(2).pid());
            assertEquals(-17, other.slot(2).cancelKey());
            assertSame(other.slot(2), other.findByPid(4242));
            assertNull(other.findByPid(4243));
            assertNull(other.findByPid(0), "pid 0 marks a free slot and never matches");
        }
    }

    @Test
    void attachRejectsWhatIsNotASegment() throws IOException {
        Path garbage = dir.resolve("garbage");
        Files.write(garbage, new byte[8192]);
        IOException e = assertThrows(IOException.class, () -> ShmemSegment.attach(garbage));
        assertTrue(e.getMessage().contains("bad magic number"), e.getMessage());

        Path tiny = dir.resolve("tiny");
        Files.write(tiny, new byte[10]);
        e = assertThrows(IOException.class, () -> ShmemSegment.attach(tiny));
        assertTrue(e.getMessage().contains("file too short"), e.getMessage());

        assertThrows(IOException.class, () -> ShmemSegment.attach(dir.resolve("missing")));
    }

    @Test
    void attachRejectsAnotherLayoutVersion() throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(segment.file().toFile(), "rw")) {
            ByteBuffer version = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder())
                    .putInt(0, SegmentLayout.LAYOUT_VERSION + 1);
            file.getChannel().write(version, SegmentLayout.HDR_VERSION);
        }
        IOException e = assertThrows(IOException.class, () -> ShmemSegment.attach(segment.file()));
        assertTrue(e.getMessage().contains("layout version " + (SegmentLayout.LAYOUT_VERSION + 1)), e.getMessage());
    }

    @Test
    void createValidatesItsArguments() {
        assertThrows(IllegalArgumentException.class,
                () -> ShmemSegment.create(dir.resolve("x"), 0, dir.resolve("latches")));
        assertThrows(IllegalArgumentException.class,
                () -> ShmemSegment.create(dir.resolve("x"), ShmemSegment.MAX_BACKENDS_LIMIT + 1, dir));
        Path deep = dir.resolve("d".repeat(120));
        IOException e = assertThrows(IOException.class, () -> ShmemSegment.create(dir.resolve("x"), 4, deep));
        assertTrue(e.getMessage().contains("too long"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> segment.slot(4));
        assertThrows(IndexOutOfBoundsException.class, () -> segment.slot(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> segment.spinlock(ShmemSegment.NUM_SPINLOCKS));
        assertThrows(IndexOutOfBoundsException.class, () -> segment.lwlock(ShmemSegment.NUM_LWLOCKS));
        assertThrows(IndexOutOfBoundsException.class, () -> segment.sharedWords().get(SharedWords.SIZE));
    }

    @Test
    void recreateLeavesOldMappingsIntact() throws IOException {
        segment.slot(1).setPid(77);
        try (ShmemSegment fresh = ShmemSegment.create(segment.file(), 4, dir.resolve("latches"))) {
            assertEquals(0, fresh.slot(1).pid(), "a new segment starts zeroed");
            assertEquals(77, segment.slot(1).pid(), "the old mapping still reads its own memory");
        }
    }

    @Test
    void interruptsAreOredAndConsumedByMask() {
        ProcSlot slot = segment.slot(1);
        slot.raiseInterrupt(Interrupts.CANCEL);
        slot.raiseInterrupt(Interrupts.CRASH_QUIT);
        assertEquals(Interrupts.CANCEL | Interrupts.CRASH_QUIT, slot.peekInterrupts());
        assertEquals(Interrupts.CANCEL, slot.consumeInterrupts(Interrupts.CANCEL | Interrupts.TERMINATE));
        assertEquals(Interrupts.CRASH_QUIT, slot.peekInterrupts());
        assertEquals(0, slot.consumeInterrupts(Interrupts.CANCEL));
        assertTrue(slot.isLatchSet(), "raising an interrupt sets the latch");
    }

    @Test
    void latchIsResetByTheWaitThatSeesIt() throws IOException {
        ProcSlot slot = segment.slot(0);
        assertThrows(IllegalStateException.class, () -> slot.waitLatch(0), "only the owner may wait");
        slot.ownLatch();
        assertTrue(Files.exists(dir.resolve("latches").resolve("latch.0")));
        assertTrue(Files.exists(dir.resolve("latches").resolve("sem.0")));
        assertFalse(slot.waitLatch(0));
        assertFalse(slot.waitLatch(20));
        slot.setLatch();
        slot.setLatch();   // merges with the first
        assertTrue(slot.waitLatch(0));
        assertFalse(slot.waitLatch(0), "waitLatch resets the latch");
        slot.disownLatch();
        assertFalse(Files.exists(dir.resolve("latches").resolve("latch.0")));
        assertFalse(Files.exists(dir.resolve("latches").resolve("sem.0")));
    }

    @Test
    void latchWakesAThreadSleepingOnIt() throws Exception {
        ProcSlot slot = segment.slot(1);
        slot.ownLatch();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            Thread setter = new Thread(() -> {
                while (!slot.isOwnerSleeping()) {
                    Thread.onSpinWait();
                }
                slot.setLatch();
            });
            setter.start();
            assertTrue(slot.waitLatch(-1));
            setter.join();
        });
    }

    @Test
    void oneSetWakesEveryThreadOfTheOwnerWaitingOnTheLatch() throws Exception {
        ProcSlot slot = segment.slot(2);
        slot.ownLatch();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            java.util.concurrent.atomic.AtomicInteger woken = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(3);
            List<Thread> waiters = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Thread t = new Thread(() -> {
                    started.countDown();
                    try {
                        if (slot.waitLatch(20_000)) {
                            woken.incrementAndGet();
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
                t.start();
                waiters.add(t);
            }
            started.await();
            while (!slot.isOwnerSleeping()) {
                Thread.onSpinWait();
            }
            Thread.sleep(50); // let the other two reach their monitor wait
            slot.setLatch();
            for (Thread t : waiters) {
                t.join();
            }
            assertEquals(3, woken.get(), "every waiting thread returns for the one set");
            assertFalse(slot.waitLatch(0), "and the set was consumed once");
        });
    }

    /**
     * A backend's interrupt watcher sleeps on the latch socket for ever; a lock waiter checks its grant, then
     * waits. A set (the grant's) that the watcher consumes between the check and the wait must still end that
     * wait at once: before, the waiter slept until its timeout (deadlock_timeout on every unlucky row-lock wait).
     */
    @Test
    void aSetConsumedByAnotherThreadBeforeTheWaitStillEndsIt() throws Exception {
        ProcSlot slot = segment.slot(3);
        slot.ownLatch();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            java.util.concurrent.atomic.AtomicInteger watcherWakeups = new java.util.concurrent.atomic.AtomicInteger();
            Thread watcher = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        if (slot.waitLatch(60_000)) {
                            watcherWakeups.incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    // the slot was disowned at the end of the test
                }
            });
            watcher.setDaemon(true);
            watcher.start();
            assertFalse(slot.waitLatch(0), "nothing set yet");   // this thread's first look at the latch
            while (!slot.isOwnerSleeping()) {
                Thread.onSpinWait();
            }
            slot.setLatch();
            while (watcherWakeups.get() == 0) {
                Thread.onSpinWait();
            }
            long start = System.nanoTime();
            assertTrue(slot.waitLatch(10_000), "the set the watcher consumed counts for this thread too");
            assertTrue(System.nanoTime() - start < java.util.concurrent.TimeUnit.SECONDS.toNanos(5));
            assertFalse(slot.waitLatch(0), "but only once");
            watcher.interrupt();
        });
    }

    @Test
    void aWaiterWithALongerTimeoutTakesOverTheSocket() throws Exception {
        ProcSlot slot = segment.slot(0);
        slot.ownLatch();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            Thread shortWaiter = new Thread(() -> {
                try {
                    slot.waitLatch(100);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            shortWaiter.start();
            while (!slot.isOwnerSleeping()) {
                Thread.onSpinWait();
            }
            Thread setter = new Thread(() -> {
                try {
                    shortWaiter.join();
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
                slot.setLatch();
            });
            setter.start();
            assertTrue(slot.waitLatch(20_000), "woken by a set that came after the socket sleeper timed out");
            setter.join();
        });
    }

    @Test
    void activityRoundTripsAndLeavesTheSnapshotWhenCleared() {
        ProcSlot slot = segment.slot(3);
        slot.setPid(1234);
        assertNull(slot.readActivity());
        Instant start = Instant.parse("2024-05-01T10:15:30.123456Z");
        slot.publishSession("alice", "postgres", "psql", null, -1, start);
        BackendActivity row = slot.readActivity();
        assertEquals(new BackendActivity(1234, "postgres", "alice", "psql", null, -1, start, null, null, null,
                null, "client backend", null, null, null, 3), row);

        slot.publishActivity("active", "select 1");
        row = slot.readActivity();
        assertEquals("active", row.state());
        assertEquals("select 1", row.query());
        assertNotNull(row.queryStart());
        assertEquals(row.queryStart(), row.stateChange());

        slot.publishActivity("idle", null);
        slot.publishApplicationName("batch");
        BackendActivity idle = slot.readActivity();
        assertEquals("idle", idle.state());
        assertEquals("select 1", idle.query(), "an idle row shows the last query");
        assertEquals(row.queryStart(), idle.queryStart(), "query_start only moves when a query starts");
        assertEquals("batch", idle.applicationName());

        assertEquals(List.of(idle), segment.activitySnapshot());
        slot.clearSession();
        assertNull(slot.readActivity());
        assertTrue(segment.activitySnapshot().isEmpty());
        assertEquals(1234, slot.pid(), "the slot keeps its pid");
    }

    @Test
    void aCancelRequestReachesOnlyASessionRunningAStatement() {
        ProcSlot slot = segment.slot(2);
        slot.setPid(4321);
        slot.publishSession("alice", "postgres", "psql", null, -1, Instant.now());
        slot.publishActivity("idle", null);
        assertFalse(slot.requestCancel(), "an idle session ignores a cancel");
        assertEquals(0, slot.consumeInterrupts(Interrupts.CANCEL));

        slot.publishActivity("active", "select pg_sleep(10)");
        assertTrue(slot.requestCancel());
        assertEquals(Interrupts.CANCEL, slot.consumeInterrupts(Interrupts.CANCEL));

        slot.publishActivity("idle in transaction", null);
        assertFalse(slot.requestCancel(), "between statements of a transaction block, too");
        slot.clearSession();
        assertFalse(slot.requestCancel());
    }

    @Test
    void longStringsAreClippedOnCharacterBoundaries() {
        ProcSlot slot = segment.slot(0);
        String name = "é".repeat(40);          // 80 bytes in UTF-8
        String query = "x" + "€".repeat(600);  // 1 + 1800 bytes
        slot.publishSession(name, name, name, "::1", 5432, Instant.EPOCH);
        slot.publishActivity("active", query);
        BackendActivity row = slot.readActivity();
        assertEquals("é".repeat(31), row.user(), "63 bytes allowed: 31 two-byte characters");
        assertEquals("é".repeat(31), row.database());
        assertEquals("x" + "€".repeat(340), row.query(), "1023 bytes allowed: 1 + 340 three-byte characters");
        assertTrue(row.query().getBytes(StandardCharsets.UTF_8).length <= 1023);
        assertEquals(5, ProcSlot.clipUtf8("abcdef".getBytes(StandardCharsets.UTF_8), 5));
        assertEquals(1, ProcSlot.clipUtf8("a\uD83D\uDE00".getBytes(StandardCharsets.UTF_8), 4),
                "a 4-byte character that does not fit is dropped whole");
    }

    @Test
    void spinlockExcludes() {
        Spinlock lock = segment.spinlock(0);
        assertTrue(lock.tryLock());
        assertFalse(lock.tryLock());
        assertTrue(lock.isLocked());
        lock.unlock();
        lock.lock();
        assertFalse(lock.tryLock());
        lock.unlock();
        assertFalse(lock.isLocked());
    }

    @Test
    void lwlockModesAndBookkeeping() throws IOException {
        ProcSlot a = segment.slot(0);
        ProcSlot b = segment.slot(1);
        LWLock lock = segment.lwlock(9);
        assertTrue(lock.conditionalAcquire(LWLockMode.SHARED, a));
        assertTrue(lock.conditionalAcquire(LWLockMode.SHARED, b));
        assertFalse(lock.conditionalAcquire(LWLockMode.EXCLUSIVE, b));
        assertTrue(lock.isHeldBy(a));
        lock.release(a);
        assertFalse(lock.isHeldBy(a));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> lock.release(a));
        assertEquals("lock 9 is not held", e.getMessage());
        lock.release(b);

        lock.acquire(LWLockMode.EXCLUSIVE, a);
        assertFalse(lock.conditionalAcquire(LWLockMode.SHARED, b));
        assertFalse(lock.conditionalAcquire(LWLockMode.EXCLUSIVE, b));
        segment.lwlock(10).acquire(LWLockMode.SHARED, a);
        LWLock.releaseAll(a);
        assertEquals(0, lock.stateWord());
        assertEquals(0, segment.lwlock(10).stateWord());

        try (ShmemSegment other = ShmemSegment.attach(segment.file())) {
            assertThrows(IllegalArgumentException.class, () -> lock.acquire(LWLockMode.SHARED, other.slot(0)),
                    "a slot of another mapping is refused");
        }
    }

    @Test
    void lwlockWaiterInTheSameProcessIsWokenByRelease() throws Exception {
        ProcSlot holder = segment.slot(0);
        ProcSlot waiter = segment.slot(1);
        waiter.ownLatch();
        LWLock lock = segment.lwlock(11).tranche(WaitEvent.LWLOCK_WAL_WRITE);
        lock.acquire(LWLockMode.EXCLUSIVE, holder);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            Thread thread = new Thread(() -> {
                try {
                    lock.acquire(LWLockMode.SHARED, waiter);
                    lock.release(waiter);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
            thread.start();
            // the sleeping waiter shows the lock's tranche, as pg_stat_activity reads it
            while (waiter.waitEvent() != WaitEvent.LWLOCK_WAL_WRITE) {
                Thread.sleep(1);
            }
            assertEquals("LWLock", WaitEvent.typeName(waiter.waitEvent()));
            assertEquals("WALWrite", WaitEvent.eventName(waiter.waitEvent()));
            assertEquals(1, lock.waiterCount());
            lock.release(holder);
            thread.join();
        });
        assertEquals(0, lock.stateWord());
        assertEquals(WaitEvent.NONE, waiter.waitEvent(), "the wait ended with the acquire");
    }

    @Test
    void nestedWaitsRestoreTheOuterOneAndNamesAreThoseOfPostgres() {
        ProcSlot slot = segment.slot(2);
        int outer = slot.beginWait(WaitEvent.lock("transactionid"));
        int inner = slot.beginWait(WaitEvent.LWLOCK_LOCK_MANAGER);
        assertEquals("LockManager", WaitEvent.eventName(slot.waitEvent()));
        slot.endWait(inner);
        assertEquals("Lock", WaitEvent.typeName(slot.waitEvent()));
        assertEquals("transactionid", WaitEvent.eventName(slot.waitEvent()));
        slot.endWait(outer);
        assertEquals(WaitEvent.NONE, slot.waitEvent());
        assertEquals(null, WaitEvent.typeName(WaitEvent.NONE));
        assertEquals(null, WaitEvent.eventName(WaitEvent.NONE));
        assertEquals("IO", WaitEvent.typeName(WaitEvent.IO_WAL_SYNC));
        assertEquals("WALSync", WaitEvent.eventName(WaitEvent.IO_WAL_SYNC));
        assertEquals("extend", WaitEvent.eventName(WaitEvent.lock("extend")));
    }

    @Test
    void acquireOrWaitTakesAFreeLockAndOtherwiseReturnsWhenItIsFreedWithoutTakingIt() throws Exception {
        ProcSlot holder = segment.slot(0);
        ProcSlot firstWaiter = segment.slot(1);
        ProcSlot exclusiveWaiter = segment.slot(2);
        ProcSlot lastWaiter = segment.slot(3);
        LWLock lock = segment.lwlock(13);
        assertTrue(lock.acquireOrWait(LWLockMode.EXCLUSIVE, holder), "a free lock is taken");
        assertTrue(lock.isHeldBy(holder));
        for (ProcSlot s : List.of(firstWaiter, exclusiveWaiter, lastWaiter)) {
            s.ownLatch();
        }
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            java.util.concurrent.ConcurrentLinkedQueue<String> events = new java.util.concurrent.ConcurrentLinkedQueue<>();
            java.util.concurrent.CountDownLatch exclusiveHolds = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch lastMayGo = new java.util.concurrent.CountDownLatch(1);
            Thread first = new Thread(() -> {
                try {
                    events.add("first " + lock.acquireOrWait(LWLockMode.EXCLUSIVE, firstWaiter));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
            Thread exclusive = new Thread(() -> {
                try {
                    lock.acquire(LWLockMode.EXCLUSIVE, exclusiveWaiter);
                    events.add("exclusive holds");
                    exclusiveHolds.countDown();
                    lastMayGo.await();
                    lock.release(exclusiveWaiter);
                } catch (IOException | InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            Thread last = new Thread(() -> {
                try {
                    events.add("last " + lock.acquireOrWait(LWLockMode.EXCLUSIVE, lastWaiter));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
            int queued = 0;
            for (Thread t : List.of(first, exclusive, last)) {
                t.start();
                queued++;
                while (lock.waiterCount() < queued) {
                    Thread.sleep(1);
                }
            }
            lock.release(holder);
            first.join();
            exclusiveHolds.await();
            // The exclusive waiter was woken with the first one and holds the lock; the waiter
            // queued behind it still sleeps until that holder lets go.
            assertEquals(1, lock.waiterCount());
            assertTrue(last.isAlive());
            lastMayGo.countDown();
            exclusive.join();
            last.join();
            assertTrue(events.contains("first false"), events.toString());
            assertTrue(events.contains("last false"), events.toString());
        });
        assertFalse(lock.isHeldBy(firstWaiter));
        assertFalse(lock.isHeldBy(lastWaiter));
        assertEquals(0, lock.stateWord());
    }

    @Test
    void latchSleeperAndLWLockSleeperOfOneSlotDoNotStealWakeups() throws Exception {
        ProcSlot holder = segment.slot(0);
        ProcSlot owner = segment.slot(2);
        owner.ownLatch();
        LWLock lock = segment.lwlock(12);
        lock.acquire(LWLockMode.EXCLUSIVE, holder);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            // Like a backend: a watcher thread sleeps on the latch while the session thread waits for a lock.
            java.util.concurrent.atomic.AtomicInteger latchReturns = new java.util.concurrent.atomic.AtomicInteger();
            Thread watcher = new Thread(() -> {
                try {
                    while ((owner.peekInterrupts() & Interrupts.CANCEL) == 0) {
                        assertTrue(owner.waitLatch(-1));
                        latchReturns.incrementAndGet();
                    }
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
            Thread session = new Thread(() -> {
                try {
                    lock.acquire(LWLockMode.EXCLUSIVE, owner);
                    lock.release(owner);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
            watcher.start();
            session.start();
            while (!owner.isOwnerSleeping() || !owner.isLWLockWaiterSleeping()) {
                Thread.sleep(1);
            }
            lock.release(holder);
            session.join();
            assertEquals(0, latchReturns.get(), "the lock's wake-up must not set or consume the latch");
            owner.raiseInterrupt(Interrupts.CANCEL);
            watcher.join();
            assertEquals(1, latchReturns.get());
        });
        assertEquals(0, lock.stateWord());
    }

    @Test
    void reinitializeClearsEverythingAndBumpsTheGeneration() throws IOException {
        ProcSlot slot = segment.slot(2);
        slot.setPid(99);
        slot.setCancelKey(12345);
        slot.raiseInterrupt(Interrupts.TERMINATE);
        slot.publishSession("u", "d", "a", "127.0.0.1", 4000, Instant.now());
        segment.spinlock(1).lock();
        segment.lwlock(2).acquire(LWLockMode.EXCLUSIVE, slot);
        segment.sharedWords().set(3, 42);
        assertEquals(0, segment.resetGeneration());

        try (ShmemSegment backend = ShmemSegment.attach(segment.file())) {
            segment.reinitialize();
            assertEquals(1, segment.resetGeneration());
            assertEquals(1, backend.resetGeneration(), "every mapping sees the new generation");
            ProcSlot seen = backend.slot(2);
            assertEquals(0, seen.pid());
            assertEquals(0, seen.cancelKey());
            assertEquals(0, seen.peekInterrupts());
            assertFalse(seen.isLatchSet());
            assertNull(seen.readActivity());
            assertNull(backend.findByPid(99));
            assertTrue(backend.spinlock(1).tryLock(), "spinlocks are free again");
            assertTrue(backend.lwlock(2).conditionalAcquire(LWLockMode.EXCLUSIVE, backend.slot(0)));
            assertEquals(0, backend.sharedWords().getVolatile(3));
            assertFalse(segment.lwlock(2).isHeldBy(slot), "the reinitializing process forgets its holds");
        }
        segment.reinitialize();
        assertEquals(2, segment.resetGeneration());
    }
}
