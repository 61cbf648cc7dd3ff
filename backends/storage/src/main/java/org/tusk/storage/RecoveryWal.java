package org.tusk.storage;

import org.tusk.wal.WalRecord;
import org.tusk.wal.WalWriter;

/**
 * The WAL as the buffer manager sees it during redo: every record being
 * replayed was read from disk, so "flush WAL up to the page LSN" before
 * writing a page is already true (PostgreSQL updates minRecoveryPoint here
 * instead, which only matters for archive recovery). Nothing may be inserted.
 */
final class RecoveryWal implements WalWriter {

    private final long endOfWal;

    RecoveryWal(long endOfWal) {
        this.endOfWal = endOfWal;
    }

    @Override
    public long insert(WalRecord record) {
        throw new IllegalStateException("cannot insert WAL records during recovery");
    }

    @Override
    public void flush(long upTo) {
        // replayed WAL is on disk already
    }

    @Override
    public long flushedUpTo() {
        return endOfWal;
    }

    @Override
    public long insertPosition() {
        return endOfWal;
    }

    @Override
    public boolean recoveryInProgress() {
        return true;
    }

    @Override
    public long redoPointer() {
        return 0;
    }
}
