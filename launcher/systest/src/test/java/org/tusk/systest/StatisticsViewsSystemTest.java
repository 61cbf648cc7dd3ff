package org.tusk.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The views monitoring tools read, on a running server with sessions in several backend processes:
 * pg_stat_database's counters move with other sessions' commits, rollbacks, buffer accesses and a
 * deadlock (its victim's database counts it), pg_stat_user_indexes lists the table's index, the backend ids of
 * pg_stat_get_backend_idset() lead to the sessions' pids, and
 * pg_file_settings / pg_hba_file_rules show the lines of the data directory's tusk.conf and tusk_hba.conf.
 */
class StatisticsViewsSystemTest {

    @TempDir
    Path root;

    private static final String COUNTERS = "SELECT xact_commit, xact_rollback, blks_hit + blks_read, deadlocks, sessions"
            + " FROM pg_stat_database WHERE datname = current_database()";

    @Test
    void countersMoveWithOtherSessionsWorkAndServerFilesShow() throws Exception {
        try (TuskCluster c = TuskCluster.start(root); Connection watcher = c.connect()) {
            exec(watcher, "CREATE TABLE acct (id int PRIMARY KEY, balance int)");
            exec(watcher, "INSERT INTO acct VALUES (1, 100), (2, 200)");
            long[] before = longs(watcher, COUNTERS);
            try (Connection one = c.connect(); Connection two = c.connect()) {
                one.setAutoCommit(false);
                two.setAutoCommit(false);
                exec(one, "UPDATE acct SET balance = balance + 1 WHERE id = 1");
                one.commit();
                exec(two, "SELECT balance FROM acct WHERE id = 2");
                two.rollback();
                // a deadlock: each holds one row and wants the other's; one of them is the victim
                exec(one, "UPDATE acct SET balance = balance + 1 WHERE id = 1");
                exec(two, "UPDATE acct SET balance = balance + 1 WHERE id = 2");
                CompletableFuture<String> first = runAsync(one, "UPDATE acct SET balance = balance + 1 WHERE id = 2");
                String second = run(two, "UPDATE acct SET balance = balance + 1 WHERE id = 1");
                String firstResult = first.get(60, TimeUnit.SECONDS);
                assertTrue(firstResult.equals("40P01") != second.equals("40P01"),
                        "one victim: " + firstResult + " / " + second);
                one.rollback();
                two.rollback();
            }
            long[] after = longs(watcher, COUNTERS);
            assertTrue(after[0] - before[0] >= 2, "commits: " + (after[0] - before[0]));
            assertTrue(after[1] - before[1] >= 3, "rollbacks (one explicit, two after the deadlock): "
                    + (after[1] - before[1]));
            assertTrue(after[2] > before[2], "blocks accessed");
            assertEquals(1, after[3] - before[3], "deadlocks");
            assertEquals(2, after[4] - before[4], "sessions");
            assertEquals(List.of("acct|acct_pkey"), rows(watcher,
                    "SELECT relname, indexrelname FROM pg_stat_user_indexes WHERE relname = 'acct'"));
            assertEquals(List.of("1|acct"), rows(watcher,
                    "SELECT count(*), min(relname) FROM pg_statio_user_tables WHERE relname = 'acct' GROUP BY relname"));

            // old monitoring queries walk the backend ids (pg_stat_get_backend_idset), then ask for each one's pid
            assertEquals(List.of("1|t"), rows(watcher, "SELECT count(*), bool_and(pg_stat_get_backend_dbid(s.id)"
                    + " = (SELECT oid FROM pg_database WHERE datname = current_database()))"
                    + " FROM (SELECT pg_stat_get_backend_idset() AS id) s WHERE pg_stat_get_backend_pid(s.id) = pg_backend_pid()"));

            // pg_file_settings reads tusk.conf as it is now: a later line for a name is the one applied
            Path conf = c.dataDir.resolve("tusk.conf");
            int lines = Files.readAllLines(conf).size();
            Files.writeString(conf, "work_mem = '8MB'\nWork_Mem 16MB  # the one applied\n", StandardOpenOption.APPEND);
            assertEquals(List.of(conf + "|" + (lines + 1) + "|work_mem|8MB|f",
                    conf + "|" + (lines + 2) + "|work_mem|16MB|t"), rows(watcher,
                    "SELECT sourcefile, sourceline, name, setting, applied FROM pg_file_settings"
                            + " WHERE name = 'work_mem' ORDER BY seqno"));

            // pg_hba_file_rules: one row per rule line of tusk_hba.conf, in order
            List<String> rules = new ArrayList<>();
            List<String> hba = Files.readAllLines(c.dataDir.resolve("tusk_hba.conf"));
            for (int i = 0; i < hba.size(); i++) {
                String line = hba.get(i).strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    rules.add((i + 1) + "|" + line.split("\\s+")[0]);
                }
            }
            assertTrue(!rules.isEmpty());
            assertEquals(rules, rows(watcher, "SELECT line_number, type FROM pg_hba_file_rules ORDER BY line_number"));
            assertEquals(List.of("{all}|{all}|127.0.0.1|255.255.255.255"), rows(watcher,
                    "SELECT database, user_name, address, netmask FROM pg_hba_file_rules WHERE address = '127.0.0.1'"));
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Runs {@code sql}: "ok", or the SQLSTATE it failed with. */
    private static String run(Connection c, String sql) {
        try {
            exec(c, sql);
            return "ok";
        } catch (SQLException e) {
            return e.getSQLState();
        }
    }

    private static CompletableFuture<String> runAsync(Connection c, String sql) {
        CompletableFuture<String> f = CompletableFuture.supplyAsync(() -> run(c, sql));
        try {
            Thread.sleep(500);      // let it queue behind the other transaction's row lock first
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return f;
    }

    private static long[] longs(Connection c, String sql) throws SQLException {
        String[] parts = rows(c, sql).get(0).split("\\|");
        long[] out = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Long.parseLong(parts[i]);
        }
        return out;
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> vals = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    vals.add(rs.getString(i));
                }
                out.add(String.join("|", vals));
            }
        }
        return out;
    }
}
