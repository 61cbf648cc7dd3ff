package org.tusk.engine.acl;

import java.util.Map;

/**
 * PostgreSQL 15's predefined roles (pg_authid's bootstrap rows besides the bootstrap superuser),
 * by OID. The role store holds only the roles a cluster created, but catalog rows name these:
 * pg_namespace's public schema is owned by pg_database_owner (6171), so its ACL items must print
 * and parse with that name.
 */
public final class PredefinedRoles {

    private static final Map<Long, String> BY_OID = Map.ofEntries(
            Map.entry(3373L, "pg_monitor"), Map.entry(3374L, "pg_read_all_settings"),
            Map.entry(3375L, "pg_read_all_stats"), Map.entry(3377L, "pg_stat_scan_tables"),
            Map.entry(4200L, "pg_signal_backend"), Map.entry(4544L, "pg_checkpoint"),
            Map.entry(4569L, "pg_read_server_files"), Map.entry(4570L, "pg_write_server_files"),
            Map.entry(4571L, "pg_execute_server_program"), Map.entry(6171L, "pg_database_owner"),
            Map.entry(6181L, "pg_read_all_data"), Map.entry(6182L, "pg_write_all_data"));

    private PredefinedRoles() {
    }

    /** The predefined role's name, or null. */
    public static String name(long oid) {
        return BY_OID.get(oid);
    }

    /** The predefined role's OID, or null. */
    public static Long oid(String name) {
        for (Map.Entry<Long, String> e : BY_OID.entrySet()) {
            if (e.getValue().equals(name)) {
                return e.getKey();
            }
        }
        return null;
    }
}
