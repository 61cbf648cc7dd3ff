package org.tusk.engine.acl;

import java.util.List;

import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;
import org.tusk.api.error.SqlState;
import org.tusk.engine.relcache.RelationDesc;

/**
 * The privilege checks the executor, DML and utility paths call when they
 * open an object (ExecCheckRTPerms, pg_namespace_aclcheck at lookup, the
 * CONNECT check of InitPostgres). Superusers pass without reading any ACL; a
 * session that is not a {@link PrivilegeSession} with a role store and storage
 * is not checked. Failures are 42501 with aclcheck_error's texts.
 */
public final class AccessChecks {
    private AccessChecks() {
    }

    /** The checker for a session, or null when the session is not checked (no roles, no storage, superuser). */
    private static Checker checker(Object session) {
        if (!(session instanceof PrivilegeSession ps) || ps.roleStore() == null || ps.catalogAccess() == null) {
            return null;
        }
        RoleGraph graph = RoleGraph.of(ps.roleStore());
        long user = ps.currentUserOid();
        if (graph.superuser(user)) {
            return null;
        }
        return new Checker(new PrivilegeCheck(graph), new ObjectAcls(ps.catalogAccess(), ps.roleStore()), user);
    }

    private record Checker(PrivilegeCheck checks, ObjectAcls acls, long user) {
        boolean holds(ObjectAcls.ObjectAcl o, int mode) {
            return checks.hasAll(user, o.kind(), o.owner(), o.effective(), mode);
        }
    }

    /**
     * A relation opened for {@code mode} (AclMode bits: SELECT for a scan,
     * INSERT/UPDATE/DELETE for a result relation, TRUNCATE...): USAGE on its
     * schema, then the mode on the relation. Sequences take SELECT/UPDATE/USAGE.
     */
    public static void checkRelation(Object session, RelationDesc rel, int mode) {
        Checker c = checker(session);
        if (c == null) {
            return;
        }
        checkSchemaUsage(c, rel.namespaceOid());
        ObjectAcls.ObjectAcl o = c.acls().relation(rel.oid());
        if (o == null) {
            return;
        }
        if (!c.holds(o, mode)) {
            throw PrivilegeCheck.permissionDenied(o.word(), rel.name());
        }
    }

    /**
     * Whether the current user may see the values of the relation's columns {@code attnums} in an
     * error's DETAIL (ExecBuildPartitionKeyDescription's test): SELECT on the relation, or SELECT on
     * every one of the columns (pg_attribute_aclcheck). {@code attnums} null (a key with expressions)
     * needs the relation's SELECT. True for sessions that are not checked.
     */
    public static boolean maySelectColumns(Object session, long relOid, int[] attnums) {
        Checker c = checker(session);
        if (c == null) {
            return true;
        }
        ObjectAcls.ObjectAcl o = c.acls().relation(relOid);
        if (o == null || c.holds(o, AclMode.SELECT)) {
            return true;
        }
        if (attnums == null) {
            return false;
        }
        List<ObjectAcls.ObjectAcl> columns = c.acls().columns(o);
        for (int attnum : attnums) {
            ObjectAcls.ObjectAcl col = columns.stream().filter(a -> a.oid() == attnum).findFirst().orElse(null);
            if (col == null || !c.holds(col, AclMode.SELECT)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A sequence function's check (nextval: USAGE or UPDATE; currval, lastval: SELECT or USAGE;
     * setval: UPDATE): the role must hold any of {@code mode} on the sequence (ACLMASK_ANY).
     */
    public static void checkSequenceAny(Object session, RelationDesc seq, int mode) {
        Checker c = checker(session);
        if (c == null) {
            return;
        }
        ObjectAcls.ObjectAcl o = c.acls().relation(seq.oid());
        if (o != null && !c.checks().hasAny(c.user(), o.kind(), o.owner(), o.effective(), mode)) {
            throw PrivilegeCheck.permissionDenied(o.word(), seq.name());
        }
    }

    /** pg_class_ownercheck: 42501 {@code must be owner of <kind> <name>} unless the role owns the relation. */
    public static void checkRelationOwner(Object session, RelationDesc rel) {
        Checker c = checker(session);
        if (c == null) {
            return;
        }
        ObjectAcls.ObjectAcl o = c.acls().relation(rel.oid());
        if (o != null && !c.checks().isOwner(c.user(), o.owner())) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE,
                    "must be owner of " + relkindWord(o.relkind()) + " " + rel.name());
        }
    }

    /** get_relkind_objtype's word for a relation kind, as "must be owner of ..." names it. */
    static String relkindWord(char relkind) {
        return switch (relkind) {
            case 'i', 'I' -> "index";
            case 'v' -> "view";
            case 'm' -> "materialized view";
            case 'S' -> "sequence";
            case 'f' -> "foreign table";
            case 'c' -> "type";
            default -> "table";
        };
    }

    /**
     * The ownership test of any object (pg_proc_ownercheck, pg_namespace_ownercheck...): 42501
     * {@code must be owner of <kindWord> <name>} unless the current user has the privileges of {@code owner}.
     */
    public static void checkOwner(Object session, long owner, String kindWord, String name) {
        Checker c = checker(session);
        if (c != null && !c.checks().isOwner(c.user(), owner)) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of " + kindWord + " " + name);
        }
    }

    /** USAGE on a schema (42501 {@code permission denied for schema s}). */
    public static void checkSchemaUsage(Object session, long namespaceOid) {
        Checker c = checker(session);
        if (c != null) {
            checkSchemaUsage(c, namespaceOid);
        }
    }

    private static void checkSchemaUsage(Checker c, long namespaceOid) {
        ObjectAcls.ObjectAcl ns = c.acls().namespace(namespaceOid);
        if (ns != null && !c.holds(ns, AclMode.USAGE)) {
            throw PrivilegeCheck.permissionDenied(AclObjectKind.SCHEMA, ns.name());
        }
    }

    /** pg_namespace_ownercheck: 42501 {@code must be owner of schema s} unless the role owns it (REINDEX SCHEMA). */
    public static void checkSchemaOwner(Object session, String schema) {
        Checker c = checker(session);
        if (c == null) {
            return;
        }
        ObjectAcls.ObjectAcl ns = c.acls().namespace(schema);
        if (ns != null && !c.checks().isOwner(c.user(), ns.owner())) {
            throw PrivilegeCheck.notOwner(AclObjectKind.SCHEMA, ns.name());
        }
    }

    /** CREATE on a schema, for CREATE TABLE/INDEX/SEQUENCE/VIEW in it. */
    public static void checkSchemaCreate(Object session, String schema) {
        Checker c = checker(session);
        if (c == null) {
            return;
        }
        ObjectAcls.ObjectAcl ns = c.acls().namespace(schema);
        if (ns != null && !c.holds(ns, AclMode.CREATE)) {
            throw PrivilegeCheck.permissionDenied(AclObjectKind.SCHEMA, ns.name());
        }
    }

    /**
     * InitPostgres' CONNECT check: FATAL 42501 {@code permission denied for
     * database "d"} with PostgreSQL's detail.
     */
    public static void checkConnect(Object session, String database) {
        Checker c = checker(session);
        if (c == null) {
            return;
        }
        ObjectAcls.ObjectAcl db = c.acls().database(database);
        if (db != null && !c.holds(db, AclMode.CONNECT)) {
            throw new PgException(Severity.FATAL, SqlState.INSUFFICIENT_PRIVILEGE,
                    "permission denied for database \"" + database + "\"", "User does not have CONNECT privilege.",
                    null, 0, null);
        }
    }

    /**
     * A command open to superusers and to holders of a predefined role's privileges (CHECKPOINT and
     * pg_checkpoint): 42501 with {@code message} otherwise.
     */
    public static void checkPredefinedRole(Object session, String predefinedRole, String message) {
        Checker c = checker(session);
        if (c == null) {
            return;
        }
        Long role = PredefinedRoles.oid(predefinedRole);
        if (role == null || !c.checks().roles().hasPrivsOfRole(c.user(), role)) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, message);
        }
    }

    /**
     * What only superusers may read (pg_file_settings, pg_hba_file_rules: PostgreSQL revokes their
     * functions from PUBLIC): 42501 with {@code message} for anyone else.
     */
    public static void checkSuperuser(Object session, String message) {
        if (checker(session) != null) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, message);
        }
    }
}
