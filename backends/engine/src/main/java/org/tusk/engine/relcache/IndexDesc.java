package org.tusk.engine.relcache;

import java.util.List;

import org.tusk.api.storage.RelFileLocator;

/**
 * An index of a relation (pg_index + the index's pg_class row): its key
 * columns as attnums of the table, in key order (0 for an expression column,
 * whose text is the next of {@code expressions}), the non-key INCLUDE
 * columns, the stored texts of indexprs and indpred (null when not partial),
 * the key columns' types (the index's own pg_attribute) and indoption.
 * {@code ready} is indisready: false for the INVALID index a failed CREATE
 * INDEX CONCURRENTLY leaves behind, which inserts do not maintain, the
 * planner does not use, and only REINDEX rebuilds (making it valid).
 */
public record IndexDesc(int oid, String name, String amName, RelFileLocator locator, int[] keyAttnums,
        boolean unique, boolean primary, int[] includeAttnums, List<String> expressions, String predicate,
        int[] keyTypeOids, short[] options, boolean nullsNotDistinct, boolean ready) {

    public IndexDesc(int oid, String name, String amName, RelFileLocator locator, int[] keyAttnums, boolean unique,
            boolean primary) {
        this(oid, name, amName, locator, keyAttnums, unique, primary, new int[0], List.of(), null, null,
                new short[keyAttnums.length], false, true);
    }

    /** Whether some key column is an expression. */
    public boolean hasExpressions() {
        return !expressions.isEmpty();
    }
}
