package org.tusk.engine.nodes;

import java.util.List;

/** ConstraintsSetStmt: SET CONSTRAINTS {ALL | names} {DEFERRED | IMMEDIATE}; constraints null for ALL. */
public record ConstraintsSetStmt(List<RangeVar> constraints, boolean deferred) implements RawStmt {

    @Override
    public String commandName() {
        return "SET CONSTRAINTS";
    }
}
