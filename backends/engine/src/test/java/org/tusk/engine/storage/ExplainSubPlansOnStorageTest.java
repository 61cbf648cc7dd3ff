package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * EXPLAIN's InitPlans and SubPlans numbered as subselect.c does and shown under the node that
 * runs them, and EXPLAIN [VERBOSE] of UPDATE and DELETE with the target list PostgreSQL's plan
 * computes (new values, multiple-assignment SubPlans, ctid); plans recorded from PostgreSQL 15
 * (the regression file update's multiple-assignment EXPLAIN among them).
 */
@Timeout(90)
class ExplainSubPlansOnStorageTest extends OneSessionOnStorage {

    static List<String> q(String sql) {
        return CatalogOnStorageTest.query(s, sql);
    }

    @BeforeAll
    static void tables() {
        q("CREATE TABLE update_test (a INT DEFAULT 10, b INT, c TEXT)");
    }

    @Test
    void multipleAssignmentSubPlan() {
        String update = "UPDATE update_test t SET (a, b) = (SELECT b, a FROM update_test s WHERE s.a = t.a) "
                + "WHERE CURRENT_USER = SESSION_USER";
        assertEquals(List.of("Update on update_test t", "  ->  Result",
                "        One-Time Filter: (CURRENT_USER = SESSION_USER)", "        ->  Seq Scan on update_test t",
                "        SubPlan 1 (returns $1,$2)", "          ->  Seq Scan on update_test s",
                "                Filter: (a = t.a)"),
                q("EXPLAIN (COSTS OFF) " + update));
        assertEquals(List.of("Update on public.update_test t", "  ->  Result",
                "        Output: $1, $2, (SubPlan 1 (returns $1,$2)), t.ctid",
                "        One-Time Filter: (CURRENT_USER = SESSION_USER)",
                "        ->  Seq Scan on public.update_test t", "              Output: t.a, t.ctid",
                "        SubPlan 1 (returns $1,$2)", "          ->  Seq Scan on public.update_test s",
                "                Output: s.b, s.a", "                Filter: (s.a = t.a)"),
                q("EXPLAIN (VERBOSE, COSTS OFF) " + update));
    }

    @Test
    void updateAndDeleteTargetLists() {
        assertEquals(List.of("Update on public.update_test t", "  ->  Seq Scan on public.update_test t",
                "        Output: (SubPlan 1), 'x'::text, t.ctid", "        Filter: (t.a > 1)", "        SubPlan 1",
                "          ->  Seq Scan on public.update_test s", "                Output: s.b",
                "                Filter: (s.a = t.a)"),
                q("EXPLAIN (VERBOSE, COSTS OFF) UPDATE update_test t SET a = (SELECT b FROM update_test s "
                        + "WHERE s.a = t.a), c = 'x' WHERE a > 1"));
        assertEquals(List.of("Update on public.update_test t", "  InitPlan 1 (returns $0)", "    ->  Aggregate",
                "          Output: max(update_test.a)", "          ->  Seq Scan on public.update_test",
                "                Output: update_test.a, update_test.b, update_test.c",
                "  ->  Seq Scan on public.update_test t", "        Output: (t.a + 1), $0, t.ctid"),
                q("EXPLAIN (VERBOSE, COSTS OFF) UPDATE update_test t SET a = a + 1, "
                        + "b = (SELECT max(a) FROM update_test)"));
        assertEquals(List.of("Update on public.update_test", "  ->  Seq Scan on public.update_test",
                "        Output: (b + 1), ctid", "        Filter: (update_test.a = 5)"),
                q("EXPLAIN (VERBOSE, COSTS OFF) UPDATE update_test SET b = b + 1 WHERE a = 5"));
        assertEquals(List.of("Delete on public.update_test", "  ->  Seq Scan on public.update_test",
                "        Output: ctid", "        Filter: (update_test.a = 5)"),
                q("EXPLAIN (VERBOSE, COSTS OFF) DELETE FROM update_test WHERE a = 5"));
    }

    @Test
    void subPlansOfASelect() {
        assertEquals(List.of("Seq Scan on public.update_test t", "  Output: t.a, (SubPlan 1)", "  SubPlan 1",
                "    ->  Aggregate", "          Output: max(s.b)", "          ->  Seq Scan on public.update_test s",
                "                Output: s.a, s.b, s.c", "                Filter: (s.a = t.a)"),
                q("EXPLAIN (VERBOSE, COSTS OFF) SELECT a, (SELECT max(b) FROM update_test s WHERE s.a = t.a) "
                        + "FROM update_test t"));
        assertEquals(List.of("Seq Scan on update_test t", "  SubPlan 1", "    ->  Aggregate",
                "          ->  Seq Scan on update_test s", "                Filter: (a = t.a)"),
                q("EXPLAIN (COSTS OFF) SELECT a, (SELECT max(b) FROM update_test s WHERE s.a = t.a) "
                        + "FROM update_test t"));
        assertEquals(List.of("Seq Scan on public.update_test t", "  Output: t.a", "  Filter: (t.b > (SubPlan 1))",
                "  SubPlan 1", "    ->  Aggregate", "          Output: max(s.b)",
                "          ->  Seq Scan on public.update_test s", "                Output: s.a, s.b, s.c",
                "                Filter: (s.a = t.a)"),
                q("EXPLAIN (VERBOSE, COSTS OFF) SELECT a FROM update_test t "
                        + "WHERE b > (SELECT max(b) FROM update_test s WHERE s.a = t.a)"));
        assertEquals(List.of("Result", "  Output: (t.a + 1), (SubPlan 1)",
                "  One-Time Filter: (CURRENT_USER = SESSION_USER)", "  ->  Seq Scan on public.update_test t",
                "        Output: t.a, t.b, t.c", "  SubPlan 1", "    ->  Seq Scan on public.update_test s",
                "          Output: 1", "          Filter: (s.a = t.b)"),
                q("EXPLAIN (VERBOSE, COSTS OFF) SELECT a+1, (SELECT 1 FROM update_test s WHERE s.a = t.b) "
                        + "FROM update_test t WHERE CURRENT_USER = SESSION_USER"));
        assertEquals(List.of("Result", "  Output: (a + 1), b", "  One-Time Filter: (CURRENT_USER = SESSION_USER)",
                "  ->  Seq Scan on public.update_test", "        Output: a, b, c"),
                q("EXPLAIN (VERBOSE, COSTS OFF) SELECT a+1, b FROM update_test WHERE CURRENT_USER = SESSION_USER"));
    }
}
