package org.tusk.engine.nodes;

/** DiscardStmt: DISCARD ALL | PLANS | SEQUENCES | TEMP. */
public record DiscardStmt(DiscardMode target, int location) implements RawStmt {

    @Override
    public String commandName() {
        return "DISCARD " + target.name();
    }
}
