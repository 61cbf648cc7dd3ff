package org.tusk.storage;

import org.tusk.api.storage.TransactionStatus;
import org.tusk.buffer.BufferManager;
import org.tusk.lmgr.LockManager;
import org.tusk.shmem.ShmemAttachment;
import org.tusk.wal.Wal;
import org.tusk.wal.WalWriter;
import org.tusk.xact.TransactionSystem;

/**
 * The storage core of one backend or checkpointer process, attached to its
 * slot (PostgreSQL's InitProcess part for storage): the WAL writer, the buffer
 * manager, the transaction system and the lock manager. {@link StorageCore}
 * registers these as services; tests that play backends in child JVMs attach
 * the same way through here.
 */
public record ProcessStorage(WalWriter wal, BufferManager buffers, TransactionSystem xacts, LockManager locks) {

    public static ProcessStorage attach(ShmemAttachment attachment, StorageSettings settings) {
        WalWriter wal = Wal.attach(attachment.segment(), attachment.dataDirectory(), settings.walSettings(),
                attachment.slot());
        TransactionSystem xacts = TransactionSystem.attach(attachment.segment(), attachment.dataDirectory(),
                attachment.slot(), wal);
        // hint-bit changes hold back a checkpoint through the ProcArray's DELAY_CHKPT_START, as commits do
        return new ProcessStorage(wal,
                BufferManager.attach(attachment.segment(), attachment.dataDirectory(), attachment.slot(), wal,
                        xacts.procArray()),
                xacts,
                LockManager.attach(attachment.segment(), attachment.slot(), settings.lockSettings()));
    }

    /** Running per the ProcArray, else committed per the commit log, else aborted (crashed ones too). */
    public TransactionStatus status(int xid) {
        if (xacts.procArray().isInProgress(xid)) {
            return TransactionStatus.IN_PROGRESS;
        }
        return xacts.commitLog().didCommit(xid) ? TransactionStatus.COMMITTED : TransactionStatus.ABORTED;
    }

    /** A new session's transaction: its own transaction manager joined with this process's lock manager. */
    public SessionTransaction newSession() {
        return new SessionTransaction(xacts.newTransactionManager(wal), locks, xacts.procArray()::pruneHorizon);
    }
}
