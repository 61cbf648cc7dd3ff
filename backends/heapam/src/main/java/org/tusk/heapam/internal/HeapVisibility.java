package org.tusk.heapam.internal;

import static org.tusk.heapam.internal.HeapTupleHeader.*;

import java.nio.ByteBuffer;
import java.util.function.IntFunction;

import org.tusk.api.storage.Snapshot;
import org.tusk.api.storage.TransactionContext;
import org.tusk.api.storage.TransactionStatus;
import org.tusk.buffer.Buffer;

/**
 * Tuple visibility (heapam_visibility.c). The commit log is asked (through
 * {@link TransactionContext#status}, which first looks through the ProcArray)
 * when a tuple's xmin or xmax carries no hint. MVCC checks set the
 * HEAP_XMIN_COMMITTED / HEAP_XMAX_COMMITTED hints once they learn of a commit
 * (SetHintBits), so later readers of the page skip both lookups; before
 * hints, every catalog scan asked the ProcArray about every tuple. The
 * vacuum, update and dirty checks set hints as heapam_visibility.c's do:
 * COMMITTED for a committed xmin or xmax, HEAP_XMIN_INVALID for an aborted
 * (or crashed) inserter, HEAP_XMAX_INVALID for an aborted deleter and for a
 * locker that has ended. Before they did, every opportunistic prune of a hot
 * pgbench_branches page asked the ProcArray and the commit log about every
 * tuple on it, and the next prune asked again. A tuple with HEAP_XMAX_INVALID
 * reads as never deleted or locked ({@link HotPrune#isHotUpdated} ends its
 * chain there, as HeapTupleHeaderIsHotUpdated does); a new xmax clears the hint
 * with the other xmax bits. HEAP_XMIN_FROZEN is both xmin hints together, so
 * HEAP_XMIN_INVALID is set only on a tuple with no xmin hint yet.
 *
 * <p>Hints are set only under the buffer's SHARED (or EXCLUSIVE) content lock,
 * as the callers hold it: writers change the infomask only under EXCLUSIVE, so
 * a hint never overwrites a real change (two hint setters may race; a lost
 * hint is only asked about again). Then the buffer is marked dirty through
 * {@link Buffer#markDirtyHint} (PostgreSQL's MarkBufferDirtyHint), which logs
 * a full-page image first if the hint is the page's first change since the
 * last checkpoint (pages are checksummed, so a torn write of the hinted page
 * must be repairable): the hints then survive eviction instead of being
 * looked up again after every read from disk. A commit is durable before the
 * commit log says COMMITTED (commit flushes WAL first; there is no
 * asynchronous commit), so a hint never gets ahead of the WAL and
 * SetHintBits's XLogNeedsFlush check has nothing to skip. VACUUM's freezing
 * writes HEAP_XMIN_FROZEN under WAL as before.
 *
 * <p>Multixacts do not exist here: xmax is always one transaction id.
 */
public final class HeapVisibility {

    /** TM_Result as HeapTupleSatisfiesUpdate returns it. */
    public enum UpdateResult {
        OK, INVISIBLE, SELF_MODIFIED, UPDATED, DELETED, BEING_MODIFIED
    }

    /** HTSV_Result. */
    public enum VacuumResult {
        LIVE, DEAD, RECENTLY_DEAD, INSERT_IN_PROGRESS, DELETE_IN_PROGRESS
    }

    private HeapVisibility() {
    }

    /** HeapTupleHeaderGetCmin. */
    public static int cmin(ByteBuffer t) {
        return cmin(t, 0);
    }

    /** HeapTupleHeaderGetCmax. */
    public static int cmax(ByteBuffer t) {
        return cmax(t, 0);
    }

    private static int cmin(ByteBuffer page, int at) {
        int raw = rawCid(page, at);
        return (infomask(page, at) & HEAP_COMBOCID) != 0 ? ComboCids.cmin(raw) : raw;
    }

    private static int cmax(ByteBuffer page, int at) {
        int raw = rawCid(page, at);
        return (infomask(page, at) & HEAP_COMBOCID) != 0 ? ComboCids.cmax(raw) : raw;
    }

    private static boolean xmaxInvalid(ByteBuffer t) {
        return xmaxInvalid(t, 0);
    }

    private static boolean xmaxInvalid(ByteBuffer page, int at) {
        return (infomask(page, at) & HEAP_XMAX_INVALID) != 0 || xmax(page, at) == Xids.INVALID;
    }

    /**
     * HeapTupleSatisfiesMVCC: visible when inserted by a transaction that had
     * committed when the snapshot was taken (or by an earlier command of our
     * own), and not deleted by such a transaction.
     */
    public static boolean satisfiesMvcc(ByteBuffer t, Snapshot snapshot, TransactionContext txn) {
        return satisfiesMvcc(t, 0, snapshot, txn, null);
    }

    /**
     * HeapTupleSatisfiesMVCC for a tuple on the page of {@code buffer}, whose
     * content lock the caller holds: a hint set here dirties the buffer.
     * {@code buffer} null: the tuple is not in shared buffers (a copy in a
     * test), where a hint is only set in place.
     */
    public static boolean satisfiesMvcc(ByteBuffer t, Snapshot snapshot, TransactionContext txn, Buffer buffer) {
        return satisfiesMvcc(t, 0, snapshot, txn, buffer);
    }

    /**
     * {@link #satisfiesMvcc(ByteBuffer, Snapshot, TransactionContext, Buffer)} for the tuple that
     * starts at byte {@code at} of {@code page}: a scan checks each line pointer's tuple in place.
     */
    public static boolean satisfiesMvcc(ByteBuffer page, int at, Snapshot snapshot, TransactionContext txn,
            Buffer buffer) {
        int mask = infomask(page, at);
        int xmin = xmin(page, at);
        if (!xminCommitted(mask)) {
            if (xminInvalid(mask)) {
                return false;
            }
            if (txn.isCurrentTransactionId(xmin)) {
                if (cmin(page, at) >= snapshot.commandId()) {
                    return false;                       // inserted after the scan started
                }
                if (xmaxInvalid(page, at) || xmaxIsLockedOnly(mask)) {
                    return true;
                }
                if (!txn.isCurrentTransactionId(xmax(page, at))) {
                    return true;                        // deleting subtransaction aborted
                }
                return cmax(page, at) >= snapshot.commandId(); // deleted after the scan started?
            }
            if (snapshot.isInProgress(xmin)) {
                return false;
            }
            if (txn.status(xmin) != TransactionStatus.COMMITTED) {
                return false;                           // aborted or crashed
            }
            setHint(page, at, mask, HEAP_XMIN_COMMITTED, buffer);
            mask |= HEAP_XMIN_COMMITTED;
        } else if (!xminFrozen(mask) && snapshot.isInProgress(xmin)) {
            return false;
        }
        // xmin committed and visible to the snapshot: now xmax
        if (xmaxInvalid(page, at) || xmaxIsLockedOnly(mask)) {
            return true;
        }
        int xmax = xmax(page, at);
        if ((mask & HEAP_XMAX_COMMITTED) == 0) {
            if (txn.isCurrentTransactionId(xmax)) {
                return cmax(page, at) >= snapshot.commandId();
            }
            if (snapshot.isInProgress(xmax)) {
                return true;
            }
            if (txn.status(xmax) != TransactionStatus.COMMITTED) {
                return true;
            }
            setHint(page, at, mask, HEAP_XMAX_COMMITTED, buffer);
            return false;
        }
        return snapshot.isInProgress(xmax);
    }

    /**
     * SetHintBits (see the class comment) on the tuple at byte {@code at} of {@code page}. The
     * caller holds the buffer's content lock and has read {@code mask} under it.
     */
    private static void setHint(ByteBuffer page, int at, int mask, int hint, Buffer buffer) {
        if ((mask & hint) == 0 && !page.isReadOnly()) {
            page.putShort(at + HeapTupleHeader.T_INFOMASK, (short) (mask | hint));
            if (buffer != null) {
                buffer.markDirtyHint();
            }
        }
    }

    /**
     * HeapTupleSatisfiesDirty as _bt_check_unique uses it: is the row there
     * for a unique check? Own changes count as done; a running inserter or
     * deleter of another transaction is IN_PROGRESS (the caller waits for it
     * and checks again); committed inserts not deleted by a committed
     * transaction are LIVE.
     */
    public static org.tusk.api.storage.TupleLiveness satisfiesDirty(ByteBuffer t, TransactionContext txn) {
        return satisfiesDirty(t, txn, null);
    }

    /**
     * {@link #satisfiesDirty(ByteBuffer, TransactionContext)} for a tuple on the page of
     * {@code buffer}, whose content lock the caller holds (hints set here dirty it; null: a copy).
     */
    public static org.tusk.api.storage.TupleLiveness satisfiesDirty(ByteBuffer t, TransactionContext txn,
            Buffer buffer) {
        int mask = infomask(t);
        int xmin = xmin(t);
        if (!xminCommitted(mask)) {
            if (xminInvalid(mask)) {
                return org.tusk.api.storage.TupleLiveness.DEAD;
            }
            if (txn.isCurrentTransactionId(xmin)) {
                if (xmaxInvalid(t) || xmaxIsLockedOnly(mask) || !txn.isCurrentTransactionId(xmax(t))) {
                    return org.tusk.api.storage.TupleLiveness.LIVE;
                }
                return org.tusk.api.storage.TupleLiveness.DEAD;   // deleted by ourselves
            }
            TransactionStatus status = txn.status(xmin);
            if (status == TransactionStatus.IN_PROGRESS) {
                return org.tusk.api.storage.TupleLiveness.inProgress(xmin);
            }
            if (status != TransactionStatus.COMMITTED) {
                setHint(t, 0, mask, HEAP_XMIN_INVALID, buffer);
                return org.tusk.api.storage.TupleLiveness.DEAD;
            }
            setHint(t, 0, mask, HEAP_XMIN_COMMITTED, buffer);
            mask |= HEAP_XMIN_COMMITTED;
        }
        if (xmaxInvalid(t) || xmaxIsLockedOnly(mask)) {
            return org.tusk.api.storage.TupleLiveness.LIVE;
        }
        int xmax = xmax(t);
        if ((mask & HEAP_XMAX_COMMITTED) != 0) {
            return org.tusk.api.storage.TupleLiveness.DEAD;
        }
        if (txn.isCurrentTransactionId(xmax)) {
            return org.tusk.api.storage.TupleLiveness.DEAD;
        }
        TransactionStatus status = txn.status(xmax);
        if (status == TransactionStatus.IN_PROGRESS) {
            return org.tusk.api.storage.TupleLiveness.inProgress(xmax);
        }
        if (status == TransactionStatus.COMMITTED) {
            setHint(t, 0, mask, HEAP_XMAX_COMMITTED, buffer);
            return org.tusk.api.storage.TupleLiveness.DEAD;
        }
        setHint(t, 0, mask, HEAP_XMAX_INVALID, buffer);
        return org.tusk.api.storage.TupleLiveness.LIVE;
    }

    /**
     * HeapTupleSatisfiesUpdate: may command {@code curcid} of {@code txn}
     * update, delete or lock this tuple (found at block/offset) now?
     */
    public static UpdateResult satisfiesUpdate(ByteBuffer t, int block, int offset, int curcid,
            TransactionContext txn) {
        return satisfiesUpdate(t, block, offset, curcid, txn, null);
    }

    /**
     * {@link #satisfiesUpdate(ByteBuffer, int, int, int, TransactionContext)} for a tuple on the
     * page of {@code buffer}, whose content lock the caller holds (hints set here dirty it; null:
     * a copy).
     */
    public static UpdateResult satisfiesUpdate(ByteBuffer t, int block, int offset, int curcid,
            TransactionContext txn, Buffer buffer) {
        int mask = infomask(t);
        int xmin = xmin(t);
        if (!xminCommitted(mask)) {
            if (xminInvalid(mask)) {
                return UpdateResult.INVISIBLE;
            }
            if (txn.isCurrentTransactionId(xmin)) {
                if (cmin(t) >= curcid) {
                    return UpdateResult.INVISIBLE;
                }
                if (xmaxInvalid(t)) {
                    return UpdateResult.OK;
                }
                if (xmaxIsLockedOnly(mask)) {
                    return txn.isCurrentTransactionId(xmax(t))
                            || txn.status(xmax(t)) != TransactionStatus.IN_PROGRESS
                                    ? UpdateResult.OK : UpdateResult.BEING_MODIFIED;
                }
                if (!txn.isCurrentTransactionId(xmax(t))) {
                    return UpdateResult.OK;             // deleting subtransaction aborted
                }
                return cmax(t) >= curcid ? UpdateResult.SELF_MODIFIED : UpdateResult.INVISIBLE;
            }
            TransactionStatus status = txn.status(xmin);
            if (status == TransactionStatus.IN_PROGRESS) {
                return UpdateResult.INVISIBLE;
            }
            if (status != TransactionStatus.COMMITTED) {
                setHint(t, 0, mask, HEAP_XMIN_INVALID, buffer);
                return UpdateResult.INVISIBLE;
            }
            setHint(t, 0, mask, HEAP_XMIN_COMMITTED, buffer);
            mask |= HEAP_XMIN_COMMITTED;
        }
        if (xmaxInvalid(t)) {
            return UpdateResult.OK;
        }
        int xmax = xmax(t);
        if (xmaxIsLockedOnly(mask)) {
            if (txn.isCurrentTransactionId(xmax)) {
                return UpdateResult.OK;
            }
            if ((mask & HEAP_XMAX_COMMITTED) == 0) {
                if (txn.status(xmax) == TransactionStatus.IN_PROGRESS) {
                    return UpdateResult.BEING_MODIFIED;
                }
                setHint(t, 0, mask, HEAP_XMAX_INVALID, buffer);    // the locker is gone
            }
            return UpdateResult.OK;
        }
        if ((mask & HEAP_XMAX_COMMITTED) == 0) {
            if (txn.isCurrentTransactionId(xmax)) {
                return cmax(t) >= curcid ? UpdateResult.SELF_MODIFIED : UpdateResult.INVISIBLE;
            }
            TransactionStatus status = txn.status(xmax);
            if (status == TransactionStatus.IN_PROGRESS) {
                return UpdateResult.BEING_MODIFIED;
            }
            if (status != TransactionStatus.COMMITTED) {
                setHint(t, 0, mask, HEAP_XMAX_INVALID, buffer);      // aborted or crashed
                return UpdateResult.OK;
            }
            setHint(t, 0, mask, HEAP_XMAX_COMMITTED, buffer);
        }
        return isOwnCtid(t, block, offset) ? UpdateResult.DELETED : UpdateResult.UPDATED;
    }

    /**
     * HeapTupleSatisfiesVacuum: can anybody still see this tuple? Every xid
     * before {@code oldestXmin} has ended; {@code clog} tells how (a crashed
     * transaction's xid that no longer runs reads as not committed). The tuple
     * is a copy: hints are set only in it.
     */
    public static VacuumResult satisfiesVacuum(ByteBuffer t, int oldestXmin, IntFunction<TransactionStatus> clog) {
        return satisfiesVacuum(t, 0, oldestXmin, clog, null);
    }

    /**
     * {@link #satisfiesVacuum(ByteBuffer, int, IntFunction)} for the tuple at byte {@code at} of
     * {@code page}, the page of {@code buffer} (null: a copy), whose content lock the caller holds:
     * the hints it sets (HeapTupleSatisfiesVacuumHorizon's) dirty the buffer.
     */
    public static VacuumResult satisfiesVacuum(ByteBuffer page, int at, int oldestXmin,
            IntFunction<TransactionStatus> clog, Buffer buffer) {
        int mask = infomask(page, at);
        int xmin = xmin(page, at);
        if (!xminCommitted(mask)) {
            if (xminInvalid(mask)) {
                return VacuumResult.DEAD;
            }
            TransactionStatus status = clog.apply(xmin);
            if (status == TransactionStatus.IN_PROGRESS) {
                if (xmaxInvalid(page, at) || xmaxIsLockedOnly(mask)) {
                    return VacuumResult.INSERT_IN_PROGRESS;
                }
                return xmax(page, at) == xmin ? VacuumResult.DELETE_IN_PROGRESS : VacuumResult.INSERT_IN_PROGRESS;
            }
            if (status != TransactionStatus.COMMITTED) {
                setHint(page, at, mask, HEAP_XMIN_INVALID, buffer);
                return VacuumResult.DEAD;
            }
            setHint(page, at, mask, HEAP_XMIN_COMMITTED, buffer);
            mask |= HEAP_XMIN_COMMITTED;
        }
        if (xmaxInvalid(page, at)) {
            return VacuumResult.LIVE;
        }
        int xmax = xmax(page, at);
        if (xmaxIsLockedOnly(mask)) {
            if ((mask & HEAP_XMAX_COMMITTED) == 0 && clog.apply(xmax) != TransactionStatus.IN_PROGRESS) {
                setHint(page, at, mask, HEAP_XMAX_INVALID, buffer);    // the locker is gone
            }
            return VacuumResult.LIVE;
        }
        if ((mask & HEAP_XMAX_COMMITTED) == 0) {
            TransactionStatus status = clog.apply(xmax);
            if (status == TransactionStatus.IN_PROGRESS) {
                return VacuumResult.DELETE_IN_PROGRESS;
            }
            if (status != TransactionStatus.COMMITTED) {
                setHint(page, at, mask, HEAP_XMAX_INVALID, buffer);      // aborted or crashed
                return VacuumResult.LIVE;
            }
            setHint(page, at, mask, HEAP_XMAX_COMMITTED, buffer);
        }
        return Xids.precedes(xmax, oldestXmin) ? VacuumResult.DEAD : VacuumResult.RECENTLY_DEAD;
    }

    private static boolean isOwnCtid(ByteBuffer t, int block, int offset) {
        return ctidBlock(t) == block && ctidOffset(t) == offset;
    }
}
