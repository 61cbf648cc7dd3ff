package org.tusk.engine.nodes;

/** AlterDatabaseSetStmt: ALTER DATABASE name SET var {=|TO} value | RESET var | RESET ALL. */
public record AlterDatabaseSetStmt(String dbname, VariableSetStmt setstmt) implements RawStmt {
    @Override
    public String commandName() {
        return "ALTER DATABASE";
    }
}
