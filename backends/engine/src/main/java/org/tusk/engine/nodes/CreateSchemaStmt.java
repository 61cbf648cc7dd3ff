package org.tusk.engine.nodes;

import java.util.List;

/**
 * CreateSchemaStmt: CREATE SCHEMA [IF NOT EXISTS] [name] [AUTHORIZATION role] [elements]. Each element
 * (CREATE TABLE/VIEW/INDEX/SEQUENCE/TRIGGER, GRANT) keeps its 0-based location in the query string and
 * its source text, which a view's definition needs.
 */
public record CreateSchemaStmt(String schemaname, RoleSpec authrole, List<RawStmt> schemaElts, boolean ifNotExists,
        List<Integer> eltLocations, List<String> eltSources) implements RawStmt {

    /** Without element positions (no elements, or positions unknown). */
    public CreateSchemaStmt(String schemaname, RoleSpec authrole, List<RawStmt> schemaElts, boolean ifNotExists) {
        this(schemaname, authrole, schemaElts, ifNotExists, List.of(), List.of());
    }

    @Override
    public String commandName() {
        return "CREATE SCHEMA";
    }
}
