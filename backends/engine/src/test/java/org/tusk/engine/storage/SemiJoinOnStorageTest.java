package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.DmlOnStorageTest.query;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * WHERE EXISTS / NOT EXISTS / IN (subquery) pulled up into semi and anti joins
 * (analyze.SubLinkPullUp): EXPLAIN and the answers recorded from PostgreSQL 15 on
 * the same analyzed tables; sublinks that cannot be pulled up stay SubPlans.
 */
class SemiJoinOnStorageTest extends TwoSessionsOnStorage {

    @BeforeAll
    static void load() throws Exception {
        query(a, "CREATE TABLE so (id int, v int)");
        query(a, "INSERT INTO so SELECT i, i % 100 FROM generate_series(1, 2000) i");
        query(a, "CREATE TABLE si (id int, w int)");
        query(a, "INSERT INTO si SELECT i * 2, i % 7 FROM generate_series(1, 1000) i");
        query(a, "ANALYZE so");
        query(a, "ANALYZE si");
    }

    @Test
    void existsBecomesHashSemiJoin() {
        assertEquals(List.of("Hash Semi Join", "  Hash Cond: (so.id = si.id)", "  ->  Seq Scan on so", "  ->  Hash",
                "        ->  Seq Scan on si", "              Filter: (w = 3)"),
                query(a, "EXPLAIN (COSTS OFF) SELECT * FROM so WHERE EXISTS (SELECT 1 FROM si WHERE si.id = so.id AND si.w = 3)"));
        assertEquals(List.of("143|143000"),
                query(a, "SELECT count(*), sum(id) FROM so WHERE EXISTS (SELECT 1 FROM si WHERE si.id = so.id AND si.w = 3)"));
        assertEquals(List.of("27"), query(a,
                "SELECT count(*) FROM so WHERE EXISTS (SELECT 1 FROM si WHERE si.id = so.id + 1 AND si.w > so.v)"));
    }

    @Test
    void notExistsBecomesHashAntiJoin() {
        assertEquals(List.of("Hash Anti Join", "  Hash Cond: (so.id = si.id)", "  ->  Seq Scan on so", "  ->  Hash",
                "        ->  Seq Scan on si"),
                query(a, "EXPLAIN (COSTS OFF) SELECT * FROM so WHERE NOT EXISTS (SELECT 1 FROM si WHERE si.id = so.id)"));
        assertEquals(List.of("1000|1000000"),
                query(a, "SELECT count(*), sum(id) FROM so WHERE NOT EXISTS (SELECT 1 FROM si WHERE si.id = so.id)"));
        // the estimate: PostgreSQL's rows=1000 for the anti join
        String top = query(a, "EXPLAIN SELECT * FROM so WHERE NOT EXISTS (SELECT 1 FROM si WHERE si.id = so.id)").get(0);
        assertEquals("rows=1000 width=8)", top.substring(top.indexOf("rows=")));
    }

    @Test
    void inSubqueryIsASemiJoinAndNotInStaysASubPlan() {
        assertEquals(List.of("70|102710"),
                query(a, "SELECT count(*), sum(id) FROM so WHERE v IN (SELECT w FROM si) AND id > 1000"));
        assertEquals(List.of("Hash Semi Join"), query(a,
                "EXPLAIN (COSTS OFF) SELECT * FROM so WHERE v IN (SELECT w FROM si)").subList(0, 1));
        // NOT IN has NULL semantics an anti join does not: it stays a SubPlan (same answer as PostgreSQL)
        assertEquals(List.of("1860"), query(a, "SELECT count(*) FROM so WHERE v NOT IN (SELECT w FROM si)"));
    }
}
