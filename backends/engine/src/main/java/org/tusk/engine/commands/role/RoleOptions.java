package org.tusk.engine.commands.role;

import java.util.List;

/**
 * The options of CREATE/ALTER ROLE, independent of the parse tree (gram.y's
 * DefElems: superuser, createdb, createrole, inherit, canlogin, isreplication,
 * bypassrls, connectionlimit, password, validUntil, addroleto, rolemembers,
 * adminmembers). Null means "not given".
 *
 * @param passwordGiven  PASSWORD appeared; {@code password} null then means PASSWORD NULL
 * @param validUntil     VALID UNTIL as microseconds since 2000-01-01 UTC (the caller parses the
 *                       timestamptz; 'infinity' is {@link Long#MAX_VALUE}); {@code validUntilGiven} says it appeared
 * @param inRoles        IN ROLE / IN GROUP: roles the new role joins
 * @param roleMembers    ROLE / USER: roles that become members of the new role
 * @param adminMembers   ADMIN: members with ADMIN OPTION
 */
public record RoleOptions(Boolean superuser, Boolean createDb, Boolean createRole, Boolean inherit, Boolean login,
        Boolean replication, Boolean bypassRls, Integer connectionLimit, boolean passwordGiven, String password,
        boolean validUntilGiven, Long validUntil, List<String> inRoles, List<String> roleMembers,
        List<String> adminMembers) {

    public static final RoleOptions NONE = builder().build();

    public static Builder builder() {
        return new Builder();
    }

    /** Builds options one at a time, as an adapter walking the DefElems would. */
    public static final class Builder {
        private Boolean superuser, createDb, createRole, inherit, login, replication, bypassRls;
        private Integer connectionLimit;
        private boolean passwordGiven, validUntilGiven;
        private String password;
        private Long validUntil;
        private List<String> inRoles = List.of(), roleMembers = List.of(), adminMembers = List.of();

        public Builder superuser(boolean v) { superuser = v; return this; }
        public Builder createDb(boolean v) { createDb = v; return this; }
        public Builder createRole(boolean v) { createRole = v; return this; }
        public Builder inherit(boolean v) { inherit = v; return this; }
        public Builder login(boolean v) { login = v; return this; }
        public Builder replication(boolean v) { replication = v; return this; }
        public Builder bypassRls(boolean v) { bypassRls = v; return this; }
        public Builder connectionLimit(int v) { connectionLimit = v; return this; }
        public Builder password(String v) { passwordGiven = true; password = v; return this; }
        public Builder validUntil(Long v) { validUntilGiven = true; validUntil = v; return this; }
        public Builder inRoles(List<String> v) { inRoles = List.copyOf(v); return this; }
        public Builder roleMembers(List<String> v) { roleMembers = List.copyOf(v); return this; }
        public Builder adminMembers(List<String> v) { adminMembers = List.copyOf(v); return this; }

        public RoleOptions build() {
            return new RoleOptions(superuser, createDb, createRole, inherit, login, replication, bypassRls,
                    connectionLimit, passwordGiven, password, validUntilGiven, validUntil, inRoles, roleMembers,
                    adminMembers);
        }
    }
}
