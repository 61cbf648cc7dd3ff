package org.tusk.engine.nodes;

import java.util.List;

/** DeleteStmt: DELETE FROM relation [USING] [WHERE] [RETURNING]. */
public record DeleteStmt(RangeVar relation, List<RawNode> usingClause, RawNode whereClause,
        List<ResTarget> returningList, WithClause withClause, int location) implements RawStmt {

    @Override
    public String commandName() {
        return "DELETE";
    }
}
