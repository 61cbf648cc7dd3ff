package org.tusk.engine.nodes;

import java.util.List;

/** UpdateStmt: UPDATE relation SET targets [FROM] [WHERE] [RETURNING]. */
public record UpdateStmt(RangeVar relation, List<ResTarget> targetList, RawNode whereClause,
        List<RawNode> fromClause, List<ResTarget> returningList, WithClause withClause, int location)
        implements RawStmt {

    @Override
    public String commandName() {
        return "UPDATE";
    }
}
