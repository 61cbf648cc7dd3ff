package org.tusk.engine.nodes;

import java.util.List;

/**
 * CreatePolicyStmt: CREATE POLICY name ON table [AS PERMISSIVE|RESTRICTIVE] [FOR cmd] [TO roles] [USING (qual)]
 * [WITH CHECK (qual)]. {@code cmdName} is "all", "select", "insert", "update" or "delete"; {@code roles} null
 * means PUBLIC. The expressions' source texts are kept because pg_policy stores them as SQL text.
 */
public record CreatePolicyStmt(String policyName, RangeVar table, String cmdName, boolean permissive,
        List<RoleSpec> roles, RawNode qual, String qualText, RawNode withCheck, String withCheckText, int location)
        implements RawStmt {

    @Override
    public String commandName() {
        return "CREATE POLICY";
    }
}
