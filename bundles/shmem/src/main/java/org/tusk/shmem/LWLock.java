package org.tusk.shmem;

import static org.tusk.shmem.ProcSlot.LW_WS_NOT_WAITING;
import static org.tusk.shmem.ProcSlot.LW_WS_PENDING_WAKEUP;
import static org.tusk.shmem.ProcSlot.LW_WS_WAITING;

import java.io.IOException;

import org.tusk.shmem.internal.SegmentLayout;
import org.tusk.shmem.internal.SharedMemory;
import org.tusk.shmem.internal.SpinBackoff;

/**
 * A lightweight lock (PostgreSQL's LWLock, storage/lmgr/lwlock.c): many shared
 * holders or one exclusive holder, with a FIFO queue of sleeping waiters.
 *
 * <p>One 32-bit state word holds everything that must change atomically:
 * <pre>
 *  bits 0-23  number of shared holders
 *  bit  24    held exclusively
 *  bit  28    wait list locked (a tiny spinlock guarding the queue links)
 *  bit  29    wake-up pending: waiters were woken and have not run yet, so
 *             releasers need not wake more (PostgreSQL's !RELEASE_OK; inverted so
 *             that an all-zero segment is a valid unlocked lock)
 *  bit  30    has waiters
 * </pre>
 * The queue is a singly linked list through the waiters' slots (head and tail
 * next to the state word, link in each slot, slot index + 1 so 0 means none).
 *
 * <p>Acquire: try to grab the lock with a CAS; if that fails, queue yourself,
 * then try once more (the holder may have released between the first try and
 * the queueing, and its release saw no waiter: this second try is what
 * prevents the lost wake-up); if it still fails, sleep on your latch socket
 * until a releaser has taken you off the queue and marked you NOT_WAITING,
 * then start over. (The sleep uses a second socket of the slot, not the
 * latch, like PostgreSQL's PGPROC semaphore.) A woken waiter competes again with newcomers, as in
 * PostgreSQL; a release wakes either the first exclusive waiter or the
 * leading shared waiters together with all other shared ones.
 */
public final class LWLock {

    static final int VAL_SHARED = 1;
    static final int VAL_EXCLUSIVE = 1 << 24;
    static final int LOCK_MASK = (1 << 25) - 1;
    static final int FLAG_LIST_LOCKED = 1 << 28;
    static final int FLAG_WAKE_PENDING = 1 << 29;
    static final int FLAG_HAS_WAITERS = 1 << 30;

    private static final int MODE_SHARED = 0;
    private static final int MODE_EXCLUSIVE = 1;
    /** LW_WAIT_UNTIL_FREE: woken by every release that frees the lock, then does not retry. */
    private static final int MODE_WAIT_UNTIL_FREE = 2;
    /** Attempts before queueing: a holder of an LWLock usually lets go within microseconds. */
    private static final int SPIN_ATTEMPTS = 32;

    private final ShmemSegment segment;
    private final SharedMemory memory;
    private final int id;
    private final int state;
    private final int head;
    private final int tail;
    /**
     * The wait event a process sleeping on this lock reports (its tranche's name in pg_stat_activity). Per
     * process, like PostgreSQL's tranche-name registry, and set once when the owning module attaches.
     */
    private int waitEvent = WaitEvent.LWLOCK_OTHER;

    LWLock(ShmemSegment segment, SharedMemory memory, int id) {
        this(segment, memory, id, SegmentLayout.lwlock(id));
    }

    /** A lock whose state lives at {@code base} (a 64-byte line of its own), e.g. in a {@link ShmemArea}. */
    LWLock(ShmemSegment segment, SharedMemory memory, int id, int base) {
        this.segment = segment;
        this.memory = memory;
        this.id = id;
        this.state = base + SegmentLayout.LW_STATE;
        this.head = base + SegmentLayout.LW_HEAD;
        this.tail = base + SegmentLayout.LW_TAIL;
    }

    public int id() {
        return id;
    }

    /** Names this lock's tranche: what a process waiting for it shows as wait_event. Returns this lock. */
    public LWLock tranche(int waitEvent) {
        this.waitEvent = waitEvent;
        return this;
    }

    /**
     * Acquires the lock, sleeping (no CPU) on {@code self}'s LWLock wait socket
     * while it is unavailable. {@code self} is the slot of the calling process;
     * it should have called {@link ProcSlot#ownLatch()} (else the wait degrades
     * to polling). The latch itself is left alone, so another thread of the
     * owner may sleep in waitLatch meanwhile.
     */
    public void acquire(LWLockMode mode, ProcSlot self) throws IOException {
        checkSlot(self);
        for (int attempt = 0;; attempt++) {
            if (!attemptLock(mode)) {
                break;
            }
            if (attempt < SPIN_ATTEMPTS) {
                Thread.onSpinWait();
                continue;
            }
            queueSelf(mode, self);
            if (!attemptLock(mode)) {
                dequeueSelf(self);
                break;
            }
            awaitWakeup(self);
            // We were woken, so the releaser set WAKE_PENDING: let later releases wake others again.
            memory.getAndBitwiseAndInt(state, ~FLAG_WAKE_PENDING);
        }
        remember(mode, self);
    }

    /**
     * LWLockAcquireOrWait: acquires the lock if it is free; otherwise sleeps until
     * it is free again and returns false <em>without</em> taking it. Every
     * sleeper of this kind wakes at the same release, so when the lock guards
     * work that one holder can do for all (a WAL flush), the waiters can see
     * that it was done without passing the lock from one to the next.
     */
    public boolean acquireOrWait(LWLockMode mode, ProcSlot self) throws IOException {
        checkSlot(self);
        if (attemptLock(mode)) {
            queueSelf(MODE_WAIT_UNTIL_FREE, self);
            if (attemptLock(mode)) {
                // Still held: sleep until a release frees it. The releaser does not count us as
                // a woken competitor (no WAKE_PENDING on our behalf), so there is nothing to undo.
                awaitWakeup(self);
                return false;
            }
            dequeueSelf(self);
        }
        remember(mode, self);
        return true;
    }

    private void awaitWakeup(ProcSlot self) {
        int previous = self.beginWait(waitEvent);
        try {
            self.awaitLWLockWakeup();
        } finally {
            self.endWait(previous);
        }
    }

    /** Acquires the lock if that needs no waiting; returns whether it did. */
    public boolean conditionalAcquire(LWLockMode mode, ProcSlot self) {
        checkSlot(self);
        if (attemptLock(mode)) {
            return false;
        }
        remember(mode, self);
        return true;
    }

    /** Releases a lock {@code self} holds; wakes waiters when it became free. */
    public void release(ProcSlot self) throws IOException {
        checkSlot(self);
        LWLockMode mode = forget(self);
        int delta = mode == LWLockMode.EXCLUSIVE ? VAL_EXCLUSIVE : VAL_SHARED;
        int newState = memory.getAndAddInt(state, -delta) - delta;
        if ((newState & (FLAG_HAS_WAITERS | FLAG_WAKE_PENDING)) == FLAG_HAS_WAITERS
                && (newState & LOCK_MASK) == 0) {
            wakeup();
        }
    }

    /** Releases every LWLock {@code self} holds, newest first (LWLockReleaseAll, for error cleanup). */
    public static void releaseAll(ProcSlot self) throws IOException {
        while (!self.heldLocks.isEmpty()) {
            self.heldLocks.newest().release(self);
        }
    }

    /** Whether {@code self} holds this lock (in any mode). */
    public boolean isHeldBy(ProcSlot self) {
        return self.heldLocks.contains(this);
    }

    // --- the state word ----------------------------------------------------------

    /** One try to take the lock; returns true if the caller must wait (PostgreSQL's convention). */
    private boolean attemptLock(LWLockMode mode) {
        int old = memory.getIntVolatile(state);
        for (;;) {
            int desired;
            if (mode == LWLockMode.EXCLUSIVE) {
                if ((old & LOCK_MASK) != 0) {
                    return true;
                }
                desired = old + VAL_EXCLUSIVE;
            } else {
                if ((old & VAL_EXCLUSIVE) != 0) {
                    return true;
                }
                desired = old + VAL_SHARED;
            }
            if (memory.compareAndSetInt(state, old, desired)) {
                return false;
            }
            old = memory.getIntVolatile(state);
        }
    }

    private void lockWaitList() {
        SpinBackoff backoff = null;
        for (;;) {
            int old = memory.getAndBitwiseOrInt(state, FLAG_LIST_LOCKED);
            if ((old & FLAG_LIST_LOCKED) == 0) {
                return;
            }
            if (backoff == null) {
                backoff = new SpinBackoff("wait list of LWLock " + id);
            }
            while ((memory.getIntVolatile(state) & FLAG_LIST_LOCKED) != 0) {
                backoff.pause();
            }
        }
    }

    private void unlockWaitList() {
        memory.getAndBitwiseAndInt(state, ~FLAG_LIST_LOCKED);
    }

    // --- the wait queue (all under the wait-list bit) ---------------------------------

    private void queueSelf(LWLockMode mode, ProcSlot self) {
        queueSelf(mode == LWLockMode.EXCLUSIVE ? MODE_EXCLUSIVE : MODE_SHARED, self);
    }

    private void queueSelf(int waitMode, ProcSlot self) {
        lockWaitList();
        if (self.lwWaitState() != LW_WS_NOT_WAITING) {
            unlockWaitList();
            throw new IllegalStateException("slot " + self.index() + " queued for LWLock " + id
                    + " while already waiting for a lock");
        }
        self.setLwWaitState(LW_WS_WAITING);
        self.setLwWaitMode(waitMode);
        self.setLwWaitNext(0);
        int link = self.index() + 1;
        int last = memory.getIntVolatile(tail);
        if (last == 0) {
            memory.putIntVolatile(head, link);
        } else {
            segment.slot(last - 1).setLwWaitNext(link);
        }
        memory.putIntVolatile(tail, link);
        memory.getAndBitwiseOrInt(state, FLAG_HAS_WAITERS);
        unlockWaitList();
    }

    /** We got the lock on the second try after queueing: leave the queue again. */
    private void dequeueSelf(ProcSlot self) {
        lockWaitList();
        boolean onQueue = self.lwWaitState() == LW_WS_WAITING;
        if (onQueue) {
            unlink(self.index() + 1);
        }
        if (memory.getIntVolatile(head) == 0) {
            memory.getAndBitwiseAndInt(state, ~FLAG_HAS_WAITERS);
        }
        unlockWaitList();
        if (onQueue) {
            self.setLwWaitState(LW_WS_NOT_WAITING);
        } else {
            // A releaser took us off the queue already and is about to mark us NOT_WAITING.
            // Wait for that, or its late write would hit a later wait of ours; and undo the
            // WAKE_PENDING it set on our behalf, since we will not be retrying (a wait-until-free
            // waiter was not counted, but clearing the flag only allows one more wake-up).
            memory.getAndBitwiseAndInt(state, ~FLAG_WAKE_PENDING);
            self.awaitLWLockWakeup();
        }
    }

    /** Removes {@code link} from the queue; the caller holds the wait-list bit. */
    private void unlink(int link) {
        int previous = 0;
        int current = memory.getIntVolatile(head);
        while (current != 0 && current != link) {
            previous = current;
            current = segment.slot(current - 1).lwWaitNext();
        }
        if (current == 0) {
            return;
        }
        int next = segment.slot(current - 1).lwWaitNext();
        if (previous == 0) {
            memory.putIntVolatile(head, next);
        } else {
            segment.slot(previous - 1).setLwWaitNext(next);
        }
        if (memory.getIntVolatile(tail) == current) {
            memory.putIntVolatile(tail, previous);
        }
        segment.slot(current - 1).setLwWaitNext(0);
    }

    /**
     * LWLockWakeup: takes the waiters that can now run off the queue, then wakes
     * them: every wait-until-free waiter, and either the first exclusive waiter or
     * the shared waiters. Only the latter compete for the lock, so only they set
     * WAKE_PENDING.
     */
    private void wakeup() {
        int[] woken = new int[8];
        int count = 0;
        int competitors = 0;
        lockWaitList();
        int previous = 0;
        int current = memory.getIntVolatile(head);
        while (current != 0) {
            ProcSlot waiter = segment.slot(current - 1);
            int next = waiter.lwWaitNext();
            int waitMode = waiter.lwWaitMode();
            boolean exclusive = waitMode == MODE_EXCLUSIVE;
            if (competitors > 0 && exclusive) {
                previous = current;   // shared waiters are being woken: leave exclusive ones queued
                current = next;
                continue;
            }
            unlink(current);
            waiter.setLwWaitState(LW_WS_PENDING_WAKEUP);
            if (count == woken.length) {
                woken = java.util.Arrays.copyOf(woken, count * 2);
            }
            woken[count++] = current - 1;
            if (waitMode != MODE_WAIT_UNTIL_FREE) {
                competitors++;
            }
            if (exclusive) {
                break;
            }
            current = next;   // previous stays: current was unlinked after it
        }
        // Update the flags and drop the wait-list bit in one atomic step.
        boolean empty = memory.getIntVolatile(head) == 0;
        int old = memory.getIntVolatile(state);
        for (;;) {
            int desired = old & ~FLAG_LIST_LOCKED;
            desired = competitors > 0 ? desired | FLAG_WAKE_PENDING : desired & ~FLAG_WAKE_PENDING;
            if (empty) {
                desired &= ~FLAG_HAS_WAITERS;
            }
            if (memory.compareAndSetInt(state, old, desired)) {
                break;
            }
            old = memory.getIntVolatile(state);
        }
        for (int i = 0; i < count; i++) {
            ProcSlot waiter = segment.slot(woken[i]);
            waiter.setLwWaitState(LW_WS_NOT_WAITING);
            waiter.wakeLWLockWaiter();
        }
    }

    // --- per-process bookkeeping ----------------------------------------------------

    private void remember(LWLockMode mode, ProcSlot self) {
        self.heldLocks.add(this, mode);
    }

    private LWLockMode forget(ProcSlot self) {
        LWLockMode mode = self.heldLocks.remove(this);
        if (mode == null) {
            throw new IllegalStateException("lock " + id + " is not held");
        }
        return mode;
    }

    private void checkSlot(ProcSlot self) {
        if (self == null || self.segment() != segment) {
            throw new IllegalArgumentException("LWLock " + id + " needs a slot of its own segment");
        }
    }

    // --- diagnostics ------------------------------------------------------------------

    /** Number of processes queued on this lock (walks the queue under the wait-list bit). */
    int waiterCount() {
        lockWaitList();
        try {
            int n = 0;
            for (int link = memory.getIntVolatile(head); link != 0; link = segment.slot(link - 1).lwWaitNext()) {
                n++;
            }
            return n;
        } finally {
            unlockWaitList();
        }
    }

    int stateWord() {
        return memory.getIntVolatile(state);
    }

    @Override
    public String toString() {
        int s = stateWord();
        return "LWLock[" + id + ", shared " + (s & (VAL_EXCLUSIVE - 1)) + ", exclusive "
                + ((s & VAL_EXCLUSIVE) != 0) + ", waiters " + ((s & FLAG_HAS_WAITERS) != 0) + "]";
    }
}
