package org.tusk.engine.nodes;

import java.util.List;

/** DropStmt: DROP <kind> [CONCURRENTLY] [IF EXISTS] names [CASCADE|RESTRICT]. {@code objects} are AnyName (relations, schemas, ... ; for triggers/rules/policies the last name is the object and the rest its table), ObjectWithArgs (functions, operators, aggregates) or TypeName (types, domains). */
public record DropStmt(List<RawNode> objects, ObjectType removeType, DropBehavior behavior, boolean missingOk,
        boolean concurrent) implements RawStmt {

    @Override
    public String commandName() {
        return "DROP " + AlterTableStmt.objectTag(removeType);
    }
}
