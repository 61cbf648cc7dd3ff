package org.tusk.storage;

import org.tusk.wal.CheckpointRecord;
import org.tusk.wal.DecodedRecord;
import org.tusk.wal.RedoContext;
import org.tusk.wal.ResourceManager;

/**
 * Redo of the XLOG resource manager's own records: checkpoints change no page;
 * replay only remembers the newest one's counters (the next xid must end up
 * past any the replayed checkpoints knew of).
 */
final class XlogResourceManager implements ResourceManager {

    private long nextXid;
    private int nextOid;

    XlogResourceManager(long nextXid, int nextOid) {
        this.nextXid = nextXid;
        this.nextOid = nextOid;
    }

    @Override
    public int id() {
        return XLOG;
    }

    @Override
    public String name() {
        return "XLOG";
    }

    @Override
    public void redo(DecodedRecord record, RedoContext context) {
        if (CheckpointRecord.isCheckpoint(record)) {
            CheckpointRecord checkpoint = CheckpointRecord.decode(record);
            nextXid = Math.max(nextXid, checkpoint.nextXid());
            nextOid = Math.max(nextOid, checkpoint.nextOid());
        }
    }

    long nextXid() {
        return nextXid;
    }

    int nextOid() {
        return nextOid;
    }
}
