package org.tusk.api.backend;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;
import org.tusk.api.error.PgException;

/**
 * The backend process a session runs in. Implemented by the backend bundle on
 * top of shared memory; handed to protocol handlers and, through them, to the
 * engine.
 */
@ProviderType
public interface BackendContext {

    /** This backend's OS process id (what pg_backend_pid() returns and BackendKeyData carries). */
    int pid();

    /** The secret key of the current session, for BackendKeyData. */
    int cancelKey();

    /** The data directory of the cluster. */
    Path dataDirectory();

    /** Server settings from tusk.conf and the postmaster's -c options (name to value, names lower case). */
    Map<String, String> serverSettings();

    /**
     * PostgreSQL's CHECK_FOR_INTERRUPTS: throws if this backend was asked to
     * cancel the statement (ERROR 57014), to terminate (FATAL 57P01) or to quit
     * because another backend crashed (FATAL 57P02). Clears a pending cancel.
     */
    void checkForInterrupts() throws PgException;

    /**
     * Sleeps up to {@code millis}, waking early and throwing as
     * {@link #checkForInterrupts()} does when an interrupt arrives. Used by pg_sleep.
     */
    void sleep(long millis) throws PgException;

    /** Publishes this session's identity in pg_stat_activity. */
    void reportSessionStart(String user, String database, String applicationName);

    /** Publishes that this session runs over TLS (pg_stat_ssl); called after {@link #reportSessionStart}. */
    default void reportSslStatus(BackendSslStatus ssl) {
    }

    /** Publishes a state change ("active", "idle", "idle in transaction", ...) and the current or last query. */
    void reportActivity(String state, String query);

    /** Publishes a changed application_name. */
    void reportApplicationName(String applicationName);

    /** Every live session of the cluster, from shared memory. */
    List<BackendActivity> activitySnapshot();

    /**
     * Handles a CancelRequest packet: when pid and key match a live session,
     * asks it to cancel its running statement. A wrong key is only logged.
     */
    void cancelRequest(int pid, int key);

    /**
     * pg_cancel_backend / pg_terminate_backend: signals another backend.
     * Returns false when pid is not a Tusk backend process.
     */
    boolean signalBackend(int pid, BackendSignal signal);

    /**
     * Registers what to run when another backend signals that notifications
     * for this one were committed (null: nothing). It runs on a thread of the
     * backend process other than the session thread, while the session may be
     * running a statement or waiting for the client; the handler synchronizes
     * with the session itself.
     */
    default void onNotifyInterrupt(Runnable handler) {
    }

    /**
     * (1.5) False for a session the backend runs for itself (the warm-up client), whose work must
     * not count in the cumulative statistics (pg_stat_database), as it does not show in
     * pg_stat_activity.
     */
    default boolean countsInStatistics() {
        return true;
    }
}
