package org.tusk.engine.nodes;

import java.util.List;

/** DropdbStmt: DROP DATABASE [IF EXISTS] name [(FORCE)]. */
public record DropdbStmt(String dbname, boolean missingOk, List<DefElem> options) implements RawStmt {

    @Override
    public String commandName() {
        return "DROP DATABASE";
    }
}
