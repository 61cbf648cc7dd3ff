package org.tusk.api.storage;

/**
 * The outcome of an update, delete or row lock (PostgreSQL's TM_Result with
 * TM_FailureData): the executor decides what a conflict means for the
 * isolation level (READ COMMITTED follows {@code newer} and rechecks,
 * REPEATABLE READ raises 40001).
 *
 * @param newTupleId the new version for a successful update; for UPDATED, the next version (ctid)
 * @param xmax       the transaction that updated/deleted/locked the tuple, for conflicts
 */
public record ModifyResult(Status status, TupleId newTupleId, int xmax) {

    public enum Status {
        /** Done. */
        OK,
        /** The tuple version is not visible to the snapshot (TM_Invisible). */
        INVISIBLE,
        /** Already changed by a later command of this transaction (TM_SelfModified). */
        SELF_MODIFIED,
        /** A concurrent committed transaction updated it (TM_Updated). */
        UPDATED,
        /** A concurrent committed transaction deleted it (TM_Deleted). */
        DELETED,
        /** Locked or being changed and the caller asked not to wait (TM_WouldBlock). */
        WOULD_BLOCK
    }

    public static ModifyResult ok(TupleId newTupleId) {
        return new ModifyResult(Status.OK, newTupleId, 0);
    }
}
