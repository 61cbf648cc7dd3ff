package org.tusk.engine.commands.copy;

import java.util.ArrayList;
import java.util.List;

import org.tusk.api.error.PgException;
import org.tusk.api.storage.TupleId;
import org.tusk.engine.executor.modify.TableModifier;

/**
 * copyfrom.c's CopyMultiInsertBuffer: COPY FROM's checked rows wait here and
 * are stored together (TableAccessMethod.multiInsert: the heap fills a page
 * under one lock and one WAL record), then get their index entries in input
 * order, so a unique check sees the earlier rows of the batch as it would have
 * row by row. A flush holds at most {@link #MAX_TUPLES} rows or about
 * {@link #MAX_BYTES} bytes of tuples (PostgreSQL's limits). An error while
 * indexing a row names its line without the raw text, as PostgreSQL's does
 * ({@code COPY t, line 3}): the reader has moved on.
 */
final class CopyMultiInsertBuffer {

    static final int MAX_TUPLES = 1000;
    static final int MAX_BYTES = 65535;

    private final TableModifier modifier;
    private final String table;
    /** Whether the table has indexes, asked once (per row it was 2.6% of the load); COPY's lock keeps it so. */
    private final boolean indexed;
    private final List<Object[]> rows = new ArrayList<>();
    private final List<byte[]> tuples = new ArrayList<>();
    private long[] lineNumbers = new long[MAX_TUPLES];
    private int bytes;

    CopyMultiInsertBuffer(TableModifier modifier, String table) {
        this.modifier = modifier;
        this.table = table;
        this.indexed = modifier.hasIndexes();
    }

    /** Whether {@link #add} keeps the row (to index it at the flush); else the caller may reuse its array. */
    boolean keepsRows() {
        return indexed;
    }

    /** Adds a row checked by {@link TableModifier#prepareBatchedInsert}; flushes when the buffer is full. */
    void add(Object[] row, byte[] tuple, long lineNumber) {
        lineNumbers[rows.size()] = lineNumber;
        rows.add(indexed ? row : null);
        tuples.add(tuple);
        bytes += tuple.length;
        if (tuples.size() >= MAX_TUPLES || bytes >= MAX_BYTES) {
            flush();
        }
    }

    /** Stores the buffered rows and indexes them. */
    void flush() {
        if (tuples.isEmpty()) {
            return;
        }
        TupleId[] tids;
        try {
            tids = modifier.storeBatch(tuples);
        } catch (PgException e) {
            throw e.withContext("COPY " + table + ", line " + lineNumbers[tuples.size() - 1]);
        }
        if (indexed) {
            for (int i = 0; i < tids.length; i++) {
                try {
                    modifier.insertIndexEntriesOf(rows.get(i), tids[i]);
                } catch (PgException e) {
                    throw e.withContext("COPY " + table + ", line " + lineNumbers[i]);
                }
            }
        }
        rows.clear();
        tuples.clear();
        bytes = 0;
    }
}
