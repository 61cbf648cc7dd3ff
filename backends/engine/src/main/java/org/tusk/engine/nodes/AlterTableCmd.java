package org.tusk.engine.nodes;

/** AlterTableCmd: one subcommand of ALTER TABLE; {@code def} is a ColumnDef, Constraint, TypeName (ALTER COLUMN TYPE, with the USING expression in {@code using}), default expression, NodeList of DefElem, ... */
public record AlterTableCmd(AlterTableType subtype, String name, int num, RoleSpec newowner, RawNode def,
        RawNode using, DropBehavior behavior, boolean missingOk) {}
