package org.tusk.protocol.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.tusk.api.engine.Column;
import org.tusk.api.engine.EngineSession;
import org.tusk.api.engine.PreparedStatement;
import org.tusk.api.engine.RawStatement;
import org.tusk.api.engine.SessionHost;
import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;

/**
 * The fake engine's session. Statements (separated by ';'):
 * {@code select <int>}, {@code select $1} (int4 parameter), {@code series <n>}
 * (n rows), {@code begin}, {@code commit}, {@code rollback}, {@code insert},
 * {@code error} (22012 at execution), {@code notice}, {@code set <name> <value>}
 * (reports a ParameterStatus), {@code fatal} (FATAL 57P01), {@code boom}
 * (a RuntimeException). Anything else is a syntax error at its position.
 */
final class FakeEngineSession implements EngineSession {
    static final Set<String> KEYWORDS = Set.of("select", "series", "begin", "commit", "rollback", "insert",
            "error", "notice", "set", "fatal", "boom");

    final SessionHost host;
    final String user;
    final String database;
    final Map<String, String> startupSettings;
    char status = 'I';
    boolean implicitFailed;
    int syncs;
    boolean closed;
    final Map<String, String> settings = new LinkedHashMap<>();

    FakeEngineSession(SessionHost host, String user, String database, Map<String, String> startupSettings) {
        this.host = host;
        this.user = user;
        this.database = database;
        this.startupSettings = new LinkedHashMap<>(startupSettings);
        settings.put("application_name", startupSettings.getOrDefault("application_name", ""));
        settings.put("client_encoding", "UTF8");
        settings.put("DateStyle", "ISO, MDY");
        settings.put("integer_datetimes", "on");
        settings.put("server_version", "15.0 (Tusk fake)");
    }

    record Raw(String sourceText, String commandName, String[] words) implements RawStatement {}

    @Override
    public List<RawStatement> parse(String sql) {
        List<RawStatement> out = new ArrayList<>();
        int start = 0;
        while (start <= sql.length()) {
            int semi = sql.indexOf(';', start);
            int end = semi < 0 ? sql.length() : semi;
            String text = sql.substring(start, end);
            String trimmed = text.trim();
            if (!trimmed.isEmpty()) {
                String[] words = trimmed.toLowerCase(Locale.ROOT).split("\\s+");
                if (!KEYWORDS.contains(words[0])) {
                    int pos = start + text.indexOf(trimmed) + 1;
                    throw new PgException(Severity.ERROR, "42601", "syntax error at or near \"" + trimmed.split("\\s+")[0] + "\"",
                            null, null, pos, null);
                }
                out.add(new Raw(trimmed, words[0].toUpperCase(Locale.ROOT), words));
            }
            if (semi < 0) {
                break;
            }
            start = semi + 1;
        }
        return out;
    }

    @Override
    public PreparedStatement prepare(RawStatement statement, int[] parameterTypeOids) {
        Raw raw = (Raw) statement;
        String cmd = raw.words()[0];
        if (status == 'E' && !cmd.equals("commit") && !cmd.equals("rollback")) {
            throw PgException.error("25P02", "current transaction is aborted, commands ignored until end of transaction block");
        }
        return new FakePreparedStatement(this, raw, parameterTypeOids);
    }

    /** An error inside a block fails the block; in an implicit transaction it fails until Sync. */
    PgException fail(PgException e) {
        if (status == 'T') {
            status = 'E';
        } else {
            implicitFailed = true;
        }
        return e;
    }

    @Override public char transactionStatus() { return status; }

    @Override
    public void sync() {
        syncs++;
        implicitFailed = false;
    }

    @Override public String setting(String name) { return settings.get(name); }
    @Override public Map<String, String> reportedSettings() { return settings; }
    @Override public void close() { closed = true; status = 'I'; }
}
