package org.tusk.engine.nodes;

import java.util.List;

/** CreateRangeStmt: CREATE TYPE name AS RANGE (params). */
public record CreateRangeStmt(List<String> typeName, List<DefElem> params) implements RawStmt {

    @Override
    public String commandName() {
        return "CREATE TYPE";
    }
}
