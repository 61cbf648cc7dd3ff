package org.tusk.engine.acl;

import org.tusk.api.auth.RoleStore;
import org.tusk.engine.catalog.CatalogAccess;

/**
 * What privilege checks need from a session: the role store (pg_authid and
 * pg_auth_members), the current user's OID and the session's catalog access.
 * A session without a role store or without storage is not checked (engine
 * tests without a cluster).
 */
public interface PrivilegeSession {

    /** The role store, or null when roles are not known (then nothing is checked). */
    RoleStore roleStore();

    /** GetUserId(): the current user's OID, 0 when unknown. */
    long currentUserOid();

    /** Catalog access in the session's transaction, or null without storage. */
    CatalogAccess catalogAccess();
}
