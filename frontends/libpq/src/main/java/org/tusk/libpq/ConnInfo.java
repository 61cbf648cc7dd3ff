package org.tusk.libpq;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Connection parameters, as libpq takes them: a "keyword=value ..." string or
 * a postgresql:// URI, completed by a service file entry, PG* environment
 * variables and built-in defaults ({@link #withDefaults}). Immutable.
 */
public final class ConnInfo {

    /** The keywords libpq accepts that this client knows about; others are refused like libpq does. */
    public static final Set<String> KEYWORDS = Set.of(
            "host", "hostaddr", "port", "dbname", "user", "password", "passfile", "application_name",
            "fallback_application_name", "options", "connect_timeout", "client_encoding", "sslmode",
            "service", "target_session_attrs", "keepalives", "keepalives_idle", "keepalives_interval",
            "keepalives_count", "tcp_user_timeout", "gssencmode", "sslcert", "sslkey", "sslrootcert",
            "sslcrl", "sslcompression", "sslpassword", "requirepeer", "krbsrvname", "channel_binding",
            "replication", "ssl_min_protocol_version", "ssl_max_protocol_version", "sslsni", "gsslib");

    /** Built-in default socket directory; PostgreSQL upstream's DEFAULT_PGSOCKET_DIR. */
    public static final String DEFAULT_SOCKET_DIR = "/tmp";
    public static final int DEFAULT_PORT = 5432;

    private static final Map<String, String> ENV_DEFAULTS = Map.ofEntries(
            Map.entry("host", "PGHOST"), Map.entry("hostaddr", "PGHOSTADDR"), Map.entry("port", "PGPORT"),
            Map.entry("dbname", "PGDATABASE"), Map.entry("user", "PGUSER"), Map.entry("password", "PGPASSWORD"),
            Map.entry("passfile", "PGPASSFILE"), Map.entry("application_name", "PGAPPNAME"),
            Map.entry("options", "PGOPTIONS"), Map.entry("connect_timeout", "PGCONNECT_TIMEOUT"),
            Map.entry("client_encoding", "PGCLIENTENCODING"), Map.entry("sslmode", "PGSSLMODE"),
            Map.entry("service", "PGSERVICE"), Map.entry("target_session_attrs", "PGTARGETSESSIONATTRS"),
            Map.entry("gssencmode", "PGGSSENCMODE"));

    private final Map<String, String> values;

    private ConnInfo(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static ConnInfo of(Map<String, String> values) {
        for (String k : values.keySet()) checkKeyword(k);
        return new ConnInfo(values);
    }

    /** Parses a conninfo string or URI; throws PgError (08001-like, libpq wording) on bad syntax. */
    public static ConnInfo parse(String conninfo) {
        if (conninfo == null) return new ConnInfo(Map.of());
        String s = conninfo.trim();
        if (s.startsWith("postgresql://") || s.startsWith("postgres://")) return new ConnInfo(parseUri(s));
        return new ConnInfo(parseKeywordValue(s));
    }

    /** Whether psql would treat this dbname argument as a connection string (expand_dbname). */
    public static boolean looksLikeConnString(String s) {
        return s != null && (s.startsWith("postgresql://") || s.startsWith("postgres://") || s.contains("="));
    }

    public String get(String keyword) { return values.get(keyword); }
    public Map<String, String> asMap() { return values; }

    /** A copy with one parameter set (null or "" removes it). */
    public ConnInfo with(String keyword, String value) {
        checkKeyword(keyword);
        Map<String, String> m = new LinkedHashMap<>(values);
        if (value == null || value.isEmpty()) m.remove(keyword); else m.put(keyword, value);
        return new ConnInfo(m);
    }

    /** This info's values, then other's for the keywords this one lacks. */
    public ConnInfo orElse(ConnInfo other) {
        Map<String, String> m = new LinkedHashMap<>(other.values);
        m.putAll(values);
        return new ConnInfo(m);
    }

    /** Completes the parameters from the process environment and the OS user name. */
    public ConnInfo withDefaults() {
        return withDefaults(System.getenv(), System.getProperty("user.name"));
    }

    /**
     * Completes the parameters as libpq's conninfo_add_defaults does: service
     * file entry, then environment variables, then built-in defaults (host
     * {@value #DEFAULT_SOCKET_DIR}, port 5432, user = OS user, dbname = user).
     */
    public ConnInfo withDefaults(Map<String, String> env, String osUser) {
        Map<String, String> m = new LinkedHashMap<>(values);
        String service = m.getOrDefault("service", env.get("PGSERVICE"));
        if (service != null && !service.isEmpty()) {
            for (Map.Entry<String, String> e : ServiceFile.lookup(service, env).entrySet()) {
                m.putIfAbsent(e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, String> e : ENV_DEFAULTS.entrySet()) {
            String v = env.get(e.getValue());
            if (v != null && !v.isEmpty()) m.putIfAbsent(e.getKey(), v);
        }
        m.putIfAbsent("host", DEFAULT_SOCKET_DIR);
        m.putIfAbsent("port", Integer.toString(DEFAULT_PORT));
        m.putIfAbsent("user", osUser);
        m.putIfAbsent("dbname", m.get("user"));
        m.putIfAbsent("sslmode", "prefer");
        return new ConnInfo(m);
    }

    private static void checkKeyword(String k) {
        if (!KEYWORDS.contains(k)) {
            throw new PgError(PgDiagnostic.local("FATAL", "08001", "invalid connection option \"" + k + "\""));
        }
    }

    private static PgError syntax(String message) {
        return new PgError(PgDiagnostic.local("FATAL", "08001", message));
    }

    private static Map<String, String> parseKeywordValue(String s) {
        Map<String, String> m = new LinkedHashMap<>();
        int i = 0;
        int n = s.length();
        while (true) {
            while (i < n && Character.isWhitespace(s.charAt(i))) i++;
            if (i >= n) break;
            int start = i;
            while (i < n && s.charAt(i) != '=' && !Character.isWhitespace(s.charAt(i))) i++;
            String key = s.substring(start, i);
            while (i < n && Character.isWhitespace(s.charAt(i))) i++;
            if (i >= n || s.charAt(i) != '=') {
                throw syntax("missing \"=\" after \"" + key + "\" in connection info string");
            }
            i++;
            while (i < n && Character.isWhitespace(s.charAt(i))) i++;
            StringBuilder v = new StringBuilder();
            if (i < n && s.charAt(i) == '\'') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = s.charAt(i++);
                    if (c == '\\' && i < n) {
                        v.append(s.charAt(i++));
                    } else if (c == '\'') {
                        closed = true;
                        break;
                    } else {
                        v.append(c);
                    }
                }
                if (!closed) throw syntax("unterminated quoted string in connection info string");
            } else {
                while (i < n && !Character.isWhitespace(s.charAt(i))) {
                    char c = s.charAt(i++);
                    if (c == '\\' && i < n) v.append(s.charAt(i++)); else v.append(c);
                }
            }
            checkKeyword(key);
            m.put(key, v.toString());
        }
        return m;
    }

    private static Map<String, String> parseUri(String uri) {
        Map<String, String> m = new LinkedHashMap<>();
        String rest = uri.substring(uri.indexOf("://") + 3);
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String path = null;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            path = rest.substring(slash + 1);
            rest = rest.substring(0, slash);
        }
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userinfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userinfo.indexOf(':');
            String user = colon >= 0 ? userinfo.substring(0, colon) : userinfo;
            if (!user.isEmpty()) m.put("user", decode(user, uri));
            if (colon >= 0) m.put("password", decode(userinfo.substring(colon + 1), uri));
        }
        StringBuilder hosts = new StringBuilder();
        StringBuilder ports = new StringBuilder();
        boolean anyPort = false;
        if (!rest.isEmpty()) {
            for (String hp : splitHosts(rest, uri)) {
                String host;
                String port = "";
                if (hp.startsWith("[")) {
                    int close = hp.indexOf(']');
                    host = hp.substring(1, close);
                    if (close + 1 < hp.length() && hp.charAt(close + 1) == ':') port = hp.substring(close + 2);
                } else {
                    int colon = hp.indexOf(':');
                    host = colon >= 0 ? hp.substring(0, colon) : hp;
                    if (colon >= 0) port = hp.substring(colon + 1);
                }
                if (hosts.length() > 0 || ports.length() > 0 || anyPort) {
                    hosts.append(',');
                    ports.append(',');
                }
                hosts.append(decode(host, uri));
                ports.append(decode(port, uri));
                anyPort |= !port.isEmpty();
            }
            if (hosts.toString().replace(",", "").length() > 0) m.put("host", hosts.toString());
            if (anyPort) m.put("port", ports.toString());
        }
        if (path != null && !path.isEmpty()) m.put("dbname", decode(path, uri));
        if (query != null && !query.isEmpty()) {
            for (String kv : query.split("&")) {
                if (kv.isEmpty()) continue;
                int eq = kv.indexOf('=');
                if (eq < 0) {
                    throw syntax("missing key/value separator \"=\" in URI query parameter: \"" + kv + "\"");
                }
                String key = decode(kv.substring(0, eq), uri);
                String value = decode(kv.substring(eq + 1), uri);
                if (key.equals("ssl") && value.equals("true")) {
                    key = "sslmode";
                    value = "require";
                }
                if (!KEYWORDS.contains(key)) {
                    throw syntax("invalid URI query parameter: \"" + key + "\"");
                }
                m.put(key, value);
            }
        }
        return m;
    }

    private static List<String> splitHosts(String s, String uri) {
        List<String> out = new java.util.ArrayList<>();
        int start = 0;
        boolean bracket = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[') bracket = true;
            else if (c == ']') bracket = false;
            else if (c == ',' && !bracket) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        if (bracket) throw syntax("end of string reached when looking for matching \"]\" in IPv6 host address in URI: \"" + uri + "\"");
        out.add(s.substring(start));
        return out;
    }

    private static String decode(String s, String uri) {
        if (s.indexOf('%') < 0) return s;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) throw syntax("invalid percent-encoded token: \"" + s + "\"");
                try {
                    out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                } catch (NumberFormatException e) {
                    throw syntax("invalid percent-encoded token: \"" + s + "\"");
                }
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnInfo && ((ConnInfo) o).values.equals(values);
    }

    @Override
    public int hashCode() { return values.hashCode(); }

    /** The parameters as a conninfo string, password hidden. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> {
            if (sb.length() > 0) sb.append(' ');
            sb.append(k).append('=');
            if (k.equals("password")) sb.append("********");
            else sb.append('\'').append(v.replace("\\", "\\\\").replace("'", "\\'")).append('\'');
        });
        return sb.toString();
    }

    /** pg_service.conf lookup: PGSERVICEFILE or ~/.pg_service.conf, then PGSYSCONFDIR/pg_service.conf. */
    static final class ServiceFile {
        private ServiceFile() {}

        static Map<String, String> lookup(String service, Map<String, String> env) {
            String userFile = env.getOrDefault("PGSERVICEFILE", System.getProperty("user.home") + "/.pg_service.conf");
            Map<String, String> found = read(Path.of(userFile), service);
            if (found == null && env.get("PGSYSCONFDIR") != null) {
                found = read(Path.of(env.get("PGSYSCONFDIR"), "pg_service.conf"), service);
            }
            if (found == null) {
                throw syntax("definition of service \"" + service + "\" not found");
            }
            return found;
        }

        private static Map<String, String> read(Path file, String service) {
            if (!Files.isReadable(file)) return null;
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return null;
            }
            Map<String, String> m = null;
            boolean inService = false;
            for (String raw : lines) {
                String line = raw.trim();
                if (line.isEmpty() || line.startsWith("#")) continue;
                if (line.startsWith("[")) {
                    if (inService) break;
                    inService = line.equals("[" + service + "]");
                    if (inService) m = new LinkedHashMap<>();
                    continue;
                }
                if (inService) {
                    int eq = line.indexOf('=');
                    if (eq < 0) throw syntax("syntax error in service file \"" + file + "\"");
                    String key = line.substring(0, eq).trim();
                    checkKeyword(key);
                    m.put(key, line.substring(eq + 1).trim());
                }
            }
            return m;
        }
    }
}
