package org.tusk.engine.nodes;

import java.util.List;

/** CreatedbStmt: CREATE DATABASE name [WITH] options. */
public record CreatedbStmt(String dbname, List<DefElem> options) implements RawStmt {

    @Override
    public String commandName() {
        return "CREATE DATABASE";
    }
}
