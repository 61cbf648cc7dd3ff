package org.tusk.monitor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class QueryScannerTest {

    private static List<QueryScanner.Event> feed(QueryScanner s, String... lines) {
        List<QueryScanner.Event> all = new ArrayList<>();
        for (String l : lines) all.addAll(s.feedLine(l));
        return all;
    }

    @Test
    void statementsEndAtSemicolonsOutsideQuotesCommentsAndParens() {
        QueryScanner s = new QueryScanner();
        List<QueryScanner.Event> ev = feed(s,
                "  -- leading comment dropped",
                "select 'a;b', \"x;y\", E'it\\'s;' from t; select $$;$$,",
                "  $f$ ; $f$ /* ; /* nested ; */ */ (1;",
                "2);");
        assertEquals(List.of(
                new QueryScanner.Statement("select 'a;b', \"x;y\", E'it\\'s;' from t;"),
                new QueryScanner.Statement("select $$;$$,\n  $f$ ; $f$ /* ; /* nested ; */ */ (1;\n2);")), ev);
        assertEquals(false, s.hasPending());
    }

    @Test
    void sqlStandardFunctionBodiesKeepTheirSemicolons() {
        QueryScanner s = new QueryScanner();
        List<QueryScanner.Event> ev = feed(s,
                "CREATE OR REPLACE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC",
                "  insert into t values (1); select case when true then 1 end;",
                "END; create function f() returns int begin atomic; end;",
                "select 1 as begin; begin; select 2;");
        assertEquals(List.of(
                new QueryScanner.Statement("CREATE OR REPLACE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC\n"
                        + "  insert into t values (1); select case when true then 1 end;\nEND;"),
                new QueryScanner.Statement("create function f() returns int begin atomic; end;"),
                new QueryScanner.Statement("select 1 as begin;"),
                new QueryScanner.Statement("begin;"),
                new QueryScanner.Statement("select 2;")), ev);
    }

    @Test
    void promptStateFollowsOpenConstructs() {
        QueryScanner s = new QueryScanner();
        assertEquals('=', s.promptState());
        s.feedLine("select 'abc");
        assertEquals('\'', s.promptState());
        s.feedLine("'");
        assertEquals('-', s.promptState());
        s.feedLine("/* open");
        assertEquals('*', s.promptState());
        s.feedLine("*/ (");
        assertEquals('(', s.promptState());
        s.feedLine(") $q$");
        assertEquals('$', s.promptState());
        s.feedLine("$q$ \"id");
        assertEquals('"', s.promptState());
        s.reset();
        assertEquals('=', s.promptState());
    }

    @Test
    void backslashCommandsTakeTheRestOfTheLine() {
        QueryScanner s = new QueryScanner();
        List<QueryScanner.Event> ev = feed(s, "select 1; \\x on", "select '\\x' \\g");
        assertEquals(List.of(new QueryScanner.Statement("select 1;"), new QueryScanner.MetaCommand("x", "on"),
                new QueryScanner.MetaCommand("g", "")), ev);
        assertEquals("select '\\x' ", s.pending());
    }

    @Test
    void optionsParseLikeGetopt() throws Exception {
        MonitorOptions o = MonitorOptions.parse(new String[] {"-At", "-hlocalhost", "-p", "5", "--username=bob",
                "-v", "ON_ERROR_STOP=1", "-c", "select 1", "-f", "x.sql", "mydb"});
        assertEquals(true, o.unaligned && o.tuplesOnly);
        assertEquals("localhost", o.host);
        assertEquals("5", o.port);
        assertEquals("bob", o.user);
        assertEquals("mydb", o.dbname);
        assertEquals("1", o.variables.get("ON_ERROR_STOP"));
        assertEquals(List.of(new MonitorOptions.Action(false, "select 1"), new MonitorOptions.Action(true, "x.sql")), o.actions);
    }

    @Test
    void timingFormatLikePsql() {
        assertEquals("Time: 0.123 ms", Monitor.timingText(0.1234));
        assertEquals("Time: 61234.500 ms (01:01.234)", Monitor.timingText(61234.5));
        assertEquals("Time: 3723000.000 ms (01:02:03.000)", Monitor.timingText(3723000));
    }
}
