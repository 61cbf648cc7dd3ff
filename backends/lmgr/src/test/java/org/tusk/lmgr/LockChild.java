package org.tusk.lmgr;

import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

import org.tusk.api.error.PgException;
import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.SharedWords;
import org.tusk.shmem.ShmemSegment;

/**
 * A backend process for the multi-process tests: attaches to the test's
 * segment, takes slot {@code args[2]} and plays one role. Results go back
 * through shared words; error details are printed to the child's log.
 *
 * <p>Arguments: role, segment file, slot, deadlock_timeout in ms, role arguments.
 */
public final class LockChild {

    static final int W_GO = 0;
    static final int W_COUNTER = 1;
    /** Per-slot words: phase (1 = ready / holding, 2 = acquired), result, elapsed wait in ms, stop request. */
    static final int W_PHASE = 16;
    static final int W_RESULT = 32;
    static final int W_ELAPSED = 48;
    static final int W_STOP = 64;
    /** fastpath role: processes inside a weak hold, whether a strong holder is inside, violations seen. */
    static final int W_WEAK_INSIDE = 2;
    static final int W_STRONG_INSIDE = 3;
    static final int W_VIOLATIONS = 4;

    static final int RESULT_GRANTED = 1;
    static final int RESULT_DEADLOCK = 2;
    static final int RESULT_OTHER_ERROR = 3;

    private LockChild() {
    }

    public static void main(String[] args) throws Exception {
        String role = args[0];
        try (ShmemSegment segment = ShmemSegment.attach(Path.of(args[1]))) {
            int slotIndex = Integer.parseInt(args[2]);
            ProcSlot slot = segment.slot(slotIndex);
            slot.setPid((int) ProcessHandle.current().pid());
            slot.ownLatch();
            LockManager locks = LockManager.attach(segment, slot,
                    LockSettings.DEFAULTS.withDeadlockTimeout(Long.parseLong(args[3])));
            SharedWords words = segment.sharedWords();
            switch (role) {
                case "xactcycle" -> transactionCycle(locks, words, slotIndex, Integer.parseInt(args[4]),
                        Integer.parseInt(args[5]));
                case "wait" -> waitForRelation(locks, words, slotIndex, Integer.parseInt(args[4]),
                        LockMode.valueOf(args[5]));
                case "counter" -> counter(locks, words, Integer.parseInt(args[4]));
                case "fastpath" -> fastPathMix(locks, words, Integer.parseInt(args[4]), Boolean.parseBoolean(args[5]));
                default -> throw new IllegalArgumentException("unknown role " + role);
            }
        }
        System.exit(0);
    }

    /** Holds its own transaction lock, then (after the go) waits for another transaction. */
    private static void transactionCycle(LockManager locks, SharedWords words, int slot, int myXid, int otherXid) {
        locks.lockTransactionId(myXid);
        words.setVolatile(W_PHASE + slot, 1);
        awaitWord(words, W_GO);
        long start = System.nanoTime();
        try {
            locks.waitForTransaction(otherXid);
            words.setVolatile(W_RESULT + slot, RESULT_GRANTED);
        } catch (PgException e) {
            report(words, slot, e);
        }
        words.setVolatile(W_ELAPSED + slot, (System.nanoTime() - start) / 1_000_000);
        locks.releaseAll();   // transaction end: lets the others go on
    }

    /** Waits for a lock on relation {@code rel}, reports, then holds it until told to stop. */
    private static void waitForRelation(LockManager locks, SharedWords words, int slot, int rel, LockMode mode) {
        words.setVolatile(W_PHASE + slot, 1);
        long start = System.nanoTime();
        try {
            locks.acquire(LockTag.relation(1, rel), mode, false);
            words.setVolatile(W_ELAPSED + slot, (System.nanoTime() - start) / 1_000_000);
            words.setVolatile(W_RESULT + slot, RESULT_GRANTED);
            words.setVolatile(W_PHASE + slot, 2);
            awaitWord(words, W_STOP + slot);
        } catch (PgException e) {
            report(words, slot, e);
        }
        locks.releaseAll();
    }

    /** Increments a shared counter non-atomically under AccessExclusiveLock on a relation. */
    private static void counter(LockManager locks, SharedWords words, int iterations) {
        awaitWord(words, W_GO);
        LockTag tag = LockTag.relation(1, 4242);
        for (int i = 0; i < iterations; i++) {
            locks.acquire(tag, LockMode.ACCESS_EXCLUSIVE, false);
            words.set(W_COUNTER, words.get(W_COUNTER) + 1);   // deliberately not atomic
            locks.releaseAll();
        }
    }

    /**
     * Weak (RowExclusiveLock, the fast path) or strong (AccessExclusiveLock) holds
     * of one relation, each transaction also touching two other relations: a
     * strong holder must never overlap a weak one, whichever path the weak one took.
     */
    private static void fastPathMix(LockManager locks, SharedWords words, int iterations, boolean strong) {
        awaitWord(words, W_GO);
        LockTag tag = LockTag.relation(1, 4343);
        for (int i = 0; i < iterations; i++) {
            locks.acquire(LockTag.relation(1, 5000 + i % 3), LockMode.ACCESS_SHARE, false);
            if (strong) {
                locks.acquire(tag, LockMode.ACCESS_EXCLUSIVE, false);
                words.setVolatile(W_STRONG_INSIDE, 1);
                for (int spin = 0; spin < 200; spin++) {
                    if (words.getVolatile(W_WEAK_INSIDE) != 0) {
                        words.incrementAndGet(W_VIOLATIONS);
                    }
                    Thread.onSpinWait();
                }
                words.set(W_COUNTER, words.get(W_COUNTER) + 1);   // deliberately not atomic
                words.setVolatile(W_STRONG_INSIDE, 0);
            } else {
                locks.acquire(tag, LockMode.ROW_EXCLUSIVE, false);
                words.incrementAndGet(W_WEAK_INSIDE);
                for (int spin = 0; spin < 500; spin++) {
                    if (words.getVolatile(W_STRONG_INSIDE) != 0) {
                        words.incrementAndGet(W_VIOLATIONS);
                    }
                    Thread.onSpinWait();
                }
                words.getAndAdd(W_WEAK_INSIDE, -1);
            }
            locks.acquire(LockTag.relation(1, 6000), LockMode.ROW_SHARE, false);
            locks.releaseAll();
        }
    }

    private static void report(SharedWords words, int slot, PgException e) {
        System.out.println("ERROR " + e.sqlState() + " " + e.getMessage());
        System.out.println("DETAIL<<" + e.detail() + ">>");
        System.out.println("HINT<<" + e.hint() + ">>");
        words.setVolatile(W_RESULT + slot, "40P01".equals(e.sqlState()) ? RESULT_DEADLOCK : RESULT_OTHER_ERROR);
    }

    private static void awaitWord(SharedWords words, int index) {
        while (words.getVolatile(index) == 0) {
            LockSupport.parkNanos(500_000);
        }
    }
}
