package org.tusk.engine.nodes;

import java.util.List;

/**
 * AlterPolicyStmt: ALTER POLICY name ON table RENAME TO newName (then the other fields are null), or
 * ALTER POLICY name ON table [TO roles] [USING (qual)] [WITH CHECK (qual)] where a null field stays as it is.
 */
public record AlterPolicyStmt(String policyName, RangeVar table, String newName, List<RoleSpec> roles,
        RawNode qual, String qualText, RawNode withCheck, String withCheckText, int location) implements RawStmt {

    @Override
    public String commandName() {
        return "ALTER POLICY";
    }
}
