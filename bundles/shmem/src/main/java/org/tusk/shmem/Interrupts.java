package org.tusk.shmem;

/**
 * Bits of a slot's interrupt word (PostgreSQL's InterruptPending flags, which
 * signal handlers set there; here other processes OR them into shared memory
 * and then set the target's latch).
 */
public final class Interrupts {

    /** Cancel the running statement (SIGINT, pg_cancel_backend, CancelRequest). */
    public static final int CANCEL = 1;
    /** End the session (SIGTERM, pg_terminate_backend). */
    public static final int TERMINATE = 2;
    /** Another backend crashed: quit at once (SIGQUIT from the postmaster). */
    public static final int CRASH_QUIT = 4;
    /** The server is shutting down. */
    public static final int SHUTDOWN = 8;
    /** Notifications for a channel this backend listens on were committed (PostgreSQL's PROCSIG_NOTIFY_INTERRUPT). */
    public static final int NOTIFY = 16;

    private Interrupts() {
    }
}
