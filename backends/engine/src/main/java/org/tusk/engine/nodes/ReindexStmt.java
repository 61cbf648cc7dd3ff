package org.tusk.engine.nodes;

import java.util.List;

/**
 * ReindexStmt: REINDEX [(options)] {INDEX|TABLE|SCHEMA|DATABASE|SYSTEM} [CONCURRENTLY] name.
 * {@code relation} names the index or table, {@code name} the schema or database (null when omitted).
 */
public record ReindexStmt(Kind kind, RangeVar relation, String name, List<DefElem> params, boolean concurrently)
        implements RawStmt {

    /** ReindexObjectType. */
    public enum Kind { INDEX, TABLE, SCHEMA, SYSTEM, DATABASE }

    @Override
    public String commandName() {
        return "REINDEX";
    }
}
