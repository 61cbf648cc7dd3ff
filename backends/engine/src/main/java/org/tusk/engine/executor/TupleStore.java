package org.tusk.engine.executor;

import java.util.ArrayList;
import java.util.List;

/**
 * An append-only row store that keeps rows in memory up to work_mem and then
 * moves them to a temp file (tuplestore.c); readers start from the first row.
 * Used by Material, CteScan, WorkTableScan/RecursiveUnion and WindowAgg.
 */
final class TupleStore {
    private final EState estate;
    private List<Object[]> memory = new ArrayList<>();
    private long memoryBytes;
    private SpillFile file;
    private long count;

    TupleStore(EState estate) {
        this.estate = estate;
    }

    void add(Object[] row) {
        count++;
        if (file != null) {
            file.write(row);
            return;
        }
        memory.add(row);
        memoryBytes += RowCodec.estimateSize(row);
        if (memoryBytes > estate.workMemBytes()) {
            file = new SpillFile(estate.tempFiles());
            for (Object[] r : memory) {
                file.write(r);
            }
            memory = null;
        }
    }

    long size() {
        return count;
    }

    boolean spilled() {
        return file != null;
    }

    /** A reader over the rows added so far; rows added later are seen only by in-memory readers. */
    Cursor cursor() {
        return new Cursor();
    }

    void clear() {
        if (file != null) {
            file.delete();
            file = null;
        }
        memory = new ArrayList<>();
        memoryBytes = 0;
        count = 0;
    }

    final class Cursor {
        private int index;
        private SpillFile.Reader reader;

        Object[] next() {
            if (file != null) {
                if (reader == null) {
                    reader = file.reader();
                    for (int i = 0; i < index; i++) {
                        reader.next();
                    }
                }
                Object[] r = reader.next();
                if (r != null) {
                    index++;
                }
                return r;
            }
            if (index < memory.size()) {
                return memory.get(index++);
            }
            return null;
        }

        void close() {
            if (reader != null) {
                reader.close();
            }
        }
    }
}
