package org.tusk.engine.nodes;

/** RoleSpecType: a role name or one of the special role words. */
public enum RoleSpecType {
    CSTRING, CURRENT_ROLE, CURRENT_USER, SESSION_USER, PUBLIC
}
