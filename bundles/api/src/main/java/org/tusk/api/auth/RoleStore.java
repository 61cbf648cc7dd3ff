package org.tusk.api.auth;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * pg_authid and pg_auth_members, seen through what authentication and the role
 * commands need. Today {@link FileRoleStore} keeps them in initdb's text files;
 * the catalog will provide an implementation over the real relations (through
 * {@code QueryEngine.roleStore}).
 *
 * <p>Lookups see the committed state at the time of the call. Changes are
 * applied at once (the file store has no transactions).
 */
@ProviderType
public interface RoleStore {

    /** The role named {@code name} (exact, case-sensitive), or null. */
    RoleRecord byName(String name);

    /** The role with this OID, or null. */
    RoleRecord byOid(long oid);

    /** Every role, in OID order. */
    List<RoleRecord> roles();

    /** Every membership, in the order they were granted. */
    List<RoleMembership> memberships();

    /** Inserts a new role; its OID must be unused ({@link #newOid()}). */
    void create(RoleRecord role);

    /** Replaces the role with the same OID. */
    void update(RoleRecord role);

    /** Deletes the role and every membership it appears in. */
    void drop(long oid);

    /** Adds or replaces the membership of (role, member). */
    void grantMembership(RoleMembership membership);

    /** Removes the membership of (role, member); returns false when there was none. */
    boolean revokeMembership(long role, long member);

    /** An OID no role uses yet (PostgreSQL gives user objects OIDs from 16384 up). */
    long newOid();
}
