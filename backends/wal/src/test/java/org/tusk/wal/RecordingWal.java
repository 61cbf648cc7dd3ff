package org.tusk.wal;

import java.util.ArrayList;
import java.util.List;

/**
 * A WAL that keeps records in memory (no full-page images) and can hand them
 * back decoded, for access methods' redo tests (shared through this module's
 * test jar).
 */
public final class RecordingWal implements WalWriter {

    public final List<DecodedRecord> records = new ArrayList<>();
    private long position = 1000;

    @Override
    public synchronized long insert(WalRecord record) {
        long start = position;
        position += 64 + record.data().length;
        List<DecodedBlock> blocks = new ArrayList<>();
        for (BlockReference ref : record.blocks()) {
            blocks.add(new DecodedBlock(ref.blockId(), ref.locator(), ref.fork(), ref.blockNumber(),
                    ref.has(BlockReference.WILL_INIT), null));
        }
        records.add(new DecodedRecord(start, position, record.rmgrId(), record.info(), record.xid(),
                record.data().clone(), List.copyOf(blocks)));
        return position;
    }

    @Override
    public void flush(long upTo) {
    }

    @Override
    public long flushedUpTo() {
        return position;
    }

    @Override
    public long insertPosition() {
        return position;
    }

    @Override
    public long redoPointer() {
        return 0;
    }
}
