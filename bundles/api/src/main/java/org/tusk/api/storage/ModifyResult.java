package org.tusk.api.storage;

/**
 * The outcome of an update, delete or row lock (PostgreSQL's TM_Result with
 * TM_FailureData): the executor decides what a conflict means for the
 * isolation level (READ COMMITTED follows {@code newer} and rechecks,
 * REPEATABLE READ raises 40001).
 *
 * @param newTupleId the new version for a successful update; for UPDATED, the next version (ctid)
 * @param xmax       the transaction that updated/deleted/locked the tuple, for conflicts
 * @param heapOnly   (1.5) a successful update made a heap-only tuple (HOT): the new version is reached
 *                   through the old one's index entries, so the caller must not insert any for it
 */
public record ModifyResult(Status status, TupleId newTupleId, int xmax, boolean heapOnly) {

    /** A result whose new version (if any) has index entries of its own to get. */
    public ModifyResult(Status status, TupleId newTupleId, int xmax) {
        this(status, newTupleId, xmax, false);
    }

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

    /** (1.5) A successful HOT update: the new version at {@code newTupleId} needs no index entries. */
    public static ModifyResult okHeapOnly(TupleId newTupleId) {
        return new ModifyResult(Status.OK, newTupleId, 0, true);
    }
}
