package org.tusk.engine.nodes;

import java.util.List;

/** ColumnDef: a column of CREATE TABLE / ALTER TABLE ADD COLUMN / a column definition list. DEFAULT, NOT NULL etc. stay in {@code constraints} as gram.y leaves them. */
public record ColumnDef(String colname, TypeName typeName, String compression, String storage,
        CollateClause collClause, List<Constraint> constraints, int location) implements RawNode {}
