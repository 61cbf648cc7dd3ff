package org.tusk.monitor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.jline.terminal.Size;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.libpq.PgConnection;
import org.tusk.libpq.RealPostgres;

/**
 * The interactive monitor driven through a JLine terminal (ExternalTerminal on pipes, an
 * xterm of 100x24) against the real PostgreSQL 15: keys go in as a user types them, the
 * screen output comes back with JLine's escape sequences. Covers the prompts, tab
 * completion from the catalog, highlighting, the pager, \e with an EDITOR script,
 * Ctrl-C cancel and \x auto.
 */
class TerminalSessionTest {
    private static final long WAIT_MILLIS = 10_000;
    private static RealPostgres pg;

    @TempDir Path tmp;
    private Session session;

    @BeforeAll
    static void scratchTables() {
        pg = RealPostgres.get();
        try (PgConnection c = PgConnection.connect(pg.socketConnInfo())) {
            c.query("DROP TABLE IF EXISTS tcomp_orders");
            c.query("CREATE TABLE tcomp_orders (order_id int, customer_name text)");
            c.query("INSERT INTO tcomp_orders VALUES (7, 'ann')");
        }
    }

    @AfterEach
    void end() throws Exception {
        if (session != null) session.close();
    }

    /** One monitor on one terminal. */
    private final class Session implements AutoCloseable {
        final PipedOutputStream keys = new PipedOutputStream();
        final ByteArrayOutputStream screen = new ByteArrayOutputStream();
        final Monitor monitor;
        final CompletableFuture<Integer> exit;
        final ExternalTerminal terminal;

        Session(String type, Map<String, String> env, String... extraArgs) throws IOException {
            PipedInputStream in = new PipedInputStream(keys, 1 << 16);
            OutputStream sync = new OutputStream() {
                @Override public void write(int b) { synchronized (screen) { screen.write(b); } }
                @Override public void write(byte[] b, int off, int len) { synchronized (screen) { screen.write(b, off, len); } }
            };
            terminal = new ExternalTerminal("test", type, in, sync, StandardCharsets.UTF_8);
            terminal.setSize(new Size(100, 24));
            PrintStream out = new PrintStream(sync, true, StandardCharsets.UTF_8);
            monitor = new Monitor(out, out);
            monitor.givenTerminal = terminal;
            monitor.historyFile = tmp.resolve("history");
            Map<String, String> environment = new HashMap<>(env);
            environment.putIfAbsent("PAGER", "");
            monitor.env = environment::get;
            // with PSQLRC set, the startup file runs (no -X)
            String[] base = {env.containsKey("PSQLRC") ? "-q" : "-X", "-h", pg.socketDir(), "-p", Integer.toString(pg.port()), "-U", RealPostgres.SUPERUSER, "-d", "postgres"};
            String[] args = new String[base.length + extraArgs.length];
            System.arraycopy(base, 0, args, 0, base.length);
            System.arraycopy(extraArgs, 0, args, base.length, extraArgs.length);
            exit = CompletableFuture.supplyAsync(() -> monitor.run(args, in, true));
            waitFor(s -> s.contains("Type \"help\" for help."));
        }

        void type(String keysTyped) throws IOException {
            keys.write(keysTyped.getBytes(StandardCharsets.UTF_8));
            keys.flush();
        }

        String screen() {
            synchronized (screen) {
                return screen.toString(StandardCharsets.UTF_8);
            }
        }

        /** Screen output without escape sequences and carriage returns. */
        String text() {
            return screen().replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "").replaceAll("\u001b[=>]", "").replace("\r", "");
        }

        String waitFor(Predicate<String> done) {
            long end = System.currentTimeMillis() + WAIT_MILLIS;
            while (System.currentTimeMillis() < end) {
                String t = text();
                if (done.test(t)) return t;
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
            fail("timed out; the screen shows:\n" + text());
            return null;
        }

        @Override
        public void close() throws Exception {
            type("\\q\r");
            assertEquals(0, exit.get(10, TimeUnit.SECONDS));
            terminal.close();
        }
    }

    @Test
    void promptsExpandPsqlEscapes() throws Exception {
        session = new Session("xterm", Map.of(), "-v", "PROMPT1=%n@%/:%>%R%x%# ", "-v", "PROMPT2=[%l]%R%w|");
        String user = RealPostgres.SUPERUSER;
        session.waitFor(s -> s.contains(user + "@postgres:" + pg.port() + "=# "));
        session.type("begin;\r");
        session.waitFor(s -> s.contains(user + "@postgres:" + pg.port() + "=*# "));
        session.type("select\r");
        // %w: as wide as the last PROMPT1
        String width = " ".repeat((user + "@postgres:" + pg.port() + "=*# ").length());
        session.waitFor(s -> s.contains("[2]-" + width + "|"));
        session.type("(1\r");
        session.waitFor(s -> s.contains("[3](" + width + "|"));
        session.type(");\r");
        session.waitFor(s -> s.contains("(1 row)"));
        session.type("rollback;\r");
        session.waitFor(s -> s.contains("ROLLBACK"));
    }

    @Test
    void tabCompletesRelationsColumnsAndBackslashCommands() throws Exception {
        session = new Session("xterm", Map.of());
        session.type("select * from tcomp_or\t");
        session.waitFor(s -> s.contains("tcomp_orders"));
        session.type("where custo\t");
        session.waitFor(s -> s.contains("customer_name"));
        session.type("= 'ann';\r");
        session.waitFor(s -> s.contains("order_id | customer_name") && s.contains("(1 row)"));
        session.type("\\connin\t\r");
        session.waitFor(s -> s.contains("You are connected to database \"postgres\""));
        session.type("sel\t1 as one;\r");
        session.waitFor(s -> s.contains(" one \n-----\n   1\n(1 row)"));
        session.type("select order_id as o from tcomp_orders t where t.ord\t= 7;\r");
        session.waitFor(s -> s.contains(" o \n---\n 7\n(1 row)"));
    }

    @Test
    void highlightsKeywordsStringsAndNumbersUnlessOff() throws Exception {
        session = new Session("xterm", Map.of());
        session.type("select 'txt', 42;\r");
        session.waitFor(s -> s.contains("(1 row)"));
        String raw = session.screen();
        // bold blue keyword, green string, cyan number (JLine's SGR codes)
        assertTrue(raw.contains("\u001b[34;1mselect"), raw);
        assertTrue(raw.contains("\u001b[32m'\u001b[0m\u001b[32mt"), raw);
        assertTrue(raw.contains("\u001b[36m4\u001b[0m\u001b[36m2"), raw);
        session.type("\\set HIGHLIGHT off\r");
        session.type("select 'plain' as p;\r");
        session.waitFor(s -> s.contains(" plain\n(1 row)"));
        String after = session.screen().substring(raw.length());
        assertFalse(after.contains("\u001b[34;1m"), after);
        assertTrue(after.contains("select 'plain' as p;"), after);
    }

    @Test
    void pagerRunsForTallResultsOnly() throws Exception {
        Path paged = tmp.resolve("paged.txt");
        session = new Session("xterm", Map.of("PAGER", "cat >> '" + paged + "'"));
        session.type("select 'short' as s;\r");
        session.waitFor(s -> s.contains(" short\n(1 row)"));
        assertFalse(Files.exists(paged));
        session.type("select g from generate_series(1, 30) g;\r");
        waitForFile(paged, "(30 rows)");
        assertFalse(session.text().contains("(30 rows)"), "the tall result went to the pager, not the screen");
        session.type("\\pset pager off\r");
        session.waitFor(s -> s.contains("Pager usage is off."));
        session.type("select g from generate_series(1, 40) g;\r");
        session.waitFor(s -> s.contains("(40 rows)"));
        session.type("\\pset pager always\r");
        session.type("select 'tiny' as t;\r");
        waitForFile(paged, " tiny\n(1 row)");
    }

    @Test
    void editOpensEditorAndRunsWhatItWrote() throws Exception {
        Path editor = tmp.resolve("editor.sh");
        Path seen = tmp.resolve("seen.txt");
        Files.writeString(editor, "#!/bin/sh\n"
                + "echo \"$@\" >> '" + seen + "'\n"
                + "for f; do file=$f; done\n"
                + "cat \"$file\" >> '" + seen + "'\n"
                + "echo \"select 'edited' as e;\" > \"$file\"\n");
        Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwx------"));
        Map<String, String> env = new HashMap<>();
        env.put("EDITOR", editor.toString());
        env.put("PSQL_EDITOR_LINENUMBER_ARG", "+"); // psql 15 as built here refuses a line number without it
        session = new Session("xterm", env);
        session.type("select 'buffer'\r");
        session.type("\\e\r");
        session.waitFor(s -> s.contains(" edited\n(1 row)"));
        assertTrue(Files.readString(seen).contains("select 'buffer'\n"), "the editor got the query buffer");
        Path file = tmp.resolve("q.sql");
        Files.writeString(file, "select 1;\n");
        session.type("\\e " + file + " 3\r");
        session.waitFor(s -> s.split(" edited\n\\(1 row\\)", -1).length == 3);
        assertTrue(Files.readString(seen).contains("+3 " + file), Files.readString(seen));
    }

    @Test
    void ctrlCCancelsTheRunningQuery() throws Exception {
        session = new Session("xterm", Map.of());
        session.type("select pg_sleep(30);\r");
        try (PgConnection watcher = PgConnection.connect(pg.socketConnInfo())) {
            long end = System.currentTimeMillis() + WAIT_MILLIS;
            while (watcher.query("select count(*) from pg_stat_activity where query = 'select pg_sleep(30);' and state = 'active'")
                    .getLong(0, 0) == 0 && System.currentTimeMillis() < end) {
                Thread.sleep(20);
            }
        }
        session.type("\u0003");
        session.waitFor(s -> s.contains("Cancel request sent") && s.contains("ERROR:  canceling statement due to user request"));
        session.type("select 'still here' as h;\r");
        session.waitFor(s -> s.contains(" still here\n(1 row)"));
    }

    @Test
    void expandedAutoSwitchesForWideRows() throws Exception {
        session = new Session("xterm", Map.of());
        session.type("\\x auto\r");
        session.waitFor(s -> s.contains("Expanded display is used automatically."));
        // psql never expands a one-column table (it would only get wider)
        session.type("select repeat('v', 120) as one;\r");
        session.waitFor(s -> s.contains(" vvvvvvvvvv") && s.contains("(1 row)"));
        session.type("select 1 as a, repeat('w', 120) as wide;\r");
        session.waitFor(s -> s.contains("-[ RECORD 1 ]"));
        session.type("select 'narrow' as n;\r");
        session.waitFor(s -> s.contains("   n    \n--------\n narrow\n(1 row)"));
    }

    /** COPY FROM STDIN typed at the terminal: psql's notice, PROMPT3 for each data line, "\\." ends it. */
    @Test
    void copyFromStdinAtTheTerminal() throws Exception {
        session = new Session("xterm", Map.of());
        session.type("create temp table ct(a int, b text);\r");
        session.waitFor(s -> s.contains("CREATE TABLE"));
        session.type("copy ct from stdin;\r");
        session.waitFor(s -> s.contains("Enter data to be copied followed by a newline.\n"
                + "End with a backslash and a period on a line by itself, or an EOF signal.\n>> "));
        session.type("1\tone\r2\ttwo\r\\.\r");
        session.waitFor(s -> s.contains("COPY 2"));
        session.type("select count(*) from ct;\r");
        session.waitFor(s -> s.contains("-------\n     2\n(1 row)"));
    }

    /** HISTFILE (set from :DBNAME in a startup file, or with -v), HISTCONTROL=ignoreboth, HISTSIZE. */
    @Test
    void historyFollowsHistfileHistcontrolAndHistsize() throws Exception {
        Path hist = tmp.resolve("hist-postgres");
        String[] args = {"-v", "HISTFILE=" + hist, "-v", "HISTCONTROL=ignoreboth", "-v", "HISTSIZE=4"};
        session = new Session("xterm", Map.of(), args);
        for (String q : new String[] {"select 1;", "select 1;", " select 'secret';", "select 2;", "select 3;", "select 4;"}) {
            session.type(q + "\r");
        }
        session.waitFor(s -> s.contains("?column? \n----------\n        4"));
        session.close();
        session = null;
        String saved = Files.readString(hist);
        assertFalse(saved.contains("secret"), saved);
        assertFalse(saved.contains("select 1;"), saved);  // only the last HISTSIZE entries are kept
        assertTrue(saved.contains("select 2;") && saved.contains("select 4;") && saved.contains("\\q"), saved);
        assertFalse(Files.exists(tmp.resolve("history")), "the default history file was used");
        // the next session reads it back: Ctrl-P twice (previous history entry) brings the last query
        session = new Session("xterm", Map.of(), args);
        session.type("\u0010\u0010");
        session.waitFor(s -> s.endsWith("select 4;"));
        session.type("\u0015");
    }

    /** psql's ~/.psqlrc idiom: \\set HISTFILE ~/.psql_history- :DBNAME keeps one history per database. */
    @Test
    void histfileWithDbnameFromTheStartupFile() throws Exception {
        Path rc = tmp.resolve("rc.sql");
        Files.writeString(rc, "\\set HISTFILE " + tmp + "/h- :DBNAME\n");
        session = new Session("xterm", Map.of("PSQLRC", rc.toString()));
        session.type("select 'per database';\r");
        session.waitFor(s -> s.contains("(1 row)"));
        session.close();
        session = null;
        assertTrue(Files.readString(tmp.resolve("h-postgres")).contains("select 'per database';"));
    }

    private static void waitForFile(Path p, String content) throws Exception {
        long end = System.currentTimeMillis() + WAIT_MILLIS;
        while (System.currentTimeMillis() < end) {
            if (Files.exists(p) && Files.readString(p).contains(content)) return;
            Thread.sleep(20);
        }
        fail(p + " never contained " + content + (Files.exists(p) ? ":\n" + Files.readString(p) : " (missing)"));
    }
}
