package org.tusk.engine.commands.role;

/**
 * What DROP ROLE asks the catalog before deleting a role (PostgreSQL's
 * checkSharedDependencies): throws 2BP01 {@code role "x" cannot be dropped
 * because some objects depend on it} when the role owns objects or appears in
 * an ACL. The catalog supplies it; until then nothing depends on roles.
 */
@FunctionalInterface
public interface RoleDependencies {
    RoleDependencies NONE = (oid, name) -> { };

    void checkDroppable(long roleOid, String roleName);
}
