package org.tusk.engine.nodes;

import java.util.List;

/** CreateEnumStmt: CREATE TYPE name AS ENUM (labels). */
public record CreateEnumStmt(List<String> typeName, List<String> vals) implements RawStmt {

    @Override
    public String commandName() {
        return "CREATE TYPE";
    }
}
