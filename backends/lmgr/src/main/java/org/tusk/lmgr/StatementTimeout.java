package org.tusk.lmgr;

import java.util.concurrent.TimeUnit;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;

/**
 * statement_timeout for waits inside the storage core: an
 * {@link InterruptCheck} that throws 57014 "canceling statement due to
 * statement timeout" once the statement's deadline has passed, after asking
 * the session's own check (cancel requests, termination). Its
 * {@link #deadlineNanos()} makes a lock waiter wake up in time without a
 * timer thread; CPU-bound engine code calls {@link #check()} between rows
 * like CHECK_FOR_INTERRUPTS. The engine installs one per statement with
 * {@link LockManager#setInterruptCheck} and puts its session check back
 * after the statement.
 */
public final class StatementTimeout implements InterruptCheck {

    private final InterruptCheck session;
    private final long deadline;

    private StatementTimeout(InterruptCheck session, long deadline) {
        this.session = session == null ? InterruptCheck.NONE : session;
        this.deadline = deadline;
    }

    /**
     * A check for a statement starting now; {@code timeoutMillis} &lt;= 0 means
     * no timeout (PostgreSQL's 0), leaving only {@code session}.
     */
    public static InterruptCheck start(long timeoutMillis, InterruptCheck session) {
        if (timeoutMillis <= 0) {
            return session == null ? InterruptCheck.NONE : session;
        }
        return new StatementTimeout(session, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
    }

    @Override
    public void check() {
        session.check();
        if (System.nanoTime() - deadline >= 0) {
            throw PgException.error(SqlState.QUERY_CANCELED, "canceling statement due to statement timeout");
        }
    }

    @Override
    public long deadlineNanos() {
        long inner = session.deadlineNanos();
        return inner == Long.MAX_VALUE || inner - deadline > 0 ? deadline : inner;
    }
}
