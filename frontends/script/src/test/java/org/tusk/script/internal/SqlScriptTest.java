package org.tusk.script.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlScriptTest extends ScriptTestSupport {
    @TempDir Path dir;

    @Test
    void variablesAndConditionals() throws Exception {
        Path f = write(dir, "report.sql", """
                -- variables from -v and from the command line
                \\set table sql_t
                drop table if exists :"table";
                create table :"table" (id int, name text, note text);
                insert into :"table" values (1, :'who', 'semi;colon'), (2, 'b', $$dollar ; 'quoted'$$);
                /* a comment; with a semicolon */ select count(*) as n, count(*) > 0 as has_rows,
                  max(id) as top from :table \\gset
                \\echo rows: :n top: :top argument: :1 argc: :ARGC
                \\if :has_rows
                  \\echo has rows
                  \\if :{?missing}
                    \\echo never
                  \\elif :{?top}
                    \\echo nested elif
                  \\else
                    \\echo never either
                  \\endif
                \\else
                  \\echo no rows
                  select this is not even sql;
                \\endif
                \\if false
                  select 'skipped';
                \\elif 'on'
                  select id, name, note from :table order by id;
                \\endif
                select 'x'::text as "a b", 12345 as num
                \\g
                update :table set name = :'who' || '!' where id = 1 returning id, name;
                copy :table (id, name) from stdin;
                7	seven
                8	eight
                \\.
                select count(*) from :table;
                \\echo 'quoted: it''s' done
                drop table :table;
                """);
        Run r = run(concat(connArgs(), "-v", "who=O'Brien", f.toString(), "first"));
        assertEquals(0, r.status(), r.err());
        assertEquals("psql:" + f + ":3: NOTICE:  table \"sql_t\" does not exist, skipping\n", r.err());
        assertEquals("""
                DROP TABLE
                CREATE TABLE
                INSERT 0 2
                rows: 2 top: 2 argument: first argc: 1
                has rows
                nested elif
                 id |  name   |       note       \s
                ----+---------+-------------------
                  1 | O'Brien | semi;colon
                  2 | b       | dollar ; 'quoted'
                (2 rows)

                 a b |  num \s
                -----+-------
                 x   | 12345
                (1 row)

                 id |   name  \s
                ----+----------
                  1 | O'Brien!
                (1 row)

                UPDATE 1
                COPY 2
                 count\s
                -------
                     4
                (1 row)

                quoted: it's done
                DROP TABLE
                """, r.out());
    }

    /** The same files through real psql 15 give the same stdout, stderr and exit status. */
    @Test
    void sameAsPsql() throws Exception {
        variablesAndConditionals();
        errorsAndOnErrorStop();
        filesAndCopy();
        for (String name : new String[] { "report.sql", "errors.sql", "io.sql" }) {
            Path f = dir.resolve(name);
            Run ours = run(concat(connArgs(), "-v", "who=O'Brien", f.toString(), "first"));
            Run psql = psql(concat(connArgs(), "-X", "-v", "who=O'Brien", "-v", "1=first", "-v", "ARGC=1", "-f", f.toString()));
            assertEquals(psql, ours, name);
        }
    }

    static Run psql(String... args) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(pg().psql()));
        cmd.addAll(java.util.List.of(args));
        Path outFile = Files.createTempFile("psql", ".out");
        Path errFile = Files.createTempFile("psql", ".err");
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(outFile.toFile()).redirectError(errFile.toFile()).start();
        int status = p.waitFor();
        try {
            return new Run(status, Files.readString(outFile), Files.readString(errFile));
        } finally {
            Files.delete(outFile);
            Files.delete(errFile);
        }
    }

    @Test
    void errorsAndOnErrorStop() throws Exception {
        Path f = write(dir, "errors.sql", """
                select 1 as one;
                select *
                  from no_such_table;
                \\bogus
                \\if maybe
                \\echo not reached
                \\endif
                \\set ON_ERROR_STOP on
                select 1/0;
                \\echo not reached either
                """);
        Run r = run(concat(connArgs(), "-q", f.toString()));
        assertEquals(3, r.status());
        assertEquals(" one \n-----\n   1\n(1 row)\n\n", r.out());
        String name = f.toString();
        assertEquals("psql:" + name + ":3: ERROR:  relation \"no_such_table\" does not exist\n"
                + "LINE 2:   from no_such_table;\n               ^\n"
                + "psql:" + name + ":4: error: invalid command \\bogus\n"
                + "psql:" + name + ":5: error: unrecognized value \"maybe\" for \"\\if expression\": Boolean expected\n"
                + "psql:" + name + ":9: ERROR:  division by zero\n", r.err());
        // without ON_ERROR_STOP the script goes on and ends with 0, like psql
        Run go = run(concat(connArgs(), "-q", write(dir, "goes-on.sql", "select 1/0;\n\\echo after\n").toString()));
        assertEquals(0, go.status());
        assertEquals("after\n", go.out());
        // connection failure
        Run down = run("-h", pg().socketDir(), "-p", "1", f.toString());
        assertEquals(2, down.status());
    }

    /** The monitor's meta-commands in a script: \\i, \\ir, \\o, \\copy, \\pset, \\x and inline COPY data. */
    @Test
    void filesAndCopy() throws Exception {
        Files.createDirectories(dir.resolve("parts"));
        write(dir, "parts/setup.sql", "create temp table io_t(id int, name text);\n\\ir rows.sql\n");
        write(dir, "parts/rows.sql", "copy io_t from stdin;\n1\tone\n2\ttwo\n\\.\n\\echo rows loaded\n");
        Path out = dir.resolve("io.out");
        Path csv = dir.resolve("io.csv");
        Path f = write(dir, "io.sql", "\\ir parts/setup.sql\n"
                + "\\o " + out + "\n"
                + "select name from io_t order by id;\n"
                + "\\o\n"
                + "\\copy io_t to '" + csv + "' csv\n"
                + "\\copy io_t from '" + csv + "' csv\n"
                + "\\copy io_t (id) from stdin\n3\n\\.\n"
                + "\\pset null (null)\n\\x on\n"
                + "select * from io_t where id = 3;\n"
                + "\\x off\n"
                + "select count(*) as n from io_t \\gset\n\\echo :n rows\n");
        Run r = run(concat(connArgs(), f.toString()));
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        assertEquals("""
                CREATE TABLE
                COPY 2
                rows loaded
                COPY 2
                COPY 2
                COPY 1
                Null display is "(null)".
                Expanded display is on.
                -[ RECORD 1 ]
                id   | 3
                name | (null)

                Expanded display is off.
                5 rows
                """, r.out());
        assertEquals(" name \n------\n one\n two\n(2 rows)\n\n", Files.readString(out));
        assertEquals("1,one\n2,two\n", Files.readString(csv));
    }

    static String[] concat(String[] a, String... b) {
        String[] r = new String[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
