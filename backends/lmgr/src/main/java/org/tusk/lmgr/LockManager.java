package org.tusk.lmgr;

import java.util.List;

import org.tusk.lmgr.internal.LockTableLayout;
import org.tusk.lmgr.internal.SharedLockManager;
import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.ShmemRequest;
import org.tusk.shmem.ShmemSegment;

/**
 * One process's handle on the shared heavyweight lock table (PostgreSQL's
 * lock.c and proc.c as one backend sees them). Made once per process with
 * {@link #attach}; used by one thread at a time, like a backend's MyProc.
 *
 * <p>Transaction locks ({@link #acquire}) last until {@link #releaseAll} at
 * transaction end; session locks ({@link #acquireSession}, for advisory locks)
 * survive it. Holding a mode twice counts twice and needs two releases.
 *
 * <p>A process that dies while holding locks leaves them in shared memory;
 * nothing here cleans them up, because the postmaster treats any backend
 * crash as a crash of the whole cluster and zeroes shared memory
 * ({@code ShmemSegment.reinitialize}), which is a valid empty lock table.
 */
public interface LockManager {

    /** Name of the shared memory area. */
    String AREA_NAME = "lmgr";

    /** Number of lock table partitions, each guarded by its own LWLock (NUM_LOCK_PARTITIONS). */
    int NUM_PARTITIONS = 16;

    /**
     * What the postmaster must reserve: room for
     * {@code maxLocksPerTransaction × maxBackends} locked objects (twice as
     * many holder entries) and the partition LWLocks.
     */
    static List<ShmemRequest> shmemRequests(int maxBackends, int maxLocksPerTransaction) {
        if (maxBackends < 1 || maxLocksPerTransaction < 1) {
            throw new IllegalArgumentException("maxBackends and max_locks_per_transaction must be positive");
        }
        long capacity = (long) maxBackends * maxLocksPerTransaction;
        // the partition locks, then one fast-path lock per process (PGPROC's fpInfoLock)
        return List.of(new ShmemRequest(AREA_NAME, LockTableLayout.areaBytes(maxBackends, capacity),
                NUM_PARTITIONS + maxBackends));
    }

    /**
     * The lock manager of the process that owns {@code self} (its latch must be
     * owned by this process: waits sleep on it).
     */
    static LockManager attach(ShmemSegment segment, ProcSlot self, LockSettings settings) {
        return new SharedLockManager(segment, self, settings);
    }

    /**
     * Acquires {@code mode} on {@code tag} for the current transaction. Returns
     * true when granted; with {@code dontWait}, false instead of waiting.
     * Throws PgException 40P01 (deadlock, this process chosen as victim),
     * 55P03 (lock_timeout), 53200 (lock table full), or whatever the
     * {@link InterruptCheck} throws.
     */
    boolean acquire(LockTag tag, LockMode mode, boolean dontWait);

    /** Like {@link #acquire}, but the hold survives {@link #releaseAll} (session-level advisory locks). */
    boolean acquireSession(LockTag tag, LockMode mode, boolean dontWait);

    /** Releases one transaction-level hold; false (with a warning logged) if there is none. */
    boolean release(LockTag tag, LockMode mode);

    /** Releases one session-level hold; false (with a warning logged) if there is none. */
    boolean releaseSession(LockTag tag, LockMode mode);

    /** Releases every transaction-level hold (commit or abort). */
    void releaseAll();

    /** Releases every session-level hold (pg_advisory_unlock_all, backend exit). */
    void releaseAllSession();

    /** Whether this process holds {@code mode} on {@code tag} (LockHeldByMe). */
    boolean holds(LockTag tag, LockMode mode);

    /** XactLockTableInsert: ExclusiveLock on the transaction's own tag, until transaction end. */
    default void lockTransactionId(int xid) {
        acquire(LockTag.transaction(xid), LockMode.EXCLUSIVE, false);
    }

    /**
     * XactLockTableWait: waits until transaction {@code xid} has ended, by
     * taking and dropping ShareLock on its tag. The caller re-checks the
     * transaction's state afterwards (a subtransaction's lock goes away at
     * subcommit, so its top-level transaction may still run).
     */
    default void waitForTransaction(int xid) {
        LockTag tag = LockTag.transaction(xid);
        acquire(tag, LockMode.SHARE, false);
        release(tag, LockMode.SHARE);
    }

    /** Every held and awaited lock of every process, for pg_locks. */
    List<LockStatus> status();

    LockSettings settings();

    /** Changes deadlock_timeout / lock_timeout for later waits (SET lock_timeout). */
    void setSettings(LockSettings settings);

    /** The callback run on each wake-up while waiting; {@link InterruptCheck#NONE} by default. */
    void setInterruptCheck(InterruptCheck check);

    /** This process's procNumber (the index of its ProcSlot). */
    int procNumber();
}
