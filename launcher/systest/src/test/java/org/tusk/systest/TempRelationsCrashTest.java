package org.tusk.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TEMP relations are not WAL-logged, so after a crash their files hold
 * whatever reached the disk, torn pages included. Nothing may read them:
 * not crash recovery, not a database-wide VACUUM or ANALYZE (which skip other
 * sessions' temporary tables, as PostgreSQL's vacuum_rel does), not a new
 * session using temporary tables. Committed permanent rows survive.
 */
class TempRelationsCrashTest {

    @TempDir
    Path root;

    @Test
    void tempFilesLeftByACrashedSessionAreNeverRead() throws Exception {
        try (TuskCluster c = TuskCluster.start(root)) {
            long victim;
            String tempFile;
            try (Connection a = c.connect(); Statement st = a.createStatement()) {
                st.execute("create table keep (a int primary key)");
                st.execute("insert into keep select generate_series(1, 100)");
                st.execute("create temp table tt (a int primary key, b text)");
                st.execute("insert into tt select g, repeat('x', 100) from generate_series(1, 5000) g");
                st.execute("checkpoint");               // unlogged temp pages reach the disk
                st.execute("update tt set b = 'y'");    // and newer ones stay in shared buffers
                victim = Long.parseLong(one(st, "select pg_backend_pid()"));
                tempFile = one(st, "select 'base/' || d.oid || '/' || c.relfilenode from pg_class c, pg_database d"
                        + " where c.oid = 'tt'::regclass and d.datname = current_database()");
                crash(c, victim);
            }
            // what a torn write during the crash could have left: garbage, with no WAL to repair it
            byte[] garbage = new byte[4 * 8192];
            new Random(15).nextBytes(garbage);
            try (FileChannel f = FileChannel.open(c.dataDir.resolve(tempFile), StandardOpenOption.WRITE)) {
                f.write(ByteBuffer.wrap(garbage), 0);
            }
            // crash recovery again, now over the garbage
            try (Connection b = reconnect(c); Statement st = b.createStatement()) {
                crash(c, Long.parseLong(one(st, "select pg_backend_pid()")));
            }
            try (Connection b = reconnect(c); Statement st = b.createStatement()) {
                assertEquals("100", one(st, "select count(*) from keep"));
                st.execute("vacuum");
                st.execute("analyze");
                st.execute("create temp table fresh (a int primary key)");
                st.execute("insert into fresh select generate_series(1, 1000)");
                assertEquals("1000", one(st, "select count(*) from fresh"));
                assertEquals("100", one(st, "select count(*) from keep"));
            }
        }
    }

    private static String one(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** kill -9 of one backend; returns once the postmaster has ended every other one and reinitialized. */
    private static void crash(TuskCluster c, long backendPid) throws InterruptedException {
        long resets = resets(c);
        ProcessHandle.of(backendPid).ifPresent(h -> {
            h.destroyForcibly();
            h.onExit().join();
        });
        for (int wait = 0; wait < 600 && resets(c) == resets; wait++) {
            Thread.sleep(100);
        }
        assertEquals(resets + 1, resets(c), "the postmaster reinitialized after the crash\n" + c.log());
    }

    private static long resets(TuskCluster c) {
        return c.log().lines().filter(l -> l.contains("all server processes terminated; reinitializing")).count();
    }

    /** The first connection after crash recovery (refused or cut while the postmaster restarts). */
    private static Connection reconnect(TuskCluster c) throws Exception {
        SQLException last = null;
        for (int attempt = 0; attempt < 120; attempt++) {
            try {
                Connection conn = c.connect();
                try (Statement st = conn.createStatement()) {
                    st.execute("select 1");
                    return conn;
                } catch (SQLException e) {
                    conn.close();
                    throw e;
                }
            } catch (SQLException e) {
                last = e;
                Thread.sleep(500);
            }
        }
        throw new AssertionError("no connection after crash recovery\n" + c.log(), last);
    }
}
