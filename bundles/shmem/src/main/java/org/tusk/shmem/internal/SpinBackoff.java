package org.tusk.shmem.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * PostgreSQL's s_lock delay loop: spin with a pause hint first (the holder is
 * probably running on another core and about to let go), then yield, then
 * sleep with growing delays so that a holder preempted on a busy machine gets
 * the CPU back. After about a minute of waiting the lock is declared stuck, as
 * PostgreSQL does ("stuck spinlock detected"), rather than hanging for ever.
 */
public final class SpinBackoff {

    private static final int SPINS = 200;
    private static final int YIELDS = 20;
    private static final long MIN_SLEEP_NANOS = TimeUnit.MICROSECONDS.toNanos(10);
    private static final long MAX_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long STUCK_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final String what;
    private int attempts;
    private long sleepNanos = MIN_SLEEP_NANOS;
    private long sleptNanos;

    public SpinBackoff(String what) {
        this.what = what;
    }

    /** Waits a little before the caller's next attempt. */
    public void pause() {
        attempts++;
        if (attempts <= SPINS) {
            Thread.onSpinWait();
        } else if (attempts <= SPINS + YIELDS) {
            Thread.yield();
        } else {
            if (sleptNanos > STUCK_NANOS) {
                throw new IllegalStateException("stuck spinlock detected: " + what);
            }
            LockSupport.parkNanos(sleepNanos);
            sleptNanos += sleepNanos;
            sleepNanos = Math.min(MAX_SLEEP_NANOS, sleepNanos * 2);
        }
    }
}
