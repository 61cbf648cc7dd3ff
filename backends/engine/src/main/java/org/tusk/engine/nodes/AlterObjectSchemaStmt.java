package org.tusk.engine.nodes;

/** AlterObjectSchemaStmt: ALTER ... SET SCHEMA. */
public record AlterObjectSchemaStmt(ObjectType objectType, RangeVar relation, RawNode object, String newschema,
        boolean missingOk) implements RawStmt {

    @Override
    public String commandName() {
        return "ALTER " + AlterTableStmt.objectTag(objectType);
    }
}
