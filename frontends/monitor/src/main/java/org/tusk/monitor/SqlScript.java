package org.tusk.monitor;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.util.Map;

import org.tusk.libpq.PgConnection;
import org.tusk.monitor.internal.ScriptRunner;

/**
 * Runs a SQL script on an open connection exactly as {@code psql -X -f NAME} would, with
 * the monitor's lexer, printer and meta-commands ({@code \i}, {@code \ir}, {@code \o},
 * {@code \copy}, {@code \set}, {@code \if}, {@code \echo}, {@code \gset}, {@code \pset},
 * ...), inline {@code COPY ... FROM STDIN} data up to {@code \.}, ON_ERROR_STOP, and
 * errors as {@code psql:NAME:LINE: ERROR:  ...}. The connection is left open (its notice
 * handler now prints to err).
 */
public final class SqlScript {
    private SqlScript() {}

    /**
     * Runs the script and returns psql's exit status: 0 (errors without ON_ERROR_STOP
     * included), 3 when ON_ERROR_STOP stopped it, 2 when the connection was lost.
     *
     * @param name      the name in error messages ({@code "<stdin>"} for standard input)
     * @param variables initial variables (psql's {@code -v}); QUIET=on suppresses command tags
     */
    public static int run(PgConnection connection, Reader script, String name, Map<String, String> variables,
            PrintStream out, PrintStream err) {
        return run(connection, script, name, variables, out, err, InputStream.nullInputStream());
    }

    /** As above; stdin is what {@code \copy ... from pstdin} reads. */
    public static int run(PgConnection connection, Reader script, String name, Map<String, String> variables,
            PrintStream out, PrintStream err, InputStream stdin) {
        BufferedReader reader = script instanceof BufferedReader b ? b : new BufferedReader(script);
        return ScriptRunner.run(connection, reader, name, variables, out, err, stdin);
    }
}
