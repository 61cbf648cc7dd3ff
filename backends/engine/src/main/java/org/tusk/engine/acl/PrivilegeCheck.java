package org.tusk.engine.acl;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;

/**
 * What the executor and the utility commands call before touching an object
 * (aclchk.c's pg_*_aclcheck and aclcheck_error): superusers pass, others need
 * the privileges in the object's ACL (acldefault when it is NULL).
 *
 * <pre>
 *   PrivilegeCheck checks = new PrivilegeCheck(RoleGraph.of(store));
 *   checks.require(userOid, AclObjectKind.TABLE, "t", ownerOid, relacl, AclMode.SELECT);
 *   // ERROR 42501 permission denied for table t
 * </pre>
 */
public final class PrivilegeCheck {
    private final RoleGraph roles;

    public PrivilegeCheck(RoleGraph roles) {
        this.roles = roles;
    }

    public RoleGraph roles() {
        return roles;
    }

    /** pg_*_aclmask: the bits of {@code mask} the role holds on the object. */
    public int mask(long role, AclObjectKind kind, long owner, Acl acl, int mask, Acl.MaskHow how) {
        if (roles.superuser(role)) {
            return mask;
        }
        return Acl.orDefault(acl, kind, owner).mask(role, owner, mask, how, roles);
    }

    /** pg_*_aclcheck with ACLMASK_ANY: true when the role holds any of the privileges in {@code mode}. */
    public boolean hasAny(long role, AclObjectKind kind, long owner, Acl acl, int mode) {
        return mask(role, kind, owner, acl, mode, Acl.MaskHow.ANY) != 0;
    }

    /** Whether the role holds every privilege in {@code mode} (ACLMASK_ALL). */
    public boolean hasAll(long role, AclObjectKind kind, long owner, Acl acl, int mode) {
        return mask(role, kind, owner, acl, mode, Acl.MaskHow.ALL) == mode;
    }

    /** Throws 42501 {@code permission denied for <kind> <name>} unless the role holds all of {@code mode}. */
    public void require(long role, AclObjectKind kind, String objectName, long owner, Acl acl, int mode) {
        if (!hasAll(role, kind, owner, acl, mode)) {
            throw permissionDenied(kind, objectName);
        }
    }

    /** pg_*_ownercheck: owner, a role with the owner's privileges, or a superuser. */
    public boolean isOwner(long role, long owner) {
        return roles.hasPrivsOfRole(role, owner);
    }

    /** Throws 42501 {@code must be owner of <kind> <name>} unless the role owns the object. */
    public void requireOwner(long role, AclObjectKind kind, String objectName, long owner) {
        if (!isOwner(role, owner)) {
            throw notOwner(kind, objectName);
        }
    }

    /** aclcheck_error(ACLCHECK_NO_PRIV). Views, materialized views and foreign tables pass their own word. */
    public static PgException permissionDenied(AclObjectKind kind, String objectName) {
        return permissionDenied(kind.word, objectName);
    }

    public static PgException permissionDenied(String kindWord, String objectName) {
        return PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for " + kindWord + " " + objectName);
    }

    /** aclcheck_error_col: a column privilege missing. */
    public static PgException permissionDeniedForColumn(String column, String relation) {
        return PgException.error(SqlState.INSUFFICIENT_PRIVILEGE,
                "permission denied for column \"" + column + "\" of relation \"" + relation + "\"");
    }

    /** aclcheck_error(ACLCHECK_NOT_OWNER). */
    public static PgException notOwner(AclObjectKind kind, String objectName) {
        return PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of " + kind.word + " " + objectName);
    }
}
