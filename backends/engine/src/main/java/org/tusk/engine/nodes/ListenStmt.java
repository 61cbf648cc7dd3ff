package org.tusk.engine.nodes;

/** ListenStmt: LISTEN channel. */
public record ListenStmt(String conditionname) implements RawStmt {

    @Override
    public String commandName() {
        return "LISTEN";
    }
}
