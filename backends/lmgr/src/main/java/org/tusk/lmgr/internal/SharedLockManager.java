package org.tusk.lmgr.internal;

import static org.tusk.lmgr.internal.LockTableLayout.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;
import org.tusk.api.error.SqlState;
import org.tusk.lmgr.InterruptCheck;
import org.tusk.lmgr.LockManager;
import org.tusk.lmgr.LockMode;
import org.tusk.lmgr.LockSettings;
import org.tusk.lmgr.LockStatus;
import org.tusk.lmgr.LockTag;
import org.tusk.shmem.LWLock;
import org.tusk.shmem.LWLockMode;
import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.WaitEvent;
import org.tusk.shmem.ShmemSegment;

/**
 * lock.c (LockAcquire, LockRelease, LockReleaseAll, GetLockStatusData) and
 * proc.c (JoinWaitQueue, ProcSleep, ProcLockWakeup, CheckDeadLock) for one
 * process.
 *
 * <p>Waiting: the requester queues itself under the partition lock, drops it,
 * and sleeps on its latch. A releaser that makes it grantable grants the lock
 * on its behalf (the waiter owns it when it wakes: no thundering herd and no
 * barging), sets its wait status to GRANTED and then its latch. A waiter that
 * gives up (timeout, deadlock, interrupt) retakes the partition lock and
 * re-checks the status first, since the grant may have raced with it.
 */
public final class SharedLockManager implements LockManager {

    private static final Logger LOG = LoggerFactory.getLogger(SharedLockManager.class);
    /**
     * A waiter re-reads its wait status at least this often, even with no latch set. A grant
     * always sets the waiter's latch, so this should never matter; but a wake-up lost anywhere
     * (one hang in CI, session 9, not yet explained) would otherwise leave the waiter asleep for
     * ever holding its own locks. It is logged when it happens.
     */
    private static final long GRANT_RECHECK_MILLIS = 1_000;

    /** Wait status values of a proc (PostgreSQL's PROC_WAIT_STATUS_*); 0 = not waiting. */
    static final int WAIT_NONE = 0;
    static final int WAIT_WAITING = 1;
    static final int WAIT_GRANTED = 2;

    /** LockMode.values() once: it clones its array at every call, and releaseAll runs at every transaction end. */
    private static final LockMode[] MODES = LockMode.values();

    private final ShmemSegment segment;
    private final ProcSlot self;
    private final int me;
    private final LockTable table;
    private final FastPathLocks fastPath;
    private final DeadlockDetector detector;
    private final Map<LockTag, LocalLock> localLocks = new HashMap<>();
    private volatile LockSettings settings;
    private volatile InterruptCheck interruptCheck = InterruptCheck.NONE;

    public SharedLockManager(ShmemSegment segment, ProcSlot self, LockSettings settings) {
        this.segment = Objects.requireNonNull(segment, "segment");
        this.self = Objects.requireNonNull(self, "self");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (segment.slot(self.index()) != self) {
            throw new IllegalArgumentException("slot " + self.index() + " does not belong to segment " + segment);
        }
        this.me = self.index();
        this.table = new LockTable(segment.area(AREA_NAME), segment.maxBackends());
        this.fastPath = new FastPathLocks(segment.area(AREA_NAME), table.layout());
        this.detector = new DeadlockDetector(table, segment.maxBackends());
    }

    @Override
    public int procNumber() {
        return me;
    }

    @Override
    public LockSettings settings() {
        return settings;
    }

    @Override
    public void setSettings(LockSettings newSettings) {
        settings = Objects.requireNonNull(newSettings, "settings");
    }

    @Override
    public void setInterruptCheck(InterruptCheck check) {
        interruptCheck = check == null ? InterruptCheck.NONE : check;
    }

    // --- acquire -------------------------------------------------------------------------

    @Override
    public boolean acquire(LockTag tag, LockMode mode, boolean dontWait) {
        return acquire(tag, mode, false, dontWait);
    }

    @Override
    public boolean acquireSession(LockTag tag, LockMode mode, boolean dontWait) {
        return acquire(tag, mode, true, dontWait);
    }

    private boolean acquire(LockTag tag, LockMode mode, boolean session, boolean dontWait) {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(mode, "mode");
        LocalLock local = localLocks.get(tag);
        if (local != null && local.holds(mode)) {
            local.increment(mode, session);   // re-entrant: shared memory already says we hold it
            return true;
        }
        if (local == null) {
            local = new LocalLock();
            localLocks.put(tag, local);
        }
        if (FastPathLocks.eligible(tag, mode) && fastPathAcquire(tag, mode)) {
            local.setFastPath(mode, true);
            local.increment(mode, session);
            return true;
        }
        boolean strong = FastPathLocks.strong(tag, mode);
        boolean granted = false;
        boolean held = false;
        try {
            if (strong) {
                // BeginStrongLockAcquire, then move everybody's weak fast-path locks on the relation
                // into the shared table, where the conflict check below sees them.
                fastPath.addStrong(FastPathLocks.strongPartition(tag), 1);
                transferFastPathLocks(tag);
            }
            granted = acquireShared(tag, mode, dontWait);
        } catch (GrantedButInterrupted e) {
            held = true;
            local.increment(mode, session);   // the grant raced with the error; transaction abort releases it
            if (e.error instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) e.error;
        } finally {
            if (granted) {
                local.increment(mode, session);
            } else if (local.isEmpty()) {
                localLocks.remove(tag);
            }
            if (strong && !granted && !held) {
                fastPath.addStrong(FastPathLocks.strongPartition(tag), -1);   // AbortStrongLockAcquire
            }
        }
        return granted;
    }

    /**
     * The fast path for a weak relation lock: a slot of our own, unless some
     * process holds or is acquiring a strong lock in the relation's partition.
     */
    private boolean fastPathAcquire(LockTag tag, LockMode mode) {
        LWLock mine = fastPath.lockOf(me);
        lwAcquire(mine, LWLockMode.EXCLUSIVE);
        try {
            if (fastPath.strongCount(FastPathLocks.strongPartition(tag)) != 0) {
                return false;
            }
            return fastPath.grant(me, tag.field1(), tag.field2(), mode);
        } finally {
            lwRelease(mine);
        }
    }

    /**
     * FastPathTransferRelationLocks: moves every process's fast-path modes on
     * {@code tag} into the shared table as granted locks of that process. The
     * caller has already raised the strong count, so no new ones appear.
     */
    private void transferFastPathLocks(LockTag tag) {
        int bucket = table.bucketOf(tag);
        LWLock partitionLock = table.partitionLock(LockTable.partitionOfBucket(bucket));
        for (int proc = 0; proc < segment.maxBackends(); proc++) {
            LWLock procLock = fastPath.lockOf(proc);
            lwAcquire(procLock, LWLockMode.EXCLUSIVE);
            try {
                for (int slot = 0; slot < LockTableLayout.FP_SLOTS; slot++) {
                    int modes = fastPath.modes(proc, slot);
                    if (modes == 0 || fastPath.relation(proc, slot) != tag.field2()
                            || fastPath.database(proc, slot) != tag.field1()) {
                        continue;
                    }
                    lwAcquire(partitionLock, LWLockMode.EXCLUSIVE);
                    try {
                        for (LockMode mode : LockMode.values()) {
                            if ((modes & mode.bit()) != 0) {
                                grantTransferred(tag, bucket, proc, mode);
                                fastPath.ungrant(proc, tag.field1(), tag.field2(), mode);
                            }
                        }
                    } finally {
                        lwRelease(partitionLock);
                    }
                }
            } finally {
                lwRelease(procLock);
            }
        }
    }

    /** Records a transferred fast-path lock of {@code proc} as granted; caller holds the partition lock. */
    private void grantTransferred(LockTag tag, int bucket, int proc, LockMode mode) {
        int lock = table.findLock(tag, bucket);
        if (lock < 0) {
            lock = table.createLock(tag, bucket);
            if (lock < 0) {
                throw outOfSharedMemory();
            }
        }
        int procLock = table.findProcLock(lock, proc);
        if (procLock < 0) {
            procLock = table.createProcLock(lock, proc);
            if (procLock < 0) {
                if (table.lockInt(lock, L_N_REQUESTED) == 0 && table.firstProcLock(lock) < 0) {
                    table.removeLock(lock, bucket);
                }
                throw outOfSharedMemory();
            }
        }
        table.addRequest(lock, mode);
        table.grant(lock, procLock, mode);
    }

    /** LockAcquire's shared part: grant now, refuse (dontWait), or queue and sleep. */
    private boolean acquireShared(LockTag tag, LockMode mode, boolean dontWait) {
        int bucket = table.bucketOf(tag);
        LWLock partitionLock = table.partitionLock(LockTable.partitionOfBucket(bucket));
        int lock;
        int procLock;
        lwAcquire(partitionLock, LWLockMode.EXCLUSIVE);
        try {
            lock = table.findLock(tag, bucket);
            if (lock < 0) {
                lock = table.createLock(tag, bucket);
                if (lock < 0) {
                    throw outOfSharedMemory();
                }
            }
            procLock = table.findProcLock(lock, me);
            if (procLock < 0) {
                procLock = table.createProcLock(lock, me);
                if (procLock < 0) {
                    if (table.lockInt(lock, L_N_REQUESTED) == 0 && table.firstProcLock(lock) < 0) {
                        table.removeLock(lock, bucket);
                    }
                    throw outOfSharedMemory();
                }
            }
            table.addRequest(lock, mode);
            int myHold = table.holdMask(procLock);
            // FIFO: a newcomer also yields to earlier waiters, but a process that already holds
            // the object only checks granted modes (it would otherwise wait behind requests that
            // are themselves waiting for it).
            boolean mustWait = (myHold == 0 && (mode.conflictMask() & table.lockInt(lock, L_WAIT_MASK)) != 0)
                    || table.conflictsWithOthers(lock, mode, myHold);
            if (!mustWait) {
                table.grant(lock, procLock, mode);
                return true;
            }
            if (dontWait) {
                table.removeRequest(lock, mode);
                cleanUpLock(lock, procLock, bucket, false);
                return false;
            }
            joinWaitQueue(lock, procLock, mode, myHold);
        } finally {
            lwRelease(partitionLock);
        }
        return waitForGrant(lock, procLock, mode, tag, partitionLock);
    }

    /**
     * JoinWaitQueue: at the tail, except that a process already holding
     * modes on the object goes ahead of the first waiter that wants a mode
     * conflicting with them (that waiter waits for us anyway).
     */
    private void joinWaitQueue(int lock, int procLock, LockMode mode, int myHold) {
        int previous = -1;
        for (int w = table.firstWaiter(lock); w >= 0; w = table.nextWaiter(w)) {
            if (myHold != 0 && (table.waitMode(w).conflictMask() & myHold) != 0) {
                break;
            }
            previous = w;
        }
        table.insertWaiter(lock, previous, me);
        table.setLockInt(lock, L_WAIT_MASK, table.lockInt(lock, L_WAIT_MASK) | mode.bit());
        table.setProcInt(me, P_WAIT_LOCK, lock + 1);
        table.setProcInt(me, P_WAIT_PROCLOCK, procLock + 1);
        table.setProcInt(me, P_WAIT_MODE, mode.ordinal());
        table.setWaitStartMicros(me, nowMicros());
        table.setWaitStatus(me, WAIT_WAITING);
    }

    /** ProcSleep: sleeps on the latch until granted, timed out, deadlocked or interrupted. */
    private boolean waitForGrant(int lock, int procLock, LockMode mode, LockTag tag, LWLock partitionLock) {
        int previousWait = self.beginWait(WaitEvent.lock(tag.type().lockTypeName()));
        try {
            return sleepUntilGranted(tag, partitionLock);
        } finally {
            self.endWait(previousWait);
        }
    }

    private boolean sleepUntilGranted(LockTag tag, LWLock partitionLock) {
        LockSettings current = settings;
        long start = System.nanoTime();
        long deadlockCheckAt = start + TimeUnit.MILLISECONDS.toNanos(current.deadlockTimeoutMillis());
        long timeoutAt = current.lockTimeoutMillis() > 0
                ? start + TimeUnit.MILLISECONDS.toNanos(current.lockTimeoutMillis()) : Long.MAX_VALUE;
        boolean deadlockChecked = false;
        boolean sleptWithoutWakeUp = false;
        for (;;) {
            if (table.waitStatus(me) == WAIT_GRANTED) {
                if (sleptWithoutWakeUp) {
                    LOG.warn("lock {} granted without a latch wake-up (found on re-check)", tag);
                }
                table.setWaitStatus(me, WAIT_NONE);
                return true;
            }
            try {
                interruptCheck.check();
            } catch (RuntimeException | Error e) {
                if (abandonWait(partitionLock, tag)) {
                    throw new GrantedButInterrupted(e);
                }
                throw e;
            }
            long now = System.nanoTime();
            if (now - timeoutAt >= 0) {
                if (abandonWait(partitionLock, tag)) {
                    return true;
                }
                throw PgException.error(SqlState.LOCK_NOT_AVAILABLE, "canceling statement due to lock timeout");
            }
            if (!deadlockChecked && now - deadlockCheckAt >= 0) {
                deadlockChecked = true;
                checkDeadlock();
                continue;
            }
            long wakeAt = deadlockChecked ? timeoutAt : Math.min(deadlockCheckAt, timeoutAt);
            long interruptAt = interruptCheck.deadlineNanos();     // statement_timeout: wake up to throw it
            if (interruptAt != Long.MAX_VALUE && (wakeAt == Long.MAX_VALUE || interruptAt - wakeAt < 0)) {
                wakeAt = interruptAt;
            }
            long sleepMillis = wakeAt == Long.MAX_VALUE ? GRANT_RECHECK_MILLIS
                    : Math.min(GRANT_RECHECK_MILLIS, Math.max(1, TimeUnit.NANOSECONDS.toMillis(wakeAt - now + 999_999)));
            try {
                sleptWithoutWakeUp = !self.waitLatch(sleepMillis) && System.nanoTime() - wakeAt < 0;
            } catch (IOException e) {
                abandonWait(partitionLock, tag);
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Leaves the wait queue (RemoveFromWaitQueue) unless a releaser granted
     * the lock first; returns whether it did (then we hold it).
     */
    private boolean abandonWait(LWLock partitionLock, LockTag tag) {
        lwAcquire(partitionLock, LWLockMode.EXCLUSIVE);
        try {
            if (table.waitStatus(me) == WAIT_GRANTED) {
                table.setWaitStatus(me, WAIT_NONE);
                return true;
            }
            removeFromWaitQueue(me, table.bucketOf(tag));
            return false;
        } finally {
            lwRelease(partitionLock);
        }
    }

    /** Takes a waiting proc off its queue and withdraws its request; caller holds the partition lock. */
    private void removeFromWaitQueue(int proc, int bucket) {
        int lock = table.waitLock(proc);
        int procLock = table.waitProcLock(proc);
        LockMode mode = table.waitMode(proc);
        table.unlinkWaiter(lock, proc);
        table.removeRequest(lock, mode);
        clearWait(proc);
        table.setWaitStatus(proc, WAIT_NONE);
        // Our request may have been holding back later waiters (FIFO): let them go.
        cleanUpLock(lock, procLock, bucket, true);
    }

    private void clearWait(int proc) {
        table.setProcInt(proc, P_WAIT_LOCK, 0);
        table.setProcInt(proc, P_WAIT_PROCLOCK, 0);
        table.setProcInt(proc, P_WAIT_NEXT, 0);
    }

    /**
     * CleanUpLock: frees the PROCLOCK if it holds nothing and the LOCK if
     * nobody asks for it any more, else wakes whoever can now be granted.
     */
    private void cleanUpLock(int lock, int procLock, int bucket, boolean wakeupNeeded) {
        if (table.holdMask(procLock) == 0 && table.waitProcLock(table.holder(procLock)) != procLock) {
            table.removeProcLock(lock, procLock);
        }
        if (table.lockInt(lock, L_N_REQUESTED) == 0) {
            if (table.firstProcLock(lock) >= 0 || table.firstWaiter(lock) >= 0) {
                throw new IllegalStateException("lock table corrupted: unrequested LOCK " + lock + " still in use");
            }
            table.removeLock(lock, bucket);
        } else if (wakeupNeeded) {
            wakeWaiters(lock);
        }
    }

    /**
     * ProcLockWakeup: in queue order, grants every waiter whose mode conflicts
     * neither with modes granted to others nor with the requests of waiters
     * still ahead of it, then sets its latch.
     */
    private void wakeWaiters(int lock) {
        int aheadRequests = 0;
        int w = table.firstWaiter(lock);
        while (w >= 0) {
            int next = table.nextWaiter(w);
            LockMode mode = table.waitMode(w);
            int procLock = table.waitProcLock(w);
            if ((mode.conflictMask() & aheadRequests) == 0
                    && !table.conflictsWithOthers(lock, mode, table.holdMask(procLock))) {
                table.unlinkWaiter(lock, w);
                table.grant(lock, procLock, mode);
                clearWait(w);
                table.setWaitStatus(w, WAIT_GRANTED);
                segment.slot(w).setLatch();
            } else {
                aheadRequests |= mode.bit();
            }
            w = next;
        }
    }

    // --- deadlock detection --------------------------------------------------------------

    /**
     * CheckDeadLock: with every partition locked (so the waits-for graph holds
     * still), look for a cycle through us; if there is one, leave the queue and
     * fail with 40P01. Called once per wait, after deadlock_timeout.
     */
    private void checkDeadlock() {
        PgException deadlock = null;
        lockAllPartitions(LWLockMode.EXCLUSIVE);
        try {
            if (table.waitStatus(me) != WAIT_WAITING) {
                return;   // granted meanwhile; the wait loop sees it
            }
            List<DeadlockDetector.Edge> cycle = detector.findCycle(me);
            if (cycle == null) {
                LOG.debug("process {} still waiting after deadlock_timeout; no deadlock", self.pid());
                return;
            }
            deadlock = deadlockError(cycle);
            removeFromWaitQueue(me, table.bucketOf(table.tagOf(table.waitLock(me))));
        } finally {
            unlockAllPartitions();
        }
        LOG.info("deadlock detected: {}", deadlock.detail().replace('\n', ' '));
        throw deadlock;
    }

    private PgException deadlockError(List<DeadlockDetector.Edge> cycle) {
        StringBuilder detail = new StringBuilder();
        for (DeadlockDetector.Edge edge : cycle) {
            if (detail.length() > 0) {
                detail.append('\n');
            }
            detail.append("Process ").append(segment.slot(edge.waiter()).pid()).append(" waits for ")
                    .append(edge.mode().displayName()).append(" on ").append(table.tagOf(edge.lock()).describe())
                    .append("; blocked by process ").append(segment.slot(edge.blocker()).pid()).append('.');
        }
        return new PgException(Severity.ERROR, SqlState.DEADLOCK_DETECTED, "deadlock detected", detail.toString(),
                "See server log for query details.", 0, null);
    }

    private void lockAllPartitions(LWLockMode mode) {
        for (int p = 0; p < LockTable.NUM_PARTITIONS; p++) {
            lwAcquire(table.partitionLock(p), mode);
        }
    }

    private void unlockAllPartitions() {
        for (int p = LockTable.NUM_PARTITIONS - 1; p >= 0; p--) {
            lwRelease(table.partitionLock(p));
        }
    }

    // --- release -------------------------------------------------------------------------

    @Override
    public boolean release(LockTag tag, LockMode mode) {
        return release(tag, mode, false);
    }

    @Override
    public boolean releaseSession(LockTag tag, LockMode mode) {
        return release(tag, mode, true);
    }

    private boolean release(LockTag tag, LockMode mode, boolean session) {
        LocalLock local = localLocks.get(tag);
        if (local == null || !local.decrement(mode, session)) {
            LOG.warn("you don't own a lock of type {}", mode.displayName());
            return false;
        }
        if (!local.holds(mode)) {
            releaseShared(tag, mode, local);
        }
        if (local.isEmpty()) {
            localLocks.remove(tag);
        }
        return true;
    }

    @Override
    public void releaseAll() {
        releaseEvery(false);
    }

    @Override
    public void releaseAllSession() {
        releaseEvery(true);
    }

    /**
     * LockReleaseAll for one kind of hold; a mode still held by the other kind stays in shared memory.
     * Our fast-path slots are cleared under one acquisition of our fast-path lock for all of them (a
     * read-only transaction holds only such locks); modes a strong locker moved to the shared table, and
     * modes that never were fast-path, are released there afterwards.
     */
    private void releaseEvery(boolean session) {
        List<LockTag> tableTags = null;
        List<LockMode> tableModes = null;
        LWLock mine = null;
        try {
            for (Iterator<Map.Entry<LockTag, LocalLock>> it = localLocks.entrySet().iterator(); it.hasNext();) {
                Map.Entry<LockTag, LocalLock> entry = it.next();
                LockTag tag = entry.getKey();
                LocalLock local = entry.getValue();
                for (LockMode mode : MODES) {
                    if (!local.clear(mode, session) || local.holds(mode)) {
                        continue;
                    }
                    if (local.isFastPath(mode)) {
                        local.setFastPath(mode, false);
                        if (mine == null) {
                            LWLock own = fastPath.lockOf(me);
                            lwAcquire(own, LWLockMode.EXCLUSIVE);
                            mine = own;   // only once held, so the finally never releases a lock we lack
                        }
                        if (fastPath.ungrant(me, tag.field1(), tag.field2(), mode)) {
                            continue;
                        }
                        // a strong locker moved it to the shared table
                    }
                    if (tableTags == null) {
                        tableTags = new ArrayList<>();
                        tableModes = new ArrayList<>();
                    }
                    tableTags.add(tag);
                    tableModes.add(mode);
                }
                if (local.isEmpty()) {
                    it.remove();
                }
            }
        } finally {
            if (mine != null) {
                lwRelease(mine);
            }
        }
        if (tableTags != null) {
            for (int i = 0; i < tableTags.size(); i++) {
                releaseFromTable(tableTags.get(i), tableModes.get(i));
            }
        }
    }

    /**
     * LockRelease's shared part: from our fast-path slots if it is still there,
     * else from the shared table.
     */
    private void releaseShared(LockTag tag, LockMode mode, LocalLock local) {
        if (local.isFastPath(mode)) {
            local.setFastPath(mode, false);
            LWLock mine = fastPath.lockOf(me);
            boolean released;
            lwAcquire(mine, LWLockMode.EXCLUSIVE);
            try {
                released = fastPath.ungrant(me, tag.field1(), tag.field2(), mode);
            } finally {
                lwRelease(mine);
            }
            if (released) {
                return;
            }
            // a strong locker moved it to the shared table
        }
        releaseFromTable(tag, mode);
    }

    /** Ungrants {@code mode} in the shared table, cleans up, wakes waiters that can now go. */
    private void releaseFromTable(LockTag tag, LockMode mode) {
        int bucket = table.bucketOf(tag);
        LWLock partitionLock = table.partitionLock(LockTable.partitionOfBucket(bucket));
        lwAcquire(partitionLock, LWLockMode.EXCLUSIVE);
        try {
            int lock = table.findLock(tag, bucket);
            int procLock = lock < 0 ? -1 : table.findProcLock(lock, me);
            if (procLock < 0 || (table.holdMask(procLock) & mode.bit()) == 0) {
                throw new IllegalStateException("lock table corrupted: " + mode + " on " + tag.describe()
                        + " held locally but not in shared memory");
            }
            boolean wakeupNeeded = table.ungrant(lock, procLock, mode);
            cleanUpLock(lock, procLock, bucket, wakeupNeeded);
        } finally {
            lwRelease(partitionLock);
        }
        if (FastPathLocks.strong(tag, mode)) {
            // only now that the strong lock is gone may weak lockers use their slots again
            fastPath.addStrong(FastPathLocks.strongPartition(tag), -1);
        }
    }

    @Override
    public boolean holds(LockTag tag, LockMode mode) {
        LocalLock local = localLocks.get(tag);
        return local != null && local.holds(mode);
    }

    // --- pg_locks ------------------------------------------------------------------------

    @Override
    public List<LockStatus> status() {
        List<LockStatus> rows = new ArrayList<>();
        // Fast-path locks first, one process at a time (GetLockStatusData); one moved to the shared
        // table meanwhile may show twice or be missed, as in PostgreSQL.
        for (int proc = 0; proc < segment.maxBackends(); proc++) {
            LWLock procLock = fastPath.lockOf(proc);
            lwAcquire(procLock, LWLockMode.SHARED);
            try {
                for (int slot = 0; slot < LockTableLayout.FP_SLOTS; slot++) {
                    int modes = fastPath.modes(proc, slot);
                    if (modes == 0) {
                        continue;
                    }
                    LockTag tag = LockTag.relation(fastPath.database(proc, slot), fastPath.relation(proc, slot));
                    int pid = segment.slot(proc).pid();
                    for (LockMode mode : LockMode.values()) {
                        if ((modes & mode.bit()) != 0) {
                            rows.add(new LockStatus(tag, mode, proc, pid, true, null, true));
                        }
                    }
                }
            } finally {
                lwRelease(procLock);
            }
        }
        lockAllPartitions(LWLockMode.SHARED);
        try {
            for (int bucket = 0; bucket < table.bucketCount(); bucket++) {
                for (int lock = table.firstInBucket(bucket); lock >= 0; lock = table.nextInBucket(lock)) {
                    LockTag tag = table.tagOf(lock);
                    for (int pl = table.firstProcLock(lock); pl >= 0; pl = table.nextProcLock(pl)) {
                        int proc = table.holder(pl);
                        int pid = segment.slot(proc).pid();
                        int hold = table.holdMask(pl);
                        for (LockMode mode : LockMode.values()) {
                            if ((hold & mode.bit()) != 0) {
                                rows.add(new LockStatus(tag, mode, proc, pid, true, null));
                            }
                        }
                        if (table.waitProcLock(proc) == pl && table.waitStatus(proc) == WAIT_WAITING) {
                            Instant since = Instant.EPOCH.plus(table.waitStartMicros(proc), ChronoUnit.MICROS);
                            rows.add(new LockStatus(tag, table.waitMode(proc), proc, pid, false, since));
                        }
                    }
                }
            }
        } finally {
            unlockAllPartitions();
        }
        return rows;
    }

    // --- helpers -------------------------------------------------------------------------

    private static PgException outOfSharedMemory() {
        return new PgException(Severity.ERROR, SqlState.OUT_OF_MEMORY, "out of shared memory", null,
                "You might need to increase max_locks_per_transaction.", 0, null);
    }

    private void lwAcquire(LWLock lock, LWLockMode mode) {
        try {
            lock.acquire(mode, self);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void lwRelease(LWLock lock) {
        try {
            lock.release(self);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** An error thrown by the interrupt check after the awaited lock was granted anyway. */
    private static final class GrantedButInterrupted extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final Throwable error;

        GrantedButInterrupted(Throwable cause) {
            super(null, null, false, false);
            this.error = cause;
        }
    }
}
