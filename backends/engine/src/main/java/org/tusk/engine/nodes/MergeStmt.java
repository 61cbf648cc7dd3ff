package org.tusk.engine.nodes;

import java.util.List;

/** MergeStmt: [WITH] MERGE INTO relation USING source ON joinCondition WHEN ... (PostgreSQL 15). */
public record MergeStmt(RangeVar relation, RawNode sourceRelation, RawNode joinCondition,
        List<MergeWhenClause> whenClauses, WithClause withClause, int location) implements RawStmt {

    @Override
    public String commandName() {
        return "MERGE";
    }
}
