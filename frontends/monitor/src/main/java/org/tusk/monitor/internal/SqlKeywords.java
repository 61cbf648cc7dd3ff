package org.tusk.monitor.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * PostgreSQL 15's keywords (keywords.txt, from {@code pg_get_keywords()}: word and category,
 * R reserved, T reserved-but-can-be-function-or-type, C column name, U unreserved).
 * Highlighting marks the reserved and type/column-name ones and the unreserved words that
 * begin or shape statements; unreserved words such as NAME or DATA are column names too
 * often to colour.
 */
final class SqlKeywords {
    private static final TreeMap<String, Character> ALL = load();

    private static final Set<String> STATEMENT_WORDS = Set.of("ABORT", "ALTER", "ANALYZE", "BEGIN", "CALL", "CHECKPOINT",
            "CLOSE", "CLUSTER", "COMMENT", "COMMIT", "COPY", "DEALLOCATE", "DECLARE", "DELETE", "DISCARD", "DO", "DROP",
            "EXECUTE", "EXPLAIN", "FETCH", "IMPORT", "INSERT", "LISTEN", "LOAD", "LOCK", "MERGE", "MOVE", "NOTIFY",
            "PREPARE", "REASSIGN", "REFRESH", "REINDEX", "RELEASE", "RESET", "REVOKE", "ROLLBACK", "SAVEPOINT", "SET",
            "SHOW", "START", "TRUNCATE", "UNLISTEN", "UPDATE", "VACUUM", "VALUES", "TRANSACTION", "INDEX", "VIEW",
            "SEQUENCE", "SCHEMA", "DATABASE", "FUNCTION", "PROCEDURE", "TRIGGER", "EXTENSION", "ROLE", "USER",
            "MATERIALIZED", "TEMPORARY", "TEMP", "IF", "EXISTS", "CASCADE", "RESTRICT", "OVER", "PARTITION", "RANGE",
            "ROWS", "NULLS", "FIRST", "LAST", "BY", "TO", "NO", "ACTION", "RETURNS", "LANGUAGE", "REPLACE", "ADD",
            "COLUMN", "RENAME", "TYPE", "TEXT", "OWNED", "INCLUDE", "CONFLICT", "NOTHING");

    private SqlKeywords() {}

    private static TreeMap<String, Character> load() {
        TreeMap<String, Character> m = new TreeMap<>();
        try (InputStream in = SqlKeywords.class.getResourceAsStream("keywords.txt")) {
            if (in == null) throw new IllegalStateException("keywords.txt is missing from the bundle");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                int sp = line.indexOf(' ');
                if (sp > 0) m.put(line.substring(0, sp), line.charAt(sp + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    /** True for the words highlighting colours. */
    static boolean isKeyword(String word) {
        String w = word.toUpperCase(Locale.ROOT);
        Character cat = ALL.get(w);
        if (cat == null) return false;
        return cat != 'U' || STATEMENT_WORDS.contains(w);
    }

    /** Every keyword, upper case. */
    static Set<String> all() {
        return Collections.unmodifiableSet(new TreeSet<>(ALL.keySet()));
    }
}
