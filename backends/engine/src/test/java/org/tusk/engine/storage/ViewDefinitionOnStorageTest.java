package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CREATE VIEW stores the analyzed query as ruleutils prints it (rewrite.QueryDeparser), so
 * pg_get_viewdef(view, true) and psql's {@code \d+} show what PostgreSQL 15 shows; the
 * expected texts are recorded from the reference server. Shapes the deparser does not know
 * keep the statement's text and still work.
 */
@Timeout(90)
class ViewDefinitionOnStorageTest extends OneSessionOnStorage {

    static List<String> q(String sql) {
        return CatalogOnStorageTest.query(s, sql);
    }

    @BeforeAll
    static void tables() {
        q("CREATE TABLE t1 (a int, b text, c numeric(10,2), d varchar(20))");
        q("CREATE TABLE t2 (a int, x int8, y float8)");
        q("CREATE TABLE onek_v (thousand int)");
    }

    private static void view(String name, String query, String expected) {
        assertEquals(List.of(), q("CREATE VIEW " + name + " AS " + query));
        assertEquals(List.of(expected), q("SELECT pg_get_viewdef('" + name + "'::regclass, true)"));
    }

    @Test
    void joinsAndAliases() {
        view("v04", "SELECT p.a, q.y FROM t1 p LEFT JOIN t2 q ON p.a = q.a WHERE q.y IS NULL",
                " SELECT p.a,\n    q.y\n   FROM t1 p\n     LEFT JOIN t2 q ON p.a = q.a\n  WHERE q.y IS NULL;");
        view("v14", "SELECT x + a AS s, y * 2 AS yy, upper(b) FROM t1 NATURAL JOIN t2",
                " SELECT t2.x + t1.a AS s,\n    t2.y * 2::double precision AS yy,\n    upper(t1.b) AS upper\n"
                        + "   FROM t1\n     JOIN t2 USING (a);");
        view("v29", "SELECT t1.a, t2.x, z.q FROM t1 JOIN t2 ON t1.a = t2.a LEFT JOIN (SELECT a AS q FROM t1) z ON z.q = t2.a",
                " SELECT t1.a,\n    t2.x,\n    z.q\n   FROM t1\n     JOIN t2 ON t1.a = t2.a\n"
                        + "     LEFT JOIN ( SELECT t1_1.a AS q\n           FROM t1 t1_1) z ON z.q = t2.a;");
        assertEquals(List.of(), q("SELECT * FROM v29"));
    }

    @Test
    void groupingAndOrdering() {
        view("v05", "SELECT a, count(*), sum(c) AS total FROM t1 GROUP BY a HAVING count(*) > 1 ORDER BY a DESC",
                " SELECT t1.a,\n    count(*) AS count,\n    sum(t1.c) AS total\n   FROM t1\n  GROUP BY t1.a\n"
                        + " HAVING count(*) > 1\n  ORDER BY t1.a DESC;");
        view("v15", "SELECT a, b FROM t1 ORDER BY b NULLS FIRST, a LIMIT 10 OFFSET 2",
                " SELECT t1.a,\n    t1.b\n   FROM t1\n  ORDER BY t1.b NULLS FIRST, t1.a\n OFFSET 2\n LIMIT 10;");
    }

    @Test
    void expressionsParenthesesAndCasts() {
        view("v07", "SELECT a + 1 AS a1, a * 2 + 3 AS e, (a + 1) * 2 AS f, -a AS neg, b || 'z' AS bz FROM t1",
                " SELECT t1.a + 1 AS a1,\n    t1.a * 2 + 3 AS e,\n    (t1.a + 1) * 2 AS f,\n    - t1.a AS neg,\n"
                        + "    t1.b || 'z'::text AS bz\n   FROM t1;");
        view("v08", "SELECT a::text AS at, d::text AS dt, c::int AS ci, '5'::int AS five, 1.5 AS n, 'abc' AS s,"
                + " NULL::int AS nul FROM t1",
                " SELECT t1.a::text AS at,\n    t1.d::text AS dt,\n    t1.c::integer AS ci,\n    5 AS five,\n"
                        + "    1.5 AS n,\n    'abc'::text AS s,\n    NULL::integer AS nul\n   FROM t1;");
        view("v11", "SELECT CASE WHEN a > 1 THEN 'big' ELSE 'small' END AS size, coalesce(b, 'none') AS bb FROM t1",
                " SELECT\n        CASE\n            WHEN t1.a > 1 THEN 'big'::text\n            ELSE 'small'::text\n"
                        + "        END AS size,\n    COALESCE(t1.b, 'none'::text) AS bb\n   FROM t1;");
        view("v16", "SELECT NOT (a > 1) AS n, (a > 1) IS TRUE AS t FROM t1 WHERE NOT (a = 1 OR a = 2)",
                " SELECT NOT t1.a > 1 AS n,\n    (t1.a > 1) IS TRUE AS t\n   FROM t1\n  WHERE NOT (t1.a = 1 OR t1.a = 2);");
        view("v20", "SELECT a - (a - 1) AS m, a - a - 1 AS m2, a / 2 * 3 AS m3 FROM t1",
                " SELECT t1.a - (t1.a - 1) AS m,\n    t1.a - t1.a - 1 AS m2,\n    t1.a / 2 * 3 AS m3\n   FROM t1;");
        view("v21", "SELECT a FROM t1 WHERE a + 1 > 2 LIMIT 3",
                " SELECT t1.a\n   FROM t1\n  WHERE (t1.a + 1) > 2\n LIMIT 3;");
    }

    @Test
    void limitAndFetchFirst() {
        String head = " SELECT onek_v.thousand\n   FROM onek_v\n  WHERE onek_v.thousand < 995\n  ORDER BY onek_v.thousand\n";
        String from = "SELECT thousand FROM onek_v WHERE thousand < 995 ORDER BY thousand ";
        view("lv1", from + "FETCH FIRST 5 ROWS WITH TIES OFFSET 10", head + " OFFSET 10\n FETCH FIRST (5) ROWS WITH TIES;");
        view("lv2", from + "OFFSET 10 FETCH FIRST 5 ROWS ONLY", head + " OFFSET 10\n LIMIT 5;");
        view("lv3", from + "FETCH FIRST (NULL+1) ROWS WITH TIES", head + " FETCH FIRST ((NULL::integer + 1)) ROWS WITH TIES;");
        view("lv4", from + "FETCH FIRST (5::bigint) ROWS WITH TIES", head + " FETCH FIRST (5::bigint) ROWS WITH TIES;");
        view("lv5", from + "FETCH FIRST NULL ROWS ONLY", head + " LIMIT ALL;");
    }

    @Test
    void setOperationsAndValues() {
        view("v31", "SELECT a FROM t1 UNION ALL SELECT a FROM t2 EXCEPT SELECT 5",
                "(\n         SELECT t1.a\n           FROM t1\n        UNION ALL\n         SELECT t2.a\n           FROM t2\n"
                        + ") EXCEPT\n SELECT 5 AS a;");
        view("v32", "SELECT a FROM t1 UNION (SELECT a FROM t2 INTERSECT SELECT 3)",
                " SELECT t1.a\n   FROM t1\nUNION (\n         SELECT t2.a\n           FROM t2\n        INTERSECT\n"
                        + "         SELECT 3 AS a\n);");
        view("v33", "VALUES (1.5, 'x'::varchar), (2, NULL)",
                " VALUES (1.5,'x'::character varying), (2,NULL::character varying);");
        view("v34", "(SELECT a FROM t1 ORDER BY a LIMIT 1) UNION SELECT 7",
                "( SELECT t1.a\n   FROM t1\n  ORDER BY t1.a\n LIMIT 1)\nUNION\n SELECT 7 AS a;");
        assertEquals(List.of("7"), q("SELECT * FROM v34 WHERE a = 7"));
    }

    /** Expected texts recorded from PostgreSQL 15's pg_get_viewdef(v, true). */
    @Test
    void aggregatesWithDistinctFilterAndOrderBy() {
        view("v41", "SELECT count(DISTINCT a) AS cd, sum(c) FILTER (WHERE a > 1) AS sf,"
                + " string_agg(b, ',' ORDER BY b DESC) AS sa, count(*) FILTER (WHERE b IS NULL) FROM t1",
                " SELECT count(DISTINCT t1.a) AS cd,\n    sum(t1.c) FILTER (WHERE t1.a > 1) AS sf,\n"
                        + "    string_agg(t1.b, ','::text ORDER BY t1.b DESC) AS sa,\n"
                        + "    count(*) FILTER (WHERE t1.b IS NULL) AS count\n   FROM t1;");
        view("v42", "SELECT b, array_agg(a ORDER BY a NULLS FIRST) FROM t1 GROUP BY b",
                " SELECT t1.b,\n    array_agg(t1.a ORDER BY t1.a NULLS FIRST) AS array_agg\n   FROM t1\n  GROUP BY t1.b;");
        assertEquals(List.of("0|\\N|\\N|0"), q("SELECT * FROM v41"));
        // set operation leaves are siblings: each may name its table as the other does
        view("v43", "SELECT a, b FROM t1 UNION ALL SELECT a, b FROM t1",
                " SELECT t1.a,\n    t1.b\n   FROM t1\nUNION ALL\n SELECT t1.a,\n    t1.b\n   FROM t1;");
    }

    /** Expected texts recorded from PostgreSQL 15's pg_get_viewdef(v, true). */
    @Test
    void sublinks() {
        view("vs1", "SELECT a, (SELECT max(x) FROM t2 WHERE t2.a = t1.a) AS m FROM t1"
                + " WHERE EXISTS (SELECT 1 FROM t2 WHERE t2.y > t1.c) AND a IN (SELECT a FROM t1 WHERE b IS NOT NULL)",
                " SELECT t1.a,\n    ( SELECT max(t2.x) AS max\n           FROM t2\n          WHERE t2.a = t1.a) AS m\n"
                        + "   FROM t1\n  WHERE (EXISTS ( SELECT 1\n           FROM t2\n"
                        + "          WHERE t2.y > t1.c::double precision)) AND (t1.a IN ( SELECT t1_1.a\n"
                        + "           FROM t1 t1_1\n          WHERE t1_1.b IS NOT NULL));");
        view("vs2", "SELECT a FROM t1 WHERE NOT EXISTS (SELECT 1 FROM t1 z WHERE z.a = t1.a AND z.b = 'q')"
                + " OR a <> ALL (SELECT a FROM t2)",
                " SELECT t1.a\n   FROM t1\n  WHERE NOT (EXISTS ( SELECT 1\n           FROM t1 z\n"
                        + "          WHERE z.a = t1.a AND z.b = 'q'::text)) OR (t1.a <> ALL ( SELECT t2.a\n"
                        + "           FROM t2));");
        view("vs3", "SELECT a, ARRAY(SELECT x FROM t2 WHERE t2.a = t1.a) AS xs FROM t1",
                " SELECT t1.a,\n    ARRAY( SELECT t2.x\n           FROM t2\n          WHERE t2.a = t1.a) AS xs\n"
                        + "   FROM t1;");
        assertEquals(List.of(), q("SELECT * FROM vs1"));
        assertEquals(List.of(), q("SELECT * FROM vs2"));
    }

    /** Expected text recorded from PostgreSQL 15's pg_get_viewdef(v, true). */
    @Test
    void withQueries() {
        view("vw1", "WITH w AS (SELECT a, b FROM t1 WHERE a > 1), w2 (x) AS (SELECT a FROM w)"
                + " SELECT * FROM w, w2 WHERE w.a = w2.x",
                " WITH w AS (\n         SELECT t1.a,\n            t1.b\n           FROM t1\n          WHERE t1.a > 1\n"
                        + "        ), w2(x) AS (\n         SELECT w_1.a\n           FROM w w_1\n        )\n"
                        + " SELECT w.a,\n    w.b,\n    w2.x\n   FROM w,\n    w2\n  WHERE w.a = w2.x;");
        assertEquals(List.of(), q("SELECT * FROM vw1"));
    }

    @Test
    void shapesNotDeparsedKeepTheirText() {
        view("vu", "SELECT a, row_number() OVER (ORDER BY a) FROM t1",
                " SELECT a, row_number() OVER (ORDER BY a) FROM t1;");
        assertEquals(List.of(), q("SELECT * FROM vu"));
    }

    /**
     * pg_get_viewdef without pretty (PRETTYFLAG_PAREN off): the same layout, every operator,
     * boolean, test, cast and join parenthesized by itself (PostgreSQL 15's answers); psql's
     * \\d+ asks for the pretty form.
     */
    @Test
    void withoutPrettyEveryOperatorIsParenthesized() {
        q("CREATE TABLE vt (a int, b int, c text)");
        q("CREATE VIEW vp1 AS SELECT a, b + 1 AS b1, (a + b) * 2 AS x FROM vt WHERE a > 1 AND (b < 3 OR c = 'x') ORDER BY a");
        assertEquals(List.of(" SELECT vt.a,\n    (vt.b + 1) AS b1,\n    ((vt.a + vt.b) * 2) AS x\n   FROM vt\n"
                + "  WHERE ((vt.a > 1) AND ((vt.b < 3) OR (vt.c = 'x'::text)))\n  ORDER BY vt.a;"),
                q("SELECT pg_get_viewdef('vp1')"));
        assertEquals(List.of(" SELECT vt.a,\n    vt.b + 1 AS b1,\n    (vt.a + vt.b) * 2 AS x\n   FROM vt\n"
                + "  WHERE vt.a > 1 AND (vt.b < 3 OR vt.c = 'x'::text)\n  ORDER BY vt.a;"),
                q("SELECT pg_get_viewdef('vp1', true)"));
        q("CREATE VIEW vp2 AS SELECT t.a, count(*) FROM vt t JOIN vt u ON t.a = u.b GROUP BY t.a HAVING count(*) > 1");
        assertEquals(List.of(" SELECT t.a,\n    count(*) AS count\n   FROM (vt t\n     JOIN vt u ON ((t.a = u.b)))\n"
                + "  GROUP BY t.a\n HAVING (count(*) > 1);"), q("SELECT pg_get_viewdef('vp2', false)"));
        q("CREATE VIEW vp3 AS SELECT a IS NULL AS n, NOT (a = 1) AS nn, a BETWEEN 1 AND 3 AS bt, -a AS m, "
                + "a::text AS t FROM vt WHERE a IN (SELECT b FROM vt) AND EXISTS (SELECT 1 FROM vt x WHERE x.a = vt.a)");
        assertEquals(List.of(" SELECT (vt.a IS NULL) AS n,\n    (NOT (vt.a = 1)) AS nn,\n"
                + "    ((vt.a >= 1) AND (vt.a <= 3)) AS bt,\n    (- vt.a) AS m,\n    (vt.a)::text AS t\n   FROM vt\n"
                + "  WHERE ((vt.a IN ( SELECT vt_1.b\n           FROM vt vt_1)) AND (EXISTS ( SELECT 1\n"
                + "           FROM vt x\n          WHERE (x.a = vt.a))));"), q("SELECT pg_get_viewdef('vp3'::regclass)"));
        q("DROP TABLE vt CASCADE");
    }
}
