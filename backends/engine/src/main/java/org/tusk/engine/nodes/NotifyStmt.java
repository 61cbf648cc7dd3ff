package org.tusk.engine.nodes;

/** NotifyStmt: NOTIFY channel [, 'payload']. */
public record NotifyStmt(String conditionname, String payload) implements RawStmt {

    @Override
    public String commandName() {
        return "NOTIFY";
    }
}
