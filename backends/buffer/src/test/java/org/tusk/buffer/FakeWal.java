package org.tusk.buffer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

import org.tusk.wal.WalRecord;
import org.tusk.wal.WalWriter;

/** A WalWriter that only records the flush(lsn) calls (and can run a probe at each, to check ordering). */
final class FakeWal implements WalWriter {

    final List<Long> flushes = new ArrayList<>();
    private long flushed;
    LongConsumer onFlush = lsn -> { };

    @Override
    public synchronized long insert(WalRecord record) {
        throw new UnsupportedOperationException("the fake WAL does not insert");
    }

    @Override
    public synchronized void flush(long upTo) {
        onFlush.accept(upTo);
        flushes.add(upTo);
        flushed = Math.max(flushed, upTo);
    }

    @Override
    public synchronized long flushedUpTo() {
        return flushed;
    }

    @Override
    public long insertPosition() {
        return flushed;
    }

    @Override
    public long redoPointer() {
        return 0;
    }
}
