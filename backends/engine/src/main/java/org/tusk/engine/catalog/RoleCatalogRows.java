package org.tusk.engine.catalog;

import java.util.ArrayList;
import java.util.List;

import org.tusk.api.auth.RoleMembership;
import org.tusk.api.auth.RoleRecord;
import org.tusk.api.auth.RoleStore;

/**
 * pg_authid and pg_auth_members as the cluster's role store has them.
 *
 * <p>Roles live in the role store ({@code global/pg_authid}, FileRoleStore), which client
 * authentication reads before a backend has a transaction, and which CREATE/ALTER/DROP ROLE
 * and GRANT role write. The two shared catalogs on the heap hold only initdb's bootstrap
 * superuser, so a scan of either is served from the store instead: every role the store has,
 * plus PostgreSQL's predefined roles (pg_monitor, pg_read_all_data, ...) and their built-in
 * memberships, which initdb's pg_authid.dat / pg_auth_members.dat give every cluster. Rows
 * come in the order PostgreSQL's heap has them after initdb: the bootstrap superuser, the
 * predefined roles in catalog order, then the cluster's roles by OID.
 *
 * <p>Rows are in the catalogs' stored layout (one value per attribute, attnum order), as a heap
 * scan would deform them.
 */
public final class RoleCatalogRows {
    /** pg_auth_members. */
    public static final int PG_AUTH_MEMBERS = 1261;

    /** PostgreSQL 15's predefined roles, in pg_authid.dat's order. */
    private static final long[] PREDEFINED = {6171, 6181, 6182, 3373, 3374, 3375, 3377, 4569, 4570, 4571, 4200, 4544};

    /** pg_monitor's members in pg_auth_members.dat: (roleid, member). */
    private static final long[][] PREDEFINED_MEMBERSHIPS = {{3374, 3373}, {3375, 3373}, {3377, 3373}};

    private RoleCatalogRows() {
    }

    /** Whether scans of this relation come from the role store. */
    public static boolean serves(int relationOid) {
        return relationOid == SystemCatalogs.PG_AUTHID || relationOid == PG_AUTH_MEMBERS;
    }

    /** The stored rows of pg_authid or pg_auth_members ({@link #serves}) from {@code store}. */
    public static List<Object[]> rows(int relationOid, RoleStore store) {
        return relationOid == SystemCatalogs.PG_AUTHID ? authid(store) : authMembers(store);
    }

    static List<Object[]> authid(RoleStore store) {
        List<RoleRecord> roles = store.roles();
        List<Object[]> out = new ArrayList<>();
        for (RoleRecord r : roles) {
            if (r.oid() == 10) {
                out.add(authidRow(r));
            }
        }
        for (long oid : PREDEFINED) {
            String name = org.tusk.engine.acl.PredefinedRoles.name(oid);
            out.add(authidRow(new RoleRecord(oid, name, false, true, false, false, false, false, false, -1, null, null)));
        }
        for (RoleRecord r : roles) {
            if (r.oid() != 10 && org.tusk.engine.acl.PredefinedRoles.name(r.oid()) == null) {
                out.add(authidRow(r));
            }
        }
        return out;
    }

    private static Object[] authidRow(RoleRecord r) {
        return new Object[] {r.oid(), r.name(), r.superuser(), r.inherit(), r.createRole(), r.createDb(), r.canLogin(),
                r.replication(), r.bypassRls(), r.connectionLimit(), r.password(), r.validUntil()};
    }

    static List<Object[]> authMembers(RoleStore store) {
        List<Object[]> out = new ArrayList<>();
        for (long[] m : PREDEFINED_MEMBERSHIPS) {
            out.add(new Object[] {m[0], m[1], 10L, false});
        }
        for (RoleMembership m : store.memberships()) {
            out.add(new Object[] {m.role(), m.member(), m.grantor(), m.adminOption()});
        }
        return out;
    }
}
