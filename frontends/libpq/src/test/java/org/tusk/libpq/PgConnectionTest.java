package org.tusk.libpq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/**
 * The client's basic scenarios (connecting, typed values, errors, the extended
 * protocol, notices, cancel, threads, password authentication, failures),
 * run against each {@link ServerUnderTest}: {@code PgConnectionOnPostgresTest}
 * here, {@code PgConnectionOnTuskTest} in launcher/systest.
 */
public abstract class PgConnectionTest {


    /** The server these scenarios run against (may skip the test when it is not available). */
    protected abstract ServerUnderTest server();

    private PgConnection socket() {
        return PgConnection.connect(server().socketConnInfo() + " application_name=libpqtest");
    }

    @Test
    public void connectsOverUnixSocketAndTcp() {
        ServerUnderTest pg = server();
        assertTimeoutPreemptively(server().timeLimit(), () -> {
            try (PgConnection c = socket()) {
                assertTrue(c.isUnixSocket());
                assertEquals("libpqtest", c.query("show application_name").getString(0, 0));
                assertTrue(c.query("select client_addr is null from pg_stat_activity where pid = pg_backend_pid()").getBoolean(0, 0));
                assertTrue(c.parameterStatus("server_version").startsWith("15"));
                assertEquals("UTF8", c.parameterStatus("client_encoding"));
                assertTrue(c.serverVersion() >= 150000 && c.serverVersion() < 160000);
                assertEquals(c.backendPid(), c.query("select pg_backend_pid()").getInt(0, 0));
            }
            try (PgConnection c = PgConnection.connect("postgresql://" + pg.superuser() + "@127.0.0.1:" + pg.port()
                    + "/postgres?application_name=uri")) {
                assertFalse(c.isUnixSocket());
                assertTrue(c.query("select client_addr = '127.0.0.1'::inet from pg_stat_activity where pid = pg_backend_pid()")
                        .getBoolean(0, 0));
                assertEquals("uri", c.parameterStatus("application_name"));
            }
        });
    }

    @Test
    public void simpleQueryGivesTypedValues() {
        assertTimeoutPreemptively(server().timeLimit(), () -> {
            try (PgConnection c = socket()) {
                PgResult r = c.query("select 1::int2 a, 2147483647 b, 9000000000 c, 12.50::numeric d, 1.5::float8 e, "
                        + "true f, 'héllo'::text g, null::int h, '\\x00ff'::bytea i, 'x'::name j, 42::oid k, 'NaN'::float8 l");
                assertEquals(ResultStatus.TUPLES_OK, r.status());
                assertEquals("SELECT 1", r.commandTag());
                assertEquals(1, r.rowCount());
                assertEquals(12, r.columnCount());
                assertEquals(PgType.INT2, r.column(0).typeOid());
                assertEquals(PgType.NUMERIC, r.column(3).typeOid());
                assertEquals("d", r.column(3).name());
                assertEquals(Short.valueOf((short) 1), r.getObject(0, 0));
                assertEquals(2147483647, r.getInt(0, 1));
                assertEquals(9000000000L, r.getLong(0, 2));
                assertEquals(new BigDecimal("12.50"), r.getBigDecimal(0, 3));
                assertEquals(1.5, r.getDouble(0, 4));
                assertTrue(r.getBoolean(0, 5));
                assertEquals("héllo", r.getString(0, 6));
                assertTrue(r.isNull(0, 7));
                assertNull(r.getObject(0, 7));
                assertArrayEquals(new byte[] {0, (byte) 0xff}, (byte[]) r.getObject(0, 8));
                assertEquals("x", r.getObject(0, 9));
                assertEquals(42L, r.getObject(0, 10));
                assertTrue(Double.isNaN((Double) r.getObject(0, 11)));
                assertEquals(6, r.findColumn("g"));
                assertEquals(1, r.affectedRows());
            }
        });
    }

    @Test
    public void multiStatementQueryReturnsOneResultEach() {
        assertTimeoutPreemptively(server().timeLimit(), () -> {
            try (PgConnection c = socket()) {
                List<PgResult> scratch = c.queryAll(server().scratchTable("t", "a int, b text"));
                PgResult created = scratch.get(scratch.size() - 1);
                assertEquals("CREATE TABLE", created.commandTag());
                assertEquals(ResultStatus.COMMAND_OK, created.status());
                List<PgResult> rs = c.queryAll("insert into t values (1,'a'),(2,'b'); "
                        + "update t set b = 'c' where a = 2; select * from t order by a; ;");
                assertEquals(3, rs.size(), "a trailing empty statement makes no result");
                assertEquals("INSERT 0 2", rs.get(0).commandTag());
                assertEquals(2, rs.get(0).affectedRows());
                assertEquals(1, rs.get(1).affectedRows());
                assertEquals(2, rs.get(2).rowCount());
                assertEquals("c", rs.get(2).getString(1, 1));
                assertEquals(ResultStatus.EMPTY_QUERY, c.query("").status());
                PgResult copy = c.query("copy t to stdout");
                assertEquals(ResultStatus.COPY_OUT, copy.status());
                assertEquals("1\ta\n2\tc\n", new String(copy.copyData(), StandardCharsets.UTF_8));
                assertEquals("COPY 2", copy.commandTag());
            }
        });
    }

    @Test
    public void errorsCarrySqlStatePositionAndEarlierResults() {
        assertTimeoutPreemptively(server().timeLimit(), () -> {
            try (PgConnection c = socket()) {
                PgError e = assertThrows(PgError.class, () -> c.query("select 1,\n  2 from nosuch"));
                assertEquals("42P01", e.sqlState());
                assertEquals("ERROR", e.severity());
                assertEquals("relation \"nosuch\" does not exist", e.getMessage());
                assertEquals(20, e.position());
                assertEquals("ERROR:  relation \"nosuch\" does not exist\nLINE 2:   2 from nosuch\n                 ^\n",
                        e.libpqMessage());
                e = assertThrows(PgError.class, () -> c.queryAll("select 1; select 1/0; select 3"));
                assertEquals("22012", e.sqlState());
                assertEquals(1, e.precedingResults().size());
                assertEquals(1, e.precedingResults().get(0).getInt(0, 0));
                c.query("begin");
                assertEquals('T', c.transactionStatus());
                assertThrows(PgError.class, () -> c.query("selec"));
                assertEquals('E', c.transactionStatus());
                e = assertThrows(PgError.class, () -> c.query("select 1"));
                assertEquals("25P02", e.sqlState());
                c.query("rollback");
                assertEquals('I', c.transactionStatus());
                assertEquals(1, c.query("select 1").getInt(0, 0), "the connection stays usable after errors");
            }
        });
    }

    @Test
    public void extendedQueryWithBinaryAndTextParameters() {
        assertTimeoutPreemptively(server().timeLimit(), () -> {
            try (PgConnection c = socket()) {
                PgResult r = c.execute("select $1::int4 + 1, $2::int8 * 2, $3::numeric, $4::text || '!', $5::float8 / 2, "
                        + "not $6::bool, length($7::bytea), $8::int2, $9::int4 is null",
                        41, 5_000_000_000L, new BigDecimal("1.10"), "héllo", 3.0, true, new byte[] {1, 2, 3},
                        (short) 7, null);
                assertEquals(42, r.getInt(0, 0));
                assertEquals(10_000_000_000L, r.getLong(0, 1));
                assertEquals(new BigDecimal("1.10"), r.getBigDecimal(0, 2));
                assertEquals("héllo!", r.getString(0, 3));
                assertEquals(1.5, r.getDouble(0, 4));
                assertFalse(r.getBoolean(0, 5));
                assertEquals(3, r.getInt(0, 6));
                assertEquals(7, r.getInt(0, 7));
                assertTrue(r.getBoolean(0, 8));
                c.queryAll(server().scratchTable("p", "a int8, b text"));
                assertEquals("INSERT 0 1", c.execute("insert into p values ($1, $2)", 3, "x").commandTag());

                c.prepare("ins", "insert into p values ($1, $2)");
                assertArrayEquals(new int[] {PgType.INT8, PgType.TEXT}, c.preparedParameterTypes("ins"));
                for (int i = 0; i < 5; i++) c.executePrepared("ins", i, "v" + i); // Integer into an int8 parameter
                c.prepare("sel", "select count(*), max(b) from p where a >= $1", PgType.INT8);
                PgResult s = c.executePrepared("sel", 2L);
                assertEquals(4, s.getLong(0, 0));
                assertEquals("x", s.getString(0, 1));
                c.deallocate("sel");
                PgError e = assertThrows(PgError.class, () -> c.executePrepared("sel", 1L));
                assertEquals("26000", e.sqlState());
                e = assertThrows(PgError.class, () -> c.execute("select $1::int", "notanumber"));
                assertEquals("22P02", e.sqlState());
                e = assertThrows(PgError.class, () -> c.execute("select nosuchcol from p"));
                assertEquals(8, e.position());
                assertEquals(3, c.execute("select 3").getInt(0, 0));
            }
        });
    }

    @Test
    public void noticesGoToTheHandler() {
        assertTimeoutPreemptively(server().timeLimit(), () -> {
            try (PgConnection c = socket()) {
                List<PgDiagnostic> got = new CopyOnWriteArrayList<>();
                c.setNoticeHandler(got::add);
                c.query("drop table if exists no_such_table_here");
                assertEquals(1, got.size());
                assertEquals("NOTICE", got.get(0).severity());
                assertEquals("table \"no_such_table_here\" does not exist, skipping", got.get(0).message());
                assertEquals("00000", got.get(0).sqlState());
                assertEquals("NOTICE:  table \"no_such_table_here\" does not exist, skipping\n", got.get(0).format(false));
                assertEquals(1, c.query("select 1").getInt(0, 0));
            }
        });
    }

    @Test
    public void noticesWithDetailAndHintFromPlpgsql() {
        assertTimeoutPreemptively(server().timeLimit(), () -> {
            try (PgConnection c = socket()) {
                List<PgDiagnostic> got = new CopyOnWriteArrayList<>();
                c.setNoticeHandler(got::add);
                c.query("do $$ begin raise notice 'hello %', 42 using detail = 'dd', hint = 'hh'; raise warning 'w'; end $$");
                assertEquals(2, got.size());
                assertEquals("NOTICE", got.get(0).severity());
                assertEquals("hello 42", got.get(0).message());
                assertEquals("00000", got.get(0).sqlState());
                assertEquals("NOTICE:  hello 42\nDETAIL:  dd\nHINT:  hh\n", got.get(0).format(false));
                assertEquals("WARNING", got.get(1).severity());
                assertEquals("01000", got.get(1).sqlState());
            }
        });
    }

    @Test
    public void cancelInterruptsARunningQueryFromAnotherThread() {
        assertTimeoutPreemptively(server().timeLimit(), () -> {
            ExecutorService ex = Executors.newSingleThreadExecutor();
            try (PgConnection c = socket(); PgConnection watcher = socket()) {
                int pid = c.backendPid();
                Future<PgError> running = ex.submit(() -> {
                    try {
                        c.query("select pg_sleep(30)");
                        return null;
                    } catch (PgError e) {
                        return e;
                    }
                });
                // wait until the sleep really runs, then cancel it
                while (watcher.execute("select count(*) from pg_stat_activity where pid = $1 and state = 'active'", pid)
                        .getLong(0, 0) == 0) {
                    Thread.sleep(20);
                }
                c.cancel();
                PgError e = running.get();
                assertEquals("57014", e.sqlState());
                assertEquals("canceling statement due to user request", e.getMessage());
                assertEquals(1, c.query("select 1").getInt(0, 0));
                c.cancel(); // nothing running: harmless
                assertEquals(2, c.query("select 2").getInt(0, 0));
            } finally {
                ex.shutdownNow();
            }
        });
    }

    @Test
    public void severalConnectionsAndThreadsSharingOne() {
        assertTimeoutPreemptively(server().timeLimit(), () -> {
            List<PgConnection> cs = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) cs.add(socket());
                assertEquals(4, cs.stream().mapToInt(PgConnection::backendPid).distinct().count());
                PgConnection shared = cs.get(0);
                ExecutorService ex = Executors.newFixedThreadPool(4);
                List<Future<Integer>> fs = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int base = t * 1000;
                    fs.add(ex.submit(() -> {
                        int sum = 0;
                        for (int i = 0; i < 50; i++) sum += shared.execute("select $1::int", base + i).getInt(0, 0) - base;
                        return sum;
                    }));
                }
                for (Future<Integer> f : fs) assertEquals(1225, f.get());
                ex.shutdown();
            } finally {
                cs.forEach(PgConnection::close);
            }
        });
    }

    @Test
    public void passwordAuthenticationMd5AndScram() {
        ServerUnderTest pg = server();
        assertTimeoutPreemptively(server().timeLimit(), () -> {
            for (String host : new String[] {pg.socketDir(), "127.0.0.1"}) {
                String base = "host=" + host + " port=" + pg.port() + " dbname=postgres passfile=/nonexistent ";
                try (PgConnection c = PgConnection.connect(base + "user=" + pg.md5User() + " password='"
                        + pg.md5Password() + "'")) {
                    assertEquals(pg.md5User(), c.query("select current_user").getString(0, 0));
                }
                try (PgConnection c = PgConnection.connect(base + "user=" + pg.scramUser() + " password="
                        + pg.scramPassword())) {
                    assertEquals(pg.scramUser(), c.query("select current_user").getString(0, 0));
                }
                PgError e = assertThrows(PgError.class,
                        () -> PgConnection.connect(base + "user=" + pg.md5User() + " password=wrong"));
                assertEquals("28P01", e.sqlState());
                assertTrue(e.libpqMessage().contains("failed: FATAL:  password authentication failed for user \"" + pg.md5User() + "\""),
                        e.libpqMessage());
                e = assertThrows(PgError.class, () -> PgConnection.connect(base + "user=" + pg.scramUser()));
                assertEquals(PgConnection.NO_PASSWORD_SUPPLIED, e.getMessage());
            }
        });
    }

    @Test
    public void connectionFailuresUseLibpqWording() throws Exception {
        ServerUnderTest pg = server();
        int free;
        try (ServerSocket s = new ServerSocket(0)) {
            free = s.getLocalPort();
        }
        int port = free;
        PgError e = assertThrows(PgError.class, () -> PgConnection.connect("host=127.0.0.1 port=" + port + " user=x"));
        assertEquals("08001", e.sqlState());
        assertEquals("connection to server at \"127.0.0.1\", port " + port + " failed: Connection refused\n"
                + "\tIs the server running on that host and accepting TCP/IP connections?\n", e.libpqMessage());
        e = assertThrows(PgError.class, () -> PgConnection.connect("host=/nonexistent port=" + port + " user=x"));
        assertEquals("connection to server on socket \"/nonexistent/.s.PGSQL." + port + "\" failed: No such file or directory\n"
                + "\tIs the server running locally and accepting connections on that socket?\n", e.libpqMessage());
        e = assertThrows(PgError.class, () -> PgConnection.connect(pg.socketConnInfo() + " dbname=nosuchdb"));
        assertEquals("3D000", e.sqlState());
        assertEquals("connection to server on socket \"" + pg.socketDir() + "/.s.PGSQL." + pg.port()
                + "\" failed: FATAL:  database \"nosuchdb\" does not exist\n", e.libpqMessage());
    }

    @Test
    public void closedConnectionRefusesWork() {
        PgConnection c = socket();
        c.close();
        c.close();
        assertTrue(c.isClosed());
        PgError e = assertThrows(PgError.class, () -> c.query("select 1"));
        assertEquals("08003", e.sqlState());
    }

    @Test
    public void terminatedBackendGivesFatalError() {
        assertTimeoutPreemptively(server().timeLimit(), () -> {
            try (PgConnection c = socket(); PgConnection killer = socket()) {
                killer.execute("select pg_terminate_backend($1)", c.backendPid());
                // the signal may take a moment to arrive: the first query after it that fails must be FATAL
                PgError e = assertThrows(PgError.class, () -> {
                    for (int i = 0; i < 500; i++) {
                        c.query("select 1");
                        Thread.sleep(20);
                    }
                });
                assertTrue(e.sqlState().equals("57P01") || e.sqlState().equals("08006"), e.sqlState());
                assertTrue(c.isClosed());
            }
        });
    }
}
