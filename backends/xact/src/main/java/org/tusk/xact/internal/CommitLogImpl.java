package org.tusk.xact.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.ShmemArea;
import org.tusk.shmem.ShmemRequest;
import org.tusk.shmem.WaitEvent;
import org.tusk.wal.WalWriter;
import org.tusk.xact.CommitLog;
import org.tusk.xact.TransactionIds;
import org.tusk.xact.XidStatus;

/**
 * clog.c over an {@link Slru}: 2 bits per xid, 4 xids per byte, 32768 xids
 * per page, files {@code pg_xact/XXXX}.
 */
public final class CommitLogImpl implements CommitLog {

    static final int BITS_PER_XACT = 2;
    static final int XACTS_PER_BYTE = 4;
    static final int XACTS_PER_PAGE = Slru.PAGE_SIZE * XACTS_PER_BYTE;
    static final long TOTAL_PAGES = (1L << 32) / XACTS_PER_PAGE;
    public static final String DIRECTORY = "pg_xact";

    private final Slru slru;
    private final SubTrans subTrans;

    /** {@code wal}: this process's, flushed before a page with an asynchronous commit is written (may be null, see {@link Slru}). */
    CommitLogImpl(ShmemArea area, ProcSlot self, Path dataDirectory, SubTrans subTrans, WalWriter wal) {
        this.slru = new Slru("pg_xact", WaitEvent.LWLOCK_XACT_SLRU, area, self, dataDirectory.resolve(DIRECTORY), TOTAL_PAGES, wal);
        this.subTrans = subTrans;
    }

    static ShmemRequest request(String areaName, int buffers) {
        return Slru.request(areaName, buffers, TOTAL_PAGES);
    }

    static int pageOf(int xid) {
        return Integer.divideUnsigned(xid, XACTS_PER_PAGE);
    }

    private static int byteInPage(int xid) {
        return Integer.remainderUnsigned(xid, XACTS_PER_PAGE) / XACTS_PER_BYTE;
    }

    private static int shift(int xid) {
        return Integer.remainderUnsigned(xid, XACTS_PER_BYTE) * BITS_PER_XACT;
    }

    /**
     * ExtendCLOG, called under XidGenLock as xids are handed out: the first xid
     * of a page gets a zeroed page (so bits left from 2^32 xids ago never leak).
     */
    void extend(int newXid) {
        if (Integer.remainderUnsigned(newXid, XACTS_PER_PAGE) != 0 && newXid != TransactionIds.FIRST_NORMAL) {
            return;
        }
        slru.lockExclusive();
        try {
            slru.zeroPage(pageOf(newXid), newXid);
        } finally {
            slru.unlock();
        }
    }

    @Override
    public XidStatus status(int xid) {
        if (!TransactionIds.isNormal(xid)) {
            // TransactionLogFetch: bootstrap and frozen xids are committed, the invalid one aborted.
            return xid == TransactionIds.INVALID ? XidStatus.ABORTED : XidStatus.COMMITTED;
        }
        int page = pageOf(xid);
        slru.lockShared();
        try {
            int b = slru.findResident(page);
            if (b >= 0) {
                return read(b, xid);
            }
        } finally {
            slru.unlock();
        }
        slru.lockExclusive();
        try {
            return read(slru.loadPage(page, xid), xid);
        } finally {
            slru.unlock();
        }
    }

    private XidStatus read(int buffer, int xid) {
        int value = slru.area().getByte(slru.pageOffset(buffer) + byteInPage(xid)) & 0xFF;
        return XidStatus.ofCode(value >>> shift(xid));
    }

    @Override
    public void setTreeStatus(int xid, int[] subxids, XidStatus status) {
        setTreeStatus(xid, subxids, status, 0);
    }

    /**
     * TransactionIdAsyncCommitTree: marks the tree committed although its commit record, ending at
     * {@code commitLsn}, may not be flushed yet; no commit log page holding it is written before it is.
     */
    public void setTreeCommittedAsync(int xid, int[] subxids, long commitLsn) {
        setTreeStatus(xid, subxids, XidStatus.COMMITTED, commitLsn);
    }

    private void setTreeStatus(int xid, int[] subxids, XidStatus status, long asyncCommitLsn) {
        slru.lockExclusive();
        try {
            if (asyncCommitLsn != 0) {
                slru.noteAsyncCommitLsn(asyncCommitLsn);
            }
            if (status == XidStatus.COMMITTED && subxids.length > 0) {
                // Should a page be written between these steps, a subxid is at worst SUB_COMMITTED under
                // a parent still IN_PROGRESS, which reads as not committed: never committed without it.
                for (int sub : subxids) {
                    write(sub, XidStatus.SUB_COMMITTED);
                }
            }
            write(xid, status);
            for (int sub : subxids) {
                write(sub, status);
            }
        } finally {
            slru.unlock();
        }
    }

    private void write(int xid, XidStatus status) {
        if (!TransactionIds.isNormal(xid)) {
            throw new IllegalArgumentException("cannot set the status of special xid " + xid);
        }
        int b = slru.loadPage(pageOf(xid), xid);
        int offset = slru.pageOffset(b) + byteInPage(xid);
        int value = slru.area().getByte(offset) & 0xFF;
        int shift = shift(xid);
        value = value & ~(3 << shift) | status.code() << shift;
        slru.area().putByte(offset, (byte) value);
        slru.markDirty(b);
    }

    @Override
    public boolean didCommit(int xid) {
        XidStatus status = status(xid);
        if (status == XidStatus.COMMITTED) {
            return true;
        }
        if (status == XidStatus.SUB_COMMITTED) {
            // The parent is committing right now, or crashed while doing so: it decides.
            int parent = subTrans.parent(xid);
            return TransactionIds.isValid(parent) && didCommit(parent);
        }
        return false;
    }

    @Override
    public boolean didAbort(int xid) {
        XidStatus status = status(xid);
        if (status == XidStatus.ABORTED) {
            return true;
        }
        if (status == XidStatus.SUB_COMMITTED) {
            int parent = subTrans.parent(xid);
            return !TransactionIds.isValid(parent) || didAbort(parent);
        }
        return false;
    }

    @Override
    public void flush() throws IOException {
        slru.flush();
    }

    Slru slru() {
        return slru;
    }
}
