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
public record ResultIndex(IndexAccessMethod am, IndexDescriptor descriptor, int[] keyColumns, List<PgType> keyTypes,
        org.tusk.engine.expr.Expr[] keyExprs, org.tusk.engine.expr.Expr predicate, boolean nullsNotDistinct) {

    public ResultIndex(IndexAccessMethod am, IndexDescriptor descriptor, int[] keyColumns, List<PgType> keyTypes) {
        this(am, descriptor, keyColumns, keyTypes, null, null, false);
    }

    public String name() {
        return descriptor.name();
    }

    public boolean unique() {
        return descriptor.unique();
    }

    /**
     * FormIndexDatum: the key of {@code row} (live column values), evaluating
     * expression columns; null when a partial index's predicate is not true
     * for the row (it gets no entry).
     */
    public Object[] keyValues(Object[] row, org.tusk.engine.expr.EvalContext ctx) {
        if (keyExprs == null && predicate == null) {
            return keyValues(row);
        }
        Object[] saved = ctx.row();
        ctx.setRow(row);
        try {
            if (predicate != null && !Boolean.TRUE.equals(predicate.eval(ctx))) {
                return null;
            }
            Object[] key = new Object[keyColumns.length];
            for (int i = 0; i < keyColumns.length; i++) {
                key[i] = keyExprs != null && keyExprs[i] != null ? keyExprs[i].eval(ctx) : row[keyColumns[i]];
            }
            return key;
        } finally {
            ctx.setRow(saved);
        }
    }

    /** The key column values of {@code row} (an index on plain columns). */
    public Object[] keyValues(Object[] row) {
        Object[] key = new Object[keyColumns.length];
        for (int i = 0; i < keyColumns.length; i++) {
            key[i] = row[keyColumns[i]];
        }
        return key;
    }
}
