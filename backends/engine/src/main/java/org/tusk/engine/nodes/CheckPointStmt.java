package org.tusk.engine.nodes;

/** CheckPointStmt: CHECKPOINT. */
public record CheckPointStmt() implements RawStmt {

    @Override
    public String commandName() {
        return "CHECKPOINT";
    }
}
