package org.tusk.shmem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.shmem.ShmemChild.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.backend.BackendActivity;

/**
 * Several real JVM processes attached to one segment, contending as backends
 * do. Only generous timeouts guard against hangs; nothing asserts on speed.
 */
class MultiProcessTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(60);
    private static final int CHILDREN = 4;
    /** A spinning waiter would burn ~2 s of CPU in the 2 s window; a sleeping JVM uses a few ms. */
    private static final Duration IDLE_CPU_LIMIT = Duration.ofMillis(500);

    @TempDir
    Path dir;

    private ShmemSegment segment;
    private final List<ChildJvm> children = new ArrayList<>();

    @BeforeEach
    void createSegment() throws Exception {
        segment = ShmemSegment.create(dir.resolve("shmem"), 8, dir.resolve("latches"));
    }

    @AfterEach
    void cleanUp() {
        children.forEach(ChildJvm::close);
        segment.close();
    }

    private ChildJvm start(String role, int slot, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of(role, segment.file().toString(), Integer.toString(slot)));
        args.addAll(List.of(more));
        ChildJvm child = ChildJvm.start(dir, args.toArray(String[]::new));
        children.add(child);
        return child;
    }

    /** Starts one child per slot 1..CHILDREN and lets them go together once all are attached. */
    private void runTogether(String role, String... more) throws Exception {
        for (int i = 1; i <= CHILDREN; i++) {
            start(role, i, more);
        }
        SharedWords words = segment.sharedWords();
        children.get(0).await(() -> words.getVolatile(W_READY) == CHILDREN, "all children attached");
        words.setVolatile(W_GO, 1);
        for (ChildJvm child : children) {
            child.awaitSuccess();
        }
    }

    @Test
    void spinlockMakesPlainIncrementsExact() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            int iterations = 20_000;
            runTogether("spin", Integer.toString(iterations));
            assertEquals((long) CHILDREN * iterations, segment.sharedWords().getVolatile(W_COUNTER));
            assertFalse(segment.spinlock(3).isLocked());
        });
    }

    @Test
    void exclusiveLWLockMakesPlainIncrementsExact() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            int iterations = 5_000;
            runTogether("exclusive", Integer.toString(iterations));
            assertEquals((long) CHILDREN * iterations, segment.sharedWords().getVolatile(W_COUNTER));
            LWLock lock = segment.lwlock(5);
            assertEquals(0, lock.stateWord() & LWLock.LOCK_MASK, "lock left held: " + lock);
            assertEquals(0, lock.waiterCount());
        });
    }

    @Test
    void sharedHoldersNeverOverlapAnExclusiveHolder() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            int iterations = 4_000;
            runTogether("mixed", Integer.toString(iterations));
            SharedWords words = segment.sharedWords();
            assertEquals(0, words.getVolatile(W_VIOLATIONS), "holders seen overlapping an exclusive holder");
            assertEquals((long) CHILDREN * (iterations / 4), words.getVolatile(W_COUNTER));
            assertEquals(0, words.getVolatile(W_SHARED_INSIDE));
            assertEquals(0, words.getVolatile(W_EXCLUSIVE_INSIDE));
            assertEquals(0, segment.lwlock(6).stateWord() & LWLock.LOCK_MASK);
        });
    }

    @Test
    void blockedLWLockWaiterSleepsAndIsWokenByRelease() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            ProcSlot self = segment.slot(0);
            self.ownLatch();
            LWLock lock = segment.lwlock(7);
            lock.acquire(LWLockMode.SHARED, self);
            ChildJvm child = start("lwwait", 2);
            SharedWords words = segment.sharedWords();
            child.await(() -> words.getVolatile(W_PHASE) == 1 && lock.waiterCount() == 1
                    && segment.slot(2).isLWLockWaiterSleeping(), "the child sleeping in acquire(EXCLUSIVE)");

            // Shared holders coexist (the child got SHARED while we hold it); exclusive is refused.
            assertEquals(RESULT_SHARED_GRANTED | RESULT_EXCLUSIVE_REFUSED, words.getVolatile(W_RESULT));
            assertCpuIdleFor2Seconds(child);
            assertEquals(1, lock.waiterCount(), "the child must still be waiting while we hold the lock");

            lock.release(self);
            child.awaitSuccess();
            assertEquals(RESULT_SHARED_GRANTED | RESULT_EXCLUSIVE_REFUSED | RESULT_EXCLUSIVE_ACQUIRED,
                    words.getVolatile(W_RESULT));
            assertEquals(0, lock.stateWord() & (LWLock.LOCK_MASK | LWLock.FLAG_HAS_WAITERS));
        });
    }

    @Test
    void interruptWakesSleepingLatchOwnerAcrossProcesses() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            ProcSlot self = segment.slot(0);
            self.ownLatch();
            ChildJvm child = start("latchwait", 3);
            ProcSlot target = segment.slot(3);
            SharedWords words = segment.sharedWords();
            child.await(() -> words.getVolatile(W_PHASE) == 1 && target.isOwnerSleeping(),
                    "the child sleeping in waitLatch");

            assertSame(target, segment.findByPid((int) child.pid()));
            assertCpuIdleFor2Seconds(child);

            target.raiseInterrupt(Interrupts.CANCEL | Interrupts.SHUTDOWN);
            child.awaitSuccess();
            assertEquals(Interrupts.CANCEL, words.getVolatile(W_RESULT), "what the child consumed");
            assertEquals(Interrupts.SHUTDOWN, target.peekInterrupts(), "bits it did not consume stay set");

            // The child answered through our own latch.
            while ((self.peekInterrupts() & Interrupts.TERMINATE) == 0) {
                assertTrue(self.waitLatch(30_000), "our latch was not set");
            }
            assertEquals(Interrupts.TERMINATE, self.consumeInterrupts(Interrupts.TERMINATE | Interrupts.CANCEL));
            assertEquals(0, self.peekInterrupts());
        });
    }

    @Test
    void activityReadersNeverSeeTornRows() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            start("activity", 4, "alice");
            start("activity", 5, "bob");
            SharedWords words = segment.sharedWords();
            children.get(0).await(() -> words.getVolatile(W_READY) == 2, "both writers attached");
            words.setVolatile(W_GO, 1);
            int rowsChecked = 0;
            for (int round = 0; round < 2_000 || rowsChecked == 0; round++) {
                for (BackendActivity row : segment.activitySnapshot()) {
                    checkConsistent(row);
                    rowsChecked++;
                }
            }
            words.setVolatile(W_STOP, 1);
            for (ChildJvm child : children) {
                child.awaitSuccess();
            }
            assertTrue(rowsChecked > 0);
            assertTrue(words.getVolatile(W_WRITES + 4) > 0 && words.getVolatile(W_WRITES + 5) > 0);
        });
    }

    /** Every field of one publishSession belongs to the same name, and state matches query. */
    private static void checkConsistent(BackendActivity row) {
        String name = row.user().substring("user_".length());
        assertEquals("db_" + name, row.database(), () -> "torn row " + row);
        assertEquals("app_" + name, row.applicationName(), () -> "torn row " + row);
        int port = row.clientPort();
        assertEquals(name.endsWith("-other") ? 2000 : 1000, port / 1000 * 1000, () -> "torn row " + row);
        assertEquals("10.0.0." + (port % 250), row.clientAddress(), () -> "torn row " + row);
        assertEquals(port, row.backendStart().getEpochSecond(), () -> "torn row " + row);
        assertEquals("client backend", row.backendType());
        if (row.state() != null) {
            assertNotNull(row.query());
            boolean other = row.query().contains("-other'");
            assertEquals(other ? "idle in transaction" : "active", row.state(), () -> "torn row " + row);
            String token = row.query().substring(0, row.query().indexOf("' ") + 2);
            int repeats = row.query().length() / token.length();
            assertEquals(token.repeat(repeats), row.query(), () -> "query mixes two writes: " + row.query());
            assertNotNull(row.stateChange());
        }
    }

    private static void assertCpuIdleFor2Seconds(ChildJvm child) throws Exception {
        Duration before = child.cpuTime();
        Thread.sleep(2_000);
        Duration used = child.cpuTime().minus(before);
        assertTrue(used.compareTo(IDLE_CPU_LIMIT) < 0, "blocked child used " + used.toMillis() + " ms of CPU in 2 s");
    }
}
