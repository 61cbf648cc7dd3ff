package org.tusk.storage;

import org.tusk.api.storage.Lsn;
import org.tusk.wal.CheckpointRecord;
import org.tusk.wal.DecodedBlock;
import org.tusk.wal.DecodedRecord;
import org.tusk.wal.FullPageImageForHint;
import org.tusk.wal.RedoBlock;
import org.tusk.wal.RedoContext;
import org.tusk.wal.ResourceManager;

/**
 * Redo of the XLOG resource manager's own records: checkpoints change no page;
 * replay only remembers the newest one's counters (the next xid must end up
 * past any the replayed checkpoints knew of), NEXTOID records advance the
 * OID counter's logged limit, and a full-page image logged for a hint bit
 * (XLOG_FPI_FOR_HINT) is restored.
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
        } else if (FullPageImageForHint.is(record)) {
            restoreImages(record, context);
        }
    }

    /**
     * XLOG_FPI_FOR_HINT: the page is restored from its image (always there:
     * the record is logged only for its image), over whatever torn write of
     * the hinted page is on disk.
     */
    private static void restoreImages(DecodedRecord record, RedoContext context) {
        for (DecodedBlock block : record.blocks()) {
            try (RedoBlock page = context.block(record, block.blockId())) {
                if (page.action() != RedoBlock.Action.RESTORED) {
                    throw new IllegalStateException("XLOG_FPI_FOR_HINT record at " + Lsn.format(record.lsn())
                            + " did not restore block " + block.blockId() + ": " + page.action());
                }
            }
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
