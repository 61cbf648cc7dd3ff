package org.tusk.engine.acl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tusk.api.auth.RoleRecord;
import org.tusk.api.auth.RoleStore;
import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.engine.acl.ObjectAcls.ObjectAcl;
import org.tusk.engine.storage.StorageSession;
import org.tusk.engine.tcop.SearchPathProvider;

/**
 * The SQL-callable privilege inquiry functions (acl.c's has_*_privilege_name_name
 * and friends, pg_has_role): look the role and object up by name with
 * PostgreSQL's errors, then answer through {@link PrivilegeFunctions}. A null
 * {@code user} means the current user; the user name "public" means PUBLIC.
 * has_column_privilege reads the table's ACL, then the column's (attacl).
 */
public final class PrivilegeSqlFunctions {
    private final PrivilegeSession session;
    private final RoleStore roles;
    private final ObjectAcls acls;
    private final PrivilegeFunctions functions;
    private final PrivilegeCheck checks;

    private PrivilegeSqlFunctions(PrivilegeSession session) {
        this.session = session;
        this.roles = session.roleStore();
        this.acls = new ObjectAcls(session.catalogAccess(), roles);
        this.checks = new PrivilegeCheck(RoleGraph.of(roles));
        this.functions = new PrivilegeFunctions(checks);
    }

    /** The functions for a session; 0A000 when it has no roles or no storage. */
    public static PrivilegeSqlFunctions of(Object session) {
        if (!(session instanceof PrivilegeSession ps) || ps.roleStore() == null || ps.catalogAccess() == null) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "privilege functions need roles and storage");
        }
        return new PrivilegeSqlFunctions(ps);
    }

    /** get_role_oid_or_public. */
    private long role(String user) {
        if (user == null) {
            return session.currentUserOid();
        }
        if (user.equals("public")) {
            return AclItem.PUBLIC;
        }
        RoleRecord r = roles.byName(user);
        if (r == null) {
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "role \"" + user + "\" does not exist");
        }
        return r.oid();
    }

    /** convert_table_name: a possibly qualified name, as text (quotes honoured, else lower-cased). */
    private ObjectAcl relation(String name) {
        List<String> parts = splitName(name);
        StorageSession ss = (StorageSession) session;
        List<String> path = session instanceof SearchPathProvider p ? p.searchPath() : List.of("public");
        String schema = parts.size() > 1 ? parts.get(parts.size() - 2) : null;
        Integer oid = ss.relcache().relationOid(schema, parts.get(parts.size() - 1), path);
        if (oid == null) {
            throw PgException.error(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist");
        }
        return acls.relation(oid);
    }

    static List<String> splitName(String name) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < name.length() && name.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                    wasQuoted = true;
                }
            } else if (c == '.' && !quoted) {
                out.add(wasQuoted ? cur.toString() : cur.toString().trim().toLowerCase(Locale.ROOT));
                cur.setLength(0);
                wasQuoted = false;
            } else {
                cur.append(c);
            }
        }
        out.add(wasQuoted ? cur.toString() : cur.toString().trim().toLowerCase(Locale.ROOT));
        return out;
    }

    /** pg_*_aclcheck with ACLMASK_ANY for the privilege string read as {@code kind}'s names. */
    private boolean has(long role, ObjectAcl o, AclObjectKind kind, String privileges) {
        int mask = PrivilegeFunctions.parse(kind, privileges);
        return checks.mask(role, o.kind(), o.owner(), o.effective(), mask, Acl.MaskHow.ANY) != 0;
    }

    public boolean table(String user, String table, String privileges) {
        long r = role(user);
        PrivilegeFunctions.parse(AclObjectKind.TABLE, privileges);
        return has(r, relation(table), AclObjectKind.TABLE, privileges);
    }

    /** has_column_privilege (column_privilege_check): the table's ACL, else the column's attacl. */
    public boolean column(String user, String table, String column, String privileges) {
        long r = role(user);
        ObjectAcl o = relation(table);
        ObjectAcl col = acls.columns(o).stream().filter(c -> c.name().equals(column)).findFirst().orElse(null);
        if (col == null) {
            throw PgException.error(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" of relation \""
                    + o.name() + "\" does not exist");
        }
        PrivilegeFunctions.parse(AclObjectKind.COLUMN, privileges);        // column rights only (22023 otherwise)
        return has(r, o, AclObjectKind.TABLE, privileges) || has(r, col, AclObjectKind.COLUMN, privileges);
    }

    public boolean sequence(String user, String sequence, String privileges) {
        long r = role(user);
        PrivilegeFunctions.parse(AclObjectKind.SEQUENCE, privileges);
        ObjectAcl o = relation(sequence);
        if (o.relkind() != 'S') {
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "\"" + sequence + "\" is not a sequence");
        }
        return has(r, o, AclObjectKind.SEQUENCE, privileges);
    }

    public boolean schema(String user, String schema, String privileges) {
        long r = role(user);
        PrivilegeFunctions.parse(AclObjectKind.SCHEMA, privileges);
        ObjectAcl o = acls.namespace(schema);
        if (o == null) {
            throw PgException.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + schema + "\" does not exist");
        }
        return has(r, o, AclObjectKind.SCHEMA, privileges);
    }

    public boolean database(String user, String database, String privileges) {
        long r = role(user);
        PrivilegeFunctions.parse(AclObjectKind.DATABASE, privileges);
        ObjectAcl o = acls.database(database);
        if (o == null) {
            throw PgException.error(SqlState.INVALID_CATALOG_NAME, "database \"" + database + "\" does not exist");
        }
        return has(r, o, AclObjectKind.DATABASE, privileges);
    }

    /** has_function_privilege: {@code f} or {@code f(type, ...)} as regprocedure input. */
    public boolean function(String user, String signature, String privileges) {
        long r = role(user);
        PrivilegeFunctions.parse(AclObjectKind.FUNCTION, privileges);
        String sig = signature.trim();
        int paren = sig.indexOf('(');
        String name = paren < 0 ? sig : sig.substring(0, paren).trim();
        List<String> parts = splitName(name);
        Long ns = null;
        if (parts.size() > 1) {
            ObjectAcl schema = acls.namespace(parts.get(parts.size() - 2));
            if (schema == null) {
                throw PgException.error(SqlState.INVALID_SCHEMA_NAME,
                        "schema \"" + parts.get(parts.size() - 2) + "\" does not exist");
            }
            ns = schema.oid();
        }
        List<ObjectAcl> candidates = acls.functions(parts.get(parts.size() - 1), ns);
        if (paren >= 0) {
            String inner = sig.substring(paren + 1, sig.lastIndexOf(')')).trim();
            List<Long> wanted = new ArrayList<>();
            if (!inner.isEmpty()) {
                for (String t : inner.split(",")) {
                    String tn = t.trim().toLowerCase(Locale.ROOT);
                    tn = switch (tn) {
                        case "integer", "int" -> "int4";
                        case "bigint" -> "int8";
                        case "smallint" -> "int2";
                        case "boolean" -> "bool";
                        case "double precision" -> "float8";
                        case "real" -> "float4";
                        default -> tn;
                    };
                    org.tusk.engine.commands.TypeLookup.TypeInfo ti = org.tusk.engine.commands.TypeLookup.byName(tn);
                    if (ti == null) {
                        throw PgException.error(SqlState.UNDEFINED_OBJECT, "type \"" + t.trim() + "\" does not exist");
                    }
                    wanted.add((long) ti.oid());
                }
            }
            candidates.removeIf(c -> !ObjectAcls.argTypes(c).equals(wanted));
        } else if (candidates.size() > 1) {
            throw PgException.error(SqlState.AMBIGUOUS_FUNCTION, "more than one function named \"" + name + "\"");
        }
        if (candidates.isEmpty()) {
            throw PgException.error(SqlState.UNDEFINED_FUNCTION, "function \"" + signature + "\" does not exist");
        }
        return has(r, candidates.get(0), AclObjectKind.FUNCTION, privileges);
    }

    /** The OID forms (has_table_privilege_id, ...): null when no relation has that OID, as PostgreSQL answers. */
    public Boolean tableById(long relOid, String privileges) {
        PrivilegeFunctions.parse(AclObjectKind.TABLE, privileges);
        ObjectAcl o = acls.relation(relOid);
        return o == null ? null : has(session.currentUserOid(), o, AclObjectKind.TABLE, privileges);
    }

    /**
     * has_column_privilege(table oid, attnum, privileges) for the current user (column_privilege_check):
     * the table's ACL, else the column's attacl; NULL when the table or the column does not exist (or is dropped).
     */
    public Boolean columnById(long relOid, int attnum, String privileges) {
        PrivilegeFunctions.parse(AclObjectKind.COLUMN, privileges);
        ObjectAcl o = acls.relation(relOid);
        if (o == null) {
            return null;
        }
        ObjectAcl col = acls.columns(o).stream().filter(c -> c.oid() == attnum).findFirst().orElse(null);
        if (col == null) {
            return null;
        }
        long r = session.currentUserOid();
        return has(r, o, AclObjectKind.TABLE, privileges) || has(r, col, AclObjectKind.COLUMN, privileges);
    }

    public Boolean sequenceById(long relOid, String privileges) {
        PrivilegeFunctions.parse(AclObjectKind.SEQUENCE, privileges);
        ObjectAcl o = acls.relation(relOid);
        if (o == null) {
            return null;
        }
        if (o.relkind() != 'S') {
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "\"" + o.name() + "\" is not a sequence");
        }
        return has(session.currentUserOid(), o, AclObjectKind.SEQUENCE, privileges);
    }

    public Boolean schemaById(long nspOid, String privileges) {
        PrivilegeFunctions.parse(AclObjectKind.SCHEMA, privileges);
        ObjectAcl o = acls.namespace(nspOid);
        return o == null ? null : has(session.currentUserOid(), o, AclObjectKind.SCHEMA, privileges);
    }

    /** pg_has_role(role oid, privileges) for the current user. */
    public boolean roleById(long roleOid, String privileges) {
        return functions.pgHasRole(session.currentUserOid(), roleOid, privileges);
    }

    /** pg_has_role(user, role, privileges). */
    public boolean role(String user, String role, String privileges) {
        long r = role(user);
        RoleRecord target = roles.byName(role);
        if (target == null) {
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "role \"" + role + "\" does not exist");
        }
        return functions.pgHasRole(r, target.oid(), privileges);
    }
}
