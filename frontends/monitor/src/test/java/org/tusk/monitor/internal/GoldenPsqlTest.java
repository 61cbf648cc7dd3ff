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
        return psql(pg, tcp, stdin, args, java.util.Map.of());
    }

    private static Outcome psql(RealPostgres pg, boolean tcp, String stdin, List<String> args,
            java.util.Map<String, String> env) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(pg.psql());
        cmd.add("-X");
        cmd.addAll(connectionArgs(pg, tcp));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("LC_ALL", "C.UTF-8");
        pb.environment().remove("PGOPTIONS");
        pb.environment().putAll(env);
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
        return monitor(pg, tcp, stdin, args, java.util.Map.of());
    }

    /** The monitor in-process, seeing {@code env} over the real environment. */
    private static Outcome monitor(RealPostgres pg, boolean tcp, String stdin, List<String> args,
            java.util.Map<String, String> env) {
        if (!env.isEmpty()) {
            List<String> all = new ArrayList<>();
            all.add("-X");
            all.addAll(connectionArgs(pg, tcp));
            all.addAll(args);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Monitor m = new Monitor(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            m.env = name -> env.containsKey(name) ? env.get(name) : System.getenv(name);
            int rc = m.run(all.toArray(new String[0]), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), false);
            return new Outcome(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
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
            String dump = System.getProperty("golden.dump"); // a directory: both outputs, to diff them
            if (dump != null) {
                Files.writeString(Path.of(dump, "psql.out"), expected.out() + "\n--- stderr\n" + expected.err());
                Files.writeString(Path.of(dump, "monitor.out"), actual.out() + "\n--- stderr\n" + actual.err());
            }
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

    // ---- the \d family, on a schema created in the real PostgreSQL ----

    private static final String SCHEMA = String.join("\n",
            "drop schema if exists gs cascade;",
            "drop schema if exists gs2 cascade;",
            "create schema gs;",
            "create schema gs2;",
            "set search_path = gs, public;",
            "create table customers(id serial primary key, name text not null, email varchar(100) unique, created timestamptz default now());",
            "create table orders(id bigint generated always as identity primary key, customer_id int references customers(id) on delete cascade,"
                    + " amount numeric(10,2) check (amount > 0), note text default 'none', status char(1) collate \"C\");",
            "create index orders_cust_idx on orders(customer_id);",
            "create unique index orders_note_idx on orders(lower(note)) where note is not null;",
            "create sequence gs2.counter start 10 increment 5;",
            "create view big_orders as select * from orders where amount > 100;",
            "create table gs2.things(k int, v text);",
            "comment on table customers is 'the customers';",
            "create function add1(i int) returns int language sql as 'select i + 1';",
            "create type mood as enum ('sad', 'happy');",
            "create domain posint as int check (value > 0);",
            "create materialized view mv as select 1 as x;",
            "");

    private synchronized void schema() throws Exception {
        RealPostgres pg = RealPostgres.get();
        Outcome o = psql(pg, false, SCHEMA, List.of("-q", "-v", "ON_ERROR_STOP=1"));
        assertEquals(0, o.status(), o.err());
    }

    @Test
    void describeFamily() throws Exception {
        schema();
        same(false, "set search_path = gs, public;\n" + String.join("\n",
                "\\d", "\\dt", "\\di", "\\dv", "\\ds", "\\dm", "\\dn", "\\df", "\\dT", "\\l nosuchdb", "\\du nosuchrole",
                "\\d customers", "\\d orders", "\\d orders_cust_idx", "\\d orders_note_idx", "\\d orders_pkey",
                "\\d big_orders", "\\d gs2.counter", "\\d customers_id_seq", "\\d orders_id_seq", "\\dt gs2.*", "\\d c*",
                "\\dt+ gs2.*", "\\d+ orders", "\\d+ big_orders", "\\d mv", "\\dn+ gs*", "\\dt nosuch", "\\d nosuch",
                "\\dt gs.*", "\\di gs.orders*", "\\df gs.*", "\\dT gs.*", ""));
    }

    /** \\df+, \\dT+, \\du+ and \\l+ (their extra columns: owners, privileges, sources, sizes, comments). */
    @Test
    void describeVerbose() throws Exception {
        schema();
        RealPostgres pg = RealPostgres.get();
        Outcome setup = psql(pg, false, String.join("\n",
                "drop role if exists mon_reader;",
                "create role mon_reader connection limit 3 valid until '2031-01-01 00:00:00+00';",
                "comment on role mon_reader is 'reads things';",
                "create or replace function gs.twice(x numeric) returns numeric language sql immutable parallel safe",
                "  begin atomic select x * 2; end;",
                "create or replace function gs.secret() returns int language plpgsql security definer stable",
                "  as $$ begin return 42; end $$;",
                "comment on function gs.secret() is 'the answer';",
                "revoke all on function gs.secret() from public;",
                "grant execute on function gs.secret() to mon_reader;",
                "drop type if exists gs.rgb;",
                "create type gs.rgb as enum ('red', 'green', 'blue');",
                "comment on type gs.rgb is 'colours';",
                "grant usage on type gs.rgb to mon_reader;",
                "comment on database postgres is 'default administrative connection database';",
                ""), List.of("-q", "-v", "ON_ERROR_STOP=1"));
        assertEquals(0, setup.status(), setup.err());
        same(false, "set search_path = gs, public;\n" + String.join("\n",
                // a SQL-standard body: its ';'s do not end the statement (psqlscan.l's BEGIN ... END tracking)
                "create or replace function gs.sign_of(x int) returns text language sql",
                "begin atomic",
                "  select case when x < 0 then 'neg' else 'pos' end;",
                "end;",
                "select gs.sign_of(-1), gs.sign_of(1);",
                "\\df+ gs.*", "\\df+ add1", "\\df+ nosuch", "\\dT+ gs.*", "\\dT+ mood", "\\dT+", "\\du+", "\\du+ mon_*",
                "\\du+ nosuch", "\\l+ postgres", "\\l+ nosuchdb", "\\x", "\\df+ gs.secret", "\\du+ mon_reader", ""));
    }

    // ---- variables, conditionals, output, files ----

    @Test
    void variablesAndConditionals() throws Exception {
        String script = String.join("\n",
                "\\set a 1",
                "\\set b 'x''y' \"q\" :a",
                "\\echo :a :'b' :\"b\" :nosuch :'nosuch' -n",
                "\\echo -n hi",
                "\\echo  there 'a\\tb'",
                "\\if :a",
                "\\echo yes",
                "\\elif false",
                "\\echo no",
                "\\else",
                "\\echo no2",
                "\\endif",
                "\\if foo",
                "\\echo in foo",
                "\\endif",
                "\\if false",
                "select 1/0;",
                "\\echo skipped :a",
                "\\nosuchcmd",
                "\\elif on",
                "  \\if true \\echo nested \\endif",
                "select :a + 1 as v, :'b' as w, :\"b\" as \"x\", 1::int as c;",
                "\\else",
                "\\echo never",
                "\\endif",
                "\\set q 'select 5 as q;'",
                ":q",
                "\\unset a",
                "\\echo :a",
                "\\elif",
                "\\endif",
                "select 6 as s \\gset v_",
                "\\echo :v_s",
                "select 1 as n where false \\gset",
                "\\if 1",
                "");
        same(false, "", "-f", file("vars.sql", script));
        same(false, script);
    }

    @Test
    void psetFormats() throws Exception {
        String q = "select 1 as a, E'x\\ny<&>' as b, null as c union all select 22, 'q,\"', '  ';\n";
        StringBuilder sb = new StringBuilder("\\pset null NUL\n\\pset title 'My title here'\n");
        for (String fmt : new String[] {"aligned", "unaligned", "csv", "html"}) {
            for (String border : new String[] {"0", "1", "2"}) {
                sb.append("\\pset format ").append(fmt).append("\n\\pset border ").append(border).append('\n');
                sb.append(q).append("\\x\n").append(q).append("\\x\n");
            }
        }
        sb.append("\\pset title\n\\pset footer\n").append(q).append("\\pset footer on\n\\pset tuples_only on\n").append(q)
                .append("\\x\n").append(q).append("\\pset border 0\n").append(q).append("\\pset fieldsep ';'\n\\pset recordsep '#'\n")
                .append("\\pset format u\n").append(q).append("\\pset format cs\n\\pset csv_fieldsep '|'\n").append(q)
                .append("\\pset format bogus\n\\pset tuples_only off\n\\pset footer off\n\\t\n\\pset nosuch\n");
        same(false, "", "-f", file("pset.sql", sb.toString()));
        same(false, "", "--csv", "-c", q);
        same(false, "", "-P", "null=(null)", "-P", "border=2", "-c", q);
    }

    @Test
    void outputAndIncludeFilesCopyAndErrors() throws Exception {
        String inc = file("inc.sql", "select 'included' as inc;\n\\ir inc2.sql\n");
        file("inc2.sql", "select 'relative' as rel;\n");
        String out1 = tmp.resolve("o1.txt").toString();
        String csv = tmp.resolve("x.csv").toString();
        String script = String.join("\n",
                "\\o " + out1,
                "select 42 as answer;",
                "\\qecho in file",
                "\\o",
                "\\echo after",
                "\\i " + inc,
                "\\i /nonexistent/x.sql",
                "\\copy (select g as a, g * 2 as b from generate_series(1, 3) g) to " + csv + " csv",
                "create temp table tc(a int, b int);",
                "\\copy tc from " + csv + " csv",
                "\\copy tc to stdout",
                "\\copy tc from /nonexistent/file",
                "select * from tc order by a;",
                "\\errverbose",
                "select nosuch;",
                "\\errverbose",
                "\\set ECHO queries",
                "select 1 as echoed;",
                "\\set ECHO errors",
                "select nosuch2;",
                "\\set ECHO none",
                "\\set AUTOCOMMIT off",
                "create temp table ac(a int);",
                "rollback;",
                "select count(*) from pg_class where relname = 'ac';",
                "\\set AUTOCOMMIT on",
                "\\c postgres",
                "select current_database();",
                "");
        same(false, script);
        same(false, "", "-f", file("io.sql", script));
        same(false, "", "-1", "-f", file("io1.sql", "create temp table one(a int);\ninsert into one values (1);\nselect * from one;\n"));
        same(false, "select 1;\n\\set ECHO all\nselect 2;\n");
        same(false, "", "-a", "-f", file("echo.sql", "select 1;\n-- comment\nselect 2;\n"));
    }

    /**
     * COPY FROM STDIN and \copy ... from stdin read the lines that follow, up to "\.", from
     * the script (-f) or from standard input; a COPY that fails before asking for data leaves
     * them to be read as input (psql's cascade of errors); bad data fail at the "\." line.
     */
    @Test
    void inlineCopyData() throws Exception {
        String script = String.join("\n",
                "create temp table ic(a int, b text);",
                "copy ic from stdin;",
                "1\tone",
                "2\ttwo with ; semicolon",
                "\\.",
                "select 'between' as x;",
                "\\copy ic from stdin csv",
                "3,\"three, quoted\"",
                "\\.",
                "copy ic (a) from stdin; select count(*) from ic;",
                "4",
                "\\.",
                "copy ic from stdin;",
                "5\tfive",
                "bad\tdata",
                "6\tsix",
                "\\.",
                "copy nosuch from stdin;",
                "7\tseven",
                "\\.",
                "select * from ic order by a;",
                "copy ic from stdin;",
                "8\teight at the end without a marker",
                "");
        same(false, "", "-f", file("copy.sql", script));
        same(false, script);
        same(false, "", "-q", "-f", file("copyq.sql", script));
    }

    /** \pset format wrapped with \pset columns: print_aligned_text's shrinking and wrap marks. */
    @Test
    void wrappedFormat() throws Exception {
        String q = String.join("\n",
                "select g as id, repeat('abcdefghij', g) as long_text, g * 1234567 as num,",
                "  case when g % 2 = 0 then E'two\nlines here' else 'short' end as multi",
                "  from generate_series(1, 6) g;",
                "select 'wrap ' || repeat('日本語', 8) as wide, 'e\u0301' || repeat('x', 30) as comb, 12.5 as n;",
                "select repeat('a', 50) as \"a long header that is wide\", repeat('b', 60) as b;",
                "select 1 as a, 2 as b where false;",
                "select repeat('z', 100) as only_one;",
                "");
        StringBuilder sb = new StringBuilder("\\pset format wrapped\n\\pset title 'A title wider than thirty columns'\n");
        for (String cols : new String[] {"40", "25", "80", "10"}) {
            sb.append("\\pset columns ").append(cols).append('\n');
            for (String border : new String[] {"0", "1", "2"}) {
                sb.append("\\pset border ").append(border).append('\n').append(q);
            }
        }
        sb.append("\\pset title\n\\pset columns 30\n\\x auto\n").append(q).append("\\pset format aligned\n").append(q);
        // expanded and wrapped: the data column narrows to the target width
        sb.append("\\x on\n\\pset format wrapped\n");
        for (String cols : new String[] {"30", "12", "0"}) {
            sb.append("\\pset columns ").append(cols).append('\n');
            for (String border : new String[] {"0", "1", "2"}) {
                sb.append("\\pset border ").append(border).append('\n').append(q)
                        .append("select E'multi\\nline header' as \"h\nh\", repeat('q', 40) as q;\n");
            }
        }
        same(false, "", "-f", file("wrapped.sql", sb.toString()));
    }

    /**
     * \pset linestyle ascii|old-ascii|unicode and the three unicode_*_linestyle settings: rules,
     * column separators and newline/wrap marks in aligned, wrapped and expanded output.
     */
    @Test
    void lineStyles() throws Exception {
        String q = String.join("\n",
                "select 1 as a, E'x\\nyy' as \"b\nc\", null as d, repeat('w', 30) as e union all select 22, 'z', 'q', 'r';",
                "select 'héllo' as \"wide 日本\", 7 as n;",
                "select 1 as a where false;",
                "");
        StringBuilder sb = new StringBuilder("\\pset null NUL\n\\pset linestyle\n");
        String[][] styles = {{"old-ascii"}, {"u"}, {"unicode", "unicode_border_linestyle double"},
            {"unicode", "unicode_border_linestyle single", "unicode_column_linestyle double"},
            {"unicode", "unicode_column_linestyle single", "unicode_header_linestyle d"},
            {"unicode", "unicode_border_linestyle d", "unicode_column_linestyle d", "unicode_header_linestyle d"},
            {"ascii"}};
        for (String[] style : styles) {
            sb.append("\\pset linestyle ").append(style[0]).append('\n');
            for (int k = 1; k < style.length; k++) sb.append("\\pset ").append(style[k]).append('\n');
            for (String border : new String[] {"0", "1", "2"}) {
                sb.append("\\pset border ").append(border).append('\n');
                sb.append("\\pset format aligned\n").append(q).append("\\x\n").append(q).append("\\x\n");
                sb.append("\\pset format wrapped\n\\pset columns 24\n").append(q).append("\\x\n").append(q)
                        .append("\\x\n\\pset columns 0\n");
            }
        }
        sb.append("\\pset linestyle bogus\n\\pset unicode_border_linestyle triple\n\\pset unicode_column_linestyle\n")
                .append("\\pset unicode_header_linestyle x\n\\pset\n");
        same(false, "", "-f", file("linestyles.sql", sb.toString()));
    }

    /**
     * \\ef and \\ev with an EDITOR script: a function's and a view's definition edited and run
     * (the script adds the semicolon), an untouched template ("No changes"), the function
     * template edited into a syntax error, a body-relative line number, unknown names and a
     * relation that is not a view.
     */
    @Test
    void editFunctionAndViewDefinitions() throws Exception {
        Path psqlLog = tmp.resolve("psql.log");
        Path monitorLog = tmp.resolve("monitor.log");
        Path psqlEditor = editorScript("psql-editor.sh", psqlLog);
        Path monitorEditor = editorScript("monitor-editor.sh", monitorLog);
        String script = String.join("\n",
                "set client_min_messages = warning;",
                "drop view if exists ef_v; drop function if exists ef_f(int); drop function if exists ef_keep();",
                "create function ef_f(a int) returns int language sql as $$ select a + 42 $$;",
                "create function ef_keep() returns text language sql as $$ select 'keep' $$;",
                "create view ef_v as select 1 as one;",
                "\\ef ef_f",
                "select ef_f(1);",
                "\\ev ef_v",
                "select * from ef_v;",
                "\\ef ef_keep",
                "\\ev",
                "\\ef",
                "\\ef ef_f(integer) 2",
                "\\setenv PSQL_EDITOR_LINENUMBER_ARG +",
                "\\ef ef_f(integer) 2",
                "select ef_f(1);",
                "\\ef nosuch_fn",
                "\\ev nosuch_v",
                "\\ev pg_catalog.pg_class",
                "\\ef ef_f 0",
                "");
        String file = file("ef.sql", script);
        RealPostgres pg = RealPostgres.get();
        assertTimeoutPreemptively(LIMIT, () -> {
            Outcome expected = psql(pg, false, "", List.of("-f", file), java.util.Map.of("EDITOR", psqlEditor.toString()));
            Outcome actual = monitor(pg, false, "", List.of("-f", file), java.util.Map.of("EDITOR", monitorEditor.toString()));
            String dump = System.getProperty("golden.dump");
            if (dump != null) {
                Files.writeString(Path.of(dump, "psql.out"), expected.out() + "\n--- stderr\n" + expected.err());
                Files.writeString(Path.of(dump, "monitor.out"), actual.out() + "\n--- stderr\n" + actual.err());
            }
            assertEquals(expected.out(), actual.out(), "stdout differs");
            assertEquals(expected.err(), actual.err(), "stderr differs");
            assertEquals(expected.status(), actual.status(), "exit status differs");
            assertEquals(Files.readString(psqlLog), Files.readString(monitorLog), "editor arguments differ");
        });
    }

    /**
     * An EDITOR for the \\ef tests: logs its line argument ("-" without one) to {@code log},
     * leaves a file containing "something" or "keep" alone, else edits it and adds a semicolon.
     */
    private Path editorScript(String name, Path log) throws IOException {
        Path editor = tmp.resolve(name);
        Files.writeString(editor, String.join("\n",
                "#!/bin/sh",
                "for f; do :; done",
                "if [ $# -eq 2 ]; then echo \"$1\" >> '" + log + "'; else echo - >> '" + log + "'; fi",
                "grep -q -e something -e keep \"$f\" && exit 0",
                "sed -i -e 's/42/43/' -e 's/1 AS one/2 AS one/' -e '$ s/$/;/' \"$f\"",
                ""));
        editor.toFile().setExecutable(true);
        return editor;
    }
}
