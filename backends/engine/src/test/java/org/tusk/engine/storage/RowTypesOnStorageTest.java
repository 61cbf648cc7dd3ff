package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.DmlOnStorageTest.query;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Composite (row) values end to end: a named composite type, a table with a composite
 * and a composite-array column, row constructors, whole-row references, field selection
 * and assignment, casts, row comparisons and record ordering. Every expected answer was
 * recorded from PostgreSQL 15 (psql -At; NULL shows as \N here).
 */
class RowTypesOnStorageTest extends TwoSessionsOnStorage {

    @BeforeAll
    static void load() throws Exception {
        query(a, "CREATE TYPE rt_pair AS (a int, b text)");
        query(a, "CREATE TABLE rt_t (id int, p rt_pair, ps rt_pair[])");
        query(a, "INSERT INTO rt_t VALUES (1, ROW(1, 'one'), ARRAY[ROW(1,'x')::rt_pair]), (2, '(2,\"two, too\")', NULL),"
                + " (3, NULL, NULL)");
        query(a, "INSERT INTO rt_t (id, p.a, p.b) VALUES (4, 4, 'four')");
        query(a, "INSERT INTO rt_t (id, p.a) SELECT 5, '5'");
        query(a, "UPDATE rt_t SET p.b = 'uno' WHERE id = 1");
        query(a, "UPDATE rt_t SET ps[2] = ROW(2, 'y') WHERE id = 1");
    }

    @Test
    void compositeColumnsStoreAndPrintLikeRecordOut() {
        assertEquals(List.of("1|(1,uno)|{\"(1,x)\",\"(2,y)\"}", "2|(2,\"two, too\")|\\N", "3|\\N|\\N", "4|(4,four)|\\N",
                "5|(5,)|\\N"), query(a, "SELECT id, p, ps FROM rt_t ORDER BY id"));
        assertEquals(List.of("1|uno|1", "2|two, too|2", "\\N|\\N|\\N", "4|four|4", "5|\\N|5"),
                query(a, "SELECT (p).a, (p).b, (rt_t.p).a FROM rt_t ORDER BY id"));
        assertEquals(List.of("4|four"), query(a, "SELECT (p).* FROM rt_t WHERE id = 4"));
        assertEquals(List.of("y"), query(a, "SELECT ((ps[2])).b FROM rt_t WHERE id = 1"));
    }

    @Test
    void wholeRowReferences() {
        assertEquals(List.of("(2,\"(2,\"\"two, too\"\")\",)"), query(a, "SELECT rt_t FROM rt_t WHERE id = 2"));
        assertEquals(List.of("rt_pair|rt_t|record"),
                query(a, "SELECT pg_typeof(p), pg_typeof(rt_t), pg_typeof(ROW(1, 2)) FROM rt_t WHERE id = 1"));
        assertEquals(List.of("2|(2,\"two, too\")|\\N|2|(2,\"two, too\")|\\N"),
                query(a, "SELECT * FROM rt_t t, LATERAL (VALUES (t.*)) v(a, b, c) WHERE t.id = 2"));
    }

    @Test
    void constructorsAndCasts() {
        assertEquals(List.of("(1,\"a b\",,\"\")|(1,\"(2,\"\"(x)\"\")\")"),
                query(a, "SELECT ROW(1, 'a b', NULL, ''), ROW(1, ROW(2, '(x)'))"));
        assertEquals(List.of("(7,seven)|(8,eight)|nine"),
                query(a, "SELECT '(7,seven)'::rt_pair, ROW(8, 'eight')::rt_pair, ('(9,nine)'::rt_pair).b"));
        assertEquals(List.of("E: 42846 cannot cast type record to rt_pair | Input has too few columns."),
                query(a, "SELECT ROW(1)::rt_pair"));
        assertEquals(List.of("E: 22P02 malformed record literal: \"(1,2,3)\" | Too many columns."),
                query(a, "SELECT '(1,2,3)'::rt_pair"));
    }

    @Test
    void rowComparisons() {
        assertEquals(List.of("t|\\N|t|t|f"), query(a, "SELECT (1, 2) < (1, 3), (1, NULL) = (1, 2),"
                + " (1, 2) IS DISTINCT FROM (1, NULL), ROW(NULL, NULL) IS NULL, ROW(1, NULL) IS NOT NULL"));
        assertEquals(List.of("2"),
                query(a, "SELECT count(*) FROM rt_t WHERE (id, (p).a) IN (VALUES (1, 1), (2, 2), (3, 3))"));
        assertEquals(List.of("4"), query(a, "SELECT count(*) FROM rt_t WHERE (id, (p).a) IN (SELECT id, id FROM rt_t)"));
    }

    @Test
    void recordsSortAndGroup() {
        assertEquals(List.of("(1,a)", "(2,)"),
                query(a, "SELECT DISTINCT x FROM (VALUES (1, 'a'), (1, 'a'), (2, NULL)) AS x ORDER BY x"));
        assertEquals(List.of("(1,a)|2", "(2,)|1"),
                query(a, "SELECT x, count(*) FROM (VALUES (1, 'a'), (1, 'a'), (2, NULL)) AS x GROUP BY x ORDER BY x"));
    }

    @Test
    void assignmentErrorsAsPostgres() {
        assertEquals(List.of("E: 0A000 cannot set a subfield to DEFAULT"),
                query(a, "INSERT INTO rt_t (id, p.a) VALUES (9, DEFAULT)"));
        assertEquals(List.of("E: 42804 column \"id\" is of type integer but expression is of type record"),
                query(a, "UPDATE rt_t SET id = v.* FROM (VALUES (1, 2)) v(i, j)"));
    }
}
