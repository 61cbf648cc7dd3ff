package org.tusk.api.engine;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;
import org.tusk.api.error.PgException;

/**
 * One client session inside the engine. Not thread-safe: the backend's session
 * thread is the only caller (cancel arrives through
 * {@link org.tusk.api.backend.BackendContext#checkForInterrupts()}).
 *
 * <p>Transactions: statements run in an implicit transaction unless a BEGIN opened
 * a block. The protocol layer calls {@link #sync()} at the end of each simple
 * Query message and at each extended-protocol Sync; an error thrown by any method
 * aborts the current transaction (a block goes to the failed state, 'E').
 */
@ProviderType
public interface EngineSession extends AutoCloseable {

    /**
     * Splits and parses a query string into raw statements (PostgreSQL's
     * pg_parse_query). A syntax error anywhere fails the whole string. An empty
     * string (or only comments and semicolons) yields an empty list.
     */
    List<RawStatement> parse(String sql) throws PgException;

    /**
     * Analyzes a raw statement (parse analysis, planning), PostgreSQL's
     * pg_analyze_and_rewrite + pg_plan_queries. Parameter types given as 0, or
     * beyond the array, are inferred from context; unresolvable ones are text
     * or raise 42P18.
     */
    PreparedStatement prepare(RawStatement statement, int[] parameterTypeOids) throws PgException;

    /** The current transaction status for ReadyForQuery: 'I' idle, 'T' in a block, 'E' failed block. */
    char transactionStatus();

    /** Ends the implicit transaction, if any: commit when it succeeded, rollback when it failed. */
    void sync() throws PgException;

    /** The current value of a setting, as SHOW prints it, or null if unknown. */
    String setting(String name);

    /** The GUC_REPORT settings with their values, in the order PostgreSQL 15 reports them at startup. */
    Map<String, String> reportedSettings();

    /**
     * ProcessIncomingNotify: hands every notification committed for a channel
     * this session listens on, since the last call, to
     * {@link SessionHost#notification}. The protocol layer calls it before
     * ReadyForQuery when no transaction is open, and while the session is idle
     * (from another thread then, but never concurrently with any other call).
     */
    default void processNotifications() {
    }

    /**
     * Discards all session state (DISCARD ALL): ends any transaction, drops
     * prepared statements, portals, temporary objects and session settings.
     */
    void close();
}
