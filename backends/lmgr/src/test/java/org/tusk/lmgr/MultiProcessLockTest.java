package org.tusk.lmgr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.lmgr.LockChild.*;
import static org.tusk.lmgr.LockManagerTest.async;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.shmem.ChildJvm;
import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.SharedWords;
import org.tusk.shmem.ShmemSegment;

/**
 * Real backend processes (child JVMs running {@link LockChild}) sharing one
 * lock table: deadlocks between processes, sleeping waiters, FIFO fairness,
 * mutual exclusion. The test JVM itself uses slots 0-3, children 4-7.
 */
class MultiProcessLockTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(45);
    private static final long DEADLOCK_TIMEOUT_MS = 200;
    private static final LockTag REL = LockTag.relation(1, 500);

    @TempDir
    Path dir;

    private ShmemSegment segment;
    private SharedWords words;
    private final List<ChildJvm> children = new ArrayList<>();

    @BeforeEach
    void createSegment() throws Exception {
        segment = ShmemSegment.create(dir.resolve("shmem"), 8, dir.resolve("latches"),
                LockManager.shmemRequests(8, 64));
        words = segment.sharedWords();
    }

    @AfterEach
    void cleanUp() {
        children.forEach(ChildJvm::close);
        segment.close();
    }

    private ChildJvm start(String role, int slot, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of(role, segment.file().toString(), Integer.toString(slot),
                Long.toString(DEADLOCK_TIMEOUT_MS)));
        args.addAll(List.of(more));
        ChildJvm child = ChildJvm.start(LockChild.class, dir, args.toArray(String[]::new));
        children.add(child);
        return child;
    }

    private LockManager local(int slotIndex) throws Exception {
        ProcSlot slot = segment.slot(slotIndex);
        slot.setPid((int) ProcessHandle.current().pid());
        slot.ownLatch();
        return LockManager.attach(segment, slot, LockSettings.DEFAULTS);
    }

    /** Starts one "xactcycle" child per slot; child i holds xid 100+i and waits for the next one's. */
    private List<ChildJvm> transactionCycle(int[] slots) throws Exception {
        List<ChildJvm> cycle = new ArrayList<>();
        for (int i = 0; i < slots.length; i++) {
            int next = (i + 1) % slots.length;
            cycle.add(start("xactcycle", slots[i], Integer.toString(100 + i), Integer.toString(100 + next)));
        }
        for (int slot : slots) {
            cycle.get(0).await(() -> words.getVolatile(W_PHASE + slot) == 1, "child in slot " + slot + " ready");
        }
        words.setVolatile(W_GO, 1);
        for (ChildJvm child : cycle) {
            child.awaitSuccess();
        }
        return cycle;
    }

    @Test
    void twoProcessDeadlockHasExactlyOneVictim() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            int[] slots = {4, 5};
            List<ChildJvm> cycle = transactionCycle(slots);
            int victim = victimIndex(slots);
            int survivor = 1 - victim;
            long waited = words.getVolatile(W_ELAPSED + slots[victim]);
            assertTrue(waited >= DEADLOCK_TIMEOUT_MS - 10 && waited < 5_000,
                    "deadlock reported after " + waited + " ms");
            long victimPid = cycle.get(victim).pid();
            long survivorPid = cycle.get(survivor).pid();
            String expected = "Process " + victimPid + " waits for ShareLock on transaction " + (100 + (victim + 1) % 2)
                    + "; blocked by process " + survivorPid + ".\n"
                    + "Process " + survivorPid + " waits for ShareLock on transaction " + (100 + victim)
                    + "; blocked by process " + victimPid + ".";
            String output = cycle.get(victim).output();
            assertEquals(expected, between(output, "DETAIL<<", ">>"), output);
            assertEquals("See server log for query details.", between(output, "HINT<<", ">>"));
            assertTrue(output.contains("ERROR 40P01 deadlock detected"), output);
            assertTrue(local(0).status().isEmpty());
        });
    }

    @Test
    void threeProcessDeadlockHasExactlyOneVictim() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            int[] slots = {4, 5, 6};
            List<ChildJvm> cycle = transactionCycle(slots);
            int victim = victimIndex(slots);
            String detail = between(cycle.get(victim).output(), "DETAIL<<", ">>");
            assertEquals(3, detail.split("\n").length, detail);
            assertTrue(detail.startsWith("Process " + cycle.get(victim).pid() + " waits for ShareLock"), detail);
            assertTrue(local(0).status().isEmpty());
        });
    }

    /** The one slot whose child reported a deadlock; every other one got its lock. */
    private int victimIndex(int[] slots) {
        int victim = -1;
        for (int i = 0; i < slots.length; i++) {
            long result = words.getVolatile(W_RESULT + slots[i]);
            if (result == RESULT_DEADLOCK) {
                assertEquals(-1, victim, "more than one deadlock victim");
                victim = i;
            } else {
                assertEquals(RESULT_GRANTED, result, "child in slot " + slots[i] + " neither granted nor victim");
            }
        }
        assertTrue(victim >= 0, "no deadlock victim");
        return victim;
    }

    @Test
    void blockedWaiterSleepsAndIsNotAFalseDeadlock() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            LockManager holder = local(0);
            holder.acquire(REL, LockMode.ACCESS_EXCLUSIVE, false);
            ChildJvm child = start("wait", 4, "500", "ACCESS_SHARE");
            child.await(() -> waiting(holder) == 1, "the child queued");
            // Well past deadlock_timeout: the child has checked (no cycle) and keeps sleeping.
            Duration cpuBefore = child.cpuTime();
            Thread.sleep(2_000);
            Duration used = child.cpuTime().minus(cpuBefore);
            assertTrue(used.compareTo(Duration.ofMillis(500)) < 0, "waiting child used " + used + " of CPU");
            assertEquals(0, words.getVolatile(W_RESULT + 4), "child gave up waiting: " + child.output());
            holder.releaseAll();
            child.await(() -> words.getVolatile(W_PHASE + 4) == 2, "the child granted");
            assertEquals(RESULT_GRANTED, words.getVolatile(W_RESULT + 4));
            words.setVolatile(W_STOP + 4, 1);
            child.awaitSuccess();
            assertTrue(holder.status().isEmpty());
        });
    }

    @Test
    void queuedExclusiveRequestIsNotStarvedBySharedOnes() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            LockManager reader = local(0);
            LockManager lateReader = local(1);
            reader.acquire(REL, LockMode.ACCESS_SHARE, false);
            ChildJvm writer = start("wait", 4, "500", "ACCESS_EXCLUSIVE");
            writer.await(() -> waiting(reader) == 1, "the writer queued");
            assertFalse(lateReader.acquire(REL, LockMode.ACCESS_SHARE, true),
                    "a later shared request must not pass the queued exclusive one");
            CompletableFuture<Void> late = async(
                    () -> lateReader.acquire(REL, LockMode.ACCESS_SHARE, false));
            writer.await(() -> waiting(reader) == 2, "the late reader queued");
            reader.releaseAll();
            writer.await(() -> words.getVolatile(W_PHASE + 4) == 2, "the writer granted");
            Thread.sleep(50);
            assertFalse(late.isDone(), "late reader granted while the writer holds AccessExclusiveLock");
            words.setVolatile(W_STOP + 4, 1);
            writer.awaitSuccess();
            late.get();
            assertTrue(lateReader.holds(REL, LockMode.ACCESS_SHARE));
            lateReader.releaseAll();
            assertTrue(reader.status().isEmpty());
        });
    }

    @Test
    void exclusiveLockMakesPlainIncrementsExact() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            int iterations = 300;
            for (int slot = 4; slot < 8; slot++) {
                start("counter", slot, Integer.toString(iterations));
            }
            words.setVolatile(W_GO, 1);
            for (ChildJvm child : children) {
                child.awaitSuccess();
            }
            assertEquals(4L * iterations, words.getVolatile(W_COUNTER));
            assertTrue(local(0).status().isEmpty());
        });
    }

    @Test
    void fastPathLocksConflictWithStrongLocksOfOtherProcesses() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            int iterations = 400;
            start("fastpath", 4, Integer.toString(iterations), "true");
            for (int slot = 5; slot < 8; slot++) {
                start("fastpath", slot, Integer.toString(iterations), "false");
            }
            words.setVolatile(W_GO, 1);
            for (ChildJvm child : children) {
                child.awaitSuccess();
            }
            assertEquals(0L, words.getVolatile(LockChild.W_VIOLATIONS), "a strong and a weak holder overlapped");
            assertEquals((long) iterations, words.getVolatile(W_COUNTER));
            assertTrue(local(0).status().isEmpty(), "locks left behind");
            // the strong counts went back to zero: a weak lock uses the fast path again
            LockManager mine = local(0);
            mine.acquire(LockTag.relation(1, 4343), LockMode.ROW_EXCLUSIVE, false);
            assertTrue(mine.status().get(0).fastPath());
            mine.releaseAll();
        });
    }

    private static long waiting(LockManager locks) {
        return locks.status().stream().filter(s -> !s.granted()).count();
    }

    private static String between(String text, String open, String close) {
        Matcher m = Pattern.compile(Pattern.quote(open) + "(.*?)" + Pattern.quote(close), Pattern.DOTALL).matcher(text);
        if (!m.find()) {
            throw new AssertionError("no " + open + " in:\n" + text);
        }
        return m.group(1);
    }
}
