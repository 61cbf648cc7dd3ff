package org.tusk.engine.nodes;

import java.util.List;

/** CreateStmt: CREATE [TEMP|UNLOGGED] TABLE [IF NOT EXISTS] name (elements) [INHERITS] [PARTITION BY] [USING am] [WITH (...)] [ON COMMIT] [TABLESPACE]; also PARTITION OF and OF type. {@code tableElts} holds ColumnDef, Constraint and TableLikeClause. */
public record CreateStmt(RangeVar relation, List<RawNode> tableElts, List<RangeVar> inhRelations,
        PartitionBoundSpec partbound, PartitionSpec partspec, TypeName ofTypename, List<Constraint> constraints,
        List<DefElem> options, OnCommitAction oncommit, String tablespacename, String accessMethod,
        boolean ifNotExists) implements RawStmt {

    @Override
    public String commandName() {
        return "CREATE TABLE";
    }
}
