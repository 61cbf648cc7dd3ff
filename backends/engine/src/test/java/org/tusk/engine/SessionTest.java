package org.tusk.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;
import org.tusk.engine.tcop.TuskQueryEngine;

/** Session start, reported settings, pg_stat_activity, signals and interrupts. */
class SessionTest {
    @TempDir
    Path tmp;

    @Test
    void rejectsUnknownDatabaseRoleTemplate0AndSettings() throws Exception {
        EngineFixture f = new EngineFixture(tmp, Map.of());
        TuskQueryEngine engine = new TuskQueryEngine();
        PgException e = assertThrows(PgException.class, () -> engine.openSession(f.host, "postgres", "nodb", Map.of()));
        assertEquals("3D000", e.sqlState());
        assertEquals(Severity.FATAL, e.severity());
        assertEquals("database \"nodb\" does not exist", e.getMessage());
        e = assertThrows(PgException.class, () -> engine.openSession(f.host, "bob", "postgres", Map.of()));
        assertEquals("28000", e.sqlState());
        assertEquals("role \"bob\" does not exist", e.getMessage());
        e = assertThrows(PgException.class, () -> engine.openSession(f.host, "postgres", "template0", Map.of()));
        assertEquals("55000", e.sqlState());
        e = assertThrows(PgException.class, () -> engine.openSession(f.host, "postgres", "postgres", Map.of("bogus", "1")));
        assertEquals("42704", e.sqlState());
        assertEquals(Severity.FATAL, e.severity());
        assertEquals("unrecognized configuration parameter \"bogus\"", e.getMessage());
    }

    @Test
    void reportsSettingsInPostgresOrder() throws Exception {
        EngineFixture f = new EngineFixture(tmp, Map.of("application_name", "psql"));
        assertEquals(List.of("application_name", "client_encoding", "DateStyle", "default_transaction_read_only",
                "in_hot_standby", "integer_datetimes", "IntervalStyle", "is_superuser", "server_encoding", "server_version",
                "session_authorization", "standard_conforming_strings", "TimeZone"),
                List.copyOf(f.session.reportedSettings().keySet()));
        assertEquals("psql", f.session.reportedSettings().get("application_name"));
        assertEquals("on", f.session.reportedSettings().get("is_superuser"));
        assertEquals("15.18 (Tusk 0.1.0)", f.session.setting("server_version"));
        f.simpleQuery("set application_name = 'x'");
        assertEquals(List.of("application_name=x"), f.host.parameterStatus);
        assertEquals("x", f.backend.applicationName);
        f.simpleQuery("reset application_name");
        assertEquals("application_name=psql", f.host.parameterStatus.get(1));
    }

    /**
     * A transaction that sets nothing skips the look-ups of its characteristics while no setting
     * changed since the last check: every change of the defaults, SET TRANSACTION and its end
     * must still be seen by the next transaction.
     */
    @Test
    void transactionCharacteristicsFollowTheirDefaultsAcrossTransactions() throws Exception {
        EngineFixture f = new EngineFixture(tmp, Map.of());
        assertEquals("read committed", shown(f, "transaction_isolation"));
        assertEquals("read committed", shown(f, "transaction_isolation"));
        f.simpleQuery("set default_transaction_isolation = 'serializable'");
        assertEquals("serializable", shown(f, "transaction_isolation"));
        f.simpleQuery("begin; set transaction isolation level repeatable read; commit");
        assertEquals("serializable", shown(f, "transaction_isolation"));
        f.simpleQuery("reset default_transaction_isolation");
        assertEquals("read committed", shown(f, "transaction_isolation"));
        f.simpleQuery("set default_transaction_read_only = on");
        assertEquals("E: 25006|cannot execute CREATE TABLE in a read-only transaction|0\nZ: I\n",
                f.simpleQuery("create table t (a int)"));
        f.simpleQuery("set default_transaction_read_only = off");
        assertEquals("off", shown(f, "transaction_read_only"));
    }

    /** statement_timeout is parsed once per settings version: a change must reach the next statement. */
    @Test
    void statementTimeoutChangesReachTheNextStatement() throws Exception {
        EngineFixture f = new EngineFixture(tmp, Map.of());
        String slept = "C: pg_sleep:2278:-1\nR: \nT: SELECT 1\nZ: I\n";
        assertEquals(slept, f.simpleQuery("select pg_sleep(0.05)"));
        f.simpleQuery("set statement_timeout = '10ms'");
        assertTrue(f.simpleQuery("select pg_sleep(0.5)").contains("E: 57014|canceling statement due to statement timeout|"));
        f.simpleQuery("set statement_timeout = 0");
        assertEquals(slept, f.simpleQuery("select pg_sleep(0.05)"));
    }

    /** The value SHOW prints, in a transaction of its own. */
    private static String shown(EngineFixture f, String setting) {
        String out = f.simpleQuery("show " + setting);
        int r = out.indexOf("R: ");
        return out.substring(r + 3, out.indexOf('\n', r));
    }

    @Test
    void serverSettingsAreVisible() throws Exception {
        EngineFixture base = new EngineFixture(tmp, Map.of());
        base.backend.serverSettings.put("port", "6543");
        base.backend.serverSettings.put("shared_buffers", "256MB");
        base.backend.serverSettings.put("timezone", "Europe/Paris");
        var s = new TuskQueryEngine().openSession(base.host, "postgres", "postgres", Map.of());
        assertEquals("6543", s.setting("port"));
        assertEquals("256MB", s.setting("shared_buffers"));
        assertEquals("Europe/Paris", s.setting("TimeZone"));
    }

    @Test
    void pgStatActivityScanFilterSortCount() throws Exception {
        EngineFixture f = new EngineFixture(tmp, Map.of());
        f.backend.addActivity(30, "postgres", "postgres", "psql", "idle", "select 1");
        f.backend.addActivity(10, "postgres", "alice", "app", "active", "select 2");
        f.backend.addActivity(20, null, null, "", null, "");
        assertEquals("C: pid:23:-1 usename:19:-1 usesysid:26:-1\nR: 10|alice|16384\nR: 30|postgres|10\nT: SELECT 2\nZ: I\n",
                f.simpleQuery("select pid, usename, usesysid from pg_stat_activity where datname = 'postgres' order by pid"));
        assertEquals("C: count:20:-1\nR: 1\nT: SELECT 1\nZ: I\n",
                f.simpleQuery("select count(*) from pg_catalog.pg_stat_activity where state like 'act%' or state is null and pid > 25"));
        assertEquals("C: pid:23:-1\nR: 30\nT: SELECT 1\nZ: I\n",
                f.simpleQuery("select a.pid from pg_stat_activity a where application_name <> 'app' and datname is not null limit 1"));
        String star = f.simpleQuery("select * from pg_stat_activity where pid = 30");
        assertTrue(star.startsWith("C: datid:26:-1 datname:19:-1 pid:23:-1 leader_pid:23:-1 usesysid:26:-1 usename:19:-1 "
                + "application_name:25:-1 client_addr:869:-1 client_hostname:25:-1 client_port:23:-1 backend_start:1184:-1 "
                + "xact_start:1184:-1 query_start:1184:-1 state_change:1184:-1 wait_event_type:25:-1 wait_event:25:-1 "
                + "state:25:-1 backend_xid:28:-1 backend_xmin:28:-1 query_id:20:-1 query:25:-1 backend_type:25:-1\n"), star);
        assertTrue(star.contains("|2026-01-02 03:04:05.123456+00|"), star);
    }

    @Test
    void terminateAndCancelSignalBackends() throws Exception {
        EngineFixture f = new EngineFixture(tmp, Map.of());
        f.backend.addActivity(77, "postgres", "postgres", "", "idle", "");
        assertEquals("C: pg_terminate_backend:16:-1\nR: t\nT: SELECT 1\nZ: I\n", f.simpleQuery("select pg_terminate_backend(77)"));
        assertEquals("C: pg_cancel_backend:16:-1\nR: t\nT: SELECT 1\nZ: I\n", f.simpleQuery("select pg_cancel_backend(77)"));
        assertEquals(List.of("TERMINATE 77", "CANCEL 77"), f.backend.signals);
        assertEquals("C: pg_backend_pid:23:-1\nR: 4242\nT: SELECT 1\nZ: I\n", f.simpleQuery("select pg_backend_pid()"));
    }

    @Test
    void cancelDuringSleepAbortsTheBlock() throws Exception {
        EngineFixture f = new EngineFixture(tmp, Map.of());
        f.simpleQuery("begin");
        f.backend.cancelPending = true;
        assertEquals("C: pg_sleep:2278:-1\nE: 57014|canceling statement due to user request|0\nZ: E\n",
                f.simpleQuery("select pg_sleep(10)"));
        assertEquals("T: ROLLBACK\nZ: I\n", f.simpleQuery("commit"));
        f.simpleQuery("select pg_sleep(0.2)");
        assertTrue(f.backend.sleptMillis >= 150, "slept " + f.backend.sleptMillis);
    }

    @Test
    void nowIsStableWithinTransaction() throws Exception {
        EngineFixture f = new EngineFixture(tmp, Map.of());
        f.simpleQuery("begin");
        String a = f.simpleQuery("select now()::text, statement_timestamp() >= now(), version()");
        Thread.sleep(2);
        String b = f.simpleQuery("select now()::text, statement_timestamp() >= now(), version()");
        assertEquals(a, b);
        assertTrue(a.matches("(?s).*R: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d+)?\\+00\\|t\\|PostgreSQL 15\\.18 \\(Tusk 0\\.1\\.0\\) on x86_64.*"), a);
    }
}
