package org.tusk.api.auth;

/**
 * One pg_authid row, as authentication and the role commands need it.
 *
 * @param password   rolpassword: a SCRAM-SHA-256 secret, an md5 hash, or null
 * @param validUntil rolvaliduntil in microseconds since 2000-01-01 UTC (the engine's
 *                   timestamptz), or null for no limit
 */
public record RoleRecord(long oid, String name, boolean superuser, boolean inherit, boolean createRole,
        boolean createDb, boolean canLogin, boolean replication, boolean bypassRls, int connectionLimit,
        String password, Long validUntil) {

    /** The attributes CREATE ROLE gives when none are named (NOLOGIN, INHERIT, connection limit -1). */
    public static RoleRecord defaults(long oid, String name) {
        return new RoleRecord(oid, name, false, true, false, false, false, false, false, -1, null, null);
    }

    public RoleRecord withName(String newName) {
        return new RoleRecord(oid, newName, superuser, inherit, createRole, createDb, canLogin, replication, bypassRls,
                connectionLimit, password, validUntil);
    }

    public RoleRecord withPassword(String newPassword) {
        return new RoleRecord(oid, name, superuser, inherit, createRole, createDb, canLogin, replication, bypassRls,
                connectionLimit, newPassword, validUntil);
    }
}
