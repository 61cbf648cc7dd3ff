package org.tusk.shmem;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/**
 * The program the multi-process tests run in child JVMs: it attaches to the
 * segment the test created and plays one role. Results travel back through
 * shared words and the exit status (0 = success).
 */
public final class ShmemChild {

    // Shared words the tests and children agree on.
    static final int W_GO = 0;
    static final int W_READY = 1;
    static final int W_COUNTER = 2;
    static final int W_SHARED_INSIDE = 3;
    static final int W_EXCLUSIVE_INSIDE = 4;
    static final int W_VIOLATIONS = 5;
    static final int W_MAX_SHARED = 6;
    static final int W_PHASE = 7;
    static final int W_RESULT = 8;
    static final int W_STOP = 9;
    /** Per-writer iteration counts of the activity writers: W_WRITES + slot index. */
    static final int W_WRITES = 16;

    static final int RESULT_SHARED_GRANTED = 1;
    static final int RESULT_EXCLUSIVE_REFUSED = 2;
    static final int RESULT_EXCLUSIVE_ACQUIRED = 4;

    private ShmemChild() {
    }

    public static void main(String[] args) throws Exception {
        String role = args[0];
        try (ShmemSegment segment = ShmemSegment.attach(Path.of(args[1]))) {
            ProcSlot self = segment.slot(Integer.parseInt(args[2]));
            self.setPid((int) ProcessHandle.current().pid());
            self.ownLatch();
            SharedWords words = segment.sharedWords();
            switch (role) {
                case "spin" -> spinIncrements(segment, words, Integer.parseInt(args[3]));
                case "exclusive" -> exclusiveIncrements(segment, self, words, Integer.parseInt(args[3]));
                case "mixed" -> mixed(segment, self, words, Integer.parseInt(args[3]));
                case "lwwait" -> lwlockWait(segment, self, words);
                case "latchwait" -> System.exit(latchWait(segment, self, words));
                case "activity" -> activityWriter(self, words, args[3]);
                default -> throw new IllegalArgumentException("unknown role " + role);
            }
        }
        System.exit(0);
    }

    /** Announces readiness, then waits for the test's go so that all children contend at once. */
    private static void startTogether(SharedWords words) {
        words.getAndAdd(W_READY, 1);
        while (words.getVolatile(W_GO) == 0) {
            LockSupport.parkNanos(200_000);
        }
    }

    private static void spinIncrements(ShmemSegment segment, SharedWords words, int iterations) {
        Spinlock lock = segment.spinlock(3);
        startTogether(words);
        for (int i = 0; i < iterations; i++) {
            lock.lock();
            try {
                words.set(W_COUNTER, words.get(W_COUNTER) + 1);   // deliberately not atomic
            } finally {
                lock.unlock();
            }
        }
    }

    private static void exclusiveIncrements(ShmemSegment segment, ProcSlot self, SharedWords words, int iterations)
            throws Exception {
        LWLock lock = segment.lwlock(5);
        startTogether(words);
        for (int i = 0; i < iterations; i++) {
            lock.acquire(LWLockMode.EXCLUSIVE, self);
            long value = words.get(W_COUNTER);
            if (i % 64 == 0) {
                Thread.yield();   // widen the window a lost update would need
            }
            words.set(W_COUNTER, value + 1);
            lock.release(self);
        }
    }

    /** Every fourth operation exclusive: checks the holders seen inside the section. */
    private static void mixed(ShmemSegment segment, ProcSlot self, SharedWords words, int iterations)
            throws Exception {
        LWLock lock = segment.lwlock(6);
        startTogether(words);
        for (int i = 0; i < iterations; i++) {
            if (i % 4 == 0) {
                lock.acquire(LWLockMode.EXCLUSIVE, self);
                if (words.getAndAdd(W_EXCLUSIVE_INSIDE, 1) != 0 || words.getVolatile(W_SHARED_INSIDE) != 0) {
                    words.getAndAdd(W_VIOLATIONS, 1);
                }
                words.set(W_COUNTER, words.get(W_COUNTER) + 1);
                busy(50);
                words.getAndAdd(W_EXCLUSIVE_INSIDE, -1);
                lock.release(self);
            } else {
                lock.acquire(LWLockMode.SHARED, self);
                long inside = words.getAndAdd(W_SHARED_INSIDE, 1) + 1;
                if (words.getVolatile(W_EXCLUSIVE_INSIDE) != 0) {
                    words.getAndAdd(W_VIOLATIONS, 1);
                }
                long max = words.getVolatile(W_MAX_SHARED);
                while (inside > max && !words.compareAndSet(W_MAX_SHARED, max, inside)) {
                    max = words.getVolatile(W_MAX_SHARED);
                }
                busy(50);
                words.getAndAdd(W_SHARED_INSIDE, -1);
                lock.release(self);
            }
        }
    }

    private static void busy(int spins) {
        for (int i = 0; i < spins; i++) {
            Thread.onSpinWait();
        }
    }

    /** The test holds LWLock 7 SHARED: probe it, then block for EXCLUSIVE until the test releases. */
    private static void lwlockWait(ShmemSegment segment, ProcSlot self, SharedWords words) throws Exception {
        LWLock lock = segment.lwlock(7);
        long result = 0;
        if (lock.conditionalAcquire(LWLockMode.SHARED, self)) {
            result |= RESULT_SHARED_GRANTED;
            lock.release(self);
        }
        if (!lock.conditionalAcquire(LWLockMode.EXCLUSIVE, self)) {
            result |= RESULT_EXCLUSIVE_REFUSED;
        } else {
            lock.release(self);
        }
        words.setVolatile(W_RESULT, result);
        words.setVolatile(W_PHASE, 1);
        lock.acquire(LWLockMode.EXCLUSIVE, self);
        words.setVolatile(W_RESULT, result | RESULT_EXCLUSIVE_ACQUIRED);
        lock.release(self);
    }

    /**
     * Sleeps on its latch until a CANCEL interrupt arrives, records what it
     * consumed, then raises TERMINATE on slot 0 (the test's). Exit 0 on success.
     */
    private static int latchWait(ShmemSegment segment, ProcSlot self, SharedWords words) throws Exception {
        words.setVolatile(W_PHASE, 1);
        for (;;) {
            if (!self.waitLatch(30_000)) {
                return 3;
            }
            int cancel = self.consumeInterrupts(Interrupts.CANCEL);
            if (cancel != 0) {
                words.setVolatile(W_RESULT, cancel);
                segment.slot(0).raiseInterrupt(Interrupts.TERMINATE);
                return 0;
            }
        }
    }

    /** Alternates two self-consistent rows until the test says stop. */
    private static void activityWriter(ProcSlot self, SharedWords words, String name) {
        String other = name + "-other";
        String queryA = ("select '" + name + "' ").repeat(60);
        String queryB = ("select '" + other + "' ").repeat(40);
        int writes = W_WRITES + self.index();
        startTogether(words);
        while (words.getVolatile(W_STOP) == 0) {
            write(self, name, queryA, "active", 1000 + self.index());
            write(self, other, queryB, "idle in transaction", 2000 + self.index());
            words.getAndAdd(writes, 1);
        }
    }

    private static void write(ProcSlot self, String name, String query, String state, int port) {
        self.publishSession("user_" + name, "db_" + name, "app_" + name, "10.0.0." + (port % 250), port,
                Instant.ofEpochSecond(port));
        self.publishActivity(state, query);
    }
}
