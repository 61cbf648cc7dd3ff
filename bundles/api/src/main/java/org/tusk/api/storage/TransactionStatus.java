package org.tusk.api.storage;

/** What the commit log and the running-transactions array say about an xid now. */
public enum TransactionStatus {
    /** Still running (in the ProcArray). */
    IN_PROGRESS,
    COMMITTED,
    /** Aborted, or crashed before committing. */
    ABORTED
}
