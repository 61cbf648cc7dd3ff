package org.tusk.engine.nodes;

import java.util.List;

/** AlterRoleStmt: ALTER ROLE/USER name [WITH] options; ALTER GROUP ADD/DROP USER ({@code action} +1 add, -1 drop). */
public record AlterRoleStmt(RoleSpec role, List<DefElem> options, int action) implements RawStmt {

    @Override
    public String commandName() {
        return "ALTER ROLE";
    }
}
