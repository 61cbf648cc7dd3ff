package org.tusk.libpq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Host lists and target_session_attrs against a real primary and a hot standby streaming from it. */
class MultiHostTest {

    private static boolean inRecovery(String conninfo) {
        try (PgConnection c = PgConnection.connect(conninfo)) {
            return c.query("select pg_is_in_recovery()").getBoolean(0, 0);
        }
    }

    @Test
    void targetSessionAttrsPicksTheRightServer() throws Exception {
        RealPostgres pg = RealPostgres.get();
        int primary = pg.port();
        int standby = pg.standbyPort();
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        int deadPort = dead;
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            String base = "user=" + RealPostgres.SUPERUSER + " dbname=postgres sslmode=disable host=127.0.0.1,127.0.0.1,127.0.0.1 ";
            String sp = base + "port=" + deadPort + "," + standby + "," + primary + " target_session_attrs=";
            String ps = base + "port=" + deadPort + "," + primary + "," + standby + " target_session_attrs=";
            assertTrue(inRecovery(sp + "any"), "the first host that answers");
            assertTrue(!inRecovery(ps + "any"));
            assertTrue(!inRecovery(sp + "read-write"));
            assertTrue(!inRecovery(sp + "primary"));
            assertTrue(inRecovery(ps + "read-only"));
            assertTrue(inRecovery(ps + "standby"));
            assertTrue(inRecovery(ps + "prefer-standby"));
            String onlyPrimary = "user=" + RealPostgres.SUPERUSER + " dbname=postgres sslmode=disable host=127.0.0.1 port=" + primary;
            assertTrue(!inRecovery(onlyPrimary + " target_session_attrs=prefer-standby"), "falls back to any");
            PgError e = assertThrows(PgError.class, () -> PgConnection.connect(onlyPrimary + " target_session_attrs=standby"));
            assertEquals("connection to server at \"127.0.0.1\", port " + primary + " failed: server is not in hot standby mode\n",
                    e.libpqMessage());
            e = assertThrows(PgError.class, () -> PgConnection.connect(base + "port=" + deadPort + "," + standby + ","
                    + standby + " target_session_attrs=read-write"));
            String msg = e.libpqMessage();
            assertTrue(msg.startsWith("connection to server at \"127.0.0.1\", port " + deadPort + " failed: Connection refused\n"), msg);
            assertTrue(msg.endsWith("port " + standby + " failed: session is read-only\n"), msg);
            e = assertThrows(PgError.class, () -> PgConnection.connect(onlyPrimary + " target_session_attrs=master"));
            assertEquals("invalid target_session_attrs value: \"master\"\n", e.libpqMessage());
            // over Unix sockets, without the reported parameters' shortcut being needed
            try (PgConnection c = PgConnection.connect("user=" + RealPostgres.SUPERUSER + " dbname=postgres host=" + pg.socketDir()
                    + "," + pg.socketDir() + " port=" + standby + "," + primary + " target_session_attrs=read-write")) {
                assertEquals(primary, c.port());
            }
        });
    }
}
