package org.tusk.engine.nodes;

/** RoleStmtType: CREATE ROLE / USER / GROUP. */
public enum RoleStmtType {
    ROLE, USER, GROUP
}
