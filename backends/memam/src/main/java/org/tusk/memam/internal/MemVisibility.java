package org.tusk.memam.internal;

import org.tusk.api.storage.Snapshot;
import org.tusk.api.storage.TransactionContext;
import org.tusk.api.storage.TransactionStatus;
import org.tusk.api.storage.TransactionStatusLookup;

/**
 * Tuple visibility with the heap's rules (heapam_visibility.c) for the memory
 * tuple header. Without hint bits, the commit log is asked every time an xmin
 * is not frozen or an xmax is set. No multixacts: xmax is one transaction.
 */
public final class MemVisibility {

    /** TM_Result as HeapTupleSatisfiesUpdate returns it. */
    public enum UpdateResult {
        OK, INVISIBLE, SELF_MODIFIED, UPDATED, DELETED, BEING_MODIFIED
    }

    /** HTSV_Result. */
    public enum VacuumResult {
        LIVE, DEAD, RECENTLY_DEAD, INSERT_IN_PROGRESS, DELETE_IN_PROGRESS
    }

    private MemVisibility() {
    }

    /**
     * HeapTupleSatisfiesMVCC: visible when inserted by a transaction that had
     * committed when the snapshot was taken (or by an earlier command of our
     * own), and not deleted by such a transaction.
     */
    public static boolean satisfiesMvcc(MemTuple t, Snapshot snapshot, TransactionContext txn) {
        if (!t.xminFrozen()) {
            int xmin = t.xmin();
            if (txn.isCurrentTransactionId(xmin)) {
                if (t.cmin() >= snapshot.commandId()) {
                    return false;                       // inserted after the scan started
                }
                if (t.xmaxInvalid() || t.xmaxIsLockedOnly()) {
                    return true;
                }
                if (!txn.isCurrentTransactionId(t.xmax())) {
                    return true;                        // deleting subtransaction aborted
                }
                return t.cmax() >= snapshot.commandId(); // deleted after the scan started?
            }
            if (snapshot.isInProgress(xmin) || txn.status(xmin) != TransactionStatus.COMMITTED) {
                return false;
            }
        }
        if (t.xmaxInvalid() || t.xmaxIsLockedOnly()) {
            return true;
        }
        int xmax = t.xmax();
        if (txn.isCurrentTransactionId(xmax)) {
            return t.cmax() >= snapshot.commandId();
        }
        if (snapshot.isInProgress(xmax)) {
            return true;
        }
        return txn.status(xmax) != TransactionStatus.COMMITTED;
    }

    /**
     * HeapTupleSatisfiesUpdate: may command {@code curcid} of {@code txn}
     * update, delete or lock this version (found at block/offset) now?
     */
    public static UpdateResult satisfiesUpdate(MemTuple t, int block, int offset, int curcid,
            TransactionContext txn) {
        if (!t.xminFrozen()) {
            int xmin = t.xmin();
            if (txn.isCurrentTransactionId(xmin)) {
                if (t.cmin() >= curcid) {
                    return UpdateResult.INVISIBLE;
                }
                if (t.xmaxInvalid()) {
                    return UpdateResult.OK;
                }
                if (t.xmaxIsLockedOnly()) {
                    return txn.isCurrentTransactionId(t.xmax())
                            || txn.status(t.xmax()) != TransactionStatus.IN_PROGRESS
                                    ? UpdateResult.OK : UpdateResult.BEING_MODIFIED;
                }
                if (!txn.isCurrentTransactionId(t.xmax())) {
                    return UpdateResult.OK;             // deleting subtransaction aborted
                }
                return t.cmax() >= curcid ? UpdateResult.SELF_MODIFIED : UpdateResult.INVISIBLE;
            }
            if (txn.status(xmin) != TransactionStatus.COMMITTED) {
                return UpdateResult.INVISIBLE;
            }
        }
        if (t.xmaxInvalid()) {
            return UpdateResult.OK;
        }
        int xmax = t.xmax();
        if (t.xmaxIsLockedOnly()) {
            if (txn.isCurrentTransactionId(xmax)) {
                return UpdateResult.OK;
            }
            return txn.status(xmax) == TransactionStatus.IN_PROGRESS ? UpdateResult.BEING_MODIFIED
                    : UpdateResult.OK;
        }
        if (txn.isCurrentTransactionId(xmax)) {
            return t.cmax() >= curcid ? UpdateResult.SELF_MODIFIED : UpdateResult.INVISIBLE;
        }
        TransactionStatus status = txn.status(xmax);
        if (status == TransactionStatus.IN_PROGRESS) {
            return UpdateResult.BEING_MODIFIED;
        }
        if (status == TransactionStatus.ABORTED) {
            return UpdateResult.OK;
        }
        return t.ctidIs(block, offset) ? UpdateResult.DELETED : UpdateResult.UPDATED;
    }

    /**
     * HeapTupleSatisfiesVacuum: can anybody still see this version? Every xid
     * before {@code oldestXmin} has ended; {@code clog} tells how.
     */
    public static VacuumResult satisfiesVacuum(MemTuple t, int oldestXmin, TransactionStatusLookup clog) {
        if (!t.xminFrozen()) {
            TransactionStatus status = clog.status(t.xmin());
            if (status == TransactionStatus.IN_PROGRESS) {
                if (t.xmaxInvalid() || t.xmaxIsLockedOnly()) {
                    return VacuumResult.INSERT_IN_PROGRESS;
                }
                return t.xmax() == t.xmin() ? VacuumResult.DELETE_IN_PROGRESS : VacuumResult.INSERT_IN_PROGRESS;
            }
            if (status != TransactionStatus.COMMITTED) {
                return VacuumResult.DEAD;
            }
        }
        if (t.xmaxInvalid() || t.xmaxIsLockedOnly()) {
            return VacuumResult.LIVE;
        }
        TransactionStatus status = clog.status(t.xmax());
        if (status == TransactionStatus.IN_PROGRESS) {
            return VacuumResult.DELETE_IN_PROGRESS;
        }
        if (status != TransactionStatus.COMMITTED) {
            return VacuumResult.LIVE;
        }
        return Xids.precedes(t.xmax(), oldestXmin) ? VacuumResult.DEAD : VacuumResult.RECENTLY_DEAD;
    }
}
