package org.tusk.postmaster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The settings the postmaster acts on, read from {@code postmaster.opts}
 * (written by the launcher from tusk.conf and -c after validating them).
 */
record PostmasterSettings(int port, List<String> listenAddresses, List<String> unixSocketDirectories,
        int maxConnections, int minSpareBackends, int maxSpareBackends, int spareBackendIdleTimeoutSeconds,
        int maxSessionsPerBackend,
        boolean backendReuse, List<String> backendJvmOptions, Map<String, String> all) {

    /** Slots beyond maxBackends() for auxiliary processes: the startup process, the checkpointer, autovacuum. */
    static final int AUXILIARY_SLOTS = 3;

    static PostmasterSettings load(Path optsFile) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(optsFile)) {
            p.load(in);
        }
        return new PostmasterSettings(
                Integer.parseInt(p.getProperty("port", "5432").strip()),
                list(p.getProperty("listen_addresses", "localhost")),
                list(p.getProperty("unix_socket_directories", "/tmp")),
                Integer.parseInt(p.getProperty("max_connections", "100").strip()),
                Integer.parseInt(p.getProperty("min_spare_backends", "2").strip()),
                Integer.parseInt(p.getProperty("max_spare_backends", "4").strip()),
                Integer.parseInt(p.getProperty("spare_backend_idle_timeout", "120").strip()),
                Integer.parseInt(p.getProperty("max_sessions_per_backend", "10000").strip()),
                bool(p.getProperty("backend_reuse", "on")),
                List.of(p.getProperty("backend_jvm_options", "").strip().split("\\s+")).stream()
                        .filter(s -> !s.isEmpty()).toList(),
                asMap(p));
    }

    private static Map<String, String> asMap(Properties p) {
        Map<String, String> all = new HashMap<>();
        for (String name : p.stringPropertyNames()) {
            all.put(name.toLowerCase(Locale.ROOT), p.getProperty(name).strip());
        }
        return Map.copyOf(all);
    }

    /** Every process that can hold a shared-memory slot: sessions plus idle pooled backends. */
    int maxBackends() {
        return maxConnections + maxSpareBackends + 1;
    }

    /** {@code autovacuum = on|off} (default on): whether the postmaster starts the autovacuum launcher. */
    boolean autovacuum() {
        return bool(all.getOrDefault("autovacuum", "on"));
    }

    private static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        for (String s : value.split(",")) {
            String t = s.strip();
            if (t.startsWith("'") && t.endsWith("'") && t.length() >= 2) t = t.substring(1, t.length() - 1);
            if (!t.isEmpty()) out.add(t);
        }
        return out;
    }

    private static boolean bool(String v) {
        return List.of("on", "true", "yes", "1", "t", "y").contains(v.strip().toLowerCase(Locale.ROOT));
    }
}
