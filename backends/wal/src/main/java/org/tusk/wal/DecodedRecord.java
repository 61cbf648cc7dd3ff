package org.tusk.wal;

import java.util.List;

/**
 * A record read back from the WAL (PostgreSQL's XLogReaderState after
 * decoding): where it starts and ends, and what {@link WalRecord} held.
 */
public record DecodedRecord(long lsn, long endLsn, int rmgrId, int info, int xid, byte[] data,
        List<DecodedBlock> blocks) {

    /** The block with the record's {@code blockId}, or null. */
    public DecodedBlock block(int blockId) {
        for (DecodedBlock block : blocks) {
            if (block.blockId() == blockId) {
                return block;
            }
        }
        return null;
    }
}
