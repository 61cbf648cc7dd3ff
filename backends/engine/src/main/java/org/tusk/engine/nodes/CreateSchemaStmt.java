package org.tusk.engine.nodes;

import java.util.List;

/** CreateSchemaStmt: CREATE SCHEMA [IF NOT EXISTS] [name] [AUTHORIZATION role] [elements]. */
public record CreateSchemaStmt(String schemaname, RoleSpec authrole, List<RawStmt> schemaElts, boolean ifNotExists)
        implements RawStmt {

    @Override
    public String commandName() {
        return "CREATE SCHEMA";
    }
}
