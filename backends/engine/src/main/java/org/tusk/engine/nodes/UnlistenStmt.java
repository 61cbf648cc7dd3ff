package org.tusk.engine.nodes;

/** UnlistenStmt: UNLISTEN channel | * (null). */
public record UnlistenStmt(String conditionname) implements RawStmt {

    @Override
    public String commandName() {
        return "UNLISTEN";
    }
}
