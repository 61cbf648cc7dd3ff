package org.tusk.monitor.internal;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

import org.tusk.libpq.PgConnection;

/** The bridge from the exported {@link org.tusk.monitor.SqlScript} to the package-private Monitor. */
public final class ScriptRunner {
    private ScriptRunner() {}

    public static int run(PgConnection connection, BufferedReader script, String name, Map<String, String> variables,
            PrintStream out, PrintStream err, InputStream stdin) {
        return new Monitor(out, err).runScript(connection, script, name, variables, stdin);
    }
}
