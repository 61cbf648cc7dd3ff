package org.tusk.boot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The server's effective settings: built-in defaults, then {@code tusk.conf}
 * in the data directory, then {@code -c name=value} options (PostgreSQL's
 * order of precedence). Names are validated against PostgreSQL 15's list plus
 * Tusk's own; names with a dot are custom placeholders and always accepted.
 */
final class ServerSettings {

    static final String CONF_FILE = "tusk.conf";
    /** Where the effective settings are written for the postmaster bundle and backends to read. */
    static final String OPTS_FILE = "postmaster.opts";

    private static final Map<String, String> KNOWN = loadKnown();

    private final Map<String, String> values = new LinkedHashMap<>();
    /**
     * A data directory without pg_control yet is being bootstrapped by initdb, which hands the
     * bootstrap server data_checksums (postgres --boot -k); no other server may set an
     * internal parameter.
     */
    private boolean bootstrapping;

    private ServerSettings() {}

    static ServerSettings load(Path dataDir, List<String> commandLineOptions) throws IOException, ConfigException {
        ServerSettings s = new ServerSettings();
        s.bootstrapping = !Files.exists(dataDir.resolve("global/pg_control"));
        s.values.put("port", "5432");
        s.values.put("listen_addresses", "localhost");
        s.values.put("unix_socket_directories", "/tmp");
        s.values.put("max_connections", "100");
        s.values.put("min_spare_backends", "2");
        s.values.put("max_spare_backends", "4");
        s.values.put("spare_backend_idle_timeout", "120");
        s.values.put("max_sessions_per_backend", "10000");
        s.values.put("backend_reuse", "on");
        s.values.put("backend_warmup", "on");
        s.values.put("shared_buffers", "128MB");
        Path conf = dataDir.resolve(CONF_FILE);
        if (Files.exists(conf)) {
            for (Map.Entry<String, String> e : ConfigFile.parse(conf).entrySet()) {
                try {
                    s.set(e.getKey(), e.getValue(), "configuration file");
                } catch (ConfigException bad) {
                    throw new ConfigException("configuration file \"" + conf + "\" contains errors: " + bad.getMessage());
                }
            }
        }
        for (String opt : commandLineOptions) {
            int eq = opt.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("-c " + opt + " requires a value");
            }
            s.set(opt.substring(0, eq).strip().replace('-', '_'), opt.substring(eq + 1), "command line");
        }
        s.validate();
        return s;
    }

    private void set(String name, String value, String source) throws ConfigException {
        String key = name.toLowerCase(Locale.ROOT);
        if (!key.contains(".") && !KNOWN.containsKey(key)) {
            throw new ConfigException("unrecognized configuration parameter \"" + name + "\"");
        }
        if ("internal".equals(KNOWN.get(key)) && !bootstrapping) {
            // PGC_INTERNAL: what the server was built or initialized with (block_size, data_checksums...)
            throw new ConfigException("parameter \"" + name + "\" cannot be changed");
        }
        values.put(key, value);
    }

    private void validate() throws ConfigException {
        int port = intValue("port", 1, 65535);
        intValue("max_connections", 1, 262143);
        int minSpare = intValue("min_spare_backends", 0, 1000);
        int maxSpare = intValue("max_spare_backends", 0, 1000);
        if (maxSpare < minSpare) {
            throw new ConfigException("max_spare_backends (" + maxSpare + ") must not be less than min_spare_backends (" + minSpare + ")");
        }
        intValue("spare_backend_idle_timeout", 0, 86400);
        intValue("max_sessions_per_backend", 1, Integer.MAX_VALUE);
        boolValue("backend_reuse");
        boolValue("backend_warmup");
        assert port > 0;
    }

    int intValue(String name, int min, int max) throws ConfigException {
        String v = values.get(name);
        int parsed;
        try {
            parsed = Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new ConfigException("invalid value for parameter \"" + name + "\": \"" + v + "\"");
        }
        if (parsed < min || parsed > max) {
            throw new ConfigException(parsed + " is outside the valid range for parameter \"" + name + "\" (" + min + " .. " + max + ")");
        }
        return parsed;
    }

    boolean boolValue(String name) throws ConfigException {
        String v = values.get(name).strip().toLowerCase(Locale.ROOT);
        switch (v) {
            case "on": case "true": case "yes": case "1": case "t": case "y": return true;
            case "off": case "false": case "no": case "0": case "f": case "n": return false;
            default: throw new ConfigException("parameter \"" + name + "\" requires a Boolean value");
        }
    }

    String get(String name) {
        return values.get(name);
    }

    Map<String, String> asMap() {
        return new HashMap<>(values);
    }

    /** Writes the effective settings where the postmaster bundle and backends read them. */
    void writeTo(Path file) throws IOException {
        Properties p = new Properties();
        p.putAll(values);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, "effective settings of the running postmaster (tusk.conf + -c); written at start");
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static Map<String, String> loadKnown() {
        Map<String, String> known = new HashMap<>();
        try (InputStream in = ServerSettings.class.getResourceAsStream("settings.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split(" ");
                known.put(f[0].toLowerCase(Locale.ROOT), f[1]);
            }
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("settings.txt missing from tusk-boot.jar", e);
        }
        return known;
    }
}
