package org.tusk.xact;

import java.util.ArrayList;
import java.util.List;

import org.tusk.wal.DecodedRecord;
import org.tusk.wal.WalRecord;
import org.tusk.wal.WalWriter;

/** A WalWriter that keeps records in memory: increasing LSNs, flush calls recorded. */
final class FakeWal implements WalWriter {

    private final List<WalRecord> records = new ArrayList<>();
    private final List<Long> starts = new ArrayList<>();
    private final List<Long> flushes = new ArrayList<>();
    private long insertPosition = 0x100_0000L;
    private long flushed = insertPosition;

    @Override
    public synchronized long insert(WalRecord record) {
        starts.add(insertPosition);
        records.add(record);
        insertPosition += 24 + record.data().length;
        return insertPosition;
    }

    @Override
    public synchronized void flush(long upTo) {
        flushes.add(upTo);
        if (upTo > flushed) {
            flushed = Math.min(upTo, insertPosition);
        }
    }

    @Override
    public synchronized long flushedUpTo() {
        return flushed;
    }

    @Override
    public synchronized long insertPosition() {
        return insertPosition;
    }

    @Override
    public long redoPointer() {
        return 0;
    }

    synchronized List<WalRecord> records() {
        return List.copyOf(records);
    }

    synchronized List<Long> flushes() {
        return List.copyOf(flushes);
    }

    /** The records as recovery would read them back. */
    synchronized List<DecodedRecord> decoded() {
        List<DecodedRecord> result = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            WalRecord r = records.get(i);
            long start = starts.get(i);
            result.add(new DecodedRecord(start, start + 24 + r.data().length, r.rmgrId(), r.info(), r.xid(),
                    r.data(), List.of()));
        }
        return result;
    }
}
