package org.tusk.engine.commands.grant;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.tusk.api.auth.RoleRecord;
import org.tusk.api.auth.RoleStore;
import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;
import org.tusk.api.error.SqlState;
import org.tusk.engine.acl.Acl;
import org.tusk.engine.acl.AclItem;
import org.tusk.engine.acl.AclMode;
import org.tusk.engine.acl.AclObjectKind;
import org.tusk.engine.acl.ObjectAcls;
import org.tusk.engine.acl.ObjectAcls.ObjectAcl;
import org.tusk.engine.acl.ObjectGrant;
import org.tusk.engine.acl.PrivilegeCheck;
import org.tusk.engine.acl.RoleGraph;
import org.tusk.engine.commands.TypeLookup;
import org.tusk.engine.nodes.AccessPriv;
import org.tusk.engine.nodes.AnyName;
import org.tusk.engine.nodes.GrantStmt;
import org.tusk.engine.nodes.GrantTargetType;
import org.tusk.engine.nodes.ObjectWithArgs;
import org.tusk.engine.nodes.RangeVar;
import org.tusk.engine.nodes.RawNode;
import org.tusk.engine.nodes.RoleSpec;
import org.tusk.engine.nodes.TypeName;
import org.tusk.engine.relcache.RelationCache;

/**
 * GRANT/REVOKE on objects (aclchk.c's ExecuteGrantStmt and ExecGrant_Relation,
 * _Namespace, _Database, _Function): resolves the objects and grantees, then
 * for each object applies {@link ObjectGrant} to its ACL and stores the result
 * in relacl / nspacl / datacl / proacl. TABLE covers tables, views and
 * sequences (a sequence takes only USAGE, SELECT and UPDATE, with PostgreSQL's
 * warning); ALL TABLES / ALL SEQUENCES IN SCHEMA expand to the schema's
 * relations. Column privileges (GRANT SELECT (a) ON t) go to pg_attribute.attacl.
 * Large objects, types, languages and default privileges are not supported yet.
 */
public final class GrantCommand {
    private final ObjectAcls acls;
    private final RoleStore roles;
    private final RelationCache relcache;
    private final List<String> searchPath;
    private final long currentUser;
    private final String currentUserName;
    private final Consumer<PgException> notices;

    public GrantCommand(ObjectAcls acls, RoleStore roles, RelationCache relcache, List<String> searchPath,
            long currentUser, String currentUserName, Consumer<PgException> notices) {
        this.acls = acls;
        this.roles = roles;
        this.relcache = relcache;
        this.searchPath = searchPath;
        this.currentUser = currentUser;
        this.currentUserName = currentUserName;
        this.notices = notices;
    }

    /** Runs the statement; returns GRANT or REVOKE. */
    public String execute(GrantStmt stmt) {
        if (stmt.targtype() == GrantTargetType.DEFAULTS) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "ALTER DEFAULT PRIVILEGES is not supported yet");
        }
        AclObjectKind kind = switch (stmt.objtype()) {
            case TABLE -> AclObjectKind.TABLE;
            case SEQUENCE -> AclObjectKind.SEQUENCE;
            case SCHEMA -> AclObjectKind.SCHEMA;
            case DATABASE -> AclObjectKind.DATABASE;
            case FUNCTION, PROCEDURE, ROUTINE -> AclObjectKind.FUNCTION;
            default -> throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    stmt.commandName() + " on " + stmt.objtype().name().toLowerCase() + " is not supported yet");
        };
        if (stmt.grantor() != null && !currentUserName.equals(grantorName(stmt.grantor()))) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "grantor must be current user");
        }
        List<String> names = new ArrayList<>();
        boolean all = stmt.privileges() == null;
        // privilege (columns): per column name, the rights to change on that column (ExecGrant_Attribute)
        java.util.Map<String, Integer> columnPrivileges = new java.util.LinkedHashMap<>();
        if (!all) {
            for (AccessPriv p : stmt.privileges()) {
                if (p.cols() != null && !p.cols().isEmpty()) {
                    if (kind != AclObjectKind.TABLE) {
                        throw PgException.error(SqlState.INVALID_GRANT_OPERATION,
                                "column privileges are only valid for relations");
                    }
                    int bits = p.privName() == null ? AclObjectKind.COLUMN.allRights
                            : ObjectGrant.privilegeBits(AclObjectKind.COLUMN, List.of(p.privName()));
                    for (String col : p.cols()) {
                        columnPrivileges.merge(col, bits, (a, b) -> a | b);
                    }
                    continue;
                }
                names.add(p.privName());
            }
        }
        boolean tableLevel = all || !names.isEmpty();
        List<Long> grantees = grantees(stmt.grantees());
        Acl.DropBehavior behavior = stmt.behavior() == org.tusk.engine.nodes.DropBehavior.CASCADE
                ? Acl.DropBehavior.CASCADE : Acl.DropBehavior.RESTRICT;
        // a statement on TABLE checks names against table rights; a sequence among them is cut below
        int requested;
        if (!tableLevel) {
            requested = 0;
        } else if (!(kind == AclObjectKind.TABLE && !all && names.stream().anyMatch(n -> n.equalsIgnoreCase("usage")))) {
            requested = ObjectGrant.privilegeBits(kind, names);
        } else {
            // ExecuteGrantStmt: ON TABLE accepts relation and sequence rights alike; USAGE on a table that
            // is not a sequence fails per object below
            List<String> others = names.stream().filter(n -> !n.equalsIgnoreCase("usage")).toList();
            requested = (others.isEmpty() ? 0 : ObjectGrant.privilegeBits(kind, others)) | AclMode.USAGE;
        }
        PrivilegeCheck checks = new PrivilegeCheck(RoleGraph.of(roles));
        for (ObjectAcl o : objects(stmt, kind)) {
            int privileges = requested;
            if (o.kind() == AclObjectKind.SEQUENCE && kind == AclObjectKind.TABLE) {
                if (all) {
                    privileges = AclObjectKind.SEQUENCE.allRights;
                } else if ((privileges & ~AclObjectKind.SEQUENCE.allRights) != 0) {
                    notices.accept(new PgException(Severity.WARNING, SqlState.WARNING,
                            "sequence \"" + o.name() + "\" only supports USAGE, SELECT, and UPDATE privileges", null,
                            null, 0, null));
                    privileges &= AclObjectKind.SEQUENCE.allRights;
                    if (privileges == 0) {
                        continue;   // PostgreSQL leaves the sequence's ACL alone
                    }
                }
            } else if (o.kind() == AclObjectKind.TABLE && kind == AclObjectKind.TABLE && (privileges & AclMode.USAGE) != 0) {
                throw PgException.error(SqlState.INVALID_GRANT_OPERATION, "invalid privilege type USAGE for table");
            }
            if (tableLevel) {
                ObjectGrant grant = new ObjectGrant(stmt.isGrant(), privileges, all, stmt.grantOption(), grantees, behavior);
                Acl result = grant.apply(checks, currentUser, o.kind(), o.name(), o.owner(), o.effective(), notices);
                acls.store(o, result);
            }
            if (o.catalogOid() == org.tusk.engine.catalog.SystemCatalogs.PG_CLASS && o.kind() == AclObjectKind.TABLE) {
                columnGrants(stmt, o, columnPrivileges, tableLevel && !stmt.isGrant() ? privileges : 0, grantees,
                        behavior, checks);
            }
            if (o.catalogOid() == org.tusk.engine.catalog.SystemCatalogs.PG_CLASS) {
                relcache.invalidate((int) o.oid());
            }
        }
        return stmt.isGrant() ? "GRANT" : "REVOKE";
    }

    /**
     * The column part of GRANT/REVOKE on a relation: the named columns' attacl get their rights; a
     * REVOKE of table rights also revokes them from every column that has an ACL (as ExecGrant_Relation
     * does, so REVOKE ALL ON t leaves no column privileges behind).
     */
    private void columnGrants(GrantStmt stmt, ObjectAcl relation, java.util.Map<String, Integer> named,
            int revokedFromTable, List<Long> grantees, Acl.DropBehavior behavior, PrivilegeCheck checks) {
        if (named.isEmpty() && (revokedFromTable & AclObjectKind.COLUMN.allRights) == 0) {
            return;
        }
        List<ObjectAcl> columns = acls.columns(relation);
        for (String name : named.keySet()) {
            if (columns.stream().noneMatch(c -> c.name().equals(name))) {
                throw PgException.error(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" of relation \""
                        + relation.name() + "\" does not exist");
            }
        }
        for (ObjectAcl column : columns) {
            int privileges = named.getOrDefault(column.name(), 0);
            boolean explicit = privileges != 0;
            if (column.stored() != null) {
                privileges |= revokedFromTable & AclObjectKind.COLUMN.allRights;
            }
            if (privileges == 0) {
                continue;
            }
            ObjectGrant grant = new ObjectGrant(stmt.isGrant(), privileges, false, stmt.grantOption(), grantees, behavior);
            // (a column's rights come with its relation's ownership: the relation's owner is the grantor)
            Acl result = grant.apply(checks, currentUser, AclObjectKind.COLUMN, column.name(), column.owner(),
                    column.effective(), explicit ? notices : null);
            acls.store(column, result.items().isEmpty() ? null : result);     // an empty column ACL is NULL again
        }
    }

    private String grantorName(RoleSpec spec) {
        return switch (spec.roletype()) {
            case CSTRING -> spec.rolename();
            case PUBLIC -> "public";
            default -> currentUserName;
        };
    }

    /** The grantees' OIDs; PUBLIC is {@link AclItem#PUBLIC}; an unknown role is 42704. */
    private List<Long> grantees(List<RoleSpec> specs) {
        List<Long> out = new ArrayList<>();
        for (RoleSpec s : specs) {
            long oid;
            switch (s.roletype()) {
                case PUBLIC:
                    oid = AclItem.PUBLIC;
                    break;
                case CSTRING: {
                    RoleRecord r = roles.byName(s.rolename());
                    if (r == null) {
                        throw PgException.error(SqlState.UNDEFINED_OBJECT, "role \"" + s.rolename() + "\" does not exist");
                    }
                    oid = r.oid();
                    break;
                }
                default:
                    oid = currentUser;
                    break;
            }
            if (!out.contains(oid)) {
                out.add(oid);
            }
        }
        return out;
    }

    private List<ObjectAcl> objects(GrantStmt stmt, AclObjectKind kind) {
        List<ObjectAcl> out = new ArrayList<>();
        if (stmt.targtype() == GrantTargetType.ALL_IN_SCHEMA) {
            for (RawNode n : stmt.objects()) {
                String schema = ((AnyName) n).lastName();
                ObjectAcl ns = acls.namespace(schema);
                if (ns == null) {
                    throw PgException.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + schema + "\" does not exist");
                }
                if (kind == AclObjectKind.FUNCTION) {
                    throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                            "GRANT ON ALL FUNCTIONS IN SCHEMA is not supported yet");
                }
                for (ObjectAcl r : acls.relationsIn(ns.oid())) {
                    boolean sequence = r.relkind() == 'S';
                    boolean table = "rvmfp".indexOf(r.relkind()) >= 0;
                    if (kind == AclObjectKind.SEQUENCE ? sequence : table) {
                        out.add(r);
                    }
                }
            }
            return out;
        }
        for (RawNode n : stmt.objects()) {
            switch (kind) {
                case TABLE, SEQUENCE -> out.add(relation((RangeVar) n, kind));
                case SCHEMA -> {
                    String name = ((AnyName) n).lastName();
                    ObjectAcl ns = acls.namespace(name);
                    if (ns == null) {
                        throw PgException.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + name + "\" does not exist");
                    }
                    out.add(ns);
                }
                case DATABASE -> {
                    String name = ((AnyName) n).lastName();
                    ObjectAcl db = acls.database(name);
                    if (db == null) {
                        throw PgException.error(SqlState.INVALID_CATALOG_NAME, "database \"" + name + "\" does not exist");
                    }
                    out.add(db);
                }
                default -> out.add(function((ObjectWithArgs) n));
            }
        }
        return out;
    }

    private ObjectAcl relation(RangeVar rv, AclObjectKind kind) {
        Integer oid = relcache.relationOid(rv.schemaname(), rv.relname(), searchPath);
        if (oid == null) {
            String name = rv.schemaname() == null ? rv.relname() : rv.schemaname() + "." + rv.relname();
            throw PgException.error(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist");
        }
        ObjectAcl o = acls.relation(oid);
        if (kind == AclObjectKind.SEQUENCE && o.relkind() != 'S') {
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "\"" + rv.relname() + "\" is not a sequence");
        }
        return o;
    }

    /** LookupFuncWithArgs: by name (and schema), and by argument types when given. */
    private ObjectAcl function(ObjectWithArgs f) {
        List<String> name = f.objname();
        String proname = name.get(name.size() - 1);
        Long ns = null;
        if (name.size() > 1) {
            ObjectAcl schema = acls.namespace(name.get(name.size() - 2));
            if (schema == null) {
                throw PgException.error(SqlState.INVALID_SCHEMA_NAME,
                        "schema \"" + name.get(name.size() - 2) + "\" does not exist");
            }
            ns = schema.oid();
        }
        List<ObjectAcl> candidates = acls.functions(proname, ns);
        if (!f.argsUnspecified()) {
            List<Long> wanted = new ArrayList<>();
            for (TypeName t : f.objargs()) {
                wanted.add((long) TypeLookup.resolve(t, 0).oid());
            }
            candidates.removeIf(c -> !ObjectAcls.argTypes(c).equals(wanted));
            if (candidates.isEmpty()) {
                StringBuilder sig = new StringBuilder(String.join(".", name)).append('(');
                for (int i = 0; i < f.objargs().size(); i++) {
                    sig.append(i > 0 ? ", " : "").append(TypeLookup.resolve(f.objargs().get(i), 0).name());
                }
                throw PgException.error(SqlState.UNDEFINED_FUNCTION, "function " + sig + ") does not exist");
            }
        }
        if (candidates.isEmpty()) {
            throw PgException.error(SqlState.UNDEFINED_FUNCTION,
                    "could not find a function named \"" + String.join(".", name) + "\"");
        }
        if (candidates.size() > 1) {
            throw PgException.error(SqlState.AMBIGUOUS_FUNCTION,
                    "function name \"" + String.join(".", name) + "\" is not unique");
        }
        return candidates.get(0);
    }
}
