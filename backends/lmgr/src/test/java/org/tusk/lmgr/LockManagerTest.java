package org.tusk.lmgr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.error.PgException;
import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.ShmemSegment;

/**
 * The lock manager within one JVM: several "processes" are several slots of
 * one segment, each with its own LockManager (and its own thread when it has
 * to wait). The cross-process behaviour is in {@link MultiProcessLockTest}.
 */
class LockManagerTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(20);
    private static final LockTag REL = LockTag.relation(1, 16384);

    /** PostgreSQL's documented conflict table (explicit-locking.html), rows = requested, columns = held. */
    private static final String[] CONFLICTS = {
        /*                      AS RS RE SUE S SRE E AE */
        /* AccessShare */      "0  0  0  0   0 0   0 1",
        /* RowShare */         "0  0  0  0   0 0   1 1",
        /* RowExclusive */     "0  0  0  0   1 1   1 1",
        /* ShareUpdateExcl */  "0  0  0  1   1 1   1 1",
        /* Share */            "0  0  1  1   0 1   1 1",
        /* ShareRowExcl */     "0  0  1  1   1 1   1 1",
        /* Exclusive */        "0  1  1  1   1 1   1 1",
        /* AccessExclusive */  "1  1  1  1   1 1   1 1",
    };

    @TempDir
    Path dir;

    private ShmemSegment segment;

    @BeforeEach
    void createSegment() throws Exception {
        segment = ShmemSegment.create(dir.resolve("shmem"), 8, dir.resolve("latches"),
                LockManager.shmemRequests(8, 64));
    }

    @AfterEach
    void closeSegment() {
        segment.close();
    }

    private LockManager process(int slotIndex, LockSettings settings) throws Exception {
        ProcSlot slot = segment.slot(slotIndex);
        slot.setPid(10_000 + slotIndex);
        slot.ownLatch();
        return LockManager.attach(segment, slot, settings);
    }

    private LockManager process(int slotIndex) throws Exception {
        return process(slotIndex, LockSettings.DEFAULTS.withDeadlockTimeout(200));
    }

    @Test
    void conflictMatrixIsPostgresql() throws Exception {
        LockManager a = process(0);
        LockManager b = process(1);
        for (LockMode held : LockMode.values()) {
            for (LockMode requested : LockMode.values()) {
                boolean conflicts = CONFLICTS[requested.ordinal()].replace(" ", "").charAt(held.ordinal()) == '1';
                assertEquals(conflicts, requested.conflictsWith(held), requested + " vs " + held);
                assertTrue(a.acquire(REL, held, true));
                assertEquals(!conflicts, b.acquire(REL, requested, true), "B asks " + requested + " while A holds "
                        + held);
                a.releaseAll();
                b.releaseAll();
                assertTrue(a.status().isEmpty(), "lock table not empty: " + a.status());
            }
        }
        assertEquals("AccessShareLock", LockMode.ACCESS_SHARE.displayName());
        assertEquals(LockMode.SHARE_ROW_EXCLUSIVE, LockMode.fromDisplayName("ShareRowExclusiveLock"));
    }

    @Test
    void holdingTwiceNeedsTwoReleasesAndOwnModesNeverConflict() throws Exception {
        LockManager a = process(0);
        LockManager b = process(1);
        assertTrue(a.acquire(REL, LockMode.ACCESS_EXCLUSIVE, true));
        assertTrue(a.acquire(REL, LockMode.ACCESS_EXCLUSIVE, true));
        assertTrue(a.acquire(REL, LockMode.SHARE, true), "a process does not conflict with itself");
        assertTrue(a.release(REL, LockMode.ACCESS_EXCLUSIVE));
        assertFalse(b.acquire(REL, LockMode.ACCESS_SHARE, true), "still held once");
        assertTrue(a.release(REL, LockMode.ACCESS_EXCLUSIVE));
        assertTrue(b.acquire(REL, LockMode.ROW_SHARE, true), "only ShareLock is left");
        assertFalse(b.acquire(REL, LockMode.ROW_EXCLUSIVE, true));
        assertFalse(a.release(REL, LockMode.EXCLUSIVE), "never held");
        a.releaseAll();
        assertTrue(b.acquire(REL, LockMode.ROW_EXCLUSIVE, true));
        b.releaseAll();
        assertTrue(b.status().isEmpty());
    }

    @Test
    void sessionLocksSurviveTransactionEnd() throws Exception {
        LockManager a = process(0);
        LockManager b = process(1);
        LockTag key = LockTag.advisory(5, 0x1_0000_0002L);
        assertTrue(a.acquireSession(key, LockMode.EXCLUSIVE, true));
        assertTrue(a.acquire(key, LockMode.EXCLUSIVE, true));
        a.releaseAll();
        assertTrue(a.holds(key, LockMode.EXCLUSIVE));
        assertFalse(b.acquire(key, LockMode.EXCLUSIVE, true));
        LockStatus row = a.status().get(0);
        assertEquals("advisory", row.locktype());
        assertEquals(5L, row.database());
        assertEquals(1L, row.classid());
        assertEquals(2L, row.objid());
        assertEquals(1, row.objsubid());
        a.releaseAllSession();
        assertTrue(b.acquire(key, LockMode.EXCLUSIVE, true));
        b.releaseAll();
    }

    @Test
    void statusListsHoldersAndWaiters() throws Exception {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            LockManager a = process(0);
            LockManager b = process(1);
            LockTag tuple = LockTag.tuple(1, 16384, 7, 3);
            a.acquire(tuple, LockMode.ROW_EXCLUSIVE, false);
            a.lockTransactionId(745);
            CompletableFuture<Void> waiter = async(() -> b.acquire(tuple, LockMode.SHARE, false));
            awaitCondition(() -> a.status().stream().anyMatch(s -> !s.granted()), "B waiting");
            List<LockStatus> rows = a.status();
            assertEquals(3, rows.size(), rows.toString());
            LockStatus xact = rows.stream().filter(s -> s.locktype().equals("transactionid")).findFirst().orElseThrow();
            assertEquals(745L, xact.transactionid());
            assertEquals("ExclusiveLock", xact.mode());
            assertEquals(10_000, xact.pid());
            assertNull(xact.relation());
            LockStatus wait = rows.stream().filter(s -> !s.granted()).findFirst().orElseThrow();
            assertEquals("tuple", wait.locktype());
            assertEquals(16384L, wait.relation());
            assertEquals(7L, wait.page());
            assertEquals(3, wait.tuple());
            assertEquals("ShareLock", wait.mode());
            assertEquals(10_001, wait.pid());
            assertTrue(wait.waitStart() != null);
            a.releaseAll();
            waiter.get();
            assertTrue(b.holds(tuple, LockMode.SHARE));
            b.releaseAll();
            assertTrue(a.status().isEmpty());
        });
    }

    @Test
    void lockTimeoutCancelsTheWaitAndLeavesTheQueueClean() throws Exception {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            LockManager a = process(0);
            LockManager b = process(1, LockSettings.DEFAULTS.withLockTimeout(300));
            a.acquire(REL, LockMode.ACCESS_EXCLUSIVE, false);
            long start = System.nanoTime();
            PgException e = assertThrows(PgException.class, () -> b.acquire(REL, LockMode.ACCESS_SHARE, false));
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals("55P03", e.sqlState());
            assertEquals("canceling statement due to lock timeout", e.getMessage());
            assertTrue(elapsedMillis >= 290, "timed out after " + elapsedMillis + " ms");
            assertFalse(b.holds(REL, LockMode.ACCESS_SHARE));
            assertEquals(1, a.status().size(), a.status().toString());
            a.releaseAll();
            assertTrue(b.acquire(REL, LockMode.ACCESS_EXCLUSIVE, true), "no stale waiter blocks a newcomer");
            b.releaseAll();
            assertTrue(a.status().isEmpty());
        });
    }

    @Test
    void interruptedWaiterLeavesAndLetsTheNextWaiterGo() throws Exception {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            LockManager a = process(0);
            LockManager b = process(1);
            LockManager c = process(2);
            b.setSettings(LockSettings.DEFAULTS);   // no deadlock check during this test
            AtomicBoolean cancel = new AtomicBoolean();
            b.setInterruptCheck(() -> {
                if (cancel.get()) {
                    throw PgException.error("57014", "canceling statement due to user request");
                }
            });
            a.acquire(REL, LockMode.ACCESS_SHARE, false);
            CompletableFuture<Void> bWait = async(
                    () -> b.acquire(REL, LockMode.ACCESS_EXCLUSIVE, false));
            awaitCondition(() -> waiters(a) == 1, "B queued");
            // C's AccessShare is compatible with A but queues behind B's exclusive request (FIFO).
            CompletableFuture<Void> cWait = async(() -> c.acquire(REL, LockMode.ACCESS_SHARE, false));
            awaitCondition(() -> waiters(a) == 2, "C queued behind B");
            Thread.sleep(100);
            assertFalse(cWait.isDone());
            cancel.set(true);
            segment.slot(1).setLatch();   // what a cancel request does
            Throwable thrown = assertThrows(Exception.class, bWait::join).getCause();
            assertEquals("57014", ((PgException) thrown).sqlState());
            cWait.get();   // granted as soon as B left the queue, while A still holds its lock
            assertTrue(c.holds(REL, LockMode.ACCESS_SHARE));
            assertEquals(0, waiters(a));
            assertEquals(2, a.status().size());
            a.releaseAll();
            c.releaseAll();
            b.setInterruptCheck(InterruptCheck.NONE);
            assertTrue(b.acquire(REL, LockMode.ACCESS_EXCLUSIVE, true));
            b.releaseAll();
            assertTrue(a.status().isEmpty());
        });
    }

    @Test
    void statementTimeoutEndsALockWaitWithoutAnyoneSettingTheLatch() throws Exception {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            LockManager a = process(0);
            LockManager b = process(1);
            b.setSettings(new LockSettings(60_000, 0));   // no deadlock check or lock_timeout wakes it up
            a.acquire(REL, LockMode.ACCESS_EXCLUSIVE, false);
            long start = System.nanoTime();
            b.setInterruptCheck(StatementTimeout.start(300, InterruptCheck.NONE));
            PgException e = assertThrows(PgException.class, () -> b.acquire(REL, LockMode.ACCESS_SHARE, false));
            long waited = (System.nanoTime() - start) / 1_000_000;
            assertEquals("57014", e.sqlState());
            assertEquals("canceling statement due to statement timeout", e.getMessage());
            assertTrue(waited >= 290 && waited < 20_000, "waited " + waited + " ms");
            assertEquals(0, waiters(a), "the wait queue is clean");
            b.setInterruptCheck(StatementTimeout.start(0, InterruptCheck.NONE));     // statement_timeout = 0
            a.releaseAll();
            assertTrue(b.acquire(REL, LockMode.ACCESS_SHARE, false));
            b.releaseAll();
        });
    }

    @Test
    void softDeadlockThroughTheQueueIsDetected() throws Exception {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            // A holds r1 shared; B queues for r1 exclusive (hard edge B->A); C queues for r1 shared
            // behind B (soft edge C->B); A then waits for r2 held by C (A->C): a cycle.
            LockManager a = process(0);
            LockManager b = process(1, LockSettings.DEFAULTS);
            LockManager c = process(2, LockSettings.DEFAULTS);
            LockTag r2 = LockTag.relation(1, 99);
            a.acquire(REL, LockMode.ACCESS_SHARE, false);
            c.acquire(r2, LockMode.ACCESS_EXCLUSIVE, false);
            CompletableFuture<Void> bWait = async(() -> b.acquire(REL, LockMode.ACCESS_EXCLUSIVE, false));
            awaitCondition(() -> waiters(a) == 1, "B queued");
            CompletableFuture<Void> cWait = async(() -> c.acquire(REL, LockMode.ACCESS_SHARE, false));
            awaitCondition(() -> waiters(a) == 2, "C queued");
            PgException e = assertThrows(PgException.class, () -> a.acquire(r2, LockMode.ACCESS_SHARE, false));
            assertEquals("40P01", e.sqlState());
            assertEquals(String.join("\n",
                    "Process 10000 waits for AccessShareLock on relation 99 of database 1; blocked by process 10002.",
                    "Process 10002 waits for AccessShareLock on relation 16384 of database 1; blocked by process 10001.",
                    "Process 10001 waits for AccessExclusiveLock on relation 16384 of database 1; blocked by process 10000."),
                    e.detail());
            a.releaseAll();
            bWait.get();
            b.releaseAll();
            cWait.get();
            c.releaseAll();
            assertTrue(a.status().isEmpty());
        });
    }

    @Test
    void fullLockTableRaisesOutOfSharedMemory() throws Exception {
        segment.close();
        segment = ShmemSegment.create(dir.resolve("small"), 4, dir.resolve("latches"), LockManager.shmemRequests(4, 4));
        LockManager a = process(0);
        // ShareUpdateExclusiveLock: weak relation modes would use the fast-path slots, not the table
        for (int rel = 0; rel < 16; rel++) {
            assertTrue(a.acquire(LockTag.relation(1, rel), LockMode.SHARE_UPDATE_EXCLUSIVE, true));
        }
        assertTrue(a.acquire(LockTag.relation(1, 3), LockMode.SHARE_UPDATE_EXCLUSIVE, true), "re-entrant: no new entry");
        PgException e = assertThrows(PgException.class,
                () -> a.acquire(LockTag.relation(1, 16), LockMode.SHARE_UPDATE_EXCLUSIVE, true));
        assertEquals("53200", e.sqlState());
        assertEquals("out of shared memory", e.getMessage());
        assertEquals("You might need to increase max_locks_per_transaction.", e.hint());
        assertFalse(a.holds(LockTag.relation(1, 16), LockMode.SHARE_UPDATE_EXCLUSIVE));
        assertTrue(a.release(LockTag.relation(1, 5), LockMode.SHARE_UPDATE_EXCLUSIVE));
        assertTrue(a.acquire(LockTag.relation(1, 16), LockMode.SHARE_UPDATE_EXCLUSIVE, true), "a freed entry is reused");
        a.releaseAll();
        for (int rel = 100; rel < 116; rel++) {
            assertTrue(a.acquire(LockTag.relation(1, rel), LockMode.SHARE_UPDATE_EXCLUSIVE, true));
        }
        assertEquals(16, a.status().size());
        a.releaseAll();
    }

    @Test
    void weakRelationLocksUseTheFastPathAndShowInStatus() throws Exception {
        LockManager a = process(0);
        LockManager b = process(1);
        assertTrue(a.acquire(REL, LockMode.ACCESS_SHARE, false));
        assertTrue(a.acquire(REL, LockMode.ROW_EXCLUSIVE, false));
        assertTrue(b.acquire(REL, LockMode.ROW_SHARE, false));
        List<LockStatus> rows = b.status();
        assertEquals(3, rows.size(), rows.toString());
        assertTrue(rows.stream().allMatch(r -> r.fastPath() && r.granted()), rows.toString());
        assertTrue(rows.stream().anyMatch(r -> r.procNumber() == 0 && r.mode().equals("RowExclusiveLock")
                && r.relation() == 16384L && r.database() == 1L && r.pid() == 10_000));
        // not eligible: the shared table
        assertTrue(a.acquire(REL, LockMode.SHARE_UPDATE_EXCLUSIVE, false));
        assertEquals(1, a.status().stream().filter(r -> !r.fastPath()).count());
        a.releaseAll();
        b.releaseAll();
        assertTrue(a.status().isEmpty(), a.status().toString());
    }

    @Test
    void strongLockMovesOtherProcessesFastPathLocksAndConflicts() throws Exception {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            LockManager a = process(0);
            LockManager b = process(1);
            assertTrue(a.acquire(REL, LockMode.ROW_EXCLUSIVE, false));
            assertTrue(a.status().get(0).fastPath());
            // a strong request sees the fast-path holder (after moving it to the shared table)
            assertFalse(b.acquire(REL, LockMode.SHARE, true));
            LockStatus moved = a.status().get(0);
            assertEquals(1, a.status().size());
            assertFalse(moved.fastPath());
            assertEquals("RowExclusiveLock", moved.mode());
            assertEquals(0, moved.procNumber());
            // a waiting strong request keeps weak newcomers out of the fast path and behind it (FIFO)
            CompletableFuture<Void> strong = async(() -> b.acquire(REL, LockMode.ACCESS_EXCLUSIVE, false));
            awaitCondition(() -> waiters(a) == 1, "B waiting");
            LockManager c = process(2);
            assertFalse(c.acquire(REL, LockMode.ACCESS_SHARE, true));
            a.release(REL, LockMode.ROW_EXCLUSIVE);   // found in the shared table, wakes B
            strong.get();
            assertTrue(b.holds(REL, LockMode.ACCESS_EXCLUSIVE));
            assertFalse(a.acquire(REL, LockMode.ACCESS_SHARE, true));
            b.releaseAll();
            // the strong lock is gone: weak locks take the fast path again
            assertTrue(c.acquire(REL, LockMode.ACCESS_SHARE, true));
            assertTrue(c.status().get(0).fastPath());
            c.releaseAll();
            assertTrue(a.status().isEmpty());
        });
    }

    @Test
    void ownFastPathLockIsMovedToo() throws Exception {
        LockManager a = process(0);
        assertTrue(a.acquire(REL, LockMode.ACCESS_SHARE, false));
        assertTrue(a.acquire(REL, LockMode.ACCESS_EXCLUSIVE, false), "own weak lock does not conflict");
        assertTrue(a.status().stream().noneMatch(LockStatus::fastPath), a.status().toString());
        assertEquals(2, a.status().size());
        a.release(REL, LockMode.ACCESS_SHARE);
        a.release(REL, LockMode.ACCESS_EXCLUSIVE);
        assertTrue(a.status().isEmpty(), a.status().toString());
        LockManager b = process(1);
        assertTrue(b.acquire(REL, LockMode.ACCESS_EXCLUSIVE, true), "nothing left behind");
        b.releaseAll();
    }

    @Test
    void releaseAllFreesFastPathMovedAndSharedTableLocksInOnePass() throws Exception {
        LockManager a = process(0);
        LockManager b = process(1);
        LockTag stays = LockTag.relation(1, 16385);
        LockTag moved = LockTag.relation(1, 16386);
        LockTag tableOnly = LockTag.relation(1, 16387);
        LockTag sessionHeld = LockTag.relation(1, 16388);
        assertTrue(a.acquire(REL, LockMode.ACCESS_SHARE, false));
        assertTrue(a.acquire(REL, LockMode.ROW_EXCLUSIVE, false));
        assertTrue(a.acquire(stays, LockMode.ACCESS_SHARE, false));
        assertTrue(a.acquire(moved, LockMode.ACCESS_SHARE, false));
        assertTrue(a.acquire(tableOnly, LockMode.SHARE_UPDATE_EXCLUSIVE, false));
        assertTrue(a.acquire(sessionHeld, LockMode.ACCESS_SHARE, false));
        assertTrue(a.acquireSession(sessionHeld, LockMode.ACCESS_SHARE, false));
        // a strong (non-conflicting) lock of b moves a's fast-path lock on "moved" to the shared table
        assertTrue(b.acquire(moved, LockMode.SHARE, false));
        assertTrue(a.status().stream().anyMatch(r -> r.procNumber() == 0 && r.relation() == 16386L && !r.fastPath()));

        a.releaseAll();

        assertFalse(a.holds(REL, LockMode.ACCESS_SHARE));
        assertFalse(a.holds(REL, LockMode.ROW_EXCLUSIVE));
        assertFalse(a.holds(stays, LockMode.ACCESS_SHARE));
        assertFalse(a.holds(moved, LockMode.ACCESS_SHARE));
        assertFalse(a.holds(tableOnly, LockMode.SHARE_UPDATE_EXCLUSIVE));
        assertTrue(a.holds(sessionHeld, LockMode.ACCESS_SHARE), "the session's hold stays");
        List<LockStatus> rows = a.status();
        assertEquals(2, rows.size(), rows.toString());
        assertTrue(rows.stream().anyMatch(r -> r.procNumber() == 0 && r.relation() == 16388L && r.fastPath()));
        assertTrue(rows.stream().anyMatch(r -> r.procNumber() == 1 && r.relation() == 16386L));
        // nothing of a's is left in its fast-path slots or the shared table: strong locks are granted at once
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            assertTrue(b.acquire(REL, LockMode.ACCESS_EXCLUSIVE, false));
            assertTrue(b.acquire(stays, LockMode.ACCESS_EXCLUSIVE, false));
            assertTrue(b.acquire(tableOnly, LockMode.ACCESS_EXCLUSIVE, false));
        });
        b.releaseAll();
        a.releaseAllSession();
        assertTrue(a.status().isEmpty(), a.status().toString());
        assertTimeoutPreemptively(HANG_GUARD, () -> assertTrue(b.acquire(sessionHeld, LockMode.ACCESS_EXCLUSIVE, false)));
        b.releaseAll();
    }

    @Test
    void seventeenthRelationGoesToTheSharedTable() throws Exception {
        LockManager a = process(0);
        for (int rel = 0; rel < 17; rel++) {
            assertTrue(a.acquire(LockTag.relation(1, 20_000 + rel), LockMode.ACCESS_SHARE, false));
        }
        List<LockStatus> rows = a.status();
        assertEquals(17, rows.size());
        assertEquals(16, rows.stream().filter(LockStatus::fastPath).count());
        LockManager b = process(1);
        for (int rel = 0; rel < 17; rel++) {
            assertFalse(b.acquire(LockTag.relation(1, 20_000 + rel), LockMode.ACCESS_EXCLUSIVE, true));
        }
        a.releaseAll();
        for (int rel = 0; rel < 17; rel++) {
            assertTrue(b.acquire(LockTag.relation(1, 20_000 + rel), LockMode.ACCESS_EXCLUSIVE, true));
        }
        b.releaseAll();
        assertTrue(a.status().isEmpty());
    }

    @Test
    void deadlockDetailsNameTheObjects() {
        assertEquals("transaction 4294967295", LockTag.transaction(-1).describe());
        assertEquals("tuple (7,3) of relation 16384 of database 1", LockTag.tuple(1, 16384, 7, 3).describe());
        assertEquals("extension of relation 2 of database 1", LockTag.relationExtend(1, 2).describe());
        assertEquals("object 3 of class 2 of database 1", LockTag.object(1, 2, 3, 0).describe());
        assertEquals("advisory lock [1,0,7,2]", LockTag.advisory(1, 0, 7).describe());
    }

    private static long waiters(LockManager locks) {
        return locks.status().stream().filter(s -> !s.granted()).count();
    }

    static void awaitCondition(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(2);
        }
    }

    /** Runs {@code body} on a thread of its own (a waiting "process" must not occupy a shared pool thread). */
    static CompletableFuture<Void> async(Runnable body) {
        return CompletableFuture.runAsync(body, task -> {
            Thread thread = new Thread(task, "lock-waiter");
            thread.setDaemon(true);
            thread.start();
        });
    }
}
