package org.tusk.engine.catalog.sysviews;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The system views and information_schema, as SQL run in each new database
 * after its catalogs are filled (PostgreSQL's initdb runs system_views.sql
 * and information_schema.sql the same way): {@code system_views.sql} (pg_roles,
 * pg_user, pg_tables, pg_views, pg_indexes, pg_sequences, pg_settings,
 * pg_available_extensions, pg_stat_user_tables) then
 * {@code information_schema.sql} (its schema, domains, _pg_expandarray and the
 * views clients read).
 *
 * <p>Statements in the files end at a line ending in ';' (no statement has
 * such a line inside it); "--" lines are comments.
 */
public final class SystemViews {

    /** The scripts in the order they must run. */
    public static final List<String> SCRIPTS = List.of("system_views.sql", "information_schema.sql");

    private SystemViews() {}

    /** Every statement of every script, in order. */
    public static List<String> statements() {
        List<String> out = new ArrayList<>();
        for (String script : SCRIPTS) {
            out.addAll(split(read(script)));
        }
        return out;
    }

    /** Runs every statement through {@code executor} (a bootstrap session's simple query). */
    public static void install(Consumer<String> executor) {
        for (String sql : statements()) {
            executor.accept(sql);
        }
    }

    static String read(String script) {
        try (InputStream in = SystemViews.class.getResourceAsStream(script)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + script);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || (trimmed.isEmpty() && current.length() == 0)) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                out.add(current.toString().strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalStateException("statement without ';' at end of script: " + current);
        }
        return out;
    }
}
