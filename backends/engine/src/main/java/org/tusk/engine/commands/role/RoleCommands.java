package org.tusk.engine.commands.role;

import java.util.List;
import java.util.function.Consumer;

import org.tusk.api.auth.PasswordEncryption;
import org.tusk.api.auth.RoleMembership;
import org.tusk.api.auth.RoleRecord;
import org.tusk.api.auth.RoleStore;
import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;
import org.tusk.api.error.SqlState;
import org.tusk.engine.acl.RoleGraph;

/**
 * CREATE ROLE/USER/GROUP, ALTER ROLE, ALTER ROLE RENAME, DROP ROLE and
 * GRANT/REVOKE role membership (PostgreSQL's commands/user.c) against a
 * {@link RoleStore}, for the session's current and session user. Permission
 * rules, messages and SQLSTATEs are PostgreSQL 15's.
 */
public final class RoleCommands {
    /** BOOTSTRAP_SUPERUSERID. */
    public static final long BOOTSTRAP_SUPERUSER = 10;

    public enum Kind { ROLE, USER, GROUP }

    private final RoleStore store;
    private final long currentUser;
    private final long sessionUser;
    private final PasswordEncryption passwordEncryption;
    private final Consumer<PgException> notices;
    private final RoleDependencies dependencies;

    /**
     * @param passwordEncryption the session's password_encryption setting ("scram-sha-256" or "md5")
     * @param notices            receives NOTICEs and WARNINGs for the client
     */
    public RoleCommands(RoleStore store, long currentUser, long sessionUser, String passwordEncryption,
            Consumer<PgException> notices, RoleDependencies dependencies) {
        this.store = store;
        this.currentUser = currentUser;
        this.sessionUser = sessionUser;
        this.passwordEncryption = PasswordEncryption.fromSetting(passwordEncryption);
        this.notices = notices;
        this.dependencies = dependencies;
    }

    private RoleRecord me() {
        return store.byOid(currentUser);
    }

    private boolean amSuperuser() {
        RoleRecord me = me();
        return me != null && me.superuser();
    }

    /** have_createrole_privilege: CREATEROLE or superuser. */
    private boolean haveCreateRole() {
        RoleRecord me = me();
        return me != null && (me.superuser() || me.createRole());
    }

    /** CreateRole. Returns the new role's OID. */
    public long createRole(Kind kind, String name, RoleOptions o) {
        if (Boolean.TRUE.equals(o.superuser())) {
            requireSuperuser("must be superuser to create superusers");
        } else if (Boolean.TRUE.equals(o.replication())) {
            requireSuperuser("must be superuser to create replication users");
        } else if (Boolean.TRUE.equals(o.bypassRls())) {
            requireSuperuser("must be superuser to create bypassrls users");
        } else if (!haveCreateRole()) {
            throw denied("permission denied to create role");
        }
        if (name.startsWith("pg_")) {
            throw new PgException(Severity.ERROR, SqlState.RESERVED_NAME, "role name \"" + name + "\" is reserved",
                    "Role names starting with \"pg_\" are reserved.", null, 0, null);
        }
        if (store.byName(name) != null) {
            throw PgException.error(SqlState.DUPLICATE_OBJECT, "role \"" + name + "\" already exists");
        }
        int connLimit = o.connectionLimit() == null ? -1 : checkConnectionLimit(o.connectionLimit());
        long oid = store.newOid();
        RoleRecord role = new RoleRecord(oid, name, bool(o.superuser(), false), bool(o.inherit(), true),
                bool(o.createRole(), false), bool(o.createDb(), false), bool(o.login(), kind == Kind.USER),
                bool(o.replication(), false), bool(o.bypassRls(), false), connLimit,
                o.passwordGiven() ? encrypt(name, o.password()) : null, o.validUntilGiven() ? o.validUntil() : null);
        store.create(role);
        for (String in : o.inRoles()) {
            addMembers(existing(in), List.of(role), false);
        }
        addMembers(role, o.roleMembers().stream().map(this::existing).toList(), false);
        addMembers(role, o.adminMembers().stream().map(this::existing).toList(), true);
        return oid;
    }

    /** AlterRole: ALTER ROLE name [WITH] options (and ROLE/ADMIN members, as ALTER GROUP ADD USER). */
    public void alterRole(String name, RoleOptions o) {
        RoleRecord role = existing(name);
        if (role.superuser() || o.superuser() != null) {
            if (!amSuperuser()) {
                throw denied("must be superuser to alter superuser roles or change superuser attribute");
            }
        } else if (role.replication() || o.replication() != null) {
            if (!amSuperuser()) {
                throw denied("must be superuser to alter replication roles or change replication attribute");
            }
        } else if (o.bypassRls() != null) {
            if (!amSuperuser()) {
                throw denied("must be superuser to change bypassrls attribute");
            }
        } else if (!haveCreateRole()) {
            // Without CREATEROLE a role may only change its own password.
            boolean onlyOwnPassword = o.inherit() == null && o.createRole() == null && o.createDb() == null
                    && o.login() == null && o.connectionLimit() == null && o.roleMembers().isEmpty()
                    && o.adminMembers().isEmpty() && !o.validUntilGiven() && o.passwordGiven() && role.oid() == currentUser;
            if (!onlyOwnPassword) {
                throw denied("permission denied");
            }
        }
        if (o.superuser() != null && !o.superuser() && role.oid() == BOOTSTRAP_SUPERUSER) {
            throw denied("permission denied: bootstrap user must be superuser");
        }
        int connLimit = o.connectionLimit() == null ? role.connectionLimit() : checkConnectionLimit(o.connectionLimit());
        RoleRecord updated = new RoleRecord(role.oid(), role.name(), bool(o.superuser(), role.superuser()),
                bool(o.inherit(), role.inherit()), bool(o.createRole(), role.createRole()),
                bool(o.createDb(), role.createDb()), bool(o.login(), role.canLogin()),
                bool(o.replication(), role.replication()), bool(o.bypassRls(), role.bypassRls()), connLimit,
                o.passwordGiven() ? encrypt(role.name(), o.password()) : role.password(),
                o.validUntilGiven() ? o.validUntil() : role.validUntil());
        store.update(updated);
        addMembers(updated, o.roleMembers().stream().map(this::existing).toList(), false);
        addMembers(updated, o.adminMembers().stream().map(this::existing).toList(), true);
    }

    /** RenameRole: ALTER ROLE old RENAME TO new. An md5 password, salted with the name, is cleared. */
    public void renameRole(String oldName, String newName) {
        RoleRecord role = existing(oldName);
        if (role.oid() == sessionUser) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "session user cannot be renamed");
        }
        if (role.oid() == currentUser) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "current user cannot be renamed");
        }
        if (store.byName(newName) != null) {
            throw PgException.error(SqlState.DUPLICATE_OBJECT, "role \"" + newName + "\" already exists");
        }
        if (newName.startsWith("pg_")) {
            throw new PgException(Severity.ERROR, SqlState.RESERVED_NAME, "role name \"" + newName + "\" is reserved",
                    "Role names starting with \"pg_\" are reserved.", null, 0, null);
        }
        if (role.superuser()) {
            requireSuperuser("must be superuser to rename superusers");
        } else if (!haveCreateRole()) {
            throw denied("permission denied to rename role");
        }
        RoleRecord renamed = role.withName(newName);
        if (org.tusk.api.auth.Md5Password.isMd5(role.password())) {
            renamed = renamed.withPassword(null);
            notice(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION, "MD5 password cleared because of role rename");
        }
        store.update(renamed);
    }

    /** DropRole: DROP ROLE [IF EXISTS] names. */
    public void dropRoles(List<String> names, boolean missingOk) {
        if (!haveCreateRole()) {
            throw denied("permission denied to drop role");
        }
        for (String name : names) {
            RoleRecord role = store.byName(name);
            if (role == null) {
                if (!missingOk) {
                    throw PgException.error(SqlState.UNDEFINED_OBJECT, "role \"" + name + "\" does not exist");
                }
                notice(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION, "role \"" + name + "\" does not exist, skipping");
                continue;
            }
            if (role.oid() == currentUser) {
                throw PgException.error(SqlState.OBJECT_IN_USE, "current user cannot be dropped");
            }
            if (role.oid() == sessionUser) {
                throw PgException.error(SqlState.OBJECT_IN_USE, "session user cannot be dropped");
            }
            if (role.oid() == BOOTSTRAP_SUPERUSER) {
                throw PgException.error(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                        "cannot drop role " + name + " because it is required by the database system");
            }
            if (role.superuser() && !amSuperuser()) {
                throw denied("must be superuser to drop superusers");
            }
            dependencies.checkDroppable(role.oid(), role.name());
            store.drop(role.oid());
        }
    }

    /** GrantRole with isGrant: GRANT roles TO members [WITH ADMIN OPTION]. */
    public void grantRoles(List<String> roles, List<String> members, boolean adminOption) {
        List<RoleRecord> memberRecords = members.stream().map(this::existing).toList();
        for (String r : roles) {
            addMembers(existing(r), memberRecords, adminOption);
        }
    }

    /** GrantRole without isGrant: REVOKE [ADMIN OPTION FOR] roles FROM members. */
    public void revokeRoles(List<String> roles, List<String> members, boolean adminOptionOnly) {
        List<RoleRecord> memberRecords = members.stream().map(this::existing).toList();
        for (String r : roles) {
            RoleRecord role = existing(r);
            checkMembershipAdmin(role);
            for (RoleRecord member : memberRecords) {
                RoleMembership existing = membership(role.oid(), member.oid());
                if (existing == null) {
                    notice(Severity.WARNING, SqlState.WARNING,
                            "role \"" + member.name() + "\" is not a member of role \"" + role.name() + "\"");
                    continue;
                }
                if (adminOptionOnly) {
                    store.grantMembership(new RoleMembership(role.oid(), member.oid(), existing.grantor(), false));
                } else {
                    store.revokeMembership(role.oid(), member.oid());
                }
            }
        }
    }

    /** AddRoleMems. */
    private void addMembers(RoleRecord role, List<RoleRecord> members, boolean adminOption) {
        if (members.isEmpty()) {
            return;
        }
        checkMembershipAdmin(role);
        for (RoleRecord member : members) {
            // A membership loop would make has_privs_of_role recurse forever.
            if (RoleGraph.of(store).isMemberOfRoleNoSuper(role.oid(), member.oid())) {
                throw PgException.error(SqlState.INVALID_GRANT_OPERATION,
                        "role \"" + role.name() + "\" is a member of role \"" + member.name() + "\"");
            }
            RoleMembership existing = membership(role.oid(), member.oid());
            if (existing != null && (existing.adminOption() || !adminOption)) {
                notice(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                        "role \"" + member.name() + "\" is already a member of role \"" + role.name() + "\"");
                continue;
            }
            store.grantMembership(new RoleMembership(role.oid(), member.oid(), currentUser, adminOption));
        }
    }

    /** Who may change a role's members: superusers for superuser roles, else CREATEROLE or ADMIN OPTION. */
    private void checkMembershipAdmin(RoleRecord role) {
        if (role.superuser()) {
            requireSuperuser("must be superuser to alter superusers");
        } else if (!haveCreateRole() && !RoleGraph.of(store).isAdminOfRole(currentUser, role.oid())) {
            throw denied("must have admin option on role \"" + role.name() + "\"");
        }
    }

    private RoleMembership membership(long role, long member) {
        for (RoleMembership m : store.memberships()) {
            if (m.role() == role && m.member() == member) {
                return m;
            }
        }
        return null;
    }

    private RoleRecord existing(String name) {
        RoleRecord r = store.byName(name);
        if (r == null) {
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "role \"" + name + "\" does not exist");
        }
        return r;
    }

    /** PASSWORD 'x': an empty string clears the password with a NOTICE; otherwise encrypt_password. */
    private String encrypt(String role, String password) {
        if (password == null) {
            return null;
        }
        if (password.isEmpty()) {
            notice(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION, "empty string is not a valid password, clearing password");
            return null;
        }
        return passwordEncryption.encrypt(role, password);
    }

    private static int checkConnectionLimit(int limit) {
        if (limit < -1) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "invalid connection limit: " + limit);
        }
        return limit;
    }

    private void requireSuperuser(String message) {
        if (!amSuperuser()) {
            throw denied(message);
        }
    }

    private static PgException denied(String message) {
        return PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, message);
    }

    private void notice(Severity severity, String code, String message) {
        if (notices != null) {
            notices.accept(new PgException(severity, code, message, null, null, 0, null));
        }
    }

    private static boolean bool(Boolean given, boolean otherwise) {
        return given != null ? given : otherwise;
    }
}
