package org.tusk.xact;

import java.io.IOException;

/**
 * The commit log (PostgreSQL's clog.c, on disk pg_xact): two status bits per
 * xid in 8 kB pages cached in shared SLRU buffers. Bits are set only after
 * the transaction's commit record is durable.
 */
public interface CommitLog {

    /** TransactionIdGetStatus: the raw bits of {@code xid} (special xids have none: IN_PROGRESS). */
    XidStatus status(int xid);

    /**
     * TransactionIdSetTreeStatus: marks {@code xid} and its committed
     * subtransactions {@code subxids}. For COMMITTED the subxids first become
     * SUB_COMMITTED, then the top-level xid COMMITTED, then the subxids
     * COMMITTED, so a reader never sees a subxid committed whose parent is not.
     */
    void setTreeStatus(int xid, int[] subxids, XidStatus status);

    /** TransactionIdDidCommit: committed (a SUB_COMMITTED xid counts if its parent committed). */
    boolean didCommit(int xid);

    /** TransactionIdDidAbort: explicitly aborted. A crashed transaction is neither committed nor aborted. */
    boolean didAbort(int xid);

    /** CheckPointCLOG: writes every dirty page and fsyncs the files written since the last flush. */
    void flush() throws IOException;
}
