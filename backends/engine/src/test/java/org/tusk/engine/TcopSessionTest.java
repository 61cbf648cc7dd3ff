package org.tusk.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.engine.Portal;
import org.tusk.api.engine.PreparedStatement;
import org.tusk.api.error.PgException;

/** Prepared statements and cursors through the extended protocol, across transactions and session reset. */
class TcopSessionTest {
    @TempDir
    Path tmp;
    EngineFixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = new EngineFixture(tmp, Map.of("TimeZone", "UTC"));
    }

    private PreparedStatement prepare(String sql, int... types) {
        return f.session.prepare(f.session.parse(sql).get(0), types);
    }

    private static List<String> values(List<byte[][]> rows) {
        List<String> out = new ArrayList<>();
        for (byte[][] r : rows) {
            out.add(new String(r[0], StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void executeTakesItsOwnParametersAndSuspendsLikeAnyPortal() throws Exception {
        f.simpleQuery("prepare q(int) as select g from generate_series(1, $1) g");
        PreparedStatement exec = prepare("execute q($1)", 0);
        assertArrayEquals(new int[] {23}, exec.parameterTypes(), "EXECUTE's $1 takes the statement's parameter type");
        assertEquals("g", exec.resultColumns().get(0).name());
        Portal p = exec.bind(List.of("5".getBytes(StandardCharsets.UTF_8)), new short[0], new short[0]);
        List<byte[][]> rows = new ArrayList<>();
        assertEquals(null, p.execute(2, rows::add), "suspended after two rows");
        assertEquals("SELECT 5", p.execute(0, rows::add));
        assertEquals(List.of("1", "2", "3", "4", "5"), values(rows));
        f.session.sync();
    }

    @Test
    void planCountersFollowPlanCacheModeAuto() {
        f.simpleQuery("prepare p(int) as select $1");
        f.simpleQuery("prepare n as select 1");
        for (int i = 0; i < 7; i++) {
            f.simpleQuery("execute p(" + i + ")");
            f.simpleQuery("execute n");
        }
        String out = f.simpleQuery("select name, generic_plans, custom_plans, from_sql from pg_prepared_statements order by name");
        assertTrue(out.contains("R: n|7|0|t\nR: p|2|5|t\n"), out);
    }

    @Test
    void holdableCursorDeclaredOutsideBlockSurvivesItsImplicitTransaction() {
        f.simpleQuery("declare h scroll cursor with hold for select g from generate_series(1, 4) g");
        assertTrue(f.simpleQuery("fetch last from h").contains("R: 4\nT: FETCH 1\n"));
        assertTrue(f.simpleQuery("fetch backward 2 from h").contains("R: 3\nR: 2\nT: FETCH 2\n"));
        assertTrue(f.simpleQuery("move absolute 1 in h").contains("T: MOVE 1\n"));
    }

    @Test
    void sessionCloseDropsPreparedStatementsAndCursors() {
        f.simpleQuery("prepare q as select 1");
        f.simpleQuery("declare h cursor with hold for select 1");
        f.session.close();
        assertTrue(f.simpleQuery("execute q").contains("E: 26000|prepared statement \"q\" does not exist"));
        assertTrue(f.simpleQuery("fetch h").contains("E: 34000|cursor \"h\" does not exist"));
    }

    @Test
    void plpgsqlDoBlocksRunWithoutStorage() throws Exception {
        prepare("do $$ begin end $$").bind(List.of(), null, null).execute(0, r -> { });
        PgException e = assertThrows(PgException.class, () -> prepare("do $$ begin raise exception 'boom %', 1; end $$")
                .bind(List.of(), null, null).execute(0, r -> { }));
        assertEquals("P0001", e.sqlState());
        assertEquals("boom 1", e.getMessage());
        f.session.sync();
    }

    /** Without a cluster a session hears its own notifications: committed only, folded, on listened channels. */
    @Test
    void listenNotifyInOneSession() {
        f.simpleQuery("listen a");
        f.simpleQuery("listen b");
        assertEquals("C: pg_listening_channels:25:-1\nR: a\nR: b\nT: SELECT 2\nZ: I\n",
                f.simpleQuery("select pg_listening_channels()"));
        f.simpleQuery("begin");
        f.simpleQuery("notify a, 'x'");
        f.simpleQuery("notify a, 'x'");
        f.simpleQuery("select pg_notify('b', null)");
        f.simpleQuery("notify c, 'not listened'");
        f.session.processNotifications();
        assertEquals(List.of(), f.host.notifications, "nothing before commit");
        f.simpleQuery("commit");
        f.session.processNotifications();
        assertEquals(List.of("a:x", "b:"), f.host.notifications);
        f.host.notifications.clear();
        f.simpleQuery("begin; notify a, 'rolled back'; rollback");
        f.simpleQuery("begin; listen d; rollback");
        f.simpleQuery("unlisten *");
        f.simpleQuery("notify a, 'after unlisten'");
        f.session.processNotifications();
        assertEquals(List.of(), f.host.notifications);
        assertEquals("C: pg_listening_channels:25:-1\nT: SELECT 0\nZ: I\n", f.simpleQuery("select * from pg_listening_channels()"));
        assertTrue(f.simpleQuery("notify a, '" + "x".repeat(8000) + "'").contains("22023|payload string too long"));
    }
}
