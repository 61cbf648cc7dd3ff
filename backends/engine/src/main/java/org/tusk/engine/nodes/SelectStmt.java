package org.tusk.engine.nodes;

import java.util.List;

/** SelectStmt: a SELECT, VALUES, or set operation (op != NONE, larg/rarg) as in parsenodes.h.
 * {@code distinctClause} is null without DISTINCT, empty for plain DISTINCT, the expressions for DISTINCT ON.
 * {@code valuesLists} is non-null only for VALUES. ORDER BY/LIMIT/locking/WITH of a set operation sit on the top node. */
public record SelectStmt(List<RawNode> distinctClause, IntoClause intoClause, List<ResTarget> targetList,
        List<RawNode> fromClause, RawNode whereClause, List<RawNode> groupClause, boolean groupDistinct,
        RawNode havingClause, List<WindowDef> windowClause, List<List<RawNode>> valuesLists,
        List<SortBy> sortClause, RawNode limitOffset, RawNode limitCount, LimitOption limitOption,
        List<LockingClause> lockingClause, WithClause withClause, SetOperation op, boolean all, SelectStmt larg,
        SelectStmt rarg, int location) implements RawStmt {

    @Override
    public String commandName() {
        return "SELECT";
    }
}
