package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.engine.storage.DmlOnStorageTest.query;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tusk.api.engine.Column;
import org.tusk.api.engine.Portal;
import org.tusk.api.engine.RawStatement;

/**
 * The cumulative statistics and system views monitoring tools read: their column lists (names,
 * type OIDs, typmods) against golden/statviews, recorded from PostgreSQL 15; pg_stat_database's
 * counters moving with a session's commits, rollbacks, buffer hits and inserts; the computed
 * pg_stat_*_tables relations are the only definitions of their names (no script view shadows them).
 */
@Timeout(120)
class StatisticsViewsOnStorageTest extends TwoSessionsOnStorage {

    @Test
    void columnListsAsPostgres() throws Exception {
        String expected;
        try (InputStream in = getClass().getResourceAsStream("/golden/statviews/expected.txt")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> failures = new ArrayList<>();
        int cases = 0;
        for (String block : expected.split("\n\n")) {
            if (block.isBlank()) {
                continue;
            }
            String[] lines = block.split("\n");
            String sql = lines[0].substring(3);
            String want = lines[1];
            String got;
            try {
                got = "C: " + columns(sql);
            } catch (RuntimeException e) {
                got = "E: " + e.getMessage();
            }
            a.sync();
            cases++;
            if (!want.equals(got)) {
                failures.add(sql + "\n  want " + want + "\n  got  " + got);
            }
        }
        assertTrue(cases >= 40, "golden file too small");
        assertEquals("", String.join("\n", failures), failures.size() + " of " + cases + " views differ");
    }

    private static String columns(String sql) {
        RawStatement st = a.parse(sql).get(0);
        Portal portal = a.prepare(st, new int[0]).bind(List.of(), new short[0], new short[0]);
        List<String> parts = new ArrayList<>();
        for (Column c : portal.columns()) {
            parts.add(c.name() + ":" + c.typeOid() + ":" + c.typmod());
        }
        return String.join(" ", parts);
    }

    @Test
    void computedTableStatisticsAreNotShadowedByScriptViews() {
        // pg_stat_*_tables are computed relations (PgStatTables); system_views.sql once also made a
        // zero-filled pg_stat_user_tables view, which a schema-qualified lookup of pg_class found
        assertEquals(List.of("0"), query(a, "SELECT count(*) FROM pg_class WHERE relname IN "
                + "('pg_stat_all_tables', 'pg_stat_user_tables', 'pg_stat_sys_tables')"));
    }

    @Test
    void databaseCountersMoveWithTheSessionsWork() {
        query(a, "CREATE TABLE sdb (a int PRIMARY KEY, b text)");
        String counters = "SELECT xact_commit, xact_rollback, blks_hit + blks_read, tup_inserted, sessions"
                + " FROM pg_stat_database WHERE datname = 'postgres'";
        long[] before = longs(query(b, counters).get(0));
        query(a, "INSERT INTO sdb SELECT g, 'x' FROM generate_series(1, 100) g");
        query(a, "BEGIN");
        query(a, "INSERT INTO sdb VALUES (1000, 'y')");
        query(a, "COMMIT");
        query(a, "BEGIN");
        query(a, "SELECT b FROM sdb WHERE a = 7");
        query(a, "ROLLBACK");
        assertEquals(List.of("E: 23505 duplicate key value violates unique constraint \"sdb_pkey\" | Key (a)=(1) already exists."),
                query(a, "INSERT INTO sdb VALUES (1, 'dup')"));
        long[] after = longs(query(b, counters).get(0));
        // b's own SELECT of "before" committed too
        assertEquals(3, after[0] - before[0], "commits: the INSERT, the block, b's SELECT");
        assertEquals(2, after[1] - before[1], "rollbacks: ROLLBACK and the failed INSERT");
        assertTrue(after[2] > before[2], "blocks accessed");
        assertTrue(after[3] - before[3] >= 101, "rows inserted: " + (after[3] - before[3]));
        assertEquals(0, after[4] - before[4], "no new session");
        // one row per database plus the shared objects' (datid 0), as PostgreSQL
        assertEquals(List.of("0|\\N", "1|template1", "4|template0", "5|postgres"), query(b,
                "SELECT datid, datname FROM pg_stat_database ORDER BY datid"));
        assertEquals(List.of("postgres|0|0|0|0|0"), query(b, "SELECT datname, confl_tablespace, confl_lock,"
                + " confl_snapshot, confl_bufferpin, confl_deadlock FROM pg_stat_database_conflicts WHERE datid = 5"));
        // the functions tools call directly read the same counters
        assertEquals(List.of("t"), query(b, "SELECT pg_stat_get_db_xact_commit(5) >= " + after[0]));
        assertEquals(List.of("t|t|t"), query(b, "SELECT pg_stat_get_live_tuples(relid) = n_live_tup,"
                + " pg_stat_get_dead_tuples(relid) = n_dead_tup, pg_stat_get_tuples_inserted(relid) = n_tup_ins"
                + " FROM pg_stat_user_tables WHERE relname = 'sdb' AND n_live_tup >= 101"));
    }

    @Test
    void spilledSortsCountTheirTemporaryFiles() {
        String temp = "SELECT temp_files, temp_bytes FROM pg_stat_database WHERE datname = 'postgres'";
        long[] before = longs(query(b, temp).get(0));
        query(a, "SET work_mem = '64kB'");
        assertEquals(List.of("100000"), query(a,
                "SELECT count(*) FROM (SELECT g FROM generate_series(1, 100000) g ORDER BY g DESC) s"));
        query(a, "RESET work_mem");
        long[] after = longs(query(b, temp).get(0));
        assertTrue(after[0] > before[0], "temporary files");
        assertTrue(after[1] - before[1] >= 100000 * 4, "bytes written: " + (after[1] - before[1]));
    }

    @Test
    void timezonesConfigAndExtensions() {
        // zones without daylight saving time, so the rows do not depend on the date (recorded from PostgreSQL 15)
        assertEquals(List.of("Asia/Kolkata|IST|05:30:00|f", "UTC|UTC|00:00:00|f"), query(a,
                "SELECT * FROM pg_timezone_names WHERE name IN ('UTC', 'Asia/Kolkata') ORDER BY name"));
        assertEquals(List.of("t"), query(a, "SELECT count(*) > 300 FROM pg_timezone_names"));
        assertEquals(List.of("CEST|02:00:00|t", "EST|-05:00:00|f", "IST|02:00:00|f", "NZDT|13:00:00|t"), query(a,
                "SELECT * FROM pg_timezone_abbrevs WHERE abbrev IN ('EST', 'CEST', 'NZDT', 'IST') ORDER BY abbrev"));
        assertEquals(List.of("VERSION|t"), query(a, "SELECT name, setting LIKE 'PostgreSQL 15.%' FROM pg_config"));
        assertEquals(List.of("0|0"), query(a, "SELECT (SELECT count(*) FROM pg_available_extensions),"
                + " (SELECT count(*) FROM pg_available_extension_versions)"));
    }

    @Test
    void resetZeroesTheDatabaseCountersAndStampsTheTime() {
        query(a, "SELECT pg_stat_reset()");
        assertEquals(List.of("1|0|t"), query(a, "SELECT xact_commit, xact_rollback, stats_reset IS NOT NULL"
                + " FROM pg_stat_database WHERE datname = 'postgres'"));
    }

    private static long[] longs(String row) {
        String[] parts = row.split("\\|");
        long[] out = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Long.parseLong(parts[i]);
        }
        return out;
    }
}
