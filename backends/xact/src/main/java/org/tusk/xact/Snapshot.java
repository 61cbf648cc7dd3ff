package org.tusk.xact;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * An MVCC snapshot (PostgreSQL's SnapshotData for MVCC): which transactions
 * were still running when it was taken. Every xid before {@code xmin} had
 * finished; every xid at or after {@code xmax} had not started (or at least
 * not finished); in between, {@code xip} lists the running top-level xids and
 * {@code subxip} their known subtransaction xids. When some backend's subxid
 * cache had overflowed, {@code suboverflowed} is set and a subxid is mapped to
 * its top-level xid through pg_subtrans before looking in {@code xip}.
 *
 * <p>Immutable. Made by {@link ProcArray#takeSnapshot()}.
 */
public final class Snapshot implements org.tusk.api.storage.Snapshot {

    private final int xmin;
    private final int xmax;
    private final int[] xip;
    private final int[] subxip;
    private final boolean suboverflowed;
    private final int commandId;
    private final IntUnaryOperator topmostXid;

    /**
     * @param topmostXid maps a subxid to its top-level xid (SubTransGetTopmostTransaction);
     *                   consulted only when {@code suboverflowed}
     */
    public Snapshot(int xmin, int xmax, int[] xip, int[] subxip, boolean suboverflowed, int commandId,
            IntUnaryOperator topmostXid) {
        this.xmin = xmin;
        this.xmax = xmax;
        this.xip = xip.clone();
        this.subxip = subxip.clone();
        this.suboverflowed = suboverflowed;
        this.commandId = commandId;
        this.topmostXid = topmostXid;
        if (suboverflowed && topmostXid == null) {
            throw new IllegalArgumentException("an overflowed snapshot needs a pg_subtrans lookup");
        }
    }

    @Override
    public int xmin() {
        return xmin;
    }

    @Override
    public int xmax() {
        return xmax;
    }

    public int[] xip() {
        return xip.clone();
    }

    public int[] subxip() {
        return subxip.clone();
    }

    public boolean suboverflowed() {
        return suboverflowed;
    }

    /** Changes made by the own transaction with a command id at or after this one are not visible. */
    @Override
    public int commandId() {
        return commandId;
    }

    /** The same snapshot for a later command of the own transaction. */
    public Snapshot withCommandId(int newCommandId) {
        if (newCommandId == commandId) {
            return this;
        }
        return new Snapshot(xmin, xmax, xip, subxip, suboverflowed, newCommandId, topmostXid);
    }

    /**
     * XidInMVCCSnapshot: whether {@code xid} must be treated as still running
     * by this snapshot (its effects invisible even if it has committed since).
     * The caller handles its own transaction's xids first
     * ({@link TransactionManager#isCurrentTransactionId}).
     */
    public boolean isInProgressIn(int xid) {
        if (TransactionIds.precedes(xid, xmin)) {
            return false;
        }
        if (TransactionIds.followsOrEquals(xid, xmax)) {
            return true;
        }
        if (!suboverflowed) {
            if (contains(subxip, xid)) {
                return true;
            }
        } else {
            // Some subxids were not recorded: map to the top-level xid, which is in xip if it ran.
            xid = topmostXid.applyAsInt(xid);
            if (TransactionIds.precedes(xid, xmin)) {
                return false;
            }
        }
        return contains(xip, xid);
    }

    /** The access methods' name for {@link #isInProgressIn}. */
    @Override
    public boolean isInProgress(int xid) {
        return isInProgressIn(xid);
    }

    private static boolean contains(int[] xids, int xid) {
        for (int x : xids) {
            if (x == xid) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "Snapshot[xmin " + TransactionIds.toString(xmin) + ", xmax " + TransactionIds.toString(xmax)
                + ", xip " + Arrays.toString(xip) + ", subxip " + Arrays.toString(subxip)
                + (suboverflowed ? " (overflowed)" : "") + ", cid " + Integer.toUnsignedString(commandId) + "]";
    }
}
