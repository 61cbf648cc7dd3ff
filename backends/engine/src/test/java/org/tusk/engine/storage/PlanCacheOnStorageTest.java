package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.DmlOnStorageTest.query;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tusk.api.engine.Portal;
import org.tusk.api.engine.PreparedStatement;
import org.tusk.api.engine.RowReceiver;

/**
 * The plan cache (tcop.TuskPreparedStatement, executor.ReusablePlan): custom and generic
 * plans as plan_cache_mode chooses them, EXPLAIN EXECUTE of each, the generic plan's tree
 * re-executed with new values and new snapshots, and revalidation after DDL in this
 * session and in another one. Expected answers recorded from PostgreSQL 15.
 */
class PlanCacheOnStorageTest extends TwoSessionsOnStorage {

    @BeforeAll
    static void load() {
        query(a, "CREATE TABLE pc (a int PRIMARY KEY, b text)");
        query(a, "INSERT INTO pc SELECT g, 'v' || g FROM generate_series(1, 100) g");
    }

    @Test
    void fiveCustomPlansThenTheGenericOne() {
        query(a, "PREPARE five(int) AS SELECT b FROM pc WHERE a = $1");
        for (int i = 1; i <= 7; i++) {
            assertEquals(List.of("v" + i), query(a, "EXECUTE five(" + i + ")"));
        }
        assertEquals(List.of("five|2|5"),
                query(a, "SELECT name, generic_plans, custom_plans FROM pg_prepared_statements WHERE name = 'five'"));
        assertEquals(List.of("Index Scan using pc_pkey on pc", "  Index Cond: (a = $1)"),
                query(a, "EXPLAIN (COSTS OFF) EXECUTE five(8)"));
        query(a, "SET plan_cache_mode = force_custom_plan");
        assertEquals(List.of("Index Scan using pc_pkey on pc", "  Index Cond: (a = 8)"),
                query(a, "EXPLAIN (COSTS OFF) EXECUTE five(8)"));
        query(a, "SET plan_cache_mode = force_generic_plan");
        assertEquals(List.of("Index Scan using pc_pkey on pc", "  Index Cond: (a = $1)"),
                query(a, "EXPLAIN (COSTS OFF) EXECUTE five(8)"));
        query(a, "RESET plan_cache_mode");
        assertEquals(List.of("five|4|6"),
                query(a, "SELECT name, generic_plans, custom_plans FROM pg_prepared_statements WHERE name = 'five'"));
        query(a, "DEALLOCATE five");
    }

    @Test
    void theGenericPlanSeesEachStatementsSnapshot() {
        query(a, "CREATE TABLE snap (a int PRIMARY KEY, b int)");
        query(a, "INSERT INTO snap VALUES (1, 10), (2, 20)");
        query(a, "SET plan_cache_mode = force_generic_plan");
        query(a, "PREPARE sn(int) AS SELECT b FROM snap WHERE a = $1");
        assertEquals(List.of("10"), query(a, "EXECUTE sn(1)"));
        query(a, "UPDATE snap SET b = 11 WHERE a = 1");
        assertEquals(List.of("11"), query(a, "EXECUTE sn(1)"));
        query(b, "UPDATE snap SET b = 21 WHERE a = 2");            // committed by the other backend
        assertEquals(List.of("21"), query(a, "EXECUTE sn(2)"));
        query(a, "BEGIN ISOLATION LEVEL REPEATABLE READ");
        assertEquals(List.of("11"), query(a, "EXECUTE sn(1)"));
        query(b, "UPDATE snap SET b = 12 WHERE a = 1");
        assertEquals(List.of("11"), query(a, "EXECUTE sn(1)"));   // the transaction's snapshot
        query(a, "COMMIT");
        assertEquals(List.of("12"), query(a, "EXECUTE sn(1)"));
        assertEquals(List.of("sn|6|0"),
                query(a, "SELECT name, generic_plans, custom_plans FROM pg_prepared_statements WHERE name = 'sn'"));
        query(a, "RESET plan_cache_mode");
        query(a, "DEALLOCATE sn");
    }

    @Test
    void ddlInThisSessionReplansOrFails() {
        query(a, "CREATE TABLE dd (a int PRIMARY KEY, b text)");
        query(a, "INSERT INTO dd SELECT g, 'v' || g FROM generate_series(1, 100) g");
        query(a, "SET plan_cache_mode = force_generic_plan");
        query(a, "PREPARE ddq(text) AS SELECT a FROM dd WHERE b = $1");
        assertEquals(List.of("Seq Scan on dd", "  Filter: (b = $1)"), query(a, "EXPLAIN (COSTS OFF) EXECUTE ddq('v5')"));
        assertEquals(List.of("5"), query(a, "EXECUTE ddq('v5')"));
        query(a, "CREATE INDEX dd_b ON dd (b)");
        query(a, "SET enable_seqscan = off");
        // the replanned shape is the point, not bitmap-versus-index costing: Tusk's CREATE INDEX does not
        // update pg_class.reltuples yet, so it estimates more rows than PostgreSQL and prefers a bitmap scan
        query(a, "SET enable_bitmapscan = off");
        assertEquals(List.of("Index Scan using dd_b on dd", "  Index Cond: (b = $1)"),
                query(a, "EXPLAIN (COSTS OFF) EXECUTE ddq('v5')"));
        assertEquals(List.of("5"), query(a, "EXECUTE ddq('v5')"));
        query(a, "DROP INDEX dd_b");
        query(a, "RESET enable_seqscan");
        query(a, "RESET enable_bitmapscan");
        assertEquals(List.of("Seq Scan on dd", "  Filter: (b = $1)"), query(a, "EXPLAIN (COSTS OFF) EXECUTE ddq('v5')"));
        query(a, "PREPARE ddb(int) AS SELECT b FROM dd WHERE a = $1");
        query(a, "PREPARE dds AS SELECT * FROM dd WHERE a = 3");
        assertEquals(List.of("3|v3"), query(a, "EXECUTE dds"));
        query(a, "ALTER TABLE dd ADD COLUMN c int");
        assertEquals(List.of("v7"), query(a, "EXECUTE ddb(7)"));
        assertEquals(List.of("E: 0A000 cached plan must not change result type"), query(a, "EXECUTE dds"));
        query(a, "ALTER TABLE dd ALTER COLUMN b TYPE varchar(10)");
        assertEquals(List.of("E: 0A000 cached plan must not change result type"), query(a, "EXECUTE ddb(7)"));
        query(a, "DROP TABLE dd");
        assertEquals(List.of("E: 42P01 relation \"dd\" does not exist"), query(a, "EXECUTE ddq('v5')"));
        query(a, "CREATE TABLE dd (a int PRIMARY KEY, b text)");
        assertEquals(List.of(), query(a, "EXECUTE ddq('v9')"));
        query(a, "INSERT INTO dd VALUES (9, 'v9')");
        assertEquals(List.of("9"), query(a, "EXECUTE ddq('v9')"));
        query(a, "RESET plan_cache_mode");
        query(a, "DEALLOCATE ALL");
    }

    @Test
    void ddlInAnotherSessionReachesTheCachedPlan() {
        query(a, "CREATE TABLE other (a int PRIMARY KEY, b text)");
        query(a, "INSERT INTO other SELECT g, 'v' || g FROM generate_series(1, 100) g");
        query(a, "SET plan_cache_mode = force_generic_plan");
        query(a, "PREPARE oq(text) AS SELECT a FROM other WHERE b = $1");
        query(a, "PREPARE ob(int) AS SELECT b FROM other WHERE a = $1");
        assertEquals(List.of("5"), query(a, "EXECUTE oq('v5')"));
        assertEquals(List.of("v5"), query(a, "EXECUTE ob(5)"));
        query(b, "CREATE INDEX other_b ON other (b)");
        query(a, "SET enable_seqscan = off");
        // the replanned shape is the point, not bitmap-versus-index costing: Tusk's CREATE INDEX does not
        // update pg_class.reltuples yet, so it estimates more rows than PostgreSQL and prefers a bitmap scan
        query(a, "SET enable_bitmapscan = off");
        assertEquals(List.of("Index Scan using other_b on other", "  Index Cond: (b = $1)"),
                query(a, "EXPLAIN (COSTS OFF) EXECUTE oq('v5')"));
        assertEquals(List.of("5"), query(a, "EXECUTE oq('v5')"));
        query(a, "RESET enable_seqscan");
        query(a, "RESET enable_bitmapscan");
        query(b, "ALTER TABLE other ALTER COLUMN b TYPE varchar(10)");
        assertEquals(List.of("E: 0A000 cached plan must not change result type"), query(a, "EXECUTE ob(5)"));
        query(b, "DROP TABLE other");
        assertEquals(List.of("E: 42P01 relation \"other\" does not exist"), query(a, "EXECUTE oq('v5')"));
        query(a, "RESET plan_cache_mode");
        query(a, "DEALLOCATE ALL");
    }

    @Test
    void searchPathChangesReanalyze() {
        query(a, "CREATE SCHEMA s1");
        query(a, "CREATE SCHEMA s2");
        query(a, "CREATE TABLE s1.sp (x int)");
        query(a, "INSERT INTO s1.sp VALUES (1)");
        query(a, "CREATE TABLE s2.sp (x int)");
        query(a, "INSERT INTO s2.sp VALUES (2)");
        query(a, "SET search_path = s1");
        query(a, "PREPARE sp AS SELECT x FROM sp");
        assertEquals(List.of("1"), query(a, "EXECUTE sp"));
        query(a, "SET search_path = s2");
        assertEquals(List.of("2"), query(a, "EXECUTE sp"));
        query(a, "SET search_path = s1, s2");
        assertEquals(List.of("1"), query(a, "EXECUTE sp"));
        query(a, "RESET search_path");
        assertEquals(List.of("sp|3|0"),
                query(a, "SELECT name, generic_plans, custom_plans FROM pg_prepared_statements WHERE name = 'sp'"));
        query(a, "DEALLOCATE sp");
    }

    /** Protocol-level: the cached tree runs again in later transactions; a second portal while one is open plans anew. */
    @Test
    void genericTreeReusedAcrossPortals() throws IOException {
        query(a, "SET plan_cache_mode = force_generic_plan");
        PreparedStatement ps = a.prepare(a.parse("SELECT a FROM pc WHERE a > $1 ORDER BY a LIMIT $2").get(0), new int[0]);
        assertEquals(List.of("11", "12", "13"), run(ps, "10", "3", 0));
        a.sync();
        assertEquals(List.of("51", "52"), run(ps, "50", "2", 0));
        a.sync();
        query(a, "BEGIN");
        Portal first = bind(ps, "20", "4");
        List<String> firstRows = new ArrayList<>();
        first.execute(2, collect(firstRows));
        assertEquals(List.of("91", "92", "93"), run(ps, "90", "3", 0));   // while the first portal is open
        first.execute(0, collect(firstRows));
        assertEquals(List.of("21", "22", "23", "24"), firstRows);
        first.close();
        assertEquals(List.of("31"), run(ps, "30", "1", 0));
        query(a, "COMMIT");
        query(a, "RESET plan_cache_mode");
    }

    @Test
    void preparedUpdateAndDeleteReuseTheirScanAndReplanAfterDdl() {
        query(a, "CREATE TABLE pu (a int PRIMARY KEY, b int)");
        query(a, "INSERT INTO pu SELECT g, 0 FROM generate_series(1, 50) g");
        query(a, "PREPARE up(int, int) AS UPDATE pu SET b = b + $2 WHERE a = $1");
        for (int i = 1; i <= 9; i++) {
            assertEquals(List.of("UPDATE 1"), query(a, "EXECUTE up(" + (i % 3 + 1) + ", " + i + ")"));
        }
        // a = 1: 3 + 6 + 9, a = 2: 1 + 4 + 7, a = 3: 2 + 5 + 8
        assertEquals(List.of("1|18", "2|12", "3|15"), query(a, "SELECT a, b FROM pu WHERE a <= 3 ORDER BY a"));
        query(b, "UPDATE pu SET b = 100 WHERE a = 1");              // the next execution's snapshot sees it
        query(a, "EXECUTE up(1, 1)");
        assertEquals(List.of("101"), query(a, "SELECT b FROM pu WHERE a = 1"));
        query(a, "BEGIN");
        query(a, "EXECUTE up(1, 1)");
        query(a, "EXECUTE up(1, 1)");                               // its own earlier change, same transaction
        query(a, "ROLLBACK");
        assertEquals(List.of("101"), query(a, "SELECT b FROM pu WHERE a = 1"));
        // the cached Index Scan's index goes away: planned again over a Seq Scan
        query(a, "ALTER TABLE pu DROP CONSTRAINT pu_pkey");
        assertEquals(List.of("UPDATE 1"), query(a, "EXECUTE up(2, 1)"));
        assertEquals(List.of("13"), query(a, "SELECT b FROM pu WHERE a = 2"));
        query(b, "CREATE UNIQUE INDEX pu_a ON pu (a)");               // another backend's DDL
        query(a, "EXECUTE up(2, 1)");
        query(a, "EXECUTE up(2, 1)");
        assertEquals(List.of("15"), query(a, "SELECT b FROM pu WHERE a = 2"));
        assertEquals(List.of("E: 23505 duplicate key value violates unique constraint \"pu_a\" | Key (a)=(2) already exists."),
                query(a, "INSERT INTO pu VALUES (2, 0)"));
        query(a, "PREPARE del(int) AS DELETE FROM pu WHERE a = $1 OR a = $1 + 10");
        for (int i = 1; i <= 7; i++) {
            query(a, "EXECUTE del(" + (20 + i) + ")");
        }
        assertEquals(List.of("36"), query(a, "SELECT count(*) FROM pu"));
        query(b, "DROP TABLE pu");
        assertEquals(List.of("E: 42P01 relation \"pu\" does not exist"), query(a, "EXECUTE up(2, 1)").subList(0, 1));
        query(a, "DEALLOCATE ALL");
    }

    /**
     * A generic plan over a Bitmap Heap Scan is kept and re-executed like an index scan's: each execution
     * builds its bitmap from its own parameter values and reads the heap with its own snapshot (the
     * other session's committed change, then the transaction's snapshot in REPEATABLE READ). Such plans
     * were planned again for every Execute, pgbench's UPDATE of pgbench_branches among them when its
     * statistics made a bitmap scan the cheapest.
     */
    @Test
    void aGenericBitmapPlanIsReexecutedWithEachSnapshot() {
        query(a, "CREATE TABLE bm (a int PRIMARY KEY, b int)");
        query(a, "INSERT INTO bm SELECT g, g FROM generate_series(1, 10000) g");
        query(a, "ANALYZE bm");
        query(a, "SET plan_cache_mode = force_generic_plan");
        try {
            // PostgreSQL 15's generic plan for both statements is this Bitmap Heap Scan over a BitmapOr
            query(a, "PREPARE bmq(int) AS SELECT a, b FROM bm WHERE a = $1 OR a = $1 + 100");
            assertEquals(List.of("Bitmap Heap Scan on bm", "  Recheck Cond: ((a = $1) OR (a = ($1 + 100)))",
                    "  ->  BitmapOr", "        ->  Bitmap Index Scan on bm_pkey", "              Index Cond: (a = $1)",
                    "        ->  Bitmap Index Scan on bm_pkey", "              Index Cond: (a = ($1 + 100))"),
                    query(a, "EXPLAIN (COSTS OFF) EXECUTE bmq(1)"));
            assertEquals(List.of("101|101", "1|1"), sorted(query(a, "EXECUTE bmq(1)")));
            assertEquals(List.of("102|102", "2|2"), sorted(query(a, "EXECUTE bmq(2)")));
            query(b, "UPDATE bm SET b = -b WHERE a = 103");
            assertEquals(List.of("103|-103", "3|3"), sorted(query(a, "EXECUTE bmq(3)")));
            query(a, "BEGIN ISOLATION LEVEL REPEATABLE READ");
            assertEquals(List.of("103|-103", "3|3"), sorted(query(a, "EXECUTE bmq(3)")));
            query(b, "UPDATE bm SET b = 0 WHERE a = 3");
            assertEquals(List.of("103|-103", "3|3"), sorted(query(a, "EXECUTE bmq(3)")));
            query(a, "COMMIT");
            assertEquals(List.of("103|-103", "3|0"), sorted(query(a, "EXECUTE bmq(3)")));
            query(a, "PREPARE bmu(int) AS UPDATE bm SET b = b + 1 WHERE a = $1 OR a = $1 + 100");
            for (int i = 0; i < 4; i++) {
                assertEquals(List.of("UPDATE 2"), query(a, "EXECUTE bmu(" + (10 + i % 2) + ")"));
            }
            assertEquals(List.of("10|12", "11|13", "110|112", "111|113"),
                    query(a, "SELECT a, b FROM bm WHERE a IN (10, 11, 110, 111) ORDER BY a"));
        } finally {
            query(a, "RESET plan_cache_mode");
            query(a, "DEALLOCATE ALL");
        }
    }

    private static List<String> sorted(List<String> rows) {
        List<String> copy = new ArrayList<>(rows);
        copy.sort(null);
        return copy;
    }

    /** Each Bind's result formats reach its portal's columns, also when they differ from the last Bind's. */
    @Test
    void eachBindGetsTheResultFormatsItAskedFor() {
        PreparedStatement ps = a.prepare(a.parse("SELECT a, b FROM pc WHERE a = $1").get(0), new int[0]);
        List<byte[]> one = List.of("1".getBytes(StandardCharsets.UTF_8));
        short[][] asked = {{}, {}, {1}, {0, 1}, {}, {1, 0}};
        short[][] expected = {{0, 0}, {0, 0}, {1, 1}, {0, 1}, {0, 0}, {1, 0}};
        for (int i = 0; i < asked.length; i++) {
            Portal portal = ps.bind(one, new short[0], asked[i]);
            short[] got = new short[portal.columns().size()];
            for (int c = 0; c < got.length; c++) {
                got[c] = portal.columns().get(c).format();
            }
            portal.close();
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected[i], got, "bind " + i);
        }
        short[] reused = {1};
        Portal binary = ps.bind(one, new short[0], reused);
        reused[0] = 0;   // the caller's array changes after the Bind: the next Bind asks for text
        Portal text = ps.bind(one, new short[0], reused);
        assertEquals(1, binary.columns().get(0).format());
        assertEquals(0, text.columns().get(0).format());
        binary.close();
        text.close();
        a.sync();
    }

    private static Portal bind(PreparedStatement ps, String... params) {
        List<byte[]> values = new ArrayList<>();
        for (String p : params) {
            values.add(p.getBytes(StandardCharsets.UTF_8));
        }
        return ps.bind(values, new short[0], new short[0]);
    }

    private static List<String> run(PreparedStatement ps, String p1, String p2, long maxRows) throws IOException {
        List<String> rows = new ArrayList<>();
        Portal portal = bind(ps, p1, p2);
        portal.execute(maxRows, collect(rows));
        portal.close();
        return rows;
    }

    private static RowReceiver collect(List<String> rows) {
        return values -> rows.add(new String(values[0], StandardCharsets.UTF_8));
    }
}
