package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * WHERE clauses that read no column of their query level (create_gating_plan): tested once by a
 * Result above the plan ("One-Time Filter"), or, folded to false, a dummy relation. The plans are
 * PostgreSQL 15's, recorded from the reference server.
 */
@Timeout(90)
class OneTimeFilterOnStorageTest extends OneSessionOnStorage {

    static List<String> q(String sql) {
        return CatalogOnStorageTest.query(s, sql);
    }

    @BeforeAll
    static void tables() {
        q("create table gt (a int, b int)");
        q("insert into gt values (1, 10), (2, 20)");
    }

    @Test
    void aStableQualWithoutColumnsGatesTheScan() {
        assertEquals(List.of("Result", "  One-Time Filter: (CURRENT_USER = SESSION_USER)", "  ->  Seq Scan on gt"),
                q("explain (costs off) select * from gt where current_user = session_user"));
        assertEquals(List.of("Result", "  Output: a, b", "  One-Time Filter: (CURRENT_USER = SESSION_USER)",
                "  ->  Seq Scan on public.gt", "        Output: a, b", "        Filter: (gt.a = 1)"),
                q("explain (verbose, costs off) select * from gt where current_user = session_user and a = 1"));
        assertEquals(List.of("1|10"), q("select * from gt where current_user = session_user and a = 1"));
        assertEquals(List.of(), q("select * from gt where current_user <> session_user"));
    }

    @Test
    void aFalseQualLeavesNoScan() {
        assertEquals(List.of("Result", "  One-Time Filter: false"),
                q("explain (costs off) select * from gt where 1 = 2 and a = 3"));
        assertEquals(List.of("Result", "  One-Time Filter: false"),
                q("explain (costs off) select * from gt g1, gt g2 where false"));
        assertEquals(List.of(), q("select * from gt g1, gt g2 where false"));
    }

    @Test
    void aVolatileQualStillFiltersEachRow() {
        assertEquals(List.of("Seq Scan on gt", "  Filter: (random() > '0.5'::double precision)"),
                q("explain (costs off) select * from gt where random() > 0.5"));
    }

    /** A qual on an outer column only is tested again for each outer row (the subquery is rescanned). */
    @Test
    void anOuterReferenceIsTestedPerOuterRow() {
        assertEquals(List.of("1|10", "2|\\N"),
                q("select a, (select b from gt g2 where g1.a < 2 order by b limit 1) from gt g1 order by a"));
    }
}
