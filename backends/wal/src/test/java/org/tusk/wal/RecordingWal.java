package org.tusk.heapam;

import java.util.ArrayList;
import java.util.List;

import org.tusk.wal.BlockReference;
import org.tusk.wal.DecodedBlock;
import org.tusk.wal.DecodedRecord;
import org.tusk.wal.WalRecord;
import org.tusk.wal.WalWriter;

/** A WAL that keeps records in memory (no full-page images) and can hand them back decoded, for redo tests. */
final class RecordingWal implements WalWriter {

    final List<DecodedRecord> records = new ArrayList<>();
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
