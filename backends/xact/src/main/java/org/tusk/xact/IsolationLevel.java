package org.tusk.xact;

/**
 * Snapshot lifetime of a transaction. READ UNCOMMITTED behaves as READ
 * COMMITTED in PostgreSQL; SERIALIZABLE (SSI) is not implemented, callers may
 * map it to REPEATABLE READ.
 */
public enum IsolationLevel {
    /** A new snapshot for every statement. */
    READ_COMMITTED,
    /** The transaction's first snapshot for all its statements. */
    REPEATABLE_READ
}
