package org.tusk.engine.nodes;

import java.util.List;

/** CompositeTypeStmt: CREATE TYPE name AS (columns). */
public record CompositeTypeStmt(RangeVar typevar, List<ColumnDef> coldeflist) implements RawStmt {

    @Override
    public String commandName() {
        return "CREATE TYPE";
    }
}
