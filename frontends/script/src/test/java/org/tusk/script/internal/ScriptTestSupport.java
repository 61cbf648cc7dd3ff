package org.tusk.script.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.tusk.libpq.RealPostgres;

/** Runs ScriptFrontend in-process against the RealPostgres fixture (tusk-libpq's test jar). */
abstract class ScriptTestSupport {
    record Run(int status, String out, String err) {}

    static RealPostgres pg() {
        return RealPostgres.get();   // skips the test (assumption) when no PostgreSQL 15 can be started
    }

    static String[] connArgs() {
        RealPostgres pg = pg();
        return new String[] { "-h", pg.socketDir(), "-p", Integer.toString(pg.port()), "-U", RealPostgres.SUPERUSER, "-d", "postgres" };
    }

    static Run run(String... args) {
        return runWith(Map.of(), "", args);
    }

    static Run runWith(Map<String, String> env, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new ScriptFrontend(env).run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Connection options, then the script, then its arguments. */
    static Run script(Path file, String... scriptArgs) {
        List<String> a = new ArrayList<>(List.of(connArgs()));
        a.add(file.toString());
        a.addAll(List.of(scriptArgs));
        return run(a.toArray(new String[0]));
    }

    static Path write(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }
}
