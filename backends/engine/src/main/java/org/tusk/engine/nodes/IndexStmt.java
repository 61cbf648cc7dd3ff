package org.tusk.engine.nodes;

import java.util.List;

/** IndexStmt: CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON [ONLY] rel [USING am] (elems) [INCLUDE] [NULLS [NOT] DISTINCT] [WITH] [TABLESPACE] [WHERE]. */
public record IndexStmt(String idxname, RangeVar relation, String accessMethod, String tableSpace,
        List<IndexElem> indexParams, List<IndexElem> indexIncludingParams, List<DefElem> options,
        RawNode whereClause, boolean unique, boolean nullsNotDistinct, boolean concurrent, boolean ifNotExists)
        implements RawStmt {

    @Override
    public String commandName() {
        return "CREATE INDEX";
    }
}
