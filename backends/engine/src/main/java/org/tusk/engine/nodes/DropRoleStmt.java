package org.tusk.engine.nodes;

import java.util.List;

/** DropRoleStmt: DROP ROLE/USER/GROUP [IF EXISTS] names. */
public record DropRoleStmt(List<RoleSpec> roles, boolean missingOk) implements RawStmt {

    @Override
    public String commandName() {
        return "DROP ROLE";
    }
}
