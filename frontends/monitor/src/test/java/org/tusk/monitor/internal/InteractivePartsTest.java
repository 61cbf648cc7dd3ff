package org.tusk.monitor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;
import org.tusk.libpq.PgConnection;
import org.tusk.libpq.PgResult;
import org.tusk.libpq.RealPostgres;

/** The interactive pieces on their own: prompt escapes, highlighting, completion context, the pager rule, \plot. */
class InteractivePartsTest {

    @Test
    void promptEscapesWithoutConnection() {
        PromptFormatter f = new PromptFormatter();
        PromptFormatter.Context c = new PromptFormatter.Context();
        c.variables = Map.of("who", "me")::get;
        c.statementLine = 4;
        // no connection: %R is "!", %x "?", %# ">"; octal, variables, commands, literal %, unknown escapes
        assertEquals("!?> %101 me|hi|4|N|%", f.format("%R%x%# %%101 %:who:|%`echo hi`|%l|%N|%%", 1, c).replace("A", "%101"));
        assertEquals("A", f.format("%101", 1, c));
        assertEquals("ab", f.format("a%[%]b", 1, c));
        c.scanState = '(';
        assertEquals("(  ", f.format("%R%w", 2, c));
        c.inactiveBranch = true;
        assertEquals("@", f.format("%R", 1, c));
        assertEquals("", f.format("%R", 3, c));
    }

    @Test
    void promptEscapesWithConnection() {
        RealPostgres pg = RealPostgres.get();
        try (PgConnection conn = PgConnection.connect(pg.socketConnInfo())) {
            PromptFormatter.Context c = new PromptFormatter.Context();
            c.conn = conn;
            String p = new PromptFormatter().format("%M|%m|%>|%n|%/|%~|%#|%p|%x", 1, c);
            assertEquals("[local:" + pg.socketDir() + "]|[local]|" + pg.port() + "|" + RealPostgres.SUPERUSER + "|postgres|postgres|#|"
                    + conn.backendPid() + "|", p);
        }
    }

    @Test
    void highlighterStyles() {
        AttributedString a = SqlHighlighter.highlight("select 'it''s', 4.5e3, name -- note", '=');
        assertEquals("select 'it''s', 4.5e3, name -- note", a.toString());
        assertEquals(SqlHighlighter.KEYWORD, a.styleAt(0));
        assertEquals(SqlHighlighter.STRING, a.styleAt(7));
        assertEquals(SqlHighlighter.STRING, a.styleAt(13));
        assertEquals(SqlHighlighter.NUMBER, a.styleAt(16));
        assertEquals(org.jline.utils.AttributedStyle.DEFAULT, a.styleAt(23)); // "name" is an unreserved keyword, left plain
        assertEquals(SqlHighlighter.COMMENT, a.styleAt(29));
        // a line that continues a string and a comment from earlier lines
        AttributedString s = SqlHighlighter.highlight("still text' || x", '\'');
        assertEquals(SqlHighlighter.STRING, s.styleAt(0));
        assertEquals(org.jline.utils.AttributedStyle.DEFAULT, s.styleAt(15));
        AttributedString m = SqlHighlighter.highlight("\\x auto :var", '=');
        assertEquals(SqlHighlighter.META, m.styleAt(0));
        assertEquals(SqlHighlighter.META, m.styleAt(9));
        AttributedString d = SqlHighlighter.highlight("select $f$ a 'b' $f$, t1", '=');
        assertEquals(SqlHighlighter.STRING, d.styleAt(13));
        assertEquals(org.jline.utils.AttributedStyle.DEFAULT, d.styleAt(23)); // the 1 of t1 is no number
    }

    @Test
    void completionContextWithoutCatalog() {
        SqlCompleter c = new SqlCompleter(() -> null, () -> "", () -> true);
        assertEquals(List.of("select"), values(c.complete("", "", "sel", "")));
        assertEquals(List.of("SELECT"), values(c.complete("", "", "SEL", "")));
        assertTrue(values(c.complete("", "create ", "ta", "")).contains("table"));
        assertEquals(List.of("INTO"), values(c.complete("", "INSERT ", "", "")));
        assertTrue(values(c.complete("", "", "\\conn", "")).containsAll(List.of("\\connect", "\\conninfo")));
        assertEquals("FROM", SqlCompleter.clause(SqlTokens.of("select a from t, ")));
        assertEquals("WHERE", SqlCompleter.clause(SqlTokens.of("select a from t where x = (select 1) and ")));
        List<SqlCompleter.TableRef> refs = SqlCompleter.TableRef.all(SqlTokens.of("select * from s.t1 a join \"T2\" on x where"));
        assertEquals(List.of(new SqlCompleter.TableRef("s", "t1", "a"), new SqlCompleter.TableRef(null, "T2", null)), refs);
        assertEquals("ab\\_c\\%%", SqlCompleter.likePrefix("AB_c%"));
    }

    @Test
    void completionFromTheCatalog() {
        RealPostgres pg = RealPostgres.get();
        try (PgConnection conn = PgConnection.connect(pg.socketConnInfo())) {
            conn.query("DROP SCHEMA IF EXISTS compl_s CASCADE");
            conn.query("CREATE SCHEMA compl_s");
            conn.query("CREATE TABLE compl_s.widget (widget_id int, \"Mixed Col\" text)");
            SqlCompleter c = new SqlCompleter(() -> conn, () -> "", () -> true);
            assertTrue(values(c.complete("", "select * from ", "compl", "")).contains("compl_s."));
            assertEquals(List.of("compl_s.widget"), values(c.complete("", "select * from ", "compl_s.", "")));
            assertEquals(List.of("widget_id", "\"Mixed Col\""),
                    values(c.complete("", "select * from compl_s.widget where ", "", "")).subList(0, 2));
            assertEquals(List.of("w.widget_id", "w.\"Mixed Col\""), values(c.complete("select * from compl_s.widget w\n", "where ", "w.", "")));
            assertTrue(values(c.complete("", "select ", "pg_backend_p", "")).contains("pg_backend_pid"));
            assertTrue(values(c.complete("", "\\c ", "post", "")).contains("postgres"));
            conn.query("DROP SCHEMA compl_s CASCADE");
        }
    }

    @Test
    void pagerRule() {
        String tall = "x\n".repeat(30);
        assertTrue(OutputPager.needed(tall, 1, 0, 24, 80));
        assertFalse(OutputPager.needed(tall, 1, 50, 24, 80), "pager_min_lines");
        assertFalse(OutputPager.needed(tall, 0, 0, 24, 80));
        assertTrue(OutputPager.needed("y\n", 2, 0, 24, 80));
        assertTrue(OutputPager.needed("w".repeat(81) + "\n", 1, 0, 24, 80), "wider than the terminal");
        assertFalse(OutputPager.needed("short\n", 1, 0, 24, 80));
        assertEquals(null, new OutputPager(Map.of("PSQL_PAGER", " ", "PAGER", "more")::get, new PrintOptions(), () -> 24, () -> 80,
                () -> { }, () -> { }).program());
        assertEquals("more", new OutputPager(Map.of("PAGER", "more")::get, new PrintOptions(), () -> 24, () -> 80,
                () -> { }, () -> { }).program());
        assertEquals("less", new OutputPager(Map.<String, String>of()::get, new PrintOptions(), () -> 24, () -> 80,
                () -> { }, () -> { }).program());
    }

    @Test
    void plotDrawsBarAndLineCharts() {
        RealPostgres pg = RealPostgres.get();
        try (PgConnection conn = PgConnection.connect(pg.socketConnInfo())) {
            PgResult bars = conn.query("select * from (values ('apples', 4), ('pears', 2), ('kiwis', 1)) v(fruit, n)");
            assertEquals("apples │" + "█".repeat(20) + " 4\n"
                    + "pears  │" + "█".repeat(10) + " 2\n"
                    + "kiwis  │" + "█".repeat(5) + " 1\n", draw(bars, 41));
            PgResult line = conn.query("select g, g * g as sq from generate_series(0, 4) g");
            String chart = draw(line, 40);
            String[] rows = chart.split("\n");
            assertEquals(9, rows.length, chart);
            assertEquals("        16 │    █", rows[0]);
            assertEquals("         0 │▁▄███", rows[7]); // 0, 1, 4, 9, 16 in eighths of a row: 0, 4, 16, 36, 64
            assertEquals("           └─────", rows[8]);
            PgResult none = conn.query("select 'a' as t");
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertFalse(Plot.draw(none, new PrintStream(new ByteArrayOutputStream()), 40, new PrintStream(err, true, StandardCharsets.UTF_8)));
            assertEquals("\\plot: the last result has no number column\n", err.toString(StandardCharsets.UTF_8));
        }
    }

    private static String draw(PgResult r, int width) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(Plot.draw(r, new PrintStream(out, true, StandardCharsets.UTF_8), width, System.err));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<String> values(List<SqlCompleter.Completion> cs) {
        return cs.stream().map(SqlCompleter.Completion::value).toList();
    }
}
