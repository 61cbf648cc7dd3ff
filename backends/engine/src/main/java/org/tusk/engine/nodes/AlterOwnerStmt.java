package org.tusk.engine.nodes;

/** AlterOwnerStmt: ALTER ... OWNER TO for objects that are not relations. */
public record AlterOwnerStmt(ObjectType objectType, RangeVar relation, RawNode object, RoleSpec newowner)
        implements RawStmt {

    @Override
    public String commandName() {
        return "ALTER " + AlterTableStmt.objectTag(objectType);
    }
}
