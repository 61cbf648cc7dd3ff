package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * EXPLAIN VERBOSE's Output lines, schema-qualified scans and qualified sort keys, and the
 * ProjectSet / postponed Result above an explicit Sort (make_sort_input_target), with
 * PostgreSQL 15's plans (recorded from the reference server).
 */
@Timeout(90)
class ExplainVerboseOnStorageTest extends OneSessionOnStorage {

    static List<String> q(String sql) {
        return CatalogOnStorageTest.query(s, sql);
    }

    @BeforeAll
    static void tables() {
        q("create table vt (a int, b int, c text)");
        q("create sequence vs");
    }

    @Test
    void projectSetAboveSort() {
        assertEquals(List.of("Limit", "  Output: a, (generate_series(1, 3)), b", "  ->  ProjectSet",
                "        Output: a, generate_series(1, 3), b", "        ->  Sort", "              Output: a, b",
                "              Sort Key: vt.b", "              ->  Seq Scan on public.vt",
                "                    Output: a, b"),
                q("explain (verbose, costs off) select a, generate_series(1,3) from vt order by b limit 2"));
    }

    @Test
    void volatileTargetAboveSort() {
        assertEquals(List.of("Limit", "  Output: a, (nextval('vs'::regclass)), b", "  ->  Result",
                "        Output: a, nextval('vs'::regclass), b", "        ->  Sort", "              Output: a, b",
                "              Sort Key: vt.b", "              ->  Seq Scan on public.vt",
                "                    Output: a, b"),
                q("explain (verbose, costs off) select a, nextval('vs') from vt order by b limit 2"));
    }

    @Test
    void sortOnSetReturningFunction() {
        String s2 = "generate_series(((random() * '0.1'::double precision))::integer, 2)";
        assertEquals(List.of("Sort", "  Output: (generate_series(0, 2)), (" + s2 + ")", "  Sort Key: (" + s2 + ") DESC",
                "  ->  ProjectSet", "        Output: generate_series(0, 2), " + s2, "        ->  Result"),
                q("explain (verbose, costs off) select generate_series(0,2) as s1,"
                        + " generate_series((random()*.1)::int,2) as s2 order by s2 desc"));
    }

    @Test
    void resjunkSortColumn() {
        assertEquals(List.of("Sort", "  Output: a, c, b", "  Sort Key: vt.b", "  ->  Seq Scan on public.vt",
                "        Output: a, c, b"), q("explain (verbose, costs off) select a, c from vt order by b"));
    }
}
