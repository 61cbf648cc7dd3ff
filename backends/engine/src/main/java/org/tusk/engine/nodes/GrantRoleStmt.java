package org.tusk.engine.nodes;

import java.util.List;

/** GrantRoleStmt: GRANT role TO role [WITH ADMIN OPTION] / REVOKE [ADMIN OPTION FOR] role FROM role. */
public record GrantRoleStmt(List<AccessPriv> grantedRoles, List<RoleSpec> granteeRoles, boolean isGrant,
        boolean adminOpt, RoleSpec grantor, DropBehavior behavior) implements RawStmt {

    @Override
    public String commandName() {
        return isGrant ? "GRANT ROLE" : "REVOKE ROLE";
    }
}
