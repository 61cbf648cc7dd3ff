package org.tusk.engine.nodes;

import java.util.List;

/** GrantStmt: GRANT/REVOKE privileges ON objects TO/FROM grantees. {@code privileges} null means ALL [PRIVILEGES]; objects are RangeVar (tables), AnyName, ObjectWithArgs or plain names. */
public record GrantStmt(boolean isGrant, GrantTargetType targtype, ObjectType objtype, List<RawNode> objects,
        List<AccessPriv> privileges, List<RoleSpec> grantees, boolean grantOption, RoleSpec grantor,
        DropBehavior behavior) implements RawStmt {

    @Override
    public String commandName() {
        return isGrant ? "GRANT" : "REVOKE";
    }
}
