package org.tusk.engine.acl;

import java.util.Locale;
import java.util.Map;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;

/**
 * The privilege-string half of has_table_privilege, has_schema_privilege,
 * has_database_privilege, has_function_privilege, has_sequence_privilege and
 * pg_has_role (acl.c's convert_*_priv_string), and their answers given the
 * object's owner and ACL. Looking up the object by name or OID (and its
 * 42P01/3F000/... errors) is the caller's part.
 *
 * <p>A privilege string is a comma-separated list; each entry, trimmed of
 * blanks, must equal one of the kind's names ignoring case, with single blanks
 * ("select with grant option"); otherwise 22023 {@code unrecognized privilege type: "x"}.
 */
public final class PrivilegeFunctions {
    private static final Map<String, Integer> TABLE = names("SELECT", AclMode.SELECT, "INSERT", AclMode.INSERT,
            "UPDATE", AclMode.UPDATE, "DELETE", AclMode.DELETE, "TRUNCATE", AclMode.TRUNCATE,
            "REFERENCES", AclMode.REFERENCES, "TRIGGER", AclMode.TRIGGER, "RULE", 0);
    /** convert_column_priv_string. */
    private static final Map<String, Integer> COLUMN = names("SELECT", AclMode.SELECT, "INSERT", AclMode.INSERT,
            "UPDATE", AclMode.UPDATE, "REFERENCES", AclMode.REFERENCES);
    private static final Map<String, Integer> SCHEMA = names("CREATE", AclMode.CREATE, "USAGE", AclMode.USAGE);
    private static final Map<String, Integer> DATABASE = names("CREATE", AclMode.CREATE, "TEMPORARY", AclMode.CREATE_TEMP,
            "TEMP", AclMode.CREATE_TEMP, "CONNECT", AclMode.CONNECT);
    private static final Map<String, Integer> FUNCTION = names("EXECUTE", AclMode.EXECUTE);
    private static final Map<String, Integer> SEQUENCE = names("USAGE", AclMode.USAGE, "SELECT", AclMode.SELECT,
            "UPDATE", AclMode.UPDATE);
    private static final Map<String, Integer> ROLE = Map.of("USAGE", AclMode.USAGE, "MEMBER", AclMode.CREATE,
            "USAGE WITH GRANT OPTION", AclMode.grantOptionFor(AclMode.CREATE),
            "USAGE WITH ADMIN OPTION", AclMode.grantOptionFor(AclMode.CREATE),
            "MEMBER WITH GRANT OPTION", AclMode.grantOptionFor(AclMode.CREATE),
            "MEMBER WITH ADMIN OPTION", AclMode.grantOptionFor(AclMode.CREATE));

    private final PrivilegeCheck checks;

    public PrivilegeFunctions(PrivilegeCheck checks) {
        this.checks = checks;
    }

    /** Each name, and "name WITH GRANT OPTION" for the grant option. */
    private static Map<String, Integer> names(Object... pairs) {
        Map<String, Integer> m = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            int bit = (Integer) pairs[i + 1];
            m.put((String) pairs[i], bit);
            m.put(pairs[i] + " WITH GRANT OPTION", AclMode.grantOptionFor(bit));
        }
        return Map.copyOf(m);
    }

    /** convert_any_priv_string. */
    static int parse(String privileges, Map<String, Integer> table) {
        int result = 0;
        for (String chunk : privileges.split(",", -1)) {
            String key = chunk.strip().toUpperCase(Locale.ROOT);
            Integer bits = table.get(key);
            if (bits == null) {
                throw PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                        "unrecognized privilege type: \"" + chunk.strip() + "\"");
            }
            result |= bits;
        }
        return result;
    }

    /** The mask a privilege string means for an object kind (table, schema, database, function, sequence). */
    public static int parse(AclObjectKind kind, String privileges) {
        return parse(privileges, switch (kind) {
            case TABLE -> TABLE;
            case COLUMN -> COLUMN;
            case SCHEMA -> SCHEMA;
            case DATABASE -> DATABASE;
            case FUNCTION -> FUNCTION;
            case SEQUENCE -> SEQUENCE;
            default -> throw new IllegalArgumentException("no privilege function for " + kind);
        });
    }

    /**
     * has_{table,schema,database,function,sequence}_privilege: true when the role
     * holds any of the listed privileges (ACLMASK_ANY, as pg_*_aclcheck).
     */
    public boolean has(long role, AclObjectKind kind, long owner, Acl acl, String privileges) {
        int mask = parse(kind, privileges);
        return checks.mask(role, kind, owner, acl, mask, Acl.MaskHow.ANY) != 0;
    }

    /**
     * pg_has_role: USAGE means the role has the target's privileges (INHERIT
     * chain), MEMBER any membership, WITH ADMIN/GRANT OPTION the right to grant it.
     */
    public boolean pgHasRole(long role, long target, String privileges) {
        int mask = parse(privileges, ROLE);
        RoleGraph roles = checks.roles();
        if ((mask & AclMode.grantOptionFor(AclMode.CREATE)) != 0 && roles.isAdminOfRole(role, target)) {
            return true;
        }
        if ((mask & AclMode.CREATE) != 0 && roles.isMemberOfRole(role, target)) {
            return true;
        }
        return (mask & AclMode.USAGE) != 0 && roles.hasPrivsOfRole(role, target);
    }
}
