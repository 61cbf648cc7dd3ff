package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Plan shapes recorded from PostgreSQL 15 on the same tables: restriction
 * clause order (equivalence-class equalities last), a partitioned table without
 * leaf partitions as "Result / One-Time Filter: false", volatile targets
 * computed above a Sort (only for the rows a LIMIT returns), and gram.y's
 * insertSelectOptions checks.
 */
@Timeout(120)
class PlanShapesOnStorageTest extends OneSessionOnStorage {

    @BeforeAll
    static void load() throws Exception {
        q("create table ps (a int, b text)");
        q("insert into ps select i, 'x' || i from generate_series(1, 100) i");
        q("create table lp (a int, b int) partition by list (a)");
        q("create table lp1 partition of lp for values in (1) partition by list (b)");
    }

    static List<String> q(String sql) {
        return DmlOnStorageTest.query(s, sql);
    }

    @Test
    void equalitiesComeLastInTheFilter() {
        assertEquals(List.of("Seq Scan on ps", "  Filter: ((b < 'x5'::text) AND (a = 11))"),
                q("explain (costs off) select * from ps where a = 11 and b < 'x5'"));
        assertEquals(List.of("Seq Scan on ps", "  Filter: ((a > 3) AND (b = 'x7'::text) AND ((a + 1) = 9))"),
                q("explain (costs off) select * from ps where b = 'x7' and a > 3 and a + 1 = 9"));
        assertEquals(List.of("11|x11"), q("select * from ps where a = 11 and b < 'x5'"));
    }

    @Test
    void partitionedTableWithoutLeavesIsAConstantFalseResult() {
        List<String> dummy = List.of("Result", "  One-Time Filter: false");
        assertEquals(dummy, q("explain (costs off) select * from lp"));
        assertEquals(dummy, q("explain (costs off) select * from lp where a = 1"));
        assertEquals(List.of(), q("select * from lp"));
    }

    @Test
    void skipLockedAndWithTiesCannotBeCombined() {
        assertEquals(List.of("E: 42601 SKIP LOCKED and WITH TIES options cannot be used together"),
                q("select a from ps order by a fetch first 1 row with ties for update skip locked"));
        assertEquals(List.of("E: 2201W row count cannot be null in FETCH FIRST ... WITH TIES clause"),
                q("select a from ps order by a fetch first null rows with ties"));
    }

    @Test
    void volatileTargetsAreComputedAboveTheSort() {
        q("create sequence sq");
        assertEquals(List.of("Limit", "  ->  Result", "        ->  Sort", "              Sort Key: b DESC",
                "              ->  Seq Scan on ps"),
                q("explain (costs off) select a, nextval('sq') from ps order by b desc limit 3"));
        assertEquals(List.of("99|1", "98|2", "97|3"), q("select a, nextval('sq') from ps order by b desc limit 3"));
        assertEquals(List.of("3"), q("select currval('sq')"));
    }

    @Test
    void computedSortKeysCastsAndArraysPrintAsRuleutilsDoes() {
        assertEquals(List.of("Sort", "  Sort Key: ((a + 1)), (lower(b)) DESC", "  ->  Seq Scan on ps"),
                q("explain (costs off) select * from ps order by a + 1, lower(b) desc"));
        // order_qual_clauses: the = ANY (one operator over two elements, half of them on average) before the
        // cast and comparison (two)
        assertEquals(List.of("Seq Scan on ps", "  Filter: ((a = ANY ('{1,2}'::integer[])) AND ((a)::numeric < 3.5))"),
                q("explain (costs off) select * from ps where a < 3.5 and a = any('{1,2}')"));
    }

    @Test
    void uncorrelatedScalarSubqueriesAreInitPlansOfTheTopNode() {
        assertEquals(List.of("Result", "  InitPlan 1 (returns $0)", "    ->  Result", "  InitPlan 2 (returns $1)",
                "    ->  Result"), q("explain (costs off) select (select 42) + 1 as x, (select 2)"));
        assertEquals(List.of("Seq Scan on ps", "  Filter: ((a > $1) AND (a < 5))", "  InitPlan 1 (returns $0)",
                "    ->  Result", "  InitPlan 2 (returns $1)", "    ->  Result"),
                q("explain (costs off) select a, (select 1) from ps where a > (select 2) and a < 5"));
        q("begin");
        assertEquals(List.of("Materialize", "  InitPlan 1 (returns $0)", "    ->  Result", "  ->  Result"),
                q("explain (costs off) declare c1 scroll cursor for select (select 42) as x"));
        q("rollback");
    }
}
