package org.tusk.script;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import org.tusk.libpq.PgColumn;
import org.tusk.libpq.PgConnection;
import org.tusk.libpq.PgNotification;
import org.tusk.libpq.PgResult;

import groovy.lang.Closure;
import groovy.lang.GString;

/**
 * The client library as scripts see it ({@code db}): a small facade over one
 * {@link PgConnection}, opened on first use.
 *
 * <p>SQL may carry {@code $1, $2 ...} placeholders with the values given after it, or be a
 * Groovy GString whose {@code ${...}} values become parameters (as groovy.sql.Sql does):
 * {@code db.query("select * from t where id = ${id}")} sends {@code $1} and the value, never
 * the value spliced into the text. Without parameters the simple protocol is used, so a
 * string may hold several statements. Server errors are {@link org.tusk.libpq.PgError}s.
 */
public final class Db implements AutoCloseable {
    private final Supplier<PgConnection> connector;
    private final Function<String, Db> opener;
    private PgConnection connection;
    private int depth;

    /**
     * @param connector opens the connection on first use
     * @param opener opens another connection, given a conninfo string that overrides this one's
     *        parameters (for {@link #connect(String)}); may be null
     */
    public Db(Supplier<PgConnection> connector, Function<String, Db> opener) {
        this.connector = connector;
        this.opener = opener;
    }

    /** The underlying connection (opened now if it is not yet), for whatever the facade lacks. */
    public synchronized PgConnection getConnection() {
        if (connection == null) connection = connector.get();
        return connection;
    }

    /** Another connection: the same parameters, overridden by {@code conninfo} ("" for none). */
    public Db connect(String conninfo) {
        if (opener == null) throw new UnsupportedOperationException("no further connections here");
        return opener.apply(conninfo == null ? "" : conninfo);
    }

    /** All rows of the (last) statement's result; an empty list for statements without rows. */
    public List<Row> query(Object sql, Object... params) {
        return rows(run(sql, params));
    }

    /** The first row, or null when there is none. */
    public Row firstRow(Object sql, Object... params) {
        List<Row> rows = query(sql, params);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** The first column of the first row, or null when there is no row. */
    public Object value(Object sql, Object... params) {
        PgResult r = run(sql, params);
        return r.rowCount() == 0 || r.columnCount() == 0 ? null : r.getObject(0, 0);
    }

    /** Runs a statement (several without parameters) and returns the rows it affected (its tag's count). */
    public long execute(Object sql, Object... params) {
        return run(sql, params).affectedRows();
    }

    /**
     * Runs {@code body} (given this db) in a transaction: COMMIT when it returns, ROLLBACK
     * when it throws (the exception is then rethrown). Nested calls use savepoints.
     * Returns what the body returned.
     */
    public <T> T transaction(Closure<T> body) {
        PgConnection c = getConnection();
        String savepoint = depth == 0 ? null : "tusk_script_" + depth;
        c.query(savepoint == null ? "BEGIN" : "SAVEPOINT " + savepoint);
        depth++;
        T result;
        try {
            result = body.getMaximumNumberOfParameters() == 0 ? body.call() : body.call(this);
        } catch (Throwable t) {
            depth--;
            try {
                if (!c.isClosed()) c.query(savepoint == null ? "ROLLBACK" : "ROLLBACK TO SAVEPOINT " + savepoint);
            } catch (RuntimeException e) {
                t.addSuppressed(e);
            }
            throw t;
        }
        depth--;
        c.query(savepoint == null ? "COMMIT" : "RELEASE SAVEPOINT " + savepoint);
        return result;
    }

    /**
     * {@code COPY ... FROM STDIN} fed from {@code source}: a File, a Path, a file name
     * (String), an InputStream, a Reader or a byte[]. Returns the rows copied.
     */
    public long copyIn(Object sql, Object source) {
        try (InputStream in = openSource(source)) {
            return getConnection().copyIn(text(sql), in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code COPY ... TO STDOUT} written to {@code sink}: an OutputStream (left open), a
     * Writer such as {@code out} (left open), a File or Path (created or replaced). Returns
     * the rows copied.
     */
    public long copyOut(Object sql, Object sink) {
        try {
            if (sink instanceof OutputStream) return getConnection().copyOut(text(sql), (OutputStream) sink);
            if (sink instanceof Writer) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                long n = getConnection().copyOut(text(sql), bytes);
                Writer w = (Writer) sink;
                w.write(bytes.toString(StandardCharsets.UTF_8));
                w.flush();
                return n;
            }
            Path p = sink instanceof Path ? (Path) sink : sink instanceof File ? ((File) sink).toPath() : null;
            if (p == null) throw new IllegalArgumentException("copyOut writes to an OutputStream, a Writer, a File or a Path, not "
                    + (sink == null ? "null" : sink.getClass().getName()));
            try (OutputStream out = Files.newOutputStream(p)) {
                return getConnection().copyOut(text(sql), out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** LISTEN on a channel (the name is quoted as an identifier). */
    public void listen(String channel) {
        getConnection().query("LISTEN " + identifier(channel));
    }

    /** UNLISTEN a channel ("*" for all). */
    public void unlisten(String channel) {
        getConnection().query("UNLISTEN " + ("*".equals(channel) ? "*" : identifier(channel)));
    }

    /** NOTIFY through pg_notify(channel, payload). */
    public void notify(String channel, Object payload) {
        getConnection().execute("SELECT pg_notify($1, $2)", channel, payload == null ? null : payload.toString());
    }

    /**
     * Waits up to {@code timeout} (milliseconds as a Number, or a Duration) for a
     * notification, then returns every one that has arrived, oldest first, as maps with
     * {@code channel}, {@code payload} and {@code pid}; an empty list on timeout.
     */
    public List<Map<String, Object>> notifications(Object timeout) {
        Duration d = timeout instanceof Duration ? (Duration) timeout
                : Duration.ofMillis(timeout == null ? 0 : ((Number) timeout).longValue());
        PgConnection c = getConnection();
        List<Map<String, Object>> list = new ArrayList<>();
        PgNotification first = d.isZero() || d.isNegative() ? null : c.waitForNotification(d);
        if (first != null) list.add(asMap(first));
        for (PgNotification n : c.getNotifications()) list.add(asMap(n));
        return list;
    }

    /** Closes the connection (if one was opened). The script frontend does this at the end. */
    @Override
    public synchronized void close() {
        if (connection != null) connection.close();
    }

    // ---- helpers ----

    private PgResult run(Object sql, Object[] params) {
        PgConnection c = getConnection();
        if (params == null) params = new Object[] { null };  // db.query(sql, null): one NULL parameter
        if (params.length == 0 && sql instanceof GString) {
            GString g = (GString) sql;
            String[] strings = g.getStrings();
            Object[] values = g.getValues();
            if (values.length > 0) {
                StringBuilder b = new StringBuilder(strings[0]);
                for (int i = 0; i < values.length; i++) {
                    b.append('$').append(i + 1);
                    if (i + 1 < strings.length) b.append(strings[i + 1]);
                }
                return c.execute(b.toString(), parameters(values));
            }
        }
        String text = text(sql);
        return params.length == 0 ? c.query(text) : c.execute(text, parameters(params));
    }

    private static Object[] parameters(Object[] values) {
        Object[] out = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            out[i] = v instanceof CharSequence && !(v instanceof String) || v instanceof Character ? v.toString() : v;
        }
        return out;
    }

    private static String text(Object sql) {
        if (sql == null) throw new IllegalArgumentException("SQL text is null");
        return sql.toString();
    }

    private static List<Row> rows(PgResult r) {
        List<Row> rows = new ArrayList<>(r.rowCount());
        if (r.columnCount() == 0) return rows;
        List<String> names = new ArrayList<>();
        for (PgColumn col : r.columns()) names.add(col.name());
        for (int i = 0; i < r.rowCount(); i++) {
            Object[] values = new Object[names.size()];
            for (int j = 0; j < values.length; j++) values[j] = r.getObject(i, j);
            rows.add(new Row(names, values));
        }
        return rows;
    }

    private static InputStream openSource(Object source) throws IOException {
        if (source instanceof InputStream) return new NonClosing((InputStream) source);
        if (source instanceof byte[]) return new ByteArrayInputStream((byte[]) source);
        if (source instanceof Reader) {
            StringBuilder b = new StringBuilder();
            char[] buf = new char[8192];
            for (int n; (n = ((Reader) source).read(buf)) > 0; ) b.append(buf, 0, n);
            return new ByteArrayInputStream(b.toString().getBytes(StandardCharsets.UTF_8));
        }
        if (source instanceof Path) return Files.newInputStream((Path) source);
        if (source instanceof File) return Files.newInputStream(((File) source).toPath());
        if (source instanceof CharSequence) return Files.newInputStream(Path.of(source.toString()));
        throw new IllegalArgumentException("copyIn reads from a File, a Path, a file name, an InputStream, a Reader or a byte[], not "
                + (source == null ? "null" : source.getClass().getName()));
    }

    private static Map<String, Object> asMap(PgNotification n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channel", n.channel());
        m.put("payload", n.payload());
        m.put("pid", n.backendPid());
        return m;
    }

    static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** The caller's stream stays open after COPY. */
    private static final class NonClosing extends java.io.FilterInputStream {
        NonClosing(InputStream in) { super(in); }
        @Override public void close() { }
    }
}
