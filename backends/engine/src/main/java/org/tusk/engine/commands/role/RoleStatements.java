package org.tusk.engine.commands.role;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tusk.api.auth.RoleRecord;
import org.tusk.api.auth.RoleStore;
import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.engine.nodes.AConst;
import org.tusk.engine.nodes.AccessPriv;
import org.tusk.engine.nodes.AlterRoleStmt;
import org.tusk.engine.nodes.CreateRoleStmt;
import org.tusk.engine.nodes.DefElem;
import org.tusk.engine.nodes.DropRoleStmt;
import org.tusk.engine.nodes.GrantRoleStmt;
import org.tusk.engine.nodes.NodeList;
import org.tusk.engine.nodes.ObjectType;
import org.tusk.engine.nodes.RawNode;
import org.tusk.engine.nodes.RawStmt;
import org.tusk.engine.nodes.RenameStmt;
import org.tusk.engine.nodes.RoleSpec;
import org.tusk.engine.types.DateTimes;

/**
 * The utility path of the role statements (utility.c's cases for
 * CreateRoleStmt, AlterRoleStmt, DropRoleStmt, GrantRoleStmt and RenameStmt
 * on a role): maps the parse tree onto {@link RoleCommands} calls and returns
 * the command tag. gram.y's DefElems become {@link RoleOptions}; VALID UNTIL is
 * read as timestamptz in the session's time zone.
 */
public final class RoleStatements {
    private final RoleCommands commands;
    private final RoleStore store;
    private final String currentUser;
    private final String sessionUser;
    private final ZoneId zone;

    public RoleStatements(RoleCommands commands, RoleStore store, String currentUser, String sessionUser, ZoneId zone) {
        this.commands = commands;
        this.store = store;
        this.currentUser = currentUser;
        this.sessionUser = sessionUser;
        this.zone = zone;
    }

    /** Whether {@code stmt} is one of the statements this class runs. */
    public static boolean handles(RawStmt stmt) {
        return stmt instanceof CreateRoleStmt || stmt instanceof AlterRoleStmt || stmt instanceof DropRoleStmt
                || stmt instanceof GrantRoleStmt || stmt instanceof RenameStmt r && r.renameType() == ObjectType.ROLE;
    }

    /** Runs the statement; returns its command tag. */
    public String execute(RawStmt stmt) {
        if (stmt instanceof CreateRoleStmt c) {
            RoleCommands.Kind kind = RoleCommands.Kind.valueOf(c.stmtType().name());
            commands.createRole(kind, c.role(), options(c.options(), false));
            return "CREATE ROLE";
        }
        if (stmt instanceof AlterRoleStmt a) {
            String name = roleName(a.role());
            if (a.action() < 0) {
                // ALTER GROUP g DROP USER u: REVOKE g FROM u
                List<String> members = new ArrayList<>();
                for (DefElem d : a.options()) {
                    members.addAll(roleNames(d.arg()));
                }
                commands.revokeRoles(List.of(name), members, false);
            } else {
                commands.alterRole(name, options(a.options(), true));
            }
            return "ALTER ROLE";
        }
        if (stmt instanceof DropRoleStmt d) {
            List<String> names = new ArrayList<>();
            for (RoleSpec r : d.roles()) {
                names.add(roleNameForDrop(r));
            }
            commands.dropRoles(names, d.missingOk());
            return "DROP ROLE";
        }
        if (stmt instanceof GrantRoleStmt g) {
            List<String> roles = new ArrayList<>();
            for (AccessPriv p : g.grantedRoles()) {
                if (p.cols() != null && !p.cols().isEmpty()) {
                    throw PgException.error(SqlState.INVALID_GRANT_OPERATION,
                            "column names cannot be included in GRANT/REVOKE ROLE");
                }
                roles.add(p.privName());
            }
            List<String> members = new ArrayList<>();
            for (RoleSpec r : g.granteeRoles()) {
                members.add(roleName(r));
            }
            if (g.isGrant()) {
                commands.grantRoles(roles, members, g.adminOpt());
                return "GRANT ROLE";
            }
            commands.revokeRoles(roles, members, g.adminOpt());
            return "REVOKE ROLE";
        }
        RenameStmt r = (RenameStmt) stmt;
        commands.renameRole(r.subname(), r.newname());
        return "ALTER ROLE";
    }

    /** get_rolespec_name: CURRENT_USER and friends resolve; PUBLIC is not a role. */
    private String roleName(RoleSpec spec) {
        switch (spec.roletype()) {
            case CSTRING:
                return spec.rolename();
            case CURRENT_ROLE: case CURRENT_USER:
                return currentUser;
            case SESSION_USER:
                return sessionUser;
            default:
                throw PgException.error(SqlState.UNDEFINED_OBJECT, "role \"public\" does not exist");
        }
    }

    /** DROP ROLE refuses the special words with PostgreSQL's message. */
    private String roleNameForDrop(RoleSpec spec) {
        switch (spec.roletype()) {
            case CSTRING:
                return spec.rolename();
            case PUBLIC:
                throw PgException.error(SqlState.UNDEFINED_OBJECT, "role \"public\" does not exist");
            default:
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot use special role specifier in DROP ROLE");
        }
    }

    private List<String> roleNames(RawNode arg) {
        List<String> out = new ArrayList<>();
        if (arg instanceof NodeList l) {
            for (RawNode n : l.items()) {
                out.add(roleName((RoleSpec) n));
            }
        }
        return out;
    }

    /** The DefElems of CREATE/ALTER ROLE as RoleOptions; a repeated option is 42601 "conflicting or redundant options". */
    RoleOptions options(List<DefElem> defs, boolean alter) {
        RoleOptions.Builder b = RoleOptions.builder();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (DefElem d : defs) {
            if (!seen.add(d.defname())) {
                throw new PgException(org.tusk.api.error.Severity.ERROR, SqlState.SYNTAX_ERROR,
                        "conflicting or redundant options", null, null, d.location() + 1, null);
            }
            switch (d.defname()) {
                case "superuser" -> b.superuser(bool(d));
                case "createdb" -> b.createDb(bool(d));
                case "createrole" -> b.createRole(bool(d));
                case "inherit" -> b.inherit(bool(d));
                case "canlogin" -> b.login(bool(d));
                case "isreplication" -> b.replication(bool(d));
                case "bypassrls" -> b.bypassRls(bool(d));
                case "connectionlimit" -> b.connectionLimit(Integer.parseInt(((AConst) d.arg()).val()));
                case "password" -> b.password(d.arg() == null ? null : ((AConst) d.arg()).val());
                case "validUntil" -> b.validUntil(validUntil(((AConst) d.arg()).val()));
                case "rolemembers" -> b.roleMembers(roleNames(d.arg()));
                case "adminmembers" -> b.adminMembers(roleNames(d.arg()));
                case "addroleto" -> b.inRoles(roleNames(d.arg()));
                case "sysid" -> { } // SYSID is accepted and ignored, as PostgreSQL does
                default -> throw PgException.error(SqlState.SYNTAX_ERROR,
                        "option \"" + d.defname() + "\" not recognized");
            }
        }
        return b.build();
    }

    private static boolean bool(DefElem d) {
        return d.arg() instanceof AConst c && "t".equals(c.val());
    }

    /** VALID UNTIL: timestamptz in the session's zone; 'infinity' never expires. */
    private Long validUntil(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("infinity") || t.equals("+infinity")) {
            return Long.MAX_VALUE;
        }
        if (t.equals("-infinity")) {
            return Long.MIN_VALUE;
        }
        return DateTimes.parseTimestamp(text, zone, true, 0L);
    }

    /** The store's record of the current user (for callers that need its OID). */
    public RoleRecord currentRole() {
        return store.byName(currentUser);
    }
}
