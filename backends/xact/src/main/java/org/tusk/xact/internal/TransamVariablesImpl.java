package org.tusk.xact.internal;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;
import org.tusk.api.error.SqlState;
import org.tusk.shmem.LWLock;
import org.tusk.shmem.LWLockMode;
import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.ShmemArea;
import org.tusk.shmem.ShmemRequest;
import org.tusk.shmem.WaitEvent;
import org.tusk.xact.TransactionIds;
import org.tusk.xact.TransamVariables;

/**
 * varsup.c: the xid counter and the wraparound limits, in a small shared
 * area guarded by XidGenLock (the area's lock 0). All zero is valid: the
 * counter starts at the first normal xid and no limit is set.
 */
public final class TransamVariablesImpl implements TransamVariables {

    private static final Logger LOG = LoggerFactory.getLogger(TransamVariablesImpl.class);

    private static final int NEXT_FULL_XID = 0;
    private static final int OLDEST_XID = 8;
    private static final int OLDEST_XID_DB = 12;
    private static final int WARN_LIMIT = 16;
    private static final int STOP_LIMIT = 20;
    private static final int WRAP_LIMIT = 24;
    static final int SIZE = 64;

    /** Distance from the wrap limit at which assignment stops (PostgreSQL's 3 million). */
    static final int STOP_MARGIN = 3_000_000;
    /** Distance from the wrap limit at which warnings start (PostgreSQL's 40 million). */
    static final int WARN_MARGIN = 40_000_000;

    private final ShmemArea area;
    private final LWLock xidGenLock;
    private final ProcSlot self;

    TransamVariablesImpl(ShmemArea area, ProcSlot self) {
        this.area = area;
        this.xidGenLock = area.lwlock(0).tranche(WaitEvent.LWLOCK_XID_GEN);
        this.self = self;
    }

    static ShmemRequest request(String areaName) {
        return new ShmemRequest(areaName, SIZE, 1);
    }

    @Override
    public long nextFullXid() {
        return area.getLongVolatile(NEXT_FULL_XID);
    }

    @Override
    public int oldestXid() {
        return area.getIntVolatile(OLDEST_XID);
    }

    @Override
    public int xidStopLimit() {
        return area.getIntVolatile(STOP_LIMIT);
    }

    @Override
    public int xidWarnLimit() {
        return area.getIntVolatile(WARN_LIMIT);
    }

    /**
     * GetNewTransactionId. Everything other processes must see for the new xid
     * happens while XidGenLock is held: the commit-log and pg_subtrans pages
     * exist, the subxid's parent is recorded, and the xid is in our ProcArray
     * entry. A process that gets a later xid can therefore only finish (and
     * advance latestCompletedXid past ours) after our xid is visible to
     * snapshots; otherwise a snapshot could take us for finished.
     *
     * @param parent 0 for a top-level xid, else the parent of the new subxid
     */
    int assign(ProcArrayImpl procArray, CommitLogImpl clog, SubTrans subTrans, int parent) {
        lock(LWLockMode.EXCLUSIVE);
        int xid;
        try {
            long full = area.getLong(NEXT_FULL_XID);
            if (!TransactionIds.isNormal(TransactionIds.xidOf(full))) {
                full = TransactionIds.fullXid(TransactionIds.epochOf(full), TransactionIds.FIRST_NORMAL);
            }
            xid = TransactionIds.xidOf(full);
            int stopLimit = area.getInt(STOP_LIMIT);
            if (TransactionIds.isValid(stopLimit) && TransactionIds.followsOrEquals(xid, stopLimit)) {
                throw wraparoundError();
            }
            int warnLimit = area.getInt(WARN_LIMIT);
            if (TransactionIds.isValid(warnLimit) && TransactionIds.followsOrEquals(xid, warnLimit)) {
                LOG.warn("database with OID {} must be vacuumed within {} transactions",
                        Integer.toUnsignedString(area.getInt(OLDEST_XID_DB)),
                        Integer.toUnsignedString(area.getInt(WRAP_LIMIT) - xid));
            }
            clog.extend(xid);
            subTrans.extend(xid);
            area.putLongVolatile(NEXT_FULL_XID, TransactionIds.advanceFull(full));
            if (TransactionIds.isValid(parent)) {
                subTrans.setParent(xid, parent);
                procArray.addMySubxid(xid);
            } else {
                procArray.setMyXid(xid);
            }
        } finally {
            unlock();
        }
        return xid;
    }

    private PgException wraparoundError() {
        return new PgException(Severity.ERROR, SqlState.PROGRAM_LIMIT_EXCEEDED,
                "database is not accepting commands to avoid wraparound data loss in database with OID "
                        + Integer.toUnsignedString(area.getInt(OLDEST_XID_DB)),
                null, "Stop the postmaster and vacuum that database in single-user mode.\n"
                        + "You might also need to commit or roll back old prepared transactions,"
                        + " or drop stale replication slots.", 0, null);
    }

    @Override
    public void setOldestXid(int oldestXid, int oldestXidDatabase) {
        if (!TransactionIds.isNormal(oldestXid)) {
            throw new IllegalArgumentException("oldest xid must be normal: " + TransactionIds.toString(oldestXid));
        }
        // The newest xid that still compares as after oldestXid, and the margins before it.
        int wrapLimit = oldestXid + Integer.MAX_VALUE;
        if (!TransactionIds.isNormal(wrapLimit)) {
            wrapLimit += TransactionIds.FIRST_NORMAL;
        }
        int stopLimit = wrapLimit - STOP_MARGIN;
        if (!TransactionIds.isNormal(stopLimit)) {
            stopLimit -= TransactionIds.FIRST_NORMAL;
        }
        int warnLimit = wrapLimit - WARN_MARGIN;
        if (!TransactionIds.isNormal(warnLimit)) {
            warnLimit -= TransactionIds.FIRST_NORMAL;
        }
        lock(LWLockMode.EXCLUSIVE);
        try {
            area.putIntVolatile(OLDEST_XID, oldestXid);
            area.putIntVolatile(OLDEST_XID_DB, oldestXidDatabase);
            area.putIntVolatile(WRAP_LIMIT, wrapLimit);
            area.putIntVolatile(STOP_LIMIT, stopLimit);
            area.putIntVolatile(WARN_LIMIT, warnLimit);
        } finally {
            unlock();
        }
        LOG.debug("transaction ID wrap limit is {}, limited by database with OID {}",
                TransactionIds.toString(wrapLimit), Integer.toUnsignedString(oldestXidDatabase));
    }

    @Override
    public void advanceNextXidPast(int xid) {
        if (!TransactionIds.isNormal(xid)) {
            return;
        }
        lock(LWLockMode.EXCLUSIVE);
        try {
            long next = area.getLong(NEXT_FULL_XID);
            int nextXid = TransactionIds.xidOf(next);
            if (TransactionIds.isNormal(nextXid) && TransactionIds.precedes(xid, nextXid)) {
                return;
            }
            int newXid = TransactionIds.advance(xid);
            int epoch = TransactionIds.epochOf(next);
            if (Integer.compareUnsigned(newXid, nextXid) < 0) {
                epoch++;   // the counter wrapped between the old next xid and this one
            }
            area.putLongVolatile(NEXT_FULL_XID, TransactionIds.fullXid(epoch, newXid));
        } finally {
            unlock();
        }
    }

    /** End of recovery: the counter must be at least {@code nextFullXid}, whatever redo saw. */
    void raiseNextFullXid(long nextFullXid) {
        lock(LWLockMode.EXCLUSIVE);
        try {
            if (Long.compareUnsigned(nextFullXid, area.getLong(NEXT_FULL_XID)) > 0) {
                area.putLongVolatile(NEXT_FULL_XID, nextFullXid);
            }
        } finally {
            unlock();
        }
    }

    private void lock(LWLockMode mode) {
        try {
            xidGenLock.acquire(mode, self);
        } catch (IOException e) {
            throw new UncheckedIOException("waiting for XidGenLock", e);
        }
    }

    private void unlock() {
        try {
            xidGenLock.release(self);
        } catch (IOException e) {
            throw new UncheckedIOException("releasing XidGenLock", e);
        }
    }
}
