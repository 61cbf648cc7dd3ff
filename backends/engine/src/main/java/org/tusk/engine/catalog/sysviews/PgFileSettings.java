package org.tusk.engine.catalog.sysviews;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.tusk.engine.catalog.RelationColumn;
import org.tusk.engine.catalog.VirtualRelation;
import org.tusk.engine.expr.SessionServices;
import org.tusk.engine.types.PgType;

/**
 * pg_file_settings (PostgreSQL 15's columns): the lines of the data directory's configuration file
 * ({@code tusk.conf}, Tusk's postgresql.conf), read now, as pg_show_all_file_settings reads
 * postgresql.conf: one row per {@code name = value} line (file, line number, order, name lower-cased,
 * value unquoted), {@code applied} false for a line a later one for the same name overrides, and a row
 * with only the place and the error for a line that does not parse.
 */
public final class PgFileSettings implements VirtualRelation {

    /** The configuration file in the data directory (the launcher's ServerSettings reads the same one). */
    public static final String CONF_FILE = "tusk.conf";

    private static final List<RelationColumn> COLUMNS = List.of(
            new RelationColumn("sourcefile", PgType.TEXT, -1),
            new RelationColumn("sourceline", PgType.INT4, -1),
            new RelationColumn("seqno", PgType.INT4, -1),
            new RelationColumn("name", PgType.TEXT, -1),
            new RelationColumn("setting", PgType.TEXT, -1),
            new RelationColumn("applied", PgType.BOOL, -1),
            new RelationColumn("error", PgType.TEXT, -1));

    @Override
    public String name() {
        return "pg_file_settings";
    }

    @Override
    public List<RelationColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object[]> scan(SessionServices session) {
        List<Object[]> rows = new ArrayList<>();
        List<String> lines = SystemFiles.readLines(session, CONF_FILE, name());
        if (lines.isEmpty()) {
            return rows;
        }
        String source = SystemFiles.dataFile(session, CONF_FILE).toAbsolutePath().toString();
        Map<String, Object[]> lastByName = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            ConfigLine line = ConfigLine.parse(lines.get(i));
            if (line == null) {
                continue;
            }
            if (line.error() != null) {
                rows.add(new Object[] {source, i + 1, null, null, null, false, line.error()});
                continue;
            }
            Object[] row = {source, i + 1, rows.size() + 1, line.name(), line.value(), true, null};
            Object[] earlier = lastByName.put(line.name(), row);
            if (earlier != null) {
                earlier[5] = false;      // a later line sets the same parameter
            }
            rows.add(row);
        }
        return rows;
    }

    /** One line of a configuration file: a setting, an error, or (null) nothing. */
    record ConfigLine(String name, String value, String error) {

        /**
         * postgresql.conf's syntax as guc-file.l reads it: {@code name [=] value}, {@code #} comments,
         * a value in single quotes with {@code ''} or backslash escapes; names lower-cased.
         */
        static ConfigLine parse(String line) {
            int pos = skipSpace(line, 0);
            int n = line.length();
            if (pos == n || line.charAt(pos) == '#') {
                return null;
            }
            int nameStart = pos;
            while (pos < n && (Character.isLetterOrDigit(line.charAt(pos)) || line.charAt(pos) == '_'
                    || line.charAt(pos) == '.')) {
                pos++;
            }
            if (pos == nameStart) {
                return failed("syntax error");
            }
            String name = line.substring(nameStart, pos).toLowerCase(Locale.ROOT);
            pos = skipSpace(line, pos);
            if (pos < n && line.charAt(pos) == '=') {
                pos = skipSpace(line, pos + 1);
            }
            StringBuilder value = new StringBuilder();
            if (pos < n && line.charAt(pos) == '\'') {
                pos++;
                boolean closed = false;
                while (pos < n && !closed) {
                    char c = line.charAt(pos);
                    if (c == '\'' && pos + 1 < n && line.charAt(pos + 1) == '\'' || c == '\\' && pos + 1 < n) {
                        value.append(line.charAt(pos + 1));
                        pos += 2;
                    } else {
                        closed = c == '\'';
                        if (!closed) {
                            value.append(c);
                        }
                        pos++;
                    }
                }
                if (!closed) {
                    return failed("syntax error");
                }
            } else {
                while (pos < n && !Character.isWhitespace(line.charAt(pos)) && line.charAt(pos) != '#') {
                    value.append(line.charAt(pos++));
                }
                if (value.length() == 0) {
                    return failed("syntax error");
                }
            }
            pos = skipSpace(line, pos);
            if (pos < n && line.charAt(pos) != '#') {
                return failed("syntax error");
            }
            return new ConfigLine(name, value.toString(), null);
        }

        private static ConfigLine failed(String error) {
            return new ConfigLine(null, null, error);
        }

        private static int skipSpace(String line, int pos) {
            while (pos < line.length() && Character.isWhitespace(line.charAt(pos))) {
                pos++;
            }
            return pos;
        }
    }
}
