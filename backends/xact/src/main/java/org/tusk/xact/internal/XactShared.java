package org.tusk.xact.internal;

import java.nio.file.Path;
import java.util.List;

import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.ShmemRequest;
import org.tusk.shmem.ShmemSegment;
import org.tusk.wal.ResourceManager;
import org.tusk.wal.WalWriter;
import org.tusk.xact.TransactionManager;
import org.tusk.xact.XactSettings;

/** One process's handles on the transaction system's shared areas (what TransactionSystem delegates to). */
public final class XactShared {

    public static final String VARSUP_AREA = "xact.varsup";
    public static final String CLOG_AREA = "xact.clog";
    public static final String SUBTRANS_AREA = "xact.subtrans";
    public static final String PROCARRAY_AREA = "xact.procarray";

    private final TransamVariablesImpl variables;
    private final SubTrans subTrans;
    private final CommitLogImpl clog;
    private final ProcArrayImpl procArray;
    private final XactResourceManager resourceManager;

    private XactShared(ShmemSegment segment, Path dataDirectory, ProcSlot self, WalWriter wal) {
        this.variables = new TransamVariablesImpl(segment.area(VARSUP_AREA), self);
        this.subTrans = new SubTrans(segment.area(SUBTRANS_AREA), self, dataDirectory);
        this.clog = new CommitLogImpl(segment.area(CLOG_AREA), self, dataDirectory, subTrans, wal);
        this.procArray = new ProcArrayImpl(segment.area(PROCARRAY_AREA), self, subTrans, clog);
        this.resourceManager = new XactResourceManager(clog, variables);
    }

    public static List<ShmemRequest> shmemRequests(XactSettings settings, int maxBackends) {
        return List.of(TransamVariablesImpl.request(VARSUP_AREA),
                CommitLogImpl.request(CLOG_AREA, settings.clogBuffers()),
                SubTrans.request(SUBTRANS_AREA, settings.subtransBuffers()),
                ProcArrayImpl.request(PROCARRAY_AREA, maxBackends));
    }

    public static XactShared attach(ShmemSegment segment, Path dataDirectory, ProcSlot self) {
        return attach(segment, dataDirectory, self, null);
    }

    /** {@code wal}: this process's, which the commit log flushes before writing a page (see {@link Slru}). */
    public static XactShared attach(ShmemSegment segment, Path dataDirectory, ProcSlot self, WalWriter wal) {
        if (self.index() >= segment.maxBackends() || segment.slot(self.index()) != self) {
            throw new IllegalArgumentException(self + " is not a slot of " + segment.file());
        }
        return new XactShared(segment, dataDirectory, self, wal);
    }

    public TransamVariablesImpl variables() {
        return variables;
    }

    public CommitLogImpl clog() {
        return clog;
    }

    SubTrans subTrans() {
        return subTrans;
    }

    public ProcArrayImpl procArray() {
        return procArray;
    }

    public ResourceManager resourceManager() {
        return resourceManager;
    }

    public TransactionManager newTransactionManager(WalWriter wal) {
        return new TransactionManagerImpl(this, wal);
    }

    /** StartupCLOG/StartupSUBTRANS and the counters at the end of recovery. */
    public void initializeAfterRecovery(long nextFullXid, int oldestXid, int oldestXidDatabase) {
        variables.raiseNextFullXid(nextFullXid);
        long next = variables.nextFullXid();
        procArray.initializeLatestCompleted(next);
        if (org.tusk.xact.TransactionIds.isNormal(oldestXid)) {
            variables.setOldestXid(oldestXid, oldestXidDatabase);
        }
        subTrans.reset();
    }
}
