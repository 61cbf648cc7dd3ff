package org.tusk.engine.nodes;

/** CreateTableAsStmt: CREATE TABLE AS, SELECT INTO, CREATE MATERIALIZED VIEW. */
public record CreateTableAsStmt(RawStmt query, IntoClause into, ObjectType objtype, boolean isSelectInto,
        boolean ifNotExists) implements RawStmt {

    @Override
    public String commandName() {
        return isSelectInto ? "SELECT" : objtype == ObjectType.MATVIEW ? "CREATE MATERIALIZED VIEW" : "CREATE TABLE AS";
    }
}
