package org.tusk.engine.nodes;

/** DeallocateStmt: DEALLOCATE [PREPARE] name | ALL (name null). */
public record DeallocateStmt(String name) implements RawStmt {

    @Override
    public String commandName() {
        return name == null ? "DEALLOCATE ALL" : "DEALLOCATE";
    }
}
