package org.tusk.storage;

import org.tusk.wal.CheckpointRecord;
import org.tusk.wal.DecodedRecord;
import org.tusk.wal.RedoContext;
import org.tusk.wal.ResourceManager;

/**
 * Redo of the XLOG resource manager's own records: checkpoints change no page;
 * replay only remembers the newest one's counters (the next xid must end up
 * past any the replayed checkpoints knew of), and NEXTOID records advance the
 * OID counter's logged limit.
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
            nextOid = maxOid(nextOid, checkpoint.nextOid());
        } else if (OidCounter.isNextOid(record)) {
            nextOid = maxOid(nextOid, OidCounter.decodeNextOid(record));
        }
    }

    /**
     * The later of two OID counter values in circular order (the counter wraps
     * around): a checkpoint may record a limit read just before a concurrent
     * NEXTOID record was inserted ahead of it, so the newest record is not
     * always the furthest.
     */
    private static int maxOid(int current, int seen) {
        return seen - current > 0 ? seen : current;
    }

    long nextXid() {
        return nextXid;
    }

    int nextOid() {
        return nextOid;
    }
}
