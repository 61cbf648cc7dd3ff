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
}
