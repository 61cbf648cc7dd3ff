package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.tusk.engine.storage.DmlOnStorageTest.query;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.tusk.api.engine.EngineSession;

/**
 * ANALYZE -> pg_statistic -> pg_stats and the planner's row estimates, against
 * answers recorded from PostgreSQL 15 for the same table (every row sampled, so
 * the statistics are deterministic): MCVs, n_distinct, null fractions, widths,
 * correlation, and EXPLAIN's rows= for equality, inequality, range, IS NULL and
 * combined clauses. Another backend sees the new statistics (relcache invalidation),
 * and DROP TABLE removes them.
 */
class AnalyzeOnStorageTest extends TwoSessionsOnStorage {

    private static final Pattern ROWS = Pattern.compile("rows=(\\d+)");

    /** The estimated rows of the plan's top node. */
    private static long rows(EngineSession s, String sql) {
        List<String> plan = query(s, "EXPLAIN " + sql);
        Matcher m = ROWS.matcher(plan.get(0));
        if (!m.find()) {
            throw new AssertionError(plan.toString());
        }
        return Long.parseLong(m.group(1));
    }

    @Test
    void statisticsAndEstimatesMatchPostgres() {
        query(a, "CREATE TABLE st (a int, b int, c text, d int)");
        query(a, "INSERT INTO st SELECT i, i % 10, 'v' || (i % 37), CASE WHEN i % 4 = 0 THEN NULL"
                + " ELSE (i * 7) % 500 END FROM generate_series(1, 3000) i");
        long before = rows(b, "SELECT * FROM st WHERE b = 3");
        assertEquals(List.of(), query(a, "ANALYZE st"));
        assertEquals(List.of("3000"), query(a, "SELECT reltuples FROM pg_class WHERE relname = 'st'"));
        assertEquals(List.of(
                "b|0|4|10|{0,1,2,3,4,5,6,7,8,9}|{0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1}|\\N|0.1014989",
                "c|0|3|37|{v1,v2,v3,v0,v10,v11,v12,v13,v14,v15,v16,v17,v18,v19,v20,v21,v22,v23,v24,v25,v26,v27,v28,"
                        + "v29,v30,v31,v32,v33,v34,v35,v36,v4,v5,v6,v7,v8,v9}|{0.027333334,0.027333334,0.027333334,"
                        + "0.027,0.027,0.027,0.027,0.027,0.027,0.027,0.027,0.027,0.027,0.027,0.027,0.027,0.027,0.027,"
                        + "0.027,0.027,0.027,0.027,0.027,0.027,0.027,0.027,0.027,0.027,0.027,0.027,0.027,0.027,0.027,"
                        + "0.027,0.027,0.027,0.027}|\\N|0.02729116"),
                query(a, "SELECT attname, null_frac, avg_width, n_distinct, most_common_vals, most_common_freqs,"
                        + " histogram_bounds, correlation FROM pg_stats WHERE tablename = 'st'"
                        + " AND attname IN ('b', 'c') ORDER BY attname"));
        assertEquals(List.of("a|0|4|-1|\\N|1", "d|0.25|4|-0.125|100|0.024855116"),
                query(a, "SELECT attname, null_frac, avg_width, n_distinct, array_length(most_common_freqs, 1),"
                        + " correlation FROM pg_stats WHERE tablename = 'st' AND attname IN ('a', 'd') ORDER BY attname"));
        // EXPLAIN rows= recorded from PostgreSQL 15
        assertEquals(249, rows(a, "SELECT * FROM st WHERE a < 250"));
        assertEquals(300, rows(a, "SELECT * FROM st WHERE b = 3"));
        assertEquals(1, rows(a, "SELECT * FROM st WHERE b = 11"));
        assertEquals(81, rows(a, "SELECT * FROM st WHERE c = 'v5'"));
        assertEquals(972, rows(a, "SELECT * FROM st WHERE c > 'v30'"));
        assertEquals(750, rows(a, "SELECT * FROM st WHERE d IS NULL"));
        assertEquals(6, rows(a, "SELECT * FROM st WHERE d = 100"));
        assertEquals(227, rows(a, "SELECT * FROM st WHERE d > 450"));
        assertEquals(48, rows(a, "SELECT * FROM st WHERE d BETWEEN 10 AND 20"));
        assertEquals(224, rows(a, "SELECT * FROM st WHERE a < 250 AND b <> 3"));
        // the other backend's cached (never analyzed) numbers were invalidated by the ANALYZE
        assertNotEquals(300, before);
        assertEquals(300, rows(b, "SELECT * FROM st WHERE b = 3"));
        // columns whose type has no btree ordering or is an array: null fraction and width still recorded
        query(a, "CREATE TABLE sa (p point, arr int[])");
        query(a, "INSERT INTO sa SELECT point(i, i), ARRAY[i % 3] FROM generate_series(1, 100) i");
        assertEquals(List.of(), query(a, "ANALYZE sa"));
        assertEquals(List.of("arr|0|\\N", "p|0|\\N"),
                query(a, "SELECT attname, null_frac, histogram_bounds FROM pg_stats WHERE tablename = 'sa' ORDER BY 1"));
        assertEquals(List.of(), query(a, "DROP TABLE sa"));
        assertEquals(List.of(), query(a, "DROP TABLE st"));
        assertEquals(List.of("0"), query(a, "SELECT count(*) FROM pg_statistic s WHERE NOT EXISTS"
                + " (SELECT 1 FROM pg_class c WHERE c.oid = s.starelid)"));
    }
}
