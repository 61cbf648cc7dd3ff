package org.tusk.engine.nodes;

import java.util.List;

/** CreateRoleStmt: CREATE ROLE/USER/GROUP name [WITH] options. */
public record CreateRoleStmt(RoleStmtType stmtType, String role, List<DefElem> options) implements RawStmt {

    @Override
    public String commandName() {
        return "CREATE " + stmtType.name();
    }
}
