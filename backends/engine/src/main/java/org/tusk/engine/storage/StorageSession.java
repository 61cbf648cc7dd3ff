package org.tusk.engine.storage;

import org.tusk.api.storage.Snapshot;
import org.tusk.api.storage.TransactionContext;
import org.tusk.engine.relcache.RelationCache;

/**
 * What a session offers code that touches storage (executor nodes, DML,
 * utility commands): reach it from an {@code EvalContext} by casting its
 * session, {@code (StorageSession) ctx.session()}.
 */
public interface StorageSession {

    /** The storage transaction (null when the session runs without storage). */
    StorageTransaction storage();

    /** The transaction for access-method calls (starts the storage transaction). */
    TransactionContext transactionContext();

    /** The current statement's snapshot (READ COMMITTED: per statement; REPEATABLE READ: the first). */
    Snapshot snapshot();

    /** The backend's relation cache for this session's database. */
    RelationCache relcache();

    /** The session's DateStyle and friends, for analyzing stored expressions (index expressions). */
    default org.tusk.engine.types.TypeContext typeContext() {
        return org.tusk.engine.types.TypeContext.DEFAULT;
    }

    /**
     * The transaction's deferred constraint checks and SET CONSTRAINTS state, or null when the
     * session cannot defer (then every check is immediate).
     */
    default org.tusk.engine.executor.modify.DeferredConstraints deferredConstraints() {
        return null;
    }

    /** Whether the session has open cursors (COPY FREEZE refuses to run beside one: it could see the rows). */
    default boolean hasOpenCursors() {
        return false;
    }
}
