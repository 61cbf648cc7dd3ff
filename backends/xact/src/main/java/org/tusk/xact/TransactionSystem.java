package org.tusk.xact;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.ShmemRequest;
import org.tusk.shmem.ShmemSegment;
import org.tusk.wal.ResourceManager;
import org.tusk.wal.WalWriter;
import org.tusk.xact.internal.XactShared;

/**
 * The transaction system as one process sees it: the shared xid counters,
 * the commit log, pg_subtrans and the ProcArray, attached for the process's
 * {@link ProcSlot} (PostgreSQL's MyProc), which takes their LWLocks. Like
 * the slot's LWLocks, an instance is used by one thread at a time.
 *
 * <p>The postmaster adds {@link #shmemRequests} to the segment it creates;
 * all-zero memory is a valid start (next xid 3, no wraparound limit). The
 * startup process replays WAL through {@link #resourceManager()} and then
 * calls {@link #initializeAfterRecovery}.
 */
public final class TransactionSystem {

    private final XactShared shared;

    private TransactionSystem(XactShared shared) {
        this.shared = shared;
    }

    /** The shared memory areas: xid counters, commit log buffers, pg_subtrans buffers, ProcArray. */
    public static List<ShmemRequest> shmemRequests(XactSettings settings, int maxBackends) {
        return XactShared.shmemRequests(settings, maxBackends);
    }

    /**
     * Attaches to the areas of {@code segment}. {@code self} is this process's
     * slot (it should own its latch, so LWLock waits sleep);
     * {@code dataDirectory} holds pg_xact and pg_subtrans.
     */
    public static TransactionSystem attach(ShmemSegment segment, Path dataDirectory, ProcSlot self) {
        return new TransactionSystem(XactShared.attach(segment, dataDirectory, self));
    }

    /**
     * As {@link #attach(ShmemSegment, Path, ProcSlot)}, for a process that commits: its commit log
     * flushes {@code wal} before writing a page that may hold an asynchronous commit (a transaction
     * that wrote no WAL of its own commits without waiting for its commit record's flush).
     */
    public static TransactionSystem attach(ShmemSegment segment, Path dataDirectory, ProcSlot self, WalWriter wal) {
        return new TransactionSystem(XactShared.attach(segment, dataDirectory, self, wal));
    }

    public CommitLog commitLog() {
        return shared.clog();
    }

    public ProcArray procArray() {
        return shared.procArray();
    }

    public TransamVariables variables() {
        return shared.variables();
    }

    /** A transaction manager for this process's session, writing its commit records through {@code wal}. */
    public TransactionManager newTransactionManager(WalWriter wal) {
        return shared.newTransactionManager(wal);
    }

    /** The XACT resource manager (id {@link ResourceManager#XACT}) for redo. */
    public ResourceManager resourceManager() {
        return shared.resourceManager();
    }

    /**
     * Recovery: keeps the next xid past {@code xid}, an xid seen in any WAL
     * record (the startup process calls it for every record with an xid).
     */
    public void observeXid(int xid) {
        shared.variables().advanceNextXidPast(xid);
    }

    /**
     * End of recovery (StartupXLOG's last steps): the next xid becomes at
     * least {@code nextFullXid} (from the checkpoint; redo may have moved it
     * further), latestCompletedXid the one before it, the wraparound limits
     * follow from {@code oldestXid}, and pg_subtrans starts empty.
     */
    public void initializeAfterRecovery(long nextFullXid, int oldestXid) {
        shared.initializeAfterRecovery(nextFullXid, oldestXid, 0);
    }

    /** Like {@link #initializeAfterRecovery(long, int)}, naming the database that holds {@code oldestXid}. */
    public void initializeAfterRecovery(long nextFullXid, int oldestXid, int oldestXidDatabase) {
        shared.initializeAfterRecovery(nextFullXid, oldestXid, oldestXidDatabase);
    }

    /** Checkpoint: the commit log on disk (CheckPointCLOG). pg_subtrans needs nothing. */
    public void checkpoint() throws IOException {
        shared.clog().flush();
    }
}
