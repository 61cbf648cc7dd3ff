package org.tusk.engine.executor.modify;

import java.util.List;

import org.tusk.api.storage.IndexAccessMethod;
import org.tusk.api.storage.IndexDescriptor;
import org.tusk.engine.types.PgType;

/**
 * An index the executor maintains on every insert and update of its table
 * (ExecInsertIndexTuples): its access method and descriptor, which table
 * columns (0-based) form its key, and their types for
 * {@link org.tusk.engine.executor.scan.IndexKeyEncoding}.
 */
public record ResultIndex(IndexAccessMethod am, IndexDescriptor descriptor, int[] keyColumns, List<PgType> keyTypes) {

    public String name() {
        return descriptor.name();
    }

    public boolean unique() {
        return descriptor.unique();
    }

    /** The key column values of {@code row}. */
    public Object[] keyValues(Object[] row) {
        Object[] key = new Object[keyColumns.length];
        for (int i = 0; i < keyColumns.length; i++) {
            key[i] = row[keyColumns[i]];
        }
        return key;
    }
}
