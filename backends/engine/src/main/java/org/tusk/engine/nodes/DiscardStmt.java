package org.tusk.engine.nodes;

/** DISCARD ALL | PLANS | SEQUENCES | TEMP. */
public record DiscardStmt(String target, int location) implements RawStmt {
    @Override
    public String commandName() {
        return "DISCARD " + target;
    }
}
