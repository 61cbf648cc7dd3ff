package org.tusk.monitor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.libpq.RealPostgres;

/**
 * Golden tests: the same input through real psql 15 and through the monitor's
 * Frontend.run, against the same real PostgreSQL 15; stdout, stderr and the
 * exit status must be identical.
 */
class GoldenPsqlTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    record Outcome(int status, String out, String err) {}

    private static List<String> connectionArgs(RealPostgres pg, boolean tcp) {
        return List.of("-h", tcp ? "127.0.0.1" : pg.socketDir(), "-p", Integer.toString(pg.port()),
                "-U", RealPostgres.SUPERUSER, "-d", "postgres");
    }

    private static Outcome psql(RealPostgres pg, boolean tcp, String stdin, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(pg.psql());
        cmd.add("-X");
        cmd.addAll(connectionArgs(pg, tcp));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("LC_ALL", "C.UTF-8");
        pb.environment().remove("PGOPTIONS");
        Path out = Files.createTempFile("psql", ".out");
        Path err = Files.createTempFile("psql", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException ignored) {
            // psql may exit before reading all of its input
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("psql hung");
        }
        Outcome o = new Outcome(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return o;
    }

    private static Outcome monitor(RealPostgres pg, boolean tcp, String stdin, List<String> args) {
        List<String> all = new ArrayList<>();
        all.add("-X");
        all.addAll(connectionArgs(pg, tcp));
        all.addAll(args);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = new SqlFrontend().run(all.toArray(new String[0]), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private void same(boolean tcp, String stdin, String... args) {
        RealPostgres pg = RealPostgres.get();
        assertTimeoutPreemptively(LIMIT, () -> {
            Outcome expected = psql(pg, tcp, stdin, List.of(args));
            Outcome actual = monitor(pg, tcp, stdin, List.of(args));
            assertEquals(expected.out(), actual.out(), "stdout differs");
            assertEquals(expected.err(), actual.err(), "stderr differs");
            assertEquals(expected.status(), actual.status(), "exit status differs");
        });
    }

    private String file(String name, String content) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, content);
        return f.toString();
    }

    private static final String SHAPES = String.join("\n",
            "select 1 as a, 'x' as b;",
            "select 1::int2 i2, 123456::int4 i4, 9000000000000::int8 i8, 1.5::float4 f4, -2.25::float8 f8, 12.345::numeric n,",
            "  42::oid o, '$1.50'::money m, true as bool, 'left' as txt;",
            "select null as nothing, '' as empty, 'x' as x, null::int as nullint;",
            "select E'line1\\nline two\\nl3' as multi, 'b' as other, E'a\\nb' as last;",
            "select 'héllo wörld' as unicode, '日本語テキスト' as wide, 'e\u0301' as combining, 3 as n;",
            "select E'tab\\there' as t, E'cr\\rx' as cr, E'bell\\x07' as ctl;",
            "select 1 as \"a\nb\", 22 as \"long header name here\";",
            "select * from generate_series(1, 0) g;",
            "select;",
            "select 1 as c1, 2 as c2, 3 as c3, 4 as c4, 5 as c5, 6 as c6, 7 as c7, 8 as c8, 9 as c9, 10 as c10, 'eleven' as c11, 12.0 as c12;",
            "select g, repeat('x', g) as xs, g * 1000 as big from generate_series(1, 12) g;",
            "select 'a' as x union all select 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';",
            "");

    @Test
    void resultShapesFromFile() throws Exception {
        same(false, "", "-f", file("shapes.sql", SHAPES));
    }

    @Test
    void resultShapesFromStdin() {
        same(false, SHAPES);
    }

    @Test
    void expandedMode() throws Exception {
        same(false, "", "-f", file("x.sql", "\\x\n" + SHAPES + "\\x off\nselect 1 as after;\n\\x on\n\\x\n\\x auto\n"));
        same(false, "", "-x", "-c", "select 1 as a, E'x\\ny' as b, 'abcde' || E'\\nx' as c union all select 22, 'q', 'r'");
        same(false, "", "-x", "-c", "select 1 as a where false");
    }

    @Test
    void commandTags() throws Exception {
        same(false, "", "-f", file("tags.sql", String.join("\n",
                "create temp table t(a int, b text);",
                "insert into t values (1, 'one'), (2, 'two');",
                "insert into t values (3, 'three') returning a, b;",
                "update t set b = upper(b) where a > 1;",
                "delete from t where a = 3;",
                "begin;",
                "set local work_mem = '8MB';",
                "savepoint s;",
                "commit;",
                "select * from t order by a;",
                "copy t to stdout;",
                "drop table t;",
                "do $$ begin perform 1; end $$;",
                ";",
                "")));
        same(false, "", "-q", "-c", "set work_mem = '8MB'", "-c", "select 1");
    }

    @Test
    void errorsWithLineAndCaretFromFile() throws Exception {
        same(false, "", "-f", file("err.sql", String.join("\n",
                "selec 1;",
                "select 1,",
                "  2 from nosuch;",
                "select 1/0;",
                "select 'unterminated",
                "  more;",
                "';",
                "select " + "aaaa, ".repeat(20) + "nosuchcol, " + "bbbb, ".repeat(15) + "1;",
                "select 'ünï' as x, nosuch;",
                "do $$ begin raise notice 'note %', 1 using detail = 'the detail', hint = 'the hint'; end $$;",
                "do $$ begin raise exception 'boom' using errcode = '22000'; end $$;",
                "select 2 as still_running;",
                "\\nosuchcommand",
                "select 3 /* comment */ as c -- trailing",
                ";",
                "select 'leftover at end'")));
    }

    @Test
    void errorsAndNoticesFromStdinAndCommand() {
        same(false, "selec 1;\nselect 1,\n  2 from nosuch;\ndo $$ begin raise warning 'w'; end $$;\nselect 5;\n");
        same(false, "", "-c", "selec 1");
        same(false, "", "-c", "select 1; select 2", "-c", "select 3");
        same(false, "", "-c", "select 1", "-c", "selec", "-c", "select 3");
        same(false, "", "-c", "select 1/0");
    }

    @Test
    void onErrorStopEndsTheScriptWithStatus3() throws Exception {
        String f = file("stop.sql", "select 1;\nselect nosuch;\nselect 2;\n");
        same(false, "", "-v", "ON_ERROR_STOP=1", "-f", f);
        same(false, "", "-f", f);
        same(false, "select 1;\nselec;\nselect 2;\n", "-v", "ON_ERROR_STOP=on");
    }

    @Test
    void missingFile() {
        same(false, "", "-f", "/nonexistent/file.sql");
    }

    @Test
    void conninfoOverSocketAndTcp() {
        same(false, "", "-c", "\\conninfo");
        same(true, "", "-c", "\\conninfo");
        same(true, "\\conninfo\n\\timing\n\\timing off\n\\x\n\\x\n");
    }

    @Test
    void unalignedAndTuplesOnly() {
        String q = "select 1 as a, 'x' as b union all select 2, null";
        same(false, "", "-A", "-c", q);
        same(false, "", "-t", "-c", q);
        same(false, "", "-At", "-c", q);
        same(false, "", "-t", "-c", "select 12345 as a_long_header");
        same(false, "", "-A", "-x", "-c", q);
    }

    @Test
    void connectionFailure() {
        RealPostgres pg = RealPostgres.get();
        assertTimeoutPreemptively(LIMIT, () -> {
            List<String> args = List.of("-c", "select 1", "-d", "nosuchdb");
            Outcome expected = psql(pg, false, "", args);
            Outcome actual = monitor(pg, false, "", args);
            assertEquals(expected, actual);
        });
    }
}
