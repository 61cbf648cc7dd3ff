package org.tusk.engine.nodes;

/** ClosePortalStmt: CLOSE name | ALL (name null). */
public record ClosePortalStmt(String portalname) implements RawStmt {

    @Override
    public String commandName() {
        return portalname == null ? "CLOSE CURSOR ALL" : "CLOSE CURSOR";
    }
}
