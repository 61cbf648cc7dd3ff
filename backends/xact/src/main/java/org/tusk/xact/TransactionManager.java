package org.tusk.xact;

/**
 * One process's transaction state (PostgreSQL's xact.c): the current
 * top-level transaction, its subtransaction stack, command ids and
 * snapshots. Not thread-safe: used by the backend's one session thread.
 * Obtained from {@link TransactionSystem#newTransactionManager}.
 */
public interface TransactionManager {

    /** StartTransaction with READ COMMITTED. */
    void begin();

    /** StartTransaction. IllegalStateException if one is in progress. */
    void begin(IsolationLevel level);

    boolean inTransaction();

    IsolationLevel isolationLevel();

    /**
     * GetCurrentTransactionId: the xid of the current (sub)transaction,
     * assigned on first call (a transaction that only reads never gets one),
     * parents first. PgException 54000 near wraparound.
     */
    int currentXid();

    /** The current (sub)transaction's xid, or 0 if it has none yet. */
    int currentXidIfAny();

    /** The top-level transaction's xid, or 0 if it has none yet. */
    int topXidIfAny();

    /** The command id changes are stamped with (cmin/cmax). */
    int currentCommandId();

    /** CommandCounterIncrement: later commands see the earlier ones' changes. */
    void commandCounterIncrement();

    /** TransactionIdIsCurrentTransactionId: the top-level xid, or a subxid not rolled back. */
    boolean isCurrentTransactionId(int xid);

    /**
     * The snapshot for the next statement, carrying the current command id:
     * a fresh one under READ COMMITTED, the transaction's first one under
     * REPEATABLE READ.
     */
    Snapshot statementSnapshot();

    /**
     * GetCatalogSnapshot: a fresh snapshot whatever the isolation level,
     * carrying the current command id, for reading system catalogs (so a
     * REPEATABLE READ transaction describes relations as they are now, as
     * the invalidation messages it processes say). Does not end the
     * statement snapshot's hold on the backend's xmin.
     */
    Snapshot catalogSnapshot();

    /** Subtransaction nesting depth: 0 at top level. */
    int nestingLevel();

    /** SAVEPOINT: starts a subtransaction. */
    void beginSubtransaction();

    /** RELEASE SAVEPOINT: the innermost subtransaction's work becomes its parent's. */
    void releaseSubtransaction();

    /** ROLLBACK TO SAVEPOINT (the rollback half): aborts the innermost subtransaction. */
    void rollbackSubtransaction();

    /**
     * CommitTransaction, releasing open subtransactions first. With an xid:
     * commit record, flushed (synchronous_commit = on), then the commit log,
     * then the ProcArray entry. A read-only transaction writes nothing.
     */
    void commit();

    /** AbortTransaction with every open subtransaction: abort record (not flushed), commit log, ProcArray. */
    void abort();

    boolean didCommit(int xid);

    /**
     * The status of another transaction now, as heap visibility asks it:
     * TransactionIdIsInProgress first (the commit log is set before the
     * ProcArray entry is cleared), then the commit log. Crashed = ABORTED.
     */
    org.tusk.api.storage.TransactionStatus status(int xid);

    boolean didAbort(int xid);

    void addListener(TransactionListener listener);

    void removeListener(TransactionListener listener);
}
