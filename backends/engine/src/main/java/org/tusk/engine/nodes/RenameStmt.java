package org.tusk.engine.nodes;

/** RenameStmt: ALTER ... RENAME [COLUMN|CONSTRAINT] x TO y. {@code relation} for relation-like objects, {@code object} (AnyName, ObjectWithArgs, ...) otherwise; {@code subname} is the column/constraint/trigger being renamed. */
public record RenameStmt(ObjectType renameType, ObjectType relationType, RangeVar relation, RawNode object,
        String subname, String newname, DropBehavior behavior, boolean missingOk) implements RawStmt {

    @Override
    public String commandName() {
        return "ALTER " + AlterTableStmt.objectTag(renameType == ObjectType.COLUMN || renameType == ObjectType.TABCONSTRAINT || renameType == ObjectType.TRIGGER || renameType == ObjectType.RULE || renameType == ObjectType.POLICY ? relationType : renameType);
    }
}
