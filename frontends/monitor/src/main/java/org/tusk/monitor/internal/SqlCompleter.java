package org.tusk.monitor.internal;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.tusk.libpq.PgConnection;
import org.tusk.libpq.PgError;
import org.tusk.libpq.PgResult;
import org.tusk.libpq.ResultStatus;

/**
 * Tab completion in the spirit of psql's tab-complete.c, by the words before the cursor:
 * backslash commands; file names after {@code \i \ir \o \e \g \w} and {@code \copy ... from|to};
 * relation names (and schemas, as "schema.") after FROM, JOIN, UPDATE, INTO, TABLE, ONLY,
 * TRUNCATE and {@code \d}; "schema.name" inside a schema; the columns of the statement's
 * tables after SELECT, WHERE, AND, OR, SET, ON, BY, HAVING and RETURNING, and "t.column"
 * for a table or alias t; function names in a select list and after CALL or FUNCTION;
 * object kinds after CREATE, DROP and ALTER; statement keywords at the start; keywords
 * otherwise. Names come from catalog queries that work on PostgreSQL 15 and never fail for
 * a name that does not exist (a failed query would abort the user's transaction).
 * Keywords follow what was typed: upper case unless the word so far is lower case
 * (psql's COMP_KEYWORD_CASE preserve-upper).
 */
final class SqlCompleter implements Completer {
    private static final int LIMIT = 1000;

    static final List<String> STATEMENT_START = List.of("ABORT", "ALTER", "ANALYZE", "BEGIN", "CALL", "CHECKPOINT", "CLOSE",
            "CLUSTER", "COMMENT", "COMMIT", "COPY", "CREATE", "DEALLOCATE", "DECLARE", "DELETE FROM", "DISCARD", "DO", "DROP",
            "END", "EXECUTE", "EXPLAIN", "FETCH", "GRANT", "IMPORT FOREIGN SCHEMA", "INSERT INTO", "LISTEN", "LOAD", "LOCK",
            "MERGE INTO", "MOVE", "NOTIFY", "PREPARE", "REASSIGN", "REFRESH MATERIALIZED VIEW", "REINDEX", "RELEASE", "RESET",
            "REVOKE", "ROLLBACK", "SAVEPOINT", "SECURITY LABEL", "SELECT", "SET", "SHOW", "START", "TABLE", "TRUNCATE",
            "UNLISTEN", "UPDATE", "VACUUM", "VALUES", "WITH");

    static final List<String> OBJECT_KINDS = List.of("AGGREGATE", "CAST", "COLLATION", "CONVERSION", "DATABASE", "DOMAIN",
            "EXTENSION", "FOREIGN TABLE", "FUNCTION", "GROUP", "INDEX", "LANGUAGE", "MATERIALIZED VIEW", "OPERATOR", "POLICY",
            "PROCEDURE", "PUBLICATION", "ROLE", "RULE", "SCHEMA", "SEQUENCE", "SERVER", "STATISTICS", "SUBSCRIPTION", "TABLE",
            "TABLESPACE", "TEMPORARY", "TRIGGER", "TYPE", "UNIQUE", "UNLOGGED", "USER", "VIEW");

    static final List<String> BACKSLASH = List.of("\\?", "\\a", "\\C", "\\c", "\\connect", "\\conninfo", "\\copy", "\\d",
            "\\d+", "\\df", "\\df+", "\\di", "\\di+", "\\dm", "\\dn", "\\dn+", "\\ds", "\\dt", "\\dt+", "\\dT", "\\du", "\\dv",
            "\\e", "\\echo", "\\edit", "\\elif", "\\else", "\\endif", "\\errverbose", "\\f", "\\g", "\\gset", "\\gx", "\\h",
            "\\H", "\\help", "\\i", "\\if", "\\include", "\\include_relative", "\\ir", "\\l", "\\l+", "\\list", "\\o", "\\out",
            "\\p", "\\plot", "\\print", "\\pset", "\\q", "\\qecho", "\\quit", "\\r", "\\reset", "\\set", "\\t", "\\timing",
            "\\unset", "\\warn", "\\watch", "\\x");

    private static final Set<String> RELATION_AFTER = Set.of("FROM", "JOIN", "UPDATE", "INTO", "TABLE", "ONLY", "TRUNCATE",
            "LOCK", "ANALYZE", "VACUUM", "CLUSTER");
    private static final Set<String> COLUMN_AFTER = Set.of("SELECT", "WHERE", "AND", "OR", "SET", "ON", "BY", "HAVING",
            "RETURNING", "DISTINCT", ",", "(", "=", "<", ">", "NOT");
    private static final Set<String> FILE_COMMANDS = Set.of("\\i", "\\ir", "\\include", "\\include_relative", "\\o", "\\out",
            "\\e", "\\edit", "\\g", "\\w", "\\write", "\\cd");

    private final Supplier<PgConnection> connection;
    /** The query buffer before the current line (earlier lines of the statement). */
    private final Supplier<String> earlierLines;
    /** False while a query runs: completion must not queue behind it. */
    private final Supplier<Boolean> idle;

    SqlCompleter(Supplier<PgConnection> connection, Supplier<String> earlierLines, Supplier<Boolean> idle) {
        this.connection = connection;
        this.earlierLines = earlierLines;
        this.idle = idle;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String before = line.line().substring(0, line.cursor() - line.wordCursor());
        String after = line.line().substring(line.cursor());
        for (Completion c : complete(earlierLines.get(), before, line.word().substring(0, line.wordCursor()), after)) {
            candidates.add(new Candidate(c.value, c.value, null, null, null, null, c.complete));
        }
    }

    /** One completion: the text and whether a space should follow it. */
    record Completion(String value, boolean complete) {}

    /**
     * What may replace {@code word}, given the statement's earlier lines, this line's text
     * before the word, and the text after the cursor.
     */
    List<Completion> complete(String earlier, String before, String word, String after) {
        List<Completion> out = new ArrayList<>();
        String trimmed = before.stripLeading();
        if (trimmed.startsWith("\\") || word.startsWith("\\") && trimmed.isEmpty()) {
            completeBackslash(trimmed, word, out);
            return out;
        }
        List<String> tokens = SqlTokens.of((earlier.isEmpty() ? "" : earlier + "\n") + before);
        int stmtStart = tokens.lastIndexOf(";") + 1;
        tokens = tokens.subList(stmtStart, tokens.size());
        List<String> following = SqlTokens.of(after);
        int semi = following.indexOf(";");
        if (semi >= 0) following = following.subList(0, semi);

        if (tokens.isEmpty()) {
            keywords(STATEMENT_START, word, out);
            return out;
        }
        String prev = upper(tokens.get(tokens.size() - 1));
        String prev2 = tokens.size() > 1 ? upper(tokens.get(tokens.size() - 2)) : "";
        int dot = word.lastIndexOf('.');
        if (dot > 0) {
            String qualifier = word.substring(0, dot);
            String prefix = word.substring(0, dot + 1);
            List<String> all = new ArrayList<>(tokens);
            all.addAll(following);
            TableRef t = TableRef.find(all, qualifier);
            if (t != null) {
                for (String col : columns(t)) out.add(new Completion(prefix + col, true));
            }
            for (String rel : names(RELATIONS_IN_SCHEMA, identifier(qualifier))) out.add(new Completion(prefix + rel, true));
            return out;
        }
        if (prev.equals("CREATE") || prev.equals("DROP") || prev.equals("ALTER")) {
            keywords(OBJECT_KINDS, word, out);
            return out;
        }
        if (prev.equals("INSERT")) {
            keywords(List.of("INTO"), word, out);
            return out;
        }
        if (prev.equals("DELETE")) {
            keywords(List.of("FROM"), word, out);
            return out;
        }
        if ((prev.equals("FUNCTION") || prev.equals("PROCEDURE")) && !prev2.equals("CREATE") || prev.equals("CALL")) {
            for (String f : names(FUNCTIONS, likePrefix(word))) out.add(new Completion(f, true));
            return out;
        }
        if (RELATION_AFTER.contains(prev) || prev.equals(",") && clause(tokens).equals("FROM")
                || (prev.equals("VIEW") || prev.equals("INDEX") || prev.equals("SEQUENCE")) && !prev2.equals("CREATE")) {
            relations(word, out);
            return out;
        }
        String clause = clause(tokens);
        if (COLUMN_AFTER.contains(prev) && !clause.isEmpty()) {
            List<String> all = new ArrayList<>(tokens);
            all.addAll(following);
            for (TableRef t : TableRef.all(all)) {
                for (String col : columns(t)) out.add(new Completion(col, true));
            }
            if (clause.equals("SELECT") || clause.equals("WHERE")) {
                for (String f : names(FUNCTIONS, likePrefix(word))) out.add(new Completion(f, true));
            }
            if (clause.equals("SELECT") && !prev.equals(",")) keywords(List.of("DISTINCT", "*"), word, out);
            return out;
        }
        keywords(new ArrayList<>(SqlKeywords.all()), word, out);
        return out;
    }

    /** The clause the cursor is in: the last of SELECT, FROM, WHERE, SET, ... outside parentheses. */
    static String clause(List<String> tokens) {
        int depth = 0;
        for (int i = tokens.size() - 1; i >= 0; i--) {
            String t = upper(tokens.get(i));
            if (t.equals(")")) depth++;
            else if (t.equals("(")) {
                if (depth == 0) return "(";
                depth--;
            } else if (depth == 0) {
                switch (t) {
                    case "SELECT": case "FROM": case "WHERE": case "SET": case "HAVING": case "RETURNING": case "ON":
                    case "VALUES": case "BY": case "UPDATE":
                        return t;
                    case "JOIN":
                        return "FROM";
                    default:
                        break;
                }
            }
        }
        return "";
    }

    private void completeBackslash(String trimmed, String word, List<Completion> out) {
        List<String> words = SqlTokens.words(trimmed);
        if (words.isEmpty()) {
            for (String b : BACKSLASH) out.add(new Completion(b, true));
            return;
        }
        String cmd = words.get(0);
        String last = upper(words.get(words.size() - 1));
        if (FILE_COMMANDS.contains(cmd) || cmd.equals("\\copy") && (last.equals("FROM") || last.equals("TO"))) {
            files(word, out);
        } else if (cmd.equals("\\copy") && words.size() == 1) {
            relations(word, out);
        } else if (cmd.equals("\\copy")) {
            keywords(List.of("FROM", "TO", "WITH", "STDIN", "STDOUT"), word, out);
        } else if (cmd.startsWith("\\df")) {
            for (String f : names(FUNCTIONS, likePrefix(word))) out.add(new Completion(f, true));
        } else if (cmd.startsWith("\\dn")) {
            for (String s : names(SCHEMAS, likePrefix(word))) out.add(new Completion(s, true));
        } else if (cmd.startsWith("\\du") || cmd.startsWith("\\dg")) {
            for (String s : names(ROLES, likePrefix(word))) out.add(new Completion(s, true));
        } else if (cmd.startsWith("\\l") || cmd.equals("\\c") || cmd.equals("\\connect")) {
            for (String s : names(DATABASES, likePrefix(word))) out.add(new Completion(s, true));
        } else if (cmd.startsWith("\\d")) {
            relations(word, out);
        }
    }

    private void relations(String word, List<Completion> out) {
        for (String r : names(RELATIONS, likePrefix(word))) out.add(new Completion(r, true));
        for (String s : names(SCHEMAS, likePrefix(word))) out.add(new Completion(s + ".", false));
    }

    private static void keywords(List<String> words, String typed, List<Completion> out) {
        boolean lower = !typed.isEmpty() && typed.equals(typed.toLowerCase(Locale.ROOT)) && !typed.equals(typed.toUpperCase(Locale.ROOT));
        for (String w : words) {
            if (w.regionMatches(true, 0, typed, 0, typed.length())) out.add(new Completion(lower ? w.toLowerCase(Locale.ROOT) : w, true));
        }
    }

    private static void files(String word, List<Completion> out) {
        String w = word.startsWith("'") ? word.substring(1) : word;
        String expanded = w.startsWith("~/") ? System.getProperty("user.home") + w.substring(1) : w;
        int slash = expanded.lastIndexOf('/');
        File dir = slash < 0 ? new File(".") : new File(slash == 0 ? "/" : expanded.substring(0, slash));
        String shownDir = slash < 0 ? "" : w.substring(0, w.lastIndexOf('/') + 1);
        String namePrefix = expanded.substring(slash + 1);
        String[] names = dir.list();
        if (names == null) return;
        Set<String> sorted = new TreeSet<>(List.of(names));
        for (String n : sorted) {
            if (!n.startsWith(namePrefix) || n.startsWith(".") && !namePrefix.startsWith(".")) continue;
            boolean isDir = new File(dir, n).isDirectory();
            out.add(new Completion(shownDir + n + (isDir ? "/" : ""), !isDir));
        }
    }

    // ---- catalog queries (PostgreSQL 15 catalogs; none fails for a name that does not exist) ----

    static final String RELATIONS = "SELECT pg_catalog.quote_ident(c.relname) FROM pg_catalog.pg_class c "
            + "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND pg_catalog.pg_table_is_visible(c.oid) "
            + "AND c.relname LIKE $1 ORDER BY 1 LIMIT " + LIMIT;
    static final String RELATIONS_IN_SCHEMA = "SELECT pg_catalog.quote_ident(c.relname) FROM pg_catalog.pg_class c "
            + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND n.nspname = $1 ORDER BY 1 LIMIT " + LIMIT;
    static final String SCHEMAS = "SELECT pg_catalog.quote_ident(n.nspname) FROM pg_catalog.pg_namespace n "
            + "WHERE n.nspname LIKE $1 AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%' ORDER BY 1 LIMIT " + LIMIT;
    static final String FUNCTIONS = "SELECT DISTINCT pg_catalog.quote_ident(p.proname) FROM pg_catalog.pg_proc p "
            + "WHERE p.proname LIKE $1 AND pg_catalog.pg_function_is_visible(p.oid) ORDER BY 1 LIMIT " + LIMIT;
    static final String ROLES = "SELECT pg_catalog.quote_ident(r.rolname) FROM pg_catalog.pg_roles r "
            + "WHERE r.rolname LIKE $1 ORDER BY 1 LIMIT " + LIMIT;
    static final String DATABASES = "SELECT pg_catalog.quote_ident(d.datname) FROM pg_catalog.pg_database d "
            + "WHERE d.datname LIKE $1 ORDER BY 1 LIMIT " + LIMIT;
    static final String COLUMNS = "SELECT pg_catalog.quote_ident(a.attname) FROM pg_catalog.pg_attribute a "
            + "WHERE a.attrelid = (SELECT c.oid FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE c.relname = $1 AND (CASE WHEN $2 = '' THEN pg_catalog.pg_table_is_visible(c.oid) ELSE n.nspname = $2 END) LIMIT 1) "
            + "AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";

    private List<String> columns(TableRef t) {
        return names(COLUMNS, t.name(), t.schema() == null ? "" : t.schema());
    }

    private List<String> names(String sql, Object... params) {
        List<String> out = new ArrayList<>();
        PgConnection conn = connection.get();
        if (conn == null || conn.isClosed() || !idle.get() || conn.transactionStatus() == 'E') return out;
        try {
            PgResult r = conn.execute(sql, params);
            if (r.status() != ResultStatus.TUPLES_OK) return out;
            for (int i = 0; i < r.rowCount(); i++) out.add(r.getString(i, 0));
        } catch (PgError e) {
            // no completions rather than an error in the middle of typing
        }
        return out;
    }

    /** A LIKE pattern for names that start with what was typed (unquoted: folded to lower case). */
    static String likePrefix(String word) {
        String w = identifier(word);
        return w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** A typed identifier as the catalog stores it: "Quoted" as is, otherwise lower case. */
    static String identifier(String word) {
        if (word.startsWith("\"")) {
            String w = word.substring(1);
            if (w.endsWith("\"")) w = w.substring(0, w.length() - 1);
            return w.replace("\"\"", "\"");
        }
        return word.toLowerCase(Locale.ROOT);
    }

    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }

    /** A table named in the statement, with its alias if any. */
    record TableRef(String schema, String name, String alias) {
        private static final Set<String> NOT_ALIAS = Set.of("WHERE", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS",
                "NATURAL", "ON", "USING", "GROUP", "ORDER", "LIMIT", "OFFSET", "SET", "VALUES", "SELECT", "RETURNING",
                "HAVING", "WINDOW", "UNION", "EXCEPT", "INTERSECT", "FOR", "DEFAULT", "OVERRIDING");

        /** Tables after FROM, JOIN, UPDATE and INTO (and after commas in a FROM list). */
        static List<TableRef> all(List<String> tokens) {
            List<TableRef> out = new ArrayList<>();
            for (int i = 0; i + 1 < tokens.size(); i++) {
                String t = tokens.get(i).toUpperCase(Locale.ROOT);
                boolean fromList = t.equals(",") && clause(tokens.subList(0, i)).equals("FROM");
                if (!(t.equals("FROM") || t.equals("JOIN") || t.equals("UPDATE") || t.equals("INTO") || t.equals("ONLY") || fromList)) continue;
                String n = tokens.get(i + 1);
                if (n.equals("(") || n.equalsIgnoreCase("ONLY") || n.equalsIgnoreCase("LATERAL")) continue;
                String schema = null;
                String name = n;
                int dot = n.lastIndexOf('.');
                if (dot > 0) {
                    schema = identifier(n.substring(0, dot));
                    name = n.substring(dot + 1);
                }
                String alias = null;
                int k = i + 2;
                if (k < tokens.size() && tokens.get(k).equalsIgnoreCase("AS")) k++;
                if (k < tokens.size() && isWord(tokens.get(k)) && !NOT_ALIAS.contains(tokens.get(k).toUpperCase(Locale.ROOT))) {
                    alias = identifier(tokens.get(k));
                }
                out.add(new TableRef(schema, identifier(name), alias));
            }
            return out;
        }

        /** The table that {@code qualifier} names, by alias or by name. */
        static TableRef find(List<String> tokens, String qualifier) {
            String q = identifier(qualifier);
            for (TableRef t : all(tokens)) {
                if (q.equals(t.alias) || t.alias == null && q.equals(t.name)
                        || t.schema != null && q.equals(t.schema + "." + t.name)) return t;
            }
            return null;
        }

        private static boolean isWord(String s) {
            return !s.isEmpty() && (Character.isLetter(s.charAt(0)) || s.charAt(0) == '_' || s.charAt(0) == '"');
        }
    }
}
