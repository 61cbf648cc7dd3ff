package org.tusk.xact.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

import org.tusk.shmem.LWLock;
import org.tusk.shmem.LWLockMode;
import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.ShmemArea;
import org.tusk.shmem.ShmemRequest;
import org.tusk.shmem.WaitEvent;
import org.tusk.xact.ProcArray;
import org.tusk.xact.Snapshot;
import org.tusk.xact.TransactionIds;

/**
 * procarray.c: one entry per ProcSlot in a shared area, guarded by
 * ProcArrayLock (the area's lock 0).
 *
 * <pre>
 * header (64 bytes):  latestCompletedXid as a full xid (long), xactCompletionCount (long)
 * entry i (320 bytes): xid, xmin, nsubxids, overflowed (ints), subxids[64],
 *                      delayChkpt (int, odd while inside the commit window)
 * </pre>
 *
 * An entry is written only by its owner. The xid and subxids are set under
 * XidGenLock (see {@link TransamVariablesImpl#assign}), appended before the
 * count is published, so a reader holding ProcArrayLock shared sees a
 * consistent prefix. They are cleared only under ProcArrayLock exclusive,
 * together with the advance of latestCompletedXid, which is what makes a
 * transaction end, with all its subtransactions, at one instant for every
 * snapshot. xmin is set by its owner under the shared lock (as
 * GetSnapshotData does); it can only be at or after what a concurrent
 * {@link #oldestXmin()} computes, so that race is harmless.
 *
 * <p>xactCompletionCount counts the ends of transactions that had an xid (and
 * subtransaction rollbacks), bumped in the same exclusive hold that clears
 * them: while it has not moved, the running set and latestCompletedXid are
 * what they were, so the last snapshot this backend built is still exact and
 * is returned again (PostgreSQL 14's GetSnapshotDataReuse). A read-only
 * workload takes a snapshot per statement without scanning the array.
 */
public final class ProcArrayImpl implements ProcArray {

    private static final int LATEST_COMPLETED = 0;
    private static final int COMPLETION_COUNT = 8;
    private static final int HEADER_SIZE = 64;
    private static final int E_XID = 0;
    private static final int E_XMIN = 4;
    private static final int E_NSUBXIDS = 8;
    private static final int E_OVERFLOWED = 12;
    private static final int E_SUBXIDS = 16;
    private static final int E_DELAY_CHKPT = E_SUBXIDS + SUBXID_CACHE_SIZE * 4;
    private static final int ENTRY_SIZE = 320;

    private final ShmemArea area;
    private final LWLock procArrayLock;
    private final ProcSlot self;
    private final int procs;
    private final int myEntry;
    private final SubTrans subTrans;
    private final CommitLogImpl clog;
    /** The last snapshot {@link #takeSnapshot()} built, and the xactCompletionCount it was built at. */
    private Snapshot lastSnapshot;
    private long lastSnapshotCompletions;
    /** {@link #oldestXmin()} as {@link #buildSnapshotLocked()} last found it; 0 before the first. */
    private volatile int lastSnapshotHorizon;

    ProcArrayImpl(ShmemArea area, ProcSlot self, SubTrans subTrans, CommitLogImpl clog) {
        this.area = area;
        this.procArrayLock = area.lwlock(0).tranche(WaitEvent.LWLOCK_PROC_ARRAY);
        this.self = self;
        this.procs = (area.size() - HEADER_SIZE) / ENTRY_SIZE;
        if (self.index() >= procs) {
            throw new IllegalArgumentException("ProcArray has " + procs + " entries; slot " + self.index()
                    + " has none");
        }
        this.myEntry = entry(self.index());
        this.subTrans = subTrans;
        this.clog = clog;
    }

    static ShmemRequest request(String areaName, int maxBackends) {
        return new ShmemRequest(areaName, HEADER_SIZE + (long) maxBackends * ENTRY_SIZE, 1);
    }

    private static int entry(int procNumber) {
        return HEADER_SIZE + procNumber * ENTRY_SIZE;
    }

    // --- the own entry -------------------------------------------------------------------

    /** Under XidGenLock. */
    void setMyXid(int xid) {
        area.putIntVolatile(myEntry + E_XID, xid);
    }

    /** Under XidGenLock: caches the subxid, or marks the cache overflowed when full. */
    void addMySubxid(int xid) {
        int n = area.getIntVolatile(myEntry + E_NSUBXIDS);
        if (n < SUBXID_CACHE_SIZE) {
            area.putIntVolatile(myEntry + E_SUBXIDS + n * 4, xid);
            area.putIntVolatile(myEntry + E_NSUBXIDS, n + 1);   // published after the entry it counts
        } else {
            area.putIntVolatile(myEntry + E_OVERFLOWED, 1);
        }
    }

    int myXmin() {
        return area.getIntVolatile(myEntry + E_XMIN);
    }

    /** SnapshotResetXmin: no snapshot of ours is in use any more. Own entry, no lock needed. */
    void resetMyXmin() {
        area.putIntVolatile(myEntry + E_XMIN, TransactionIds.INVALID);
    }

    /**
     * ProcArrayEndTransaction with an xid: clears the entry and advances
     * latestCompletedXid to {@code latestXid} (the newest of the transaction's
     * xids) in one exclusive hold.
     */
    void endMyTransaction(int latestXid) {
        lock(LWLockMode.EXCLUSIVE);
        try {
            area.putIntVolatile(myEntry + E_XID, TransactionIds.INVALID);
            area.putIntVolatile(myEntry + E_XMIN, TransactionIds.INVALID);
            area.putIntVolatile(myEntry + E_NSUBXIDS, 0);
            area.putIntVolatile(myEntry + E_OVERFLOWED, 0);
            maintainLatestCompleted(latestXid);
        } finally {
            unlock();
        }
    }

    /** ProcArrayEndTransaction without an xid: only the xmin to clear, no lock needed. */
    void endMyReadOnlyTransaction() {
        resetMyXmin();
    }

    /**
     * XidCacheRemoveRunningXids: a subtransaction rolled back; its xids leave
     * the cache (an overflowed cache stays overflowed, as in PostgreSQL: the
     * remaining xids are found through pg_subtrans).
     */
    void removeMySubxids(int[] xids, int latestXid) {
        lock(LWLockMode.EXCLUSIVE);
        try {
            int n = area.getIntVolatile(myEntry + E_NSUBXIDS);
            for (int xid : xids) {
                for (int i = n - 1; i >= 0; i--) {
                    if (area.getIntVolatile(myEntry + E_SUBXIDS + i * 4) == xid) {
                        int last = area.getIntVolatile(myEntry + E_SUBXIDS + (n - 1) * 4);
                        area.putIntVolatile(myEntry + E_SUBXIDS + i * 4, last);
                        n--;
                        break;
                    }
                }
            }
            area.putIntVolatile(myEntry + E_NSUBXIDS, n);
            maintainLatestCompleted(latestXid);
        } finally {
            unlock();
        }
    }

    /** Under ProcArrayLock exclusive: the running set changed; snapshots built before are out of date. */
    private void maintainLatestCompleted(int latestXid) {
        countCompletion();
        long latest = area.getLongVolatile(LATEST_COMPLETED);
        long candidate = fullXidRelativeTo(latest, latestXid);
        if (candidate > latest) {
            area.putLongVolatile(LATEST_COMPLETED, candidate);
        }
    }

    /** Under ProcArrayLock exclusive. */
    private void countCompletion() {
        area.putLongVolatile(COMPLETION_COUNT, area.getLongVolatile(COMPLETION_COUNT) + 1);
    }

    /** FullXidRelativeTo: the full xid of {@code xid}, assumed within 2^31 of {@code reference}. */
    static long fullXidRelativeTo(long reference, int xid) {
        long full = reference + (xid - TransactionIds.xidOf(reference));
        return full < 0 ? Integer.toUnsignedLong(xid) : full;
    }

    /** End of recovery: latestCompletedXid is the xid before the next one. */
    void initializeLatestCompleted(long nextFullXid) {
        lock(LWLockMode.EXCLUSIVE);
        try {
            long latest = nextFullXid - 1;
            while (latest > 0 && !TransactionIds.isNormal(TransactionIds.xidOf(latest))) {
                latest--;
            }
            area.putLongVolatile(LATEST_COMPLETED, Math.max(latest, 0));
            countCompletion();
        } finally {
            unlock();
        }
    }

    // --- readers --------------------------------------------------------------------------

    @Override
    public Snapshot takeSnapshot() {
        lock(LWLockMode.SHARED);
        try {
            long completions = area.getLongVolatile(COMPLETION_COUNT);
            if (lastSnapshot != null && completions == lastSnapshotCompletions) {
                // No transaction with an xid ended since: nothing it computed can have changed. Its xmin
                // is the oldest xid still running, so it is safe as our xmin (as in GetSnapshotDataReuse).
                if (!TransactionIds.isValid(area.getIntVolatile(myEntry + E_XMIN))) {
                    area.putIntVolatile(myEntry + E_XMIN, lastSnapshot.xmin());
                }
                return lastSnapshot;
            }
            lastSnapshot = buildSnapshotLocked();
            lastSnapshotCompletions = completions;
            return lastSnapshot;
        } finally {
            unlock();
        }
    }

    /** GetSnapshotData's scan of the array, under ProcArrayLock shared. */
    private Snapshot buildSnapshotLocked() {
        int[] xip = new int[procs];
        int nxip = 0;
        int[] subxip = new int[0];
        int nsub = 0;
        boolean overflowed = false;
        int xmax = TransactionIds.advance(TransactionIds.xidOf(area.getLongVolatile(LATEST_COMPLETED)));
        int xmin = xmax;
        int horizon = xmax;         // oldestXmin's answer, from the same pass (pruneHorizon)
        for (int p = 0; p < procs; p++) {
            int e = entry(p);
            int xid = area.getIntVolatile(e + E_XID);
            int procXmin = area.getIntVolatile(e + E_XMIN);
            if (TransactionIds.isNormal(procXmin) && TransactionIds.precedes(procXmin, horizon)) {
                horizon = procXmin;
            }
            if (TransactionIds.isNormal(xid) && TransactionIds.precedes(xid, horizon)) {
                horizon = xid;
            }
            // An xid at or after xmax was assigned after the newest completed one: invisible anyway.
            if (!TransactionIds.isNormal(xid) || TransactionIds.followsOrEquals(xid, xmax)) {
                continue;
            }
            if (TransactionIds.precedes(xid, xmin)) {
                xmin = xid;
            }
            xip[nxip++] = xid;
            if (overflowed) {
                continue;   // the subxids of every entry will be looked up in pg_subtrans
            }
            if (area.getIntVolatile(e + E_OVERFLOWED) != 0) {
                overflowed = true;
                continue;
            }
            int n = area.getIntVolatile(e + E_NSUBXIDS);
            if (n > 0) {
                if (nsub + n > subxip.length) {
                    subxip = Arrays.copyOf(subxip, Math.max(subxip.length * 2, nsub + n));
                }
                for (int i = 0; i < n; i++) {
                    subxip[nsub++] = area.getIntVolatile(e + E_SUBXIDS + i * 4);
                }
            }
        }
        if (!TransactionIds.isValid(area.getIntVolatile(myEntry + E_XMIN))) {
            area.putIntVolatile(myEntry + E_XMIN, xmin);
        }
        lastSnapshotHorizon = horizon;
        return new Snapshot(xmin, xmax, Arrays.copyOf(xip, nxip),
                overflowed ? new int[0] : Arrays.copyOf(subxip, nsub), overflowed, 0, subTrans::topmost);
    }

    @Override
    public int oldestXmin() {
        lock(LWLockMode.SHARED);
        try {
            int result = TransactionIds.advance(TransactionIds.xidOf(area.getLongVolatile(LATEST_COMPLETED)));
            for (int p = 0; p < procs; p++) {
                int e = entry(p);
                int xid = area.getIntVolatile(e + E_XID);
                if (TransactionIds.isNormal(xid) && TransactionIds.precedes(xid, result)) {
                    result = xid;
                }
                int xmin = area.getIntVolatile(e + E_XMIN);
                if (TransactionIds.isNormal(xmin) && TransactionIds.precedes(xmin, result)) {
                    result = xmin;
                }
            }
            return result;
        } finally {
            unlock();
        }
    }

    @Override
    public int[] xidAndXminOf(int procNumber) {
        if (procNumber < 0 || procNumber >= procs) {
            return new int[2];
        }
        int e = entry(procNumber);
        return new int[] {area.getIntVolatile(e + E_XID), area.getIntVolatile(e + E_XMIN)};
    }

    @Override
    public int pruneHorizon() {
        int horizon = lastSnapshotHorizon;
        return horizon != 0 ? horizon : oldestXmin();
    }

    @Override
    public boolean isInProgress(int xid) {
        if (!TransactionIds.isNormal(xid)) {
            return false;
        }
        int[] overflowedXids = null;       // allocated only when some entry's subxids overflowed
        int noverflowed = 0;
        lock(LWLockMode.SHARED);
        try {
            int xmax = TransactionIds.advance(TransactionIds.xidOf(area.getLongVolatile(LATEST_COMPLETED)));
            if (TransactionIds.followsOrEquals(xid, xmax)) {
                // Newer than anything that finished: assigned and running, or not even assigned yet.
                return true;
            }
            for (int p = 0; p < procs; p++) {
                int e = entry(p);
                int top = area.getIntVolatile(e + E_XID);
                if (!TransactionIds.isNormal(top)) {
                    continue;
                }
                if (top == xid) {
                    return true;
                }
                int n = area.getIntVolatile(e + E_NSUBXIDS);
                for (int i = 0; i < n; i++) {
                    if (area.getIntVolatile(e + E_SUBXIDS + i * 4) == xid) {
                        return true;
                    }
                }
                if (area.getIntVolatile(e + E_OVERFLOWED) != 0) {
                    if (overflowedXids == null) {
                        overflowedXids = new int[procs];
                    }
                    overflowedXids[noverflowed++] = top;
                }
            }
        } finally {
            unlock();
        }
        if (noverflowed == 0) {
            return false;
        }
        // Some subxids are known only to pg_subtrans: is xid a subtransaction of one of those? A rolled
        // back subtransaction is not running even though its parent is (TransactionIdIsInProgress checks
        // pg_xact first too); otherwise whoever waits for it would wait for the whole tree.
        if (clog.didAbort(xid)) {
            return false;
        }
        int top = subTrans.topmost(xid);
        if (top == xid) {
            return false;
        }
        for (int i = 0; i < noverflowed; i++) {
            if (overflowedXids[i] == top) {
                return true;
            }
        }
        return false;
    }

    @Override
    public long latestCompletedFullXid() {
        return area.getLongVolatile(LATEST_COMPLETED);
    }

    @Override
    public int[] runningXids() {
        int[] result = new int[procs];
        int n = 0;
        lock(LWLockMode.SHARED);
        try {
            for (int p = 0; p < procs; p++) {
                int xid = area.getIntVolatile(entry(p) + E_XID);
                if (TransactionIds.isValid(xid)) {
                    result[n++] = xid;
                }
            }
        } finally {
            unlock();
        }
        return Arrays.copyOf(result, n);
    }

    private void lock(LWLockMode mode) {
        try {
            procArrayLock.acquire(mode, self);
        } catch (IOException e) {
            throw new UncheckedIOException("waiting for ProcArrayLock", e);
        }
    }

    private void unlock() {
        try {
            procArrayLock.release(self);
        } catch (IOException e) {
            throw new UncheckedIOException("releasing ProcArrayLock", e);
        }
    }

    @Override
    public void delayCheckpointStart() {
        area.getAndAddInt(myEntry + E_DELAY_CHKPT, 1);
    }

    @Override
    public void delayCheckpointEnd() {
        area.getAndAddInt(myEntry + E_DELAY_CHKPT, 1);
    }

    @Override
    public void waitForDelayedCheckpointStart() {
        int[] seen = new int[procs];
        for (int p = 0; p < procs; p++) {
            seen[p] = area.getIntVolatile(entry(p) + E_DELAY_CHKPT);
        }
        for (int p = 0; p < procs; p++) {
            // an odd count that has not moved: that committer is still between its record and its clog update
            while ((seen[p] & 1) != 0 && area.getIntVolatile(entry(p) + E_DELAY_CHKPT) == seen[p]) {
                java.util.concurrent.locks.LockSupport.parkNanos(100_000);
            }
        }
    }
}
