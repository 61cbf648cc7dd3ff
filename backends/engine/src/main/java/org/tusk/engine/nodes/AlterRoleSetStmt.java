package org.tusk.engine.nodes;

/** AlterRoleSetStmt: ALTER ROLE name [IN DATABASE db] SET/RESET ... */
public record AlterRoleSetStmt(RoleSpec role, String database, VariableSetStmt setstmt) implements RawStmt {

    @Override
    public String commandName() {
        return "ALTER ROLE";
    }
}
