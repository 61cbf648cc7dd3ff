package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bitmap Heap Scans over Bitmap Index Scans, BitmapOr and partial indexes on a
 * stored, analyzed table: plan shapes and rows recorded from PostgreSQL 15 on the
 * same data (rows come in physical order, each once).
 */
@Timeout(120)
class BitmapScanOnStorageTest extends OneSessionOnStorage {

    @BeforeAll
    static void load() throws Exception {
        q("create table bm (a int, b int, s text)");
        q("insert into bm select i, (i * 7) % 1000, 'v' || (i % 10) from generate_series(1, 1000) i");
        q("create index bm_a on bm (a)");
        q("create index bm_b on bm (b)");
        q("create index bm_s_part on bm (a) where s < 'v2'");
        q("analyze bm");
    }

    static List<String> q(String sql) {
        return DmlOnStorageTest.query(s, sql);
    }

    @Test
    void orOfIndexableClausesIsABitmapOr() {
        assertEquals(List.of("Bitmap Heap Scan on bm", "  Recheck Cond: ((a = 5) OR (b = 7))", "  ->  BitmapOr",
                "        ->  Bitmap Index Scan on bm_a", "              Index Cond: (a = 5)",
                "        ->  Bitmap Index Scan on bm_b", "              Index Cond: (b = 7)"),
                q("explain (costs off) select * from bm where a = 5 or b = 7"));
        // heap order: the row with a = 1 (b = 7) comes first
        assertEquals(List.of("1|7|v1", "5|35|v5"), q("select * from bm where a = 5 or b = 7"));
    }

    @Test
    void partialIndexPredicateJoinsTheRecheckCondition() {
        assertEquals(List.of("Bitmap Heap Scan on bm", "  Recheck Cond: (((a = 3) AND (s < 'v2'::text)) OR (b = 21))",
                "  Filter: (s < 'v2'::text)", "  ->  BitmapOr", "        ->  Bitmap Index Scan on bm_s_part",
                "              Index Cond: (a = 3)", "        ->  Bitmap Index Scan on bm_b",
                "              Index Cond: (b = 21)"),
                q("explain (costs off) select * from bm where (a = 3 or b = 21) and s < 'v2'"));
        assertEquals(List.of("3|21|v3"), q("select * from bm where (a = 3 or b = 21) and s < 'v4'"));
        assertEquals(List.of(), q("select * from bm where (a = 3 or b = 21) and s < 'v2'"));
    }

    @Test
    void rangeScanOfManyRowsIsABitmapScan() {
        // b is uncorrelated with the heap order (a is, and PostgreSQL scans a < 200 through bm_a directly)
        assertEquals(List.of("Bitmap Heap Scan on bm", "  Recheck Cond: (b < 150)", "  ->  Bitmap Index Scan on bm_b",
                "        Index Cond: (b < 150)"),
                q("explain (costs off) select * from bm where b < 150"));
        assertEquals(List.of("Index Scan using bm_a on bm", "  Index Cond: (a < 200)"),
                q("explain (costs off) select * from bm where a < 200"));
        assertEquals(List.of("150"), q("select count(*) from bm where b < 150"));
        assertEquals(List.of("29"), q("select count(*) from bm where a < 200 and b < 100"));
    }

    @Test
    void explainAnalyzeCountsHeapBlocksAndTids() {
        assertEquals(List.of("Bitmap Heap Scan on bm (actual rows=2 loops=1)", "  Recheck Cond: ((a = 5) OR (b = 7))",
                "  Heap Blocks: exact=1", "  ->  BitmapOr (actual rows=0 loops=1)",
                "        ->  Bitmap Index Scan on bm_a (actual rows=1 loops=1)", "              Index Cond: (a = 5)",
                "        ->  Bitmap Index Scan on bm_b (actual rows=1 loops=1)", "              Index Cond: (b = 7)"),
                q("explain (analyze, costs off, timing off, summary off) select * from bm where a = 5 or b = 7"));
    }

    @Test
    void disabledBitmapScansFallBackToIndexScans() {
        q("set enable_bitmapscan = off");
        try {
            assertEquals(List.of("Index Scan using bm_a on bm", "  Index Cond: (a < 200)", "  Filter: (b < 100)"),
                    q("explain (costs off) select * from bm where a < 200 and b < 100"));
        } finally {
            q("reset enable_bitmapscan");
        }
    }
}
