package org.tusk.buffer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

import org.tusk.wal.WalRecord;
import org.tusk.wal.WalWriter;

/**
 * A WalWriter that records the flush(lsn) calls (and can run a probe at each,
 * to check ordering) and the inserted records with a copy of each block's
 * page as it was when inserted (the buffer manager's hint path reuses its
 * copy); the redo pointer and the recovery state are the test's to set.
 */
final class FakeWal implements WalWriter {

    final List<Long> flushes = new ArrayList<>();
    final List<WalRecord> inserted = new ArrayList<>();
    final List<byte[]> insertedPages = new ArrayList<>();
    final List<Long> insertedEnds = new ArrayList<>();
    long redo;
    boolean recovery;
    private long flushed;
    private long insertEnd = 1000;
    LongConsumer onFlush = lsn -> { };
    Runnable onInsert = () -> { };

    @Override
    public synchronized long insert(WalRecord record) {
        onInsert.run();
        inserted.add(record);
        for (var block : record.blocks()) {
            byte[] page = new byte[Page.BLCKSZ];
            block.page().get(0, page);
            insertedPages.add(page);
        }
        insertEnd += Page.BLCKSZ;
        insertedEnds.add(insertEnd);
        return insertEnd;
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
        return redo;
    }

    @Override
    public boolean recoveryInProgress() {
        return recovery;
    }
}
