package org.tusk.lmgr;

/**
 * Called by a process sleeping for a lock each time it wakes up (PostgreSQL's
 * CHECK_FOR_INTERRUPTS inside ProcSleep): throwing, e.g. a PgException 57014
 * for a cancel request or statement_timeout, abandons the wait. The lock
 * manager then leaves the wait queue clean and rethrows.
 */
@FunctionalInterface
public interface InterruptCheck {

    InterruptCheck NONE = () -> { };

    void check();

    /**
     * The {@link System#nanoTime()} at which {@link #check()} will throw
     * even if nobody sets the latch (statement_timeout's deadline), so a
     * sleeping waiter wakes by then; {@link Long#MAX_VALUE} for none.
     */
    default long deadlineNanos() {
        return Long.MAX_VALUE;
    }
}
