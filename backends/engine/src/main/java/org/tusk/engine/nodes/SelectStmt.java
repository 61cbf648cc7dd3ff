package org.tusk.engine.nodes;

import java.util.List;

/** SELECT targets [FROM relation] [WHERE] [ORDER BY] [LIMIT] [OFFSET]. */
public record SelectStmt(List<ResTarget> targets, List<RangeVarNode> from, RawNode where, List<SortByNode> sortBy,
        RawNode limitCount, RawNode limitOffset, int location) implements RawStmt {
    @Override
    public String commandName() {
        return "SELECT";
    }
}
