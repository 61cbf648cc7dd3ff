package org.tusk.engine.nodes;

/** SHOW name | SHOW ALL. */
public record VariableShowStmt(String name, int location) implements RawStmt {
    @Override
    public String commandName() {
        return "SHOW";
    }
}
