package org.tusk.backend;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;

/**
 * This process's pending interrupts (PostgreSQL's QueryCancelPending,
 * ProcDiePending): set by the watcher threads, acted on by the session thread
 * at CHECK_FOR_INTERRUPTS. Sleepers wait on this object so an interrupt wakes
 * them at once.
 */
final class InterruptState {

    private boolean cancelPending;
    private PgException diePending;

    synchronized void requestCancel() {
        cancelPending = true;
        notifyAll();
    }

    synchronized void requestDie(PgException fatal) {
        if (diePending == null) {
            diePending = fatal;
        }
        notifyAll();
    }

    synchronized boolean dying() {
        return diePending != null;
    }

    /** Throws the pending interrupt, if any; a cancel is consumed, a die stays. */
    synchronized void check() {
        if (diePending != null) {
            throw diePending;
        }
        if (cancelPending) {
            cancelPending = false;
            throw PgException.error(SqlState.QUERY_CANCELED, "canceling statement due to user request");
        }
    }

    /** Sleeps up to millis, returning early (by throwing) when an interrupt arrives. */
    synchronized void sleep(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (true) {
            check();
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                wait(Math.max(1, left / 1_000_000L), 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw PgException.error(SqlState.QUERY_CANCELED, "canceling statement due to user request");
            }
        }
    }

    /** A new session starts with nothing pending (a cancel aimed at the previous session is dropped). */
    synchronized void reset() {
        cancelPending = false;
        diePending = null;
    }
}
