package org.tusk.engine.nodes;

/** VariableShowStmt: SHOW name | ALL (special names mapped: TIME ZONE to timezone, ...). */
public record VariableShowStmt(String name, int location) implements RawStmt {

    @Override
    public String commandName() {
        return "SHOW";
    }
}
