package org.tusk.engine.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The shared catalogs initdb writes as text files: global/pg_database
 * ("oid datname" lines) and global/pg_authid ("oid rolname t|f" lines).
 */
public final class ClusterCatalog {
    /** A pg_database row. */
    public record Database(long oid, String name) {}

    /** A pg_authid row. */
    public record Role(long oid, String name, boolean superuser) {}

    private final Map<String, Database> databases = new HashMap<>();
    private final Map<String, Role> roles = new HashMap<>();

    public static ClusterCatalog load(Path dataDirectory) {
        ClusterCatalog c = new ClusterCatalog();
        if (dataDirectory != null) {
            for (String[] f : lines(dataDirectory.resolve("global").resolve("pg_database"))) {
                if (f.length >= 2) {
                    c.databases.put(f[1], new Database(Long.parseLong(f[0]), f[1]));
                }
            }
            for (String[] f : lines(dataDirectory.resolve("global").resolve("pg_authid"))) {
                if (f.length >= 2) {
                    c.roles.put(f[1], new Role(Long.parseLong(f[0]), f[1], f.length > 2 && f[2].equals("t")));
                }
            }
        }
        return c;
    }

    private static java.util.List<String[]> lines(Path file) {
        java.util.List<String[]> out = new java.util.ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String t = line.trim();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    String[] f = t.split("\\s+");
                    try {
                        Long.parseLong(f[0]);
                        out.add(f);
                    } catch (NumberFormatException e) {
                        // not a catalog row
                    }
                }
            }
        } catch (IOException e) {
            // a missing file means an empty catalog: every connection attempt then fails with FATAL
        }
        return out;
    }

    public Database database(String name) {
        return databases.get(name);
    }

    /** The bootstrap superuser's name (OID 10). */
    public String superuserName() {
        for (Role r : roles.values()) {
            if (r.oid() == 10) {
                return r.name();
            }
        }
        return "postgres";
    }

    public Role role(String name) {
        return roles.get(name);
    }
}
