package org.tusk.heapam;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import org.tusk.api.storage.TransactionContext;
import org.tusk.api.storage.TransactionStatus;
import org.tusk.buffer.BufferManager;
import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.ShmemRequest;
import org.tusk.shmem.ShmemSegment;
import org.tusk.wal.ControlFile;
import org.tusk.wal.Wal;
import org.tusk.wal.WalReader;
import org.tusk.wal.WalSettings;
import org.tusk.wal.WalWriter;
import org.tusk.xact.IsolationLevel;
import org.tusk.xact.TransactionManager;
import org.tusk.xact.TransactionSystem;
import org.tusk.xact.XactSettings;

/** The real storage core (WAL, shared buffers, transactions) in a temp directory, and one process's view of it. */
final class HeapCluster {

    static final int MAX_BACKENDS = 8;
    static final int N_BUFFERS = 64;
    static final WalSettings WAL = new WalSettings(64 << 10, WalSettings.MIN_SEGMENT_SIZE, WalSettings.SyncMethod.OFF);

    private HeapCluster() {
    }

    /** initdb + postmaster + startup process: returns the segment; the control file's redo LSN starts the WAL. */
    static ShmemSegment create(Path dir, Path data) throws Exception {
        ControlFile control = Wal.bootstrap(data, WAL);
        List<ShmemRequest> requests = new ArrayList<>(Wal.shmemRequests(WAL));
        requests.addAll(BufferManager.shmemRequests(N_BUFFERS));
        requests.addAll(TransactionSystem.shmemRequests(XactSettings.defaults(), MAX_BACKENDS));
        ShmemSegment segment = ShmemSegment.create(dir.resolve("shmem"), MAX_BACKENDS, dir.resolve("l"), requests);
        try (WalReader reader = WalReader.open(data, WAL, control.redoLsn())) {
            while (reader.next() != null) {
                // a fresh cluster: nothing to redo
            }
            Wal.startAt(segment, data, WAL, reader.endOfValidWal(), reader.lastRecordLsn(), control.redoLsn());
        }
        return segment;
    }

    /** Everything one backend needs, attached through slot {@code slot}. */
    static final class Backend {
        final WalWriter wal;
        final BufferManager buffers;
        final TransactionManager tm;
        final HeapAccessMethod heap;

        Backend(ShmemSegment segment, Path data, int slot) throws Exception {
            ProcSlot self = segment.slot(slot);
            self.setPid((int) ProcessHandle.current().pid());
            if (!self.ownsLatch()) {
                self.ownLatch();
            }
            wal = Wal.attach(segment, data, WAL, self);
            buffers = BufferManager.attach(segment, data, self, wal);
            TransactionSystem xact = TransactionSystem.attach(segment, data, self, wal);
            tm = xact.newTransactionManager(wal);
            heap = new HeapAccessMethod(buffers, wal, tm::status);
        }

        void begin() {
            tm.begin(IsolationLevel.READ_COMMITTED);
        }

        /** The current transaction as the table AM sees it. */
        TransactionContext context() {
            return new TransactionContext() {
                @Override
                public int assignXid() {
                    return tm.currentXid();
                }

                @Override
                public int commandId() {
                    return tm.currentCommandId();
                }

                @Override
                public boolean isCurrentTransactionId(int xid) {
                    return tm.isCurrentTransactionId(xid);
                }

                @Override
                public TransactionStatus status(int xid) {
                    return tm.status(xid);
                }

                @Override
                public boolean isRepeatableRead() {
                    return tm.isolationLevel() == IsolationLevel.REPEATABLE_READ;
                }

                /** Test stand-in for the lock manager's XactLockTableWait: polls the ProcArray with short sleeps. */
                @Override
                public void waitForTransaction(int xid) {
                    while (tm.status(xid) == TransactionStatus.IN_PROGRESS) {
                        LockSupport.parkNanos(500_000);
                    }
                }
            };
        }
    }
}
