package org.tusk.engine.nodes;

/** RefreshMatViewStmt: REFRESH MATERIALIZED VIEW [CONCURRENTLY] name [WITH [NO] DATA]. */
public record RefreshMatViewStmt(boolean concurrent, boolean skipData, RangeVar relation) implements RawStmt {

    @Override
    public String commandName() {
        return "REFRESH MATERIALIZED VIEW";
    }
}
