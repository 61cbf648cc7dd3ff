package org.tusk.engine.nodes;

/** RoleSpec: a role name or CURRENT_USER, SESSION_USER, CURRENT_ROLE, PUBLIC. */
public record RoleSpec(RoleSpecType roletype, String rolename, int location) implements RawNode {}
