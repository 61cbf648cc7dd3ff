package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Partial, expression, INCLUDE and NULLS NOT DISTINCT btree indexes, ordered
 * index scans and REINDEX on stored tables. Plans, rows, definitions and
 * errors recorded from PostgreSQL 15 (psql -A -t) on the same data.
 */
@Timeout(120)
class IndexOnStorageTest extends OneSessionOnStorage {

    @BeforeAll
    static void load() throws Exception {
        q("create table p (a int, b text, c bool)");
        q("insert into p select i, 'x' || i, i % 2 = 0 from generate_series(1, 1000) i");
        q("create index p_a_part on p (a) where a < 100");
        q("create index on p (lower(b))");
        q("create index p_full on p (a)");
        q("create index p_c_a on p (c, a)");
        q("analyze p");
    }

    static List<String> q(String sql) {
        return DmlOnStorageTest.query(s, sql);
    }

    @Test
    void partialIndexUsedWhenTheQualsImplyItsPredicate() {
        assertEquals(List.of("Index Scan using p_a_part on p", "  Index Cond: (a = 5)"),
                q("explain (costs off) select * from p where a = 5 and a < 100"));
        assertEquals(List.of("Index Only Scan using p_a_part on p", "  Index Cond: (a < 50)"),
                q("explain (costs off) select a from p where a < 50 and a < 100"));
        assertEquals(List.of("99"), q("select count(*) from p where a < 100 and a < 100"));
        // rows entering and leaving the predicate are maintained
        q("begin");
        q("update p set a = a + 1000 where a = 7");
        q("insert into p values (-1, 'neg', true)");
        assertEquals(List.of("-1", "1", "2", "3", "4", "5", "6", "8"),
                q("select a from p where a < 9 and a < 100 order by a"));
        q("rollback");
    }

    @Test
    void expressionIndexMatchesTheSameExpression() {
        // PostgreSQL estimates 1 row from the expression's statistics and picks a plain index scan; without
        // expression statistics Tusk estimates 5 and (as PostgreSQL would for 5) a bitmap scan
        assertEquals(List.of("Bitmap Heap Scan on p", "  Recheck Cond: (lower(b) = 'x5'::text)",
                "  ->  Bitmap Index Scan on p_lower_idx", "        Index Cond: (lower(b) = 'x5'::text)"),
                q("explain (costs off) select * from p where lower(b) = 'x5'"));
        q("set enable_bitmapscan = off");
        assertEquals(List.of("Index Scan using p_lower_idx on p", "  Index Cond: (lower(b) = 'x5'::text)"),
                q("explain (costs off) select * from p where lower(b) = 'x5'"));
        q("reset enable_bitmapscan");
        assertEquals(List.of("5|x5"), q("select a, b from p where lower(b) = 'x5'"));
    }

    @Test
    void expressionIndexOnACastMatchesTheSameCast() {
        // the index expression and the clause are analyzed apart: they match because they are the same cast
        // (the I/O conversion jsonb to text; numeric's length coercion to the same typmod), not by chance
        q("create table pj (j jsonb, n numeric)");
        q("insert into pj select jsonb_build_object('a', i), i / 7.0 from generate_series(1, 1000) i");
        q("create index pj_text on pj ((j::text))");
        q("create index pj_n2 on pj ((n::numeric(10,2)))");
        q("analyze pj");
        // the length coercion is kept as a cast with its typmod (it was stored as the call numeric(n))
        assertEquals(List.of("CREATE INDEX pj_n2 ON public.pj USING btree (((n)::numeric(10,2)))"),
                q("select pg_get_indexdef('pj_n2'::regclass)"));
        q("set enable_seqscan = off");
        q("set enable_bitmapscan = off");
        try {
            assertEquals(List.of("Index Scan using pj_text on pj", "  Index Cond: ((j)::text = '{\"a\": 5}'::text)"),
                    q("explain (costs off) select * from pj where j::text = '{\"a\": 5}'"));
            assertEquals(List.of("{\"a\": 5}|0.71428571428571428571"), q("select * from pj where j::text = '{\"a\": 5}'"));
            assertEquals(List.of("Index Scan using pj_n2 on pj", "  Index Cond: ((n)::numeric(10,2) = 1.29)"),
                    q("explain (costs off) select * from pj where n::numeric(10,2) = 1.29"));
            // another typmod is another expression
            assertEquals(List.of("Seq Scan on pj", "  Filter: ((n)::numeric(10,3) = 1.286)"),
                    q("explain (costs off) select * from pj where n::numeric(10,3) = 1.286"));
        } finally {
            q("reset enable_seqscan");
            q("reset enable_bitmapscan");
        }
    }

    @Test
    void indexOrderProvidesOrderBy() {
        assertEquals(List.of("Limit", "  ->  Index Scan using p_full on p"),
                q("explain (costs off) select * from p order by a limit 3"));
        assertEquals(List.of("Limit", "  ->  Index Scan Backward using p_full on p"),
                q("explain (costs off) select * from p order by a desc limit 3"));
        assertEquals(List.of("1000", "999", "998"), q("select a from p order by a desc limit 3"));
        assertEquals(List.of("Limit", "  ->  Index Scan using p_c_a on p", "        Index Cond: (c = true)"),
                q("explain (costs off) select * from p where c order by a limit 2"));
        assertEquals(List.of("2", "4"), q("select a from p where c order by a limit 2"));
    }

    @Test
    void definitionsAsPostgresPrintsThem() {
        assertEquals(List.of("CREATE INDEX p_a_part ON public.p USING btree (a) WHERE (a < 100)"
                + "|CREATE INDEX p_a_part ON p USING btree (a) WHERE a < 100"
                + "|CREATE INDEX p_lower_idx ON public.p USING btree (lower(b))"),
                q("select pg_get_indexdef('p_a_part'::regclass), pg_get_indexdef('p_a_part'::regclass, 0, true), "
                        + "pg_get_indexdef('p_lower_idx'::regclass)"));
        assertEquals(List.of("(a < 100)"),
                q("select pg_get_expr(indpred, indrelid) from pg_index where indexrelid = 'p_a_part'::regclass"));
        q("create table fx (f1 text, f2 text, a int, b int)");
        q("create index fx_ab on fx ((a + b)) include (b) where a > 5");
        q("create index on fx ((a+b), lower(f2))");
        assertEquals(List.of("CREATE INDEX fx_ab ON public.fx USING btree (((a + b))) INCLUDE (b) WHERE (a > 5)"
                + "|CREATE INDEX fx_ab ON fx USING btree ((a + b)) INCLUDE (b) WHERE a > 5|(a + b)|((a + b))"),
                q("select pg_get_indexdef(oid), pg_get_indexdef(oid, 0, true), pg_get_indexdef(oid, 1, true), "
                        + "pg_get_indexdef(oid, 1, false) from pg_class where relname = 'fx_ab'"));
        assertEquals(List.of("expr|fx_ab", "b|fx_ab", "expr|fx_expr_lower_idx", "lower|fx_expr_lower_idx"),
                q("select attname, attrelid::regclass from pg_attribute where attrelid in "
                        + "(select indexrelid from pg_index where indrelid = 'fx'::regclass) order by 2, attnum"));
    }

    @Test
    void nullsNotDistinctAndReindex() {
        q("create table n (a int, c bool)");
        q("create unique index n_nnd on n (c) nulls not distinct");
        q("insert into n values (1, null)");
        assertEquals(List.of("E: 23505 duplicate key value violates unique constraint \"n_nnd\" | Key (c)=(null) already exists."),
                q("insert into n values (2, null)"));
        List<String> before = q("select relfilenode from pg_class where relname = 'n_nnd'");
        assertEquals(List.of(), q("reindex table n"));
        assertNotEquals(before, q("select relfilenode from pg_class where relname = 'n_nnd'"));
        assertEquals(List.of("1"), q("select a from n where c is null"));
        q("begin");
        assertEquals(List.of("E: 25001 REINDEX CONCURRENTLY cannot run inside a transaction block"),
                q("reindex index concurrently n_nnd"));
        q("rollback");
        q("begin");
        assertEquals(List.of("E: 25001 DROP INDEX CONCURRENTLY cannot run inside a transaction block"),
                q("drop index concurrently n_nnd"));
        q("rollback");
        assertEquals(List.of("E: 0A000 DROP INDEX CONCURRENTLY does not support dropping multiple objects"),
                q("drop index concurrently n_nnd, p_full"));
        assertEquals(List.of("E: 42809 \"n\" is not an index"), q("reindex index n"));
        assertEquals(List.of("E: 0A000 cannot reindex system catalogs concurrently"),
                q("reindex table concurrently pg_class"));
    }

    @Test
    void uniqueBuildOnOneIntegerColumnReportsTheFirstRepeatedKey() {
        // expected: PostgreSQL 15's answers for the same statements
        q("create table ik (a int4, b int8, c int2)");
        q("insert into ik values (9,1,1),(3,2,2),(9,3,3),(3,4,4),(null,5,null),(null,5,null)");
        assertEquals(List.of("E: 23505 could not create unique index \"ik_a\" | Key (a)=(9) is duplicated."),
                q("create unique index ik_a on ik (a)"));
        assertEquals(List.of("E: 23505 could not create unique index \"ik_b\" | Key (b)=(5) is duplicated."),
                q("create unique index ik_b on ik (b)"));
        assertEquals(List.of(), q("create unique index ik_c on ik (c)"));
        assertEquals(List.of("E: 23505 could not create unique index \"ik_cn\" | Key (c)=(null) is duplicated."),
                q("create unique index ik_cn on ik (c) nulls not distinct"));
        q("create table big (k int8)");
        q("insert into big select g * 4294967296 from generate_series(-20000, 20000) g");
        assertEquals(List.of(), q("create unique index big_k on big (k)"));
        q("drop index big_k");
        assertEquals(List.of("INSERT 0 2"), q("insert into big values (-9223372036854775808), (-9223372036854775808)"));
        assertEquals(List.of("E: 23505 could not create unique index \"big_k2\" | Key (k)=(-9223372036854775808) is duplicated."),
                q("create unique index big_k2 on big (k)"));
    }

    @Test
    void failedConcurrentUniqueBuildLeavesAnInvalidIndexThatReindexRepairs() {
        q("create table cic (f1 text, f2 text)");
        q("insert into cic values ('a', 'b'), ('b', 'b')");
        assertEquals(List.of("E: 23505 could not create unique index \"cic_f2\" | Key (f2)=(b) is duplicated."),
                q("create unique index concurrently cic_f2 on cic (f2)"));
        // the entry stays (PostgreSQL committed it before the build): INVALID, not ready
        assertEquals(List.of("false|false"),
                q("select indisvalid || '|' || indisready from pg_index where indexrelid = 'cic_f2'::regclass"));
        // not maintained, not used by plans
        q("insert into cic values ('c', 'b')");
        assertEquals(List.of("Seq Scan on cic", "  Filter: (f2 = 'b'::text)"),
                q("explain (costs off) select * from cic where f2 = 'b'"));
        assertEquals(List.of("3"), q("select count(*) from cic where f2 = 'b'"));
        // REINDEX INDEX CONCURRENTLY fails the same way, leaving an invalid copy named _ccnew
        assertEquals(List.of("E: 23505 could not create unique index \"cic_f2_ccnew\" | Key (f2)=(b) is duplicated."),
                q("reindex index concurrently cic_f2"));
        q("drop index cic_f2_ccnew");
        assertEquals(List.of("E: 23505 could not create unique index \"cic_f2\" | Key (f2)=(b) is duplicated."), q("reindex table cic"));
        q("delete from cic where f1 <> 'a'");
        // REINDEX TABLE CONCURRENTLY skips the invalid index; plain REINDEX repairs it
        q("reindex table concurrently cic");
        assertEquals(List.of("false|false"),
                q("select indisvalid || '|' || indisready from pg_index where indexrelid = 'cic_f2'::regclass"));
        q("reindex table cic");
        assertEquals(List.of("true|true"),
                q("select indisvalid || '|' || indisready from pg_index where indexrelid = 'cic_f2'::regclass"));
        assertEquals(List.of("E: 23505 duplicate key value violates unique constraint \"cic_f2\" | Key (f2)=(b) already exists."),
                q("insert into cic values ('d', 'b')"));
        q("drop table cic");
    }

    @Test
    void nullArmOfATopLevelOrIsDroppedSoTheRestCanUseAnIndex() {
        // PostgreSQL: (a = NULL AND b = NULL) folds to NULL, which canonicalize_qual drops from the OR
        assertEquals(List.of("Index Scan using p_a_part on p", "  Index Cond: (a = 5)"),
                q("explain (costs off) select * from p where (a = 5 and a < 100) or (a = null and b = null)"));
        assertEquals(List.of("1"), q("select count(*) from p where (a = 5) or (a = null and b = null)"));
    }
}
