package org.tusk.script.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.libpq.RealPostgres;

class GroovyScriptTest extends ScriptTestSupport {
    @TempDir Path dir;

    @Test
    void argumentsQueriesAndParameters() throws Exception {
        Path f = write(dir, "params.groovy", """
                out.println "args: ${args.toList()}"
                def rows = db.query('select $1::int + $2 as sum, $3::text as word', 40, 2, args[0])
                out.println "sum=${rows[0].sum} word=${rows[0].word} first=${rows[0][0]} class=${rows[0].sum.getClass().simpleName}"
                def id = 7
                out.println db.value("select ${id}::int * 6")                   // GString values become $1
                out.println db.value("select ${"it's"}::text")                  // no quoting problems
                db.execute 'create temp table t (a int, b text); insert into t values (1, \\'x\\'), (2, \\'y\\')'
                out.println db.execute('update t set b = upper(b) where a >= $1', 1)
                out.println db.query('select * from t order by a').collect { "${it.a}:${it.b}" }.join(',')
                out.println db.firstRow('select * from t where a = 99')
                out.println db.query('select null::int as n, true as t, 1.50::numeric as x')[0]
                """);
        Run r = script(f, "hello world", "two");
        assertEquals(0, r.status(), r.err());
        assertEquals("""
                args: [hello world, two]
                sum=42 word=hello world first=42 class=Integer
                42
                it's
                2
                1:X,2:Y
                null
                [n:null, t:true, x:1.50]
                """, r.out());
        assertEquals("", r.err());
    }

    @Test
    void transactionCommitsOrRollsBack() throws Exception {
        Path f = write(dir, "tx.groovy", """
                db.execute 'drop table if exists tx_t; create table tx_t (a int primary key)'
                def n = db.transaction { db.execute('insert into tx_t values (1), (2)') }
                out.println "committed $n"
                try {
                    db.transaction {
                        db.execute 'insert into tx_t values (3)'
                        throw new IllegalStateException('boom')
                    }
                } catch (IllegalStateException e) {
                    out.println "caught ${e.message}"
                }
                try {
                    db.transaction { db.execute 'insert into tx_t values (4), (1)' }   // duplicate key
                } catch (org.tusk.libpq.PgError e) {
                    out.println "server said ${e.sqlState()}"
                }
                db.transaction { d ->
                    d.execute 'insert into tx_t values (5)'
                    try {
                        d.transaction { d.execute 'insert into tx_t values (6)'; throw new RuntimeException('inner') }
                    } catch (RuntimeException e) { }
                }
                out.println db.query('select a from tx_t order by a')*.a
                out.println db.connection.transactionStatus()
                """);
        Run r = script(f);
        assertEquals(0, r.status(), r.err());
        assertEquals("committed 2\ncaught boom\nserver said 23505\n[1, 2, 5]\nI\n", r.out());
    }

    @Test
    void copyInFromFileAndCopyOut() throws Exception {
        Path csv = write(dir, "data.csv", "id,name\n1,one\n2,two\n3,\"three, with comma\"\n");
        Path f = write(dir, "copy.groovy", """
                db.execute 'drop table if exists copy_t; create table copy_t (id int, name text)'
                out.println db.copyIn('copy copy_t from stdin (format csv, header)', args[0])
                out.println db.copyIn('copy copy_t from stdin (format csv)', new File(args[0]).readLines().drop(1).join('\\n').replace('1,', '11,').getBytes())
                out.println db.copyIn('copy copy_t from stdin', new ByteArrayInputStream('4\\tfour\\n'.bytes))
                db.copyOut('copy (select * from copy_t order by id) to stdout (format csv)', out)
                def file = new File(args[1])
                out.println db.copyOut('copy copy_t to stdout', file)
                out.println file.readLines().size()
                """);
        Run r = script(f, csv.toString(), dir.resolve("dump.txt").toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("3\n3\n1\n1,one\n2,two\n2,two\n3,\"three, with comma\"\n3,\"three, with comma\"\n4,four\n11,one\n7\n7\n",
                r.out());
    }

    @Test
    void notificationsAreReceived() throws Exception {
        Path f = write(dir, "notify.groovy", """
                db.listen 'jobs'
                def other = db.connect('application_name=notifier')
                other.notify('jobs', 'first')
                other.execute("notify jobs, 'second'")
                def got = db.notifications(5000)
                while (got.size() < 2) { def more = db.notifications(5000); if (!more) break; got += more }
                out.println got.collect { "${it.channel}:${it.payload}:${it.pid == other.connection.backendPid()}" }
                out.println db.notifications(100)
                """);
        Run r = script(f);
        assertEquals(0, r.status(), r.err());
        assertEquals("[jobs:first:true, jobs:second:true]\n[]\n", r.out());
    }

    @Test
    void exitStatuses() throws Exception {
        assertEquals(0, script(write(dir, "ok.groovy", "out.print 'ok'")).status());
        Run seven = script(write(dir, "seven.groovy", "out.println 'before'\nexit(7)\nout.println 'after'"));
        assertEquals(7, seven.status());
        assertEquals("before\n", seven.out());
        // exit() is not swallowed by catch (Exception) and rolls a transaction back
        Run inTx = script(write(dir, "txexit.groovy", """
                db.execute 'drop table if exists exit_t; create table exit_t (a int)'
                try { db.transaction { db.execute 'insert into exit_t values (1)'; exit(3) } } catch (Exception e) { out.println 'caught' }
                """));
        assertEquals(3, inTx.status());
        assertEquals("", inTx.out());
        assertEquals(0L, value("select count(*) from exit_t"));
        assertEquals(0, script(write(dir, "zero.groovy", "exit()")).status());
        // an uncaught exception: status 1
        assertEquals(1, script(write(dir, "boom.groovy", "throw new RuntimeException('boom')")).status());
        // no connection needed until db is used; then status 2 with libpq's message
        Run noServer = run("-h", pg().socketDir(), "-p", "1", write(dir, "nodb.groovy", "out.println 'start'\ndb.query('select 1')").toString());
        assertEquals(2, noServer.status());
        assertEquals("start\n", noServer.out());
        assertTrue(noServer.err().startsWith("tusk script: error: connection to server on socket \""), noServer.err());
        // usage errors
        assertEquals(1, run().status());
        assertEquals(1, run("--bogus", "x.groovy").status());
        Run missing = run(dir.resolve("missing.groovy").toString());
        assertEquals(1, missing.status());
        assertTrue(missing.err().contains("could not read file"), missing.err());
        assertEquals(0, run("--help").status());
    }

    @Test
    void errorsPointAtTheScriptLine() throws Exception {
        Run sql = script(write(dir, "sqlerr.groovy", """
                // a comment
                def x = 1

                db.query('select * from no_such_table')
                """));
        assertEquals(1, sql.status());
        assertEquals("sqlerr.groovy:4: ERROR:  relation \"no_such_table\" does not exist\n"
                + "LINE 1: select * from no_such_table\n                      ^\n", sql.err().replace(dir + "/", ""));

        Run closure = script(write(dir, "closure.groovy", """
                def rows = db.query('select 1 as a')
                rows.each { r ->
                    out.println r.a
                    out.println undefinedVariable
                }
                """));
        assertEquals(1, closure.status());
        assertEquals("1\n", closure.out());
        assertTrue(closure.err().startsWith(dir.resolve("closure.groovy") + ":4: groovy.lang.MissingPropertyException: No such property: undefinedVariable"),
                closure.err());

        Run method = script(write(dir, "method.groovy", """
                def check(n) {
                    if (n > 2) throw new IllegalArgumentException("too big: $n")
                }
                check(1)
                check(3)
                """));
        assertEquals(1, method.status());
        assertEquals(dir.resolve("method.groovy") + ":2: java.lang.IllegalArgumentException: too big: 3\n", method.err());

        Run syntax = script(write(dir, "syntax.groovy", "out.println 'a'\n\ndef x = (1 + \n"));
        assertEquals(1, syntax.status());
        assertEquals("", syntax.out());
        assertEquals(dir.resolve("syntax.groovy") + ":3:12: Unexpected input: '+'\n", syntax.err());
    }

    @Test
    void connectionFromPgEnvironment() throws Exception {
        RealPostgres pg = pg();
        Path f = write(dir, "env.groovy", "out.println db.value('select current_user || \\' \\' || current_database() || \\' \\' || current_setting(\\'application_name\\')')");
        Run r = runWith(Map.of("PGHOST", pg.socketDir(), "PGPORT", Integer.toString(pg.port()), "PGUSER", RealPostgres.SUPERUSER,
                "PGDATABASE", "template1"), "", f.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(RealPostgres.SUPERUSER + " template1 tusk_script\n", r.out());
        // -d as a connection string, -p over PGPORT
        Run d = runWith(Map.of("PGPORT", "1", "PGAPPNAME", "from_env"), "", "-d", "host=" + pg.socketDir() + " dbname=postgres user=" + RealPostgres.SUPERUSER,
                "-p", Integer.toString(pg.port()), f.toString());
        assertEquals(0, d.status(), d.err());
        assertEquals(RealPostgres.SUPERUSER + " postgres from_env\n", d.out());
    }

    @Test
    void scriptFromStdinAndNotices() {
        String[] conn = connArgs();
        String[] args = new String[conn.length + 1];
        System.arraycopy(conn, 0, args, 0, conn.length);
        args[conn.length] = "-";
        Run r = runWith(Map.of(), "db.execute(\"do \\$\\$ begin raise notice 'hi %', 1; end \\$\\$\")\nout.println stdin.text.size()\n", args);
        assertEquals(0, r.status(), r.err());
        assertEquals("0\n", r.out());
        assertEquals("NOTICE:  hi 1\n", r.err());
    }

    static Object value(String sql) {
        try (var c = org.tusk.libpq.PgConnection.connect(pg().socketConnInfo())) {
            return c.query(sql).getObject(0, 0);
        }
    }
}
