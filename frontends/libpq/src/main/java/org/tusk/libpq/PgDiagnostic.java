package org.tusk.libpq;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields of an ErrorResponse or NoticeResponse, keyed by the protocol's
 * one-letter field codes (S, V, C, M, D, H, P, p, q, W, ...), plus the query
 * text the error refers to, so that the position can be shown as libpq does.
 */
public final class PgDiagnostic {

    private final Map<Character, String> fields;
    private final String query;

    public PgDiagnostic(Map<Character, String> fields, String query) {
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        this.query = query;
    }

    /** A diagnostic made on the client side (connection failures and the like). */
    public static PgDiagnostic local(String severity, String sqlState, String message) {
        Map<Character, String> f = new LinkedHashMap<>();
        f.put('S', severity);
        f.put('V', severity);
        f.put('C', sqlState);
        f.put('M', message);
        return new PgDiagnostic(f, null);
    }

    public String field(char code) { return fields.get(code); }
    public Map<Character, String> fields() { return fields; }

    /** Localized severity as sent (ERROR, FATAL, NOTICE, WARNING, ...). */
    public String severity() { return fields.getOrDefault('S', fields.getOrDefault('V', "ERROR")); }
    public String sqlState() { return fields.get('C'); }
    public String message() { return fields.getOrDefault('M', ""); }
    public String detail() { return fields.get('D'); }
    public String hint() { return fields.get('H'); }
    public String where() { return fields.get('W'); }
    public String internalQuery() { return fields.get('q'); }
    /** 1-based character position in {@link #query()}, 0 when none. */
    public int position() { return parseInt(fields.get('P')); }
    public int internalPosition() { return parseInt(fields.get('p')); }
    /** The query this diagnostic is about, or null. */
    public String query() { return query; }

    public PgDiagnostic withQuery(String newQuery) { return new PgDiagnostic(fields, newQuery); }

    /**
     * The text libpq's PQresultErrorMessage gives with the default verbosity:
     * "SEVERITY:  message", then the LINE/caret display of the position, DETAIL,
     * HINT, QUERY, and CONTEXT when {@code showContext}. Ends with a newline.
     */
    public String format(boolean showContext) {
        StringBuilder sb = new StringBuilder();
        sb.append(severity()).append(":  ").append(message());
        String cursorQuery = null;
        int cursorPos = 0;
        if (fields.containsKey('P')) {
            if (query != null) {
                cursorQuery = query;
                cursorPos = position();
            } else {
                sb.append(" at character ").append(fields.get('P'));
            }
        } else if (fields.containsKey('p')) {
            cursorQuery = internalQuery();
            cursorPos = internalPosition();
            if (cursorQuery == null) {
                sb.append(" at character ").append(fields.get('p'));
            }
        }
        sb.append('\n');
        if (cursorQuery != null && cursorPos > 0) {
            ErrorCursor.append(sb, cursorQuery, cursorPos);
        }
        if (detail() != null) sb.append("DETAIL:  ").append(detail()).append('\n');
        if (hint() != null) sb.append("HINT:  ").append(hint()).append('\n');
        if (internalQuery() != null) sb.append("QUERY:  ").append(internalQuery()).append('\n');
        if (showContext && where() != null) sb.append("CONTEXT:  ").append(where()).append('\n');
        return sb.toString();
    }

    private static int parseInt(String s) {
        if (s == null) return 0;
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public String toString() {
        return format(true);
    }
}
