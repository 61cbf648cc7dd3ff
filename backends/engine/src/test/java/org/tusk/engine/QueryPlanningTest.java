package org.tusk.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** EXPLAIN shapes and spilling through SQL: temp files appear in base/pgsql_tmp and are gone after the query. */
class QueryPlanningTest {
    @TempDir
    Path tmp;

    private static String plan(EngineFixture f, String sql) {
        StringBuilder sb = new StringBuilder();
        for (String line : f.simpleQuery("explain (costs off) " + sql).split("\n")) {
            if (line.startsWith("R: ")) {
                sb.append(line.substring(3)).append('\n');
            }
        }
        return sb.toString();
    }

    @Test
    void explainShowsJoinAggregateAndSortShapes() throws Exception {
        EngineFixture f = new EngineFixture(tmp, Map.of("TimeZone", "UTC"));
        assertEquals("""
                Sort
                  Sort Key: a.id
                  ->  Hash Join
                        Hash Cond: (a.id = b.id)
                        ->  Values Scan on "*VALUES*"
                              Filter: (x <> 'z'::text)
                        ->  Hash
                              ->  Values Scan on "*VALUES*_1"
                """, plan(f, "select * from (values (1, 'a'), (2, 'b')) a(id, x) join (values (1, 'p'), (3, 'q')) b(id, y)"
                + " on a.id = b.id where a.x <> 'z' order by a.id"));
        assertEquals("""
                HashAggregate
                  Group Key: k
                  ->  Values Scan on "*VALUES*"
                """, plan(f, "select k, count(*) from (values (1),(2)) v(k) group by k"));
        assertEquals("""
                Limit
                  ->  WindowAgg
                        ->  Sort
                              Sort Key: g
                              ->  Function Scan on generate_series g
                """, plan(f, "select g, rank() over (order by g) from generate_series(1, 3) g limit 2"));
        assertEquals("""
                Nested Loop
                  Join Filter: (a.x < b.y)
                  ->  Values Scan on "*VALUES*"
                  ->  Materialize
                        ->  Values Scan on "*VALUES*_1"
                """, plan(f, "select * from (values (1)) a(x) join (values (2)) b(y) on a.x < b.y"));
        String analyzed = f.simpleQuery("explain (analyze, costs off, timing off, summary off) select * from generate_series(1, 7)");
        assertTrue(analyzed.contains("R: Function Scan on generate_series (actual rows=7 loops=1)"), analyzed);
        // every node reports its own rows and loops (rows per loop, as PostgreSQL averages them)
        String loops = f.simpleQuery("explain (analyze, costs off, timing off, summary off) select * from"
                + " (values (1), (2), (3)) a(x) join (values (2), (3), (4), (5)) b(y) on a.x < b.y");
        for (String line : new String[] {"R: Nested Loop (actual rows=9 loops=1)",
                "R:   ->  Values Scan on \"*VALUES*_1\" (actual rows=4 loops=1)", "R:   ->  Materialize (actual rows=3 loops=4)",
                "R:         ->  Values Scan on \"*VALUES*\" (actual rows=3 loops=1)"}) {
            assertTrue(loops.contains(line + "\n"), line + " in\n" + loops);
        }
        String timed = f.simpleQuery("explain (analyze, costs off) select * from generate_series(1, 7)");
        assertTrue(timed.matches("(?s).*R: Function Scan on generate_series \\(actual time=\\d+\\.\\d{3}\\.\\.\\d+\\.\\d{3} rows=7 loops=1\\).*"
                + "R: Planning Time: .*R: Execution Time: .*"), timed);
    }

    /**
     * cost_ctescan / cost_rescan for CTE scans (numeric.sql's division table): a small CTE's
     * column has one distinct value per row, so x2 <> 0 keeps 6 of 7 rows, the filtered scan
     * goes outside, and the inner CTE scan is rescanned without a Materialize. The costs and
     * the row order are PostgreSQL 15's.
     */
    /** The plan lines of EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF). */
    private static String analyzed(EngineFixture f, String sql) {
        return String.join("\n", f.simpleQuery("explain (analyze, costs off, timing off, summary off) " + sql).lines()
                .filter(l -> l.startsWith("R: ")).map(l -> l.substring(3)).toList()) + "\n";
    }

    /**
     * show_instrumentation_count: ANALYZE prints the rows each qualification removed, per loop, after
     * its line, and leaves zero counts out. Plans recorded from PostgreSQL 15, which names the VALUES columns
     * "*VALUES*".column1 in the join filter and prints the hash table's "Batches:" line (which Tusk does not
     * have) before a HAVING's count.
     */
    @Test
    void analyzeCountsTheRowsEachQualificationRemoved() throws Exception {
        EngineFixture f = new EngineFixture(tmp, Map.of("TimeZone", "UTC"));
        assertEquals("""
                Function Scan on generate_series g (actual rows=3 loops=1)
                  Filter: ((g % 3) = 0)
                  Rows Removed by Filter: 7
                """, analyzed(f, "select * from generate_series(1, 10) g where g % 3 = 0"));
        assertEquals("""
                Function Scan on generate_series g (actual rows=10 loops=1)
                  Filter: (g > 0)
                """, analyzed(f, "select * from generate_series(1, 10) g where g > 0"));
        assertEquals("""
                Nested Loop (actual rows=9 loops=1)
                  Join Filter: (a.x < b.y)
                  Rows Removed by Join Filter: 3
                  ->  Values Scan on "*VALUES*_1" (actual rows=4 loops=1)
                  ->  Materialize (actual rows=3 loops=4)
                        ->  Values Scan on "*VALUES*" (actual rows=3 loops=1)
                """, analyzed(f, "select * from (values (1), (2), (3)) a(x) join (values (2), (3), (4), (5)) b(y) on a.x < b.y"));
        assertEquals("""
                HashAggregate (actual rows=1 loops=1)
                  Group Key: (g % 2)
                  Filter: (count(*) > 2)
                  Rows Removed by Filter: 1
                  ->  Function Scan on generate_series g (actual rows=5 loops=1)
                """, analyzed(f, "select g % 2, count(*) from generate_series(1,5) g group by 1 having count(*) > 2"));
        // no line without ANALYZE
        assertEquals("""
                Function Scan on generate_series g
                  Filter: ((g % 3) = 0)
                """, plan(f, "select * from generate_series(1, 10) g where g % 3 = 0"));
    }

    @Test
    void cteScansCostAsPostgresAndNeedNoMaterialize() throws Exception {
        EngineFixture f = new EngineFixture(tmp, Map.of("TimeZone", "UTC"));
        String q = "with v(x) as (values (0), (1), (2), (3), (4), (5), (6))"
                + " select x1, x2 from v as v1(x1), v as v2(x2) where x2 != 0";
        String explained = f.simpleQuery("explain " + q);
        assertTrue(explained.contains("R:   ->  CTE Scan on v v2  (cost=0.00..0.16 rows=6 width=4)\n"
                + "R:         Filter: (x2 <> 0)\n"
                + "R:   ->  CTE Scan on v v1  (cost=0.00..0.14 rows=7 width=4)\n"), explained);
        String rows = f.simpleQuery(q);
        assertTrue(rows.contains("R: 0|1\nR: 1|1\nR: 2|1\nR: 3|1\nR: 4|1\nR: 5|1\nR: 6|1\nR: 0|2\n"), rows);
    }

    @Test
    void sortAndHashAggregateSpillUnderSmallWorkMemAndCleanUp() throws Exception {
        EngineFixture f = new EngineFixture(tmp, Map.of("TimeZone", "UTC"));
        f.simpleQuery("set work_mem = '64kB'");
        String sorted = f.simpleQuery("select g from generate_series(1, 30000) g order by g desc limit 3");
        assertTrue(sorted.contains("R: 30000\nR: 29999\nR: 29998\n"), sorted);
        String grouped = f.simpleQuery("select count(*), sum(c) from (select g % 20000 as k, count(*) as c"
                + " from generate_series(1, 40000) g group by 1) s");
        assertTrue(grouped.contains("R: 20000|40000\n"), grouped);
        String joined = f.simpleQuery("select count(*) from generate_series(1, 20000) a join generate_series(1, 20000) b"
                + " on a = b");
        assertTrue(joined.contains("R: 20000\n"), joined);
        Path dir = tmp.resolve("base").resolve("pgsql_tmp");
        assertTrue(Files.isDirectory(dir), "temp files were written under base/pgsql_tmp");
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(0, s.count(), "temp files removed at the end of each query");
        }
    }

    @Test
    void joinSearchStaysFastForWideFromLists() throws Exception {
        EngineFixture f = new EngineFixture(tmp, Map.of("TimeZone", "UTC"));
        StringBuilder cross = new StringBuilder("select count(*) from ");
        StringBuilder chain = new StringBuilder("select count(*) from ");
        StringBuilder where = new StringBuilder(" where true");
        for (int i = 0; i < 11; i++) {
            if (i < 10) { // ten unconnected items: the search falls back to cross products
                cross.append(i == 0 ? "" : ", ").append("(values (1), (2)) v").append(i).append("(x)");
            }
            chain.append(i == 0 ? "" : ", ").append("(values (1), (2)) v").append(i).append("(x)");
            if (i > 0) {
                where.append(" and v").append(i - 1).append(".x = v").append(i).append(".x");
            }
        }
        long start = System.nanoTime();
        assertTrue(f.simpleQuery(cross.toString()).contains("R: 1024\n"));
        assertTrue(f.simpleQuery(chain + where.toString()).contains("R: 2\n"));
        f.simpleQuery("set geqo_threshold = 4");
        assertTrue(f.simpleQuery(chain + where.toString()).contains("R: 2\n"));
        assertTrue((System.nanoTime() - start) / 1_000_000_000.0 < 20, "join search took too long");
    }
}
