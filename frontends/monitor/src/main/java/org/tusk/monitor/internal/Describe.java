package org.tusk.monitor.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.tusk.libpq.PgConnection;
import org.tusk.libpq.PgError;
import org.tusk.libpq.PgResult;

/**
 * The \d family. Our own catalog queries (for PostgreSQL 15 and Tusk's
 * catalog), printed the way psql 15's describe.c prints them: titles, column
 * names, sort orders, footers and the "Did not find" messages.
 */
final class Describe {
    private final PgConnection conn;
    private final PrintOptions print;
    private final Monitor.PrintTableSink sink;
    private final Consumer<String> error;

    Describe(PgConnection conn, PrintOptions print, Monitor.PrintTableSink sink, Consumer<String> error) {
        this.conn = conn;
        this.print = print;
        this.sink = sink;
        this.error = error;
    }

    static boolean handles(String cmd) {
        switch (cmd) {
            case "d": case "dt": case "di": case "dv": case "ds": case "dm": case "dn": case "df": case "du": case "dg":
            case "dT": case "l": case "list":
                return true;
            default:
                return false;
        }
    }

    boolean run(String cmd, boolean verbose, String pattern, String extra) {
        try {
            switch (cmd) {
                case "d":
                    if (pattern == null) return listRelations("rpvmSf", verbose, null);
                    return describeObjects(pattern, verbose);
                case "dt": return listRelations("rp", verbose, pattern);
                case "di": return listRelations("iI", verbose, pattern);
                case "dv": return listRelations("v", verbose, pattern);
                case "ds": return listRelations("S", verbose, pattern);
                case "dm": return listRelations("m", verbose, pattern);
                case "dn": return listSchemas(verbose, pattern);
                case "df": return listFunctions(verbose, pattern);
                case "du": case "dg": return listRoles(verbose, pattern);
                case "dT": return listTypes(verbose, pattern);
                default: return listDatabases(verbose, pattern);
            }
        } catch (PgError e) {
            error.accept(e.libpqMessage().stripTrailing());
            return false;
        }
    }

    // ---- patterns (processSQLNamePattern) ----

    private static String lit(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** Splits "schema.name" at an unquoted dot; each part becomes an anchored regex (null when absent or "*"). */
    private static String[] patternParts(String pattern) {
        List<StringBuilder> parts = new ArrayList<>();
        parts.add(new StringBuilder());
        boolean inQuotes = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            StringBuilder cur = parts.get(parts.size() - 1);
            if (c == '"') {
                if (inQuotes && i + 1 < pattern.length() && pattern.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else {
                    inQuotes = !inQuotes;
                }
            } else if (!inQuotes && c == '.') {
                parts.add(new StringBuilder());
            } else if (!inQuotes && c == '*') {
                cur.append(".*");
            } else if (!inQuotes && c == '?') {
                cur.append('.');
            } else if ("|*+?()[]{}.^$\\".indexOf(c) >= 0) {
                cur.append('\\').append(c);
            } else {
                cur.append(inQuotes ? c : Character.toLowerCase(c));
            }
        }
        String name = parts.get(parts.size() - 1).toString();
        String schema = parts.size() > 1 ? parts.get(parts.size() - 2).toString() : null;
        return new String[] {schema, name};
    }

    /** The WHERE conditions for a pattern on schemaCol.nameCol, or the default visibility rule. */
    private static String patternClause(String pattern, String schemaCol, String nameCol, String visibility, boolean hideSystem) {
        StringBuilder sb = new StringBuilder();
        if (pattern == null) {
            if (hideSystem && schemaCol != null) {
                sb.append(" AND ").append(schemaCol).append(" <> 'pg_catalog' AND ").append(schemaCol)
                        .append(" !~ '^pg_toast' AND ").append(schemaCol).append(" <> 'information_schema'");
            }
            if (visibility != null) sb.append(" AND ").append(visibility);
            return sb.toString();
        }
        String[] p = patternParts(pattern);
        if (p[1] != null && !p[1].equals(".*") && !p[1].isEmpty()) {
            sb.append(" AND ").append(nameCol).append(" OPERATOR(pg_catalog.~) ").append(lit("^(" + p[1] + ")$"))
                    .append(" COLLATE pg_catalog.default");
        }
        if (p[0] != null && schemaCol != null) {
            if (!p[0].equals(".*") && !p[0].isEmpty()) {
                sb.append(" AND ").append(schemaCol).append(" OPERATOR(pg_catalog.~) ").append(lit("^(" + p[0] + ")$"))
                        .append(" COLLATE pg_catalog.default");
            }
        } else if (visibility != null) {
            sb.append(" AND ").append(visibility);
        }
        return sb.toString();
    }

    private PrintTable table(PgResult r, String title) {
        return PrintTable.of(r, print).withTitle(title);
    }

    // ---- lists ----

    private boolean listRelations(String kinds, boolean verbose, String pattern) {
        boolean showIndexes = kinds.contains("i");
        boolean showAm = kinds.contains("r") || kinds.contains("m") || kinds.contains("i");
        StringBuilder in = new StringBuilder();
        for (char k : kinds.toCharArray()) {
            if (in.length() > 0) in.append(',');
            in.append('\'').append(k).append('\'');
        }
        StringBuilder sql = new StringBuilder("SELECT n.nspname AS \"Schema\", c.relname AS \"Name\", "
                + "CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' "
                + "WHEN 'i' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 't' THEN 'TOAST table' WHEN 'f' THEN 'foreign table' "
                + "WHEN 'p' THEN 'partitioned table' WHEN 'I' THEN 'partitioned index' END AS \"Type\", "
                + "pg_catalog.pg_get_userbyid(c.relowner) AS \"Owner\"");
        if (showIndexes) sql.append(", c2.relname AS \"Table\"");
        if (verbose) {
            sql.append(", CASE c.relpersistence WHEN 'p' THEN 'permanent' WHEN 't' THEN 'temporary' WHEN 'u' THEN 'unlogged' END AS \"Persistence\"");
            if (showAm) sql.append(", am.amname AS \"Access method\"");
            sql.append(", pg_catalog.pg_size_pretty(pg_catalog.pg_table_size(c.oid)) AS \"Size\"")
                    .append(", pg_catalog.obj_description(c.oid, 'pg_class') AS \"Description\"");
        }
        sql.append(" FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam");
        if (showIndexes) {
            sql.append(" LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid LEFT JOIN pg_catalog.pg_class c2 ON i.indrelid = c2.oid");
        }
        sql.append(" WHERE c.relkind IN (").append(in).append(")");
        sql.append(patternClause(pattern, "n.nspname", "c.relname", "pg_catalog.pg_table_is_visible(c.oid)", true));
        sql.append(" ORDER BY 1, 2");
        PgResult r = conn.query(sql.toString());
        if (r.rowCount() == 0) {
            if (pattern != null) error.accept("Did not find any relation named \"" + pattern + "\".");
            else error.accept("Did not find any relations.");
            return true;
        }
        sink.print(table(r, "List of relations"));
        return true;
    }

    private boolean listSchemas(boolean verbose, String pattern) {
        String sql = "SELECT n.nspname AS \"Name\", pg_catalog.pg_get_userbyid(n.nspowner) AS \"Owner\""
                + (verbose ? ", pg_catalog.array_to_string(n.nspacl, E'\\n') AS \"Access privileges\", "
                        + "pg_catalog.obj_description(n.oid, 'pg_namespace') AS \"Description\"" : "")
                + " FROM pg_catalog.pg_namespace n WHERE true"
                + (pattern == null ? " AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'"
                        : patternClause(pattern, null, "n.nspname", null, false))
                + " ORDER BY 1";
        sink.print(table(conn.query(sql), "List of schemas"));
        return true;
    }

    /** \\df[+]: + adds volatility, parallel safety, owner, security, privileges, language, source and description. */
    private boolean listFunctions(boolean verbose, String pattern) {
        String sql = "SELECT n.nspname AS \"Schema\", p.proname AS \"Name\", "
                + "pg_catalog.pg_get_function_result(p.oid) AS \"Result data type\", "
                + "pg_catalog.pg_get_function_arguments(p.oid) AS \"Argument data types\", "
                + "CASE p.prokind WHEN 'a' THEN 'agg' WHEN 'w' THEN 'window' WHEN 'p' THEN 'proc' ELSE 'func' END AS \"Type\""
                + (verbose ? ", CASE p.provolatile WHEN 'i' THEN 'immutable' WHEN 's' THEN 'stable' WHEN 'v' THEN 'volatile' END AS \"Volatility\""
                        + ", CASE p.proparallel WHEN 'r' THEN 'restricted' WHEN 's' THEN 'safe' WHEN 'u' THEN 'unsafe' END AS \"Parallel\""
                        + ", pg_catalog.pg_get_userbyid(p.proowner) AS \"Owner\""
                        + ", CASE WHEN p.prosecdef THEN 'definer' ELSE 'invoker' END AS \"Security\""
                        + ", pg_catalog.array_to_string(p.proacl, E'\\n') AS \"Access privileges\""
                        + ", l.lanname AS \"Language\""
                        + ", COALESCE(pg_catalog.pg_get_function_sqlbody(p.oid), p.prosrc) AS \"Source code\""
                        + ", pg_catalog.obj_description(p.oid, 'pg_proc') AS \"Description\"" : "")
                + " FROM pg_catalog.pg_proc p LEFT JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
                + (verbose ? " LEFT JOIN pg_catalog.pg_language l ON l.oid = p.prolang" : "") + " WHERE true"
                + (pattern == null ? " AND pg_catalog.pg_function_is_visible(p.oid) AND n.nspname <> 'pg_catalog' AND n.nspname <> 'information_schema'"
                        : patternClause(pattern, "n.nspname", "p.proname", "pg_catalog.pg_function_is_visible(p.oid)", false))
                + " ORDER BY 1, 2, 4";
        sink.print(table(conn.query(sql), "List of functions"));
        return true;
    }

    /** \\du[+]: + adds the role's comment. */
    private boolean listRoles(boolean verbose, String pattern) {
        String sql = "SELECT r.rolname, r.rolsuper, r.rolinherit, r.rolcreaterole, r.rolcreatedb, r.rolcanlogin, "
                + "r.rolconnlimit, r.rolvaliduntil, r.rolreplication, r.rolbypassrls, "
                + "ARRAY(SELECT b.rolname FROM pg_catalog.pg_auth_members m JOIN pg_catalog.pg_roles b ON m.roleid = b.oid "
                + "WHERE m.member = r.oid) AS memberof, pg_catalog.shobj_description(r.oid, 'pg_authid') AS description"
                + " FROM pg_catalog.pg_roles r WHERE true"
                + (pattern == null ? " AND r.rolname !~ '^pg_'" : patternClause(pattern, null, "r.rolname", null, false))
                + " ORDER BY 1";
        PgResult r = conn.query(sql);
        String[][] cells = new String[r.rowCount()][verbose ? 4 : 3];
        for (int i = 0; i < r.rowCount(); i++) {
            List<String> attrs = new ArrayList<>();
            if (t(r, i, 1)) attrs.add("Superuser");
            if (!t(r, i, 2)) attrs.add("No inheritance");
            if (t(r, i, 3)) attrs.add("Create role");
            if (t(r, i, 4)) attrs.add("Create DB");
            if (!t(r, i, 5)) attrs.add("Cannot login");
            if (t(r, i, 8)) attrs.add("Replication");
            if (t(r, i, 9)) attrs.add("Bypass RLS");
            String text = String.join(", ", attrs);
            int limit = Integer.parseInt(r.getString(i, 6));
            if (limit >= 0) {
                if (!text.isEmpty()) text += "\n";
                text += limit == 0 ? "No connections" : limit + (limit == 1 ? " connection" : " connections");
            }
            if (!r.isNull(i, 7)) {
                if (!text.isEmpty()) text += "\n";
                text += "Password valid until " + r.getString(i, 7);
            }
            cells[i][0] = r.getString(i, 0);
            cells[i][1] = text;
            cells[i][2] = r.getString(i, 10);
            if (verbose) cells[i][3] = r.isNull(i, 11) ? print.nullDisplay : r.getString(i, 11);
        }
        String[] headers = verbose ? new String[] {"Role name", "Attributes", "Member of", "Description"}
                : new String[] {"Role name", "Attributes", "Member of"};
        sink.print(new PrintTable("List of roles", headers, cells, new boolean[headers.length], List.of()));
        return true;
    }

    private static boolean t(PgResult r, int row, int col) {
        return "t".equals(r.getString(row, col));
    }

    /** \\dT[+]: + adds the internal name, size, enum labels, owner and privileges. */
    private boolean listTypes(boolean verbose, String pattern) {
        String sql = "SELECT n.nspname AS \"Schema\", pg_catalog.format_type(t.oid, NULL) AS \"Name\", "
                + (verbose ? "t.typname AS \"Internal name\", "
                        + "CASE WHEN t.typrelid <> 0 THEN CAST('tuple' AS pg_catalog.text) WHEN t.typlen < 0 THEN CAST('var' AS pg_catalog.text)"
                        + " ELSE CAST(t.typlen AS pg_catalog.text) END AS \"Size\", "
                        + "pg_catalog.array_to_string(ARRAY(SELECT e.enumlabel FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid"
                        + " ORDER BY e.enumsortorder), E'\\n') AS \"Elements\", "
                        + "pg_catalog.pg_get_userbyid(t.typowner) AS \"Owner\", "
                        + "pg_catalog.array_to_string(t.typacl, E'\\n') AS \"Access privileges\", " : "")
                + "pg_catalog.obj_description(t.oid, 'pg_type') AS \"Description\""
                + " FROM pg_catalog.pg_type t LEFT JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
                + " WHERE (t.typrelid = 0 OR (SELECT c.relkind = 'c' FROM pg_catalog.pg_class c WHERE c.oid = t.typrelid))"
                + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type el WHERE el.oid = t.typelem AND el.typarray = t.oid)"
                + (pattern == null ? " AND n.nspname <> 'pg_catalog' AND n.nspname <> 'information_schema' AND pg_catalog.pg_type_is_visible(t.oid)"
                        : patternClause(pattern, "n.nspname", "pg_catalog.format_type(t.oid, NULL)", "pg_catalog.pg_type_is_visible(t.oid)", false))
                + " ORDER BY 1, 2";
        sink.print(table(conn.query(sql), "List of data types"));
        return true;
    }

    /** \\l[+]: + adds the size (when the user may connect), tablespace and description. */
    private boolean listDatabases(boolean verbose, String pattern) {
        String sql = "SELECT d.datname AS \"Name\", pg_catalog.pg_get_userbyid(d.datdba) AS \"Owner\", "
                + "pg_catalog.pg_encoding_to_char(d.encoding) AS \"Encoding\", d.datcollate AS \"Collate\", "
                + "d.datctype AS \"Ctype\", d.daticulocale AS \"ICU Locale\", "
                + "CASE d.datlocprovider WHEN 'c' THEN 'libc' WHEN 'i' THEN 'icu' END AS \"Locale Provider\", "
                + "pg_catalog.array_to_string(d.datacl, E'\\n') AS \"Access privileges\""
                + (verbose ? ", CASE WHEN pg_catalog.has_database_privilege(d.datname, 'CONNECT')"
                        + " THEN pg_catalog.pg_size_pretty(pg_catalog.pg_database_size(d.datname)) ELSE 'No Access' END AS \"Size\""
                        + ", t.spcname AS \"Tablespace\", pg_catalog.shobj_description(d.oid, 'pg_database') AS \"Description\"" : "")
                + " FROM pg_catalog.pg_database d"
                + (verbose ? " JOIN pg_catalog.pg_tablespace t ON d.dattablespace = t.oid" : "") + " WHERE true"
                + patternClause(pattern, null, "d.datname", null, false) + " ORDER BY 1";
        sink.print(table(conn.query(sql), "List of databases"));
        return true;
    }

    // ---- \d NAME ----

    private boolean describeObjects(String pattern, boolean verbose) {
        String sql = "SELECT c.oid, n.nspname, c.relname, c.relkind FROM pg_catalog.pg_class c"
                + " LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE true"
                + patternClause(pattern, "n.nspname", "c.relname", "pg_catalog.pg_table_is_visible(c.oid)", false)
                + " ORDER BY 2, 3";
        PgResult r = conn.query(sql);
        if (r.rowCount() == 0) {
            error.accept("Did not find any relation named \"" + pattern + "\".");
            return false;
        }
        for (int i = 0; i < r.rowCount(); i++) {
            String oid = r.getString(i, 0);
            String name = r.getString(i, 1) + "." + r.getString(i, 2);
            switch (r.getString(i, 3)) {
                case "S": describeSequence(oid, name); break;
                case "i": case "I": describeIndex(oid, name, verbose); break;
                default: describeTable(oid, name, r.getString(i, 3), verbose);
            }
        }
        return true;
    }

    private void describeTable(String oid, String name, String kind, boolean verbose) {
        boolean isTable = kind.equals("r") || kind.equals("p");
        String sql = "SELECT a.attname AS \"Column\", pg_catalog.format_type(a.atttypid, a.atttypmod) AS \"Type\", "
                + "(SELECT c.collname FROM pg_catalog.pg_collation c, pg_catalog.pg_type t WHERE c.oid = a.attcollation"
                + " AND t.oid = a.atttypid AND a.attcollation <> t.typcollation) AS \"Collation\", "
                + "CASE WHEN a.attnotnull THEN 'not null' ELSE '' END AS \"Nullable\", "
                + "CASE WHEN a.attidentity = 'a' THEN 'generated always as identity'"
                + " WHEN a.attidentity = 'd' THEN 'generated by default as identity'"
                + " WHEN a.attgenerated = 's' THEN 'generated always as (' || pg_catalog.pg_get_expr(d.adbin, d.adrelid, true) || ') stored'"
                + " ELSE pg_catalog.pg_get_expr(d.adbin, d.adrelid, true) END AS \"Default\""
                + (verbose ? ", CASE a.attstorage WHEN 'p' THEN 'plain' WHEN 'e' THEN 'external' WHEN 'm' THEN 'main'"
                        + " WHEN 'x' THEN 'extended' END AS \"Storage\""
                        + (isTable ? ", CASE a.attcompression WHEN 'p' THEN 'pglz' WHEN 'l' THEN 'lz4' END AS \"Compression\","
                                + " CASE WHEN a.attstattarget = -1 THEN NULL ELSE a.attstattarget END AS \"Stats target\"" : "")
                        + ", pg_catalog.col_description(a.attrelid, a.attnum) AS \"Description\"" : "")
                + " FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                + " WHERE a.attrelid = " + oid + " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";
        PgResult cols = conn.query(sql);
        String title = (kind.equals("v") ? "View" : kind.equals("m") ? "Materialized view" : kind.equals("p")
                ? "Partitioned table" : kind.equals("f") ? "Foreign table" : "Table") + " \"" + name + "\"";
        PrintTable t = PrintTable.of(cols, emptyNull()).withTitle(title);
        List<String> footers = new ArrayList<>();
        if (isTable || kind.equals("m")) {
            PgResult idx = conn.query("SELECT c2.relname, i.indisprimary, i.indisunique, "
                    + "pg_catalog.pg_get_indexdef(i.indexrelid, 0, true), con.contype, i.indisvalid, con.condeferrable, con.condeferred"
                    + " FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c2 ON c2.oid = i.indexrelid"
                    + " LEFT JOIN pg_catalog.pg_constraint con ON con.conrelid = i.indrelid AND con.conindid = i.indexrelid"
                    + " AND con.contype IN ('p', 'u', 'x') WHERE i.indrelid = " + oid
                    + " ORDER BY i.indisprimary DESC, c2.relname");
            if (idx.rowCount() > 0) {
                footers.add("Indexes:");
                for (int i = 0; i < idx.rowCount(); i++) {
                    StringBuilder f = new StringBuilder("    \"").append(idx.getString(i, 0)).append('"');
                    String contype = idx.getString(i, 4);
                    if ("x".equals(contype)) {
                        f.append(" ").append(conn.query("SELECT pg_catalog.pg_get_constraintdef(con.oid, true) FROM pg_catalog.pg_constraint con"
                                + " WHERE con.conindid = (SELECT oid FROM pg_catalog.pg_class WHERE relname = " + lit(idx.getString(i, 0))
                                + " LIMIT 1) AND con.contype = 'x'").getString(0, 0));
                    } else {
                        if (t(idx, i, 1)) f.append(" PRIMARY KEY,");
                        else if (t(idx, i, 2)) f.append("u".equals(contype) ? " UNIQUE CONSTRAINT," : " UNIQUE,");
                        String def = idx.getString(i, 3);
                        int using = def.indexOf(" USING ");
                        f.append(' ').append(using >= 0 ? def.substring(using + 7) : def);
                        if (t(idx, i, 6)) f.append(" DEFERRABLE");
                        if (t(idx, i, 7)) f.append(" INITIALLY DEFERRED");
                    }
                    if (!t(idx, i, 5)) f.append(" INVALID");
                    footers.add(f.toString());
                }
            }
            constraintFooters(footers, "Check constraints:", "SELECT r.conname, pg_catalog.pg_get_constraintdef(r.oid, true)"
                    + " FROM pg_catalog.pg_constraint r WHERE r.conrelid = " + oid + " AND r.contype = 'c' ORDER BY 1", false);
            constraintFooters(footers, "Foreign-key constraints:", "SELECT conname, pg_catalog.pg_get_constraintdef(r.oid, true)"
                    + " FROM pg_catalog.pg_constraint r WHERE r.conrelid = " + oid + " AND r.contype = 'f' AND r.conparentid = 0 ORDER BY 1", false);
            constraintFooters(footers, "Referenced by:", "SELECT conname, pg_catalog.pg_get_constraintdef(oid, true), conrelid::pg_catalog.regclass"
                    + " FROM pg_catalog.pg_constraint c WHERE confrelid = " + oid + " AND contype = 'f' AND conparentid = 0 ORDER BY conname", true);
        }
        if (verbose && (kind.equals("v") || kind.equals("m"))) {
            footers.add("View definition:");
            String def = conn.query("SELECT pg_catalog.pg_get_viewdef(" + oid + "::pg_catalog.oid, true)").getString(0, 0);
            for (String l : def.split("\n", -1)) footers.add(l);
        }
        if (verbose && (isTable || kind.equals("m"))) {
            PgResult am = conn.query("SELECT am.amname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_am am ON am.oid = c.relam WHERE c.oid = " + oid);
            if (am.rowCount() > 0) footers.add("Access method: " + am.getString(0, 0));
        }
        sink.print(t.withFooters(footers));
    }

    private void constraintFooters(List<String> footers, String heading, String sql, boolean referenced) {
        PgResult r = conn.query(sql);
        if (r.rowCount() == 0) return;
        footers.add(heading);
        for (int i = 0; i < r.rowCount(); i++) {
            if (referenced) {
                footers.add("    TABLE \"" + r.getString(i, 2).replace("\"", "") + "\" CONSTRAINT \"" + r.getString(i, 0) + "\" " + r.getString(i, 1));
            } else {
                footers.add("    \"" + r.getString(i, 0) + "\" " + r.getString(i, 1));
            }
        }
    }

    private PrintOptions emptyNull() {
        PrintOptions o = print.copy();
        o.nullDisplay = "";
        return o;
    }

    private void describeIndex(String oid, String name, boolean verbose) {
        PgResult cols = conn.query("SELECT a.attname AS \"Column\", pg_catalog.format_type(a.atttypid, a.atttypmod) AS \"Type\", "
                + "CASE WHEN a.attnum <= (SELECT i.indnkeyatts FROM pg_catalog.pg_index i WHERE i.indexrelid = " + oid
                + ") THEN 'yes' ELSE 'no' END AS \"Key?\", pg_catalog.pg_get_indexdef(a.attrelid, a.attnum, true) AS \"Definition\""
                + (verbose ? ", CASE a.attstorage WHEN 'p' THEN 'plain' WHEN 'e' THEN 'external' WHEN 'm' THEN 'main'"
                        + " WHEN 'x' THEN 'extended' END AS \"Storage\", CASE WHEN a.attstattarget = -1 THEN NULL ELSE a.attstattarget END AS \"Stats target\"" : "")
                + " FROM pg_catalog.pg_attribute a WHERE a.attrelid = " + oid + " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum");
        PgResult info = conn.query("SELECT i.indisunique, i.indisprimary, i.indisclustered, i.indisvalid, am.amname, "
                + "n.nspname || '.' || c2.relname, pg_catalog.pg_get_expr(i.indpred, i.indrelid, true), i.indnullsnotdistinct"
                + " FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid"
                + " JOIN pg_catalog.pg_class c2 ON c2.oid = i.indrelid JOIN pg_catalog.pg_namespace n ON n.oid = c2.relnamespace"
                + " JOIN pg_catalog.pg_am am ON am.oid = c.relam WHERE i.indexrelid = " + oid);
        StringBuilder f = new StringBuilder();
        if (t(info, 0, 1)) f.append("primary key, ");
        else if (t(info, 0, 0)) {
            f.append("unique");
            if (t(info, 0, 7)) f.append(" nulls not distinct");
            f.append(", ");
        }
        f.append(info.getString(0, 4)).append(", for table \"").append(info.getString(0, 5)).append('"');
        if (!info.isNull(0, 6)) f.append(", predicate (").append(info.getString(0, 6)).append(')');
        if (t(info, 0, 2)) f.append(", clustered");
        if (!t(info, 0, 3)) f.append(", invalid");
        sink.print(PrintTable.of(cols, emptyNull()).withTitle("Index \"" + name + "\"").withFooters(List.of(f.toString())));
    }

    private void describeSequence(String oid, String name) {
        PgResult r = conn.query("SELECT pg_catalog.format_type(seqtypid, NULL) AS \"Type\", seqstart AS \"Start\", "
                + "seqmin AS \"Minimum\", seqmax AS \"Maximum\", seqincrement AS \"Increment\", "
                + "CASE WHEN seqcycle THEN 'yes' ELSE 'no' END AS \"Cycles?\", seqcache AS \"Cache\""
                + " FROM pg_catalog.pg_sequence WHERE seqrelid = " + oid);
        PgResult owner = conn.query("SELECT pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname) || '.'"
                + " || pg_catalog.quote_ident(a.attname), d.deptype FROM pg_catalog.pg_class c"
                + " JOIN pg_catalog.pg_depend d ON c.oid = d.refobjid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.refobjsubid"
                + " WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass"
                + " AND d.objid = " + oid + " AND d.deptype IN ('a', 'i')");
        List<String> footers = new ArrayList<>();
        if (owner.rowCount() > 0) {
            footers.add(("i".equals(owner.getString(0, 1)) ? "Sequence for identity column: " : "Owned by: ") + owner.getString(0, 0));
        }
        sink.print(PrintTable.of(r, emptyNull()).withTitle("Sequence \"" + name + "\"").withFooters(footers));
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
