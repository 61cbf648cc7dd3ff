package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Arrays on stored tables, from the arrays regression file: answers recorded from
 * PostgreSQL 15 (array_ops unique indexes and index range scans, ON CONFLICT DO UPDATE
 * of elements, element length coercion, oversized assignments, arrays of composites,
 * polymorphic SQL set-returning functions).
 */
@Timeout(120)
class ArraysOnStorageTest extends OneSessionOnStorage {

    static List<String> q(String sql) {
        return DmlOnStorageTest.query(s, sql);
    }

    @Test
    void uniqueIndexOnIntArrays() {
        q("create table arr_tbl (f1 int[] unique)");
        for (String v : List.of("{1,2,3}", "{1,2}", "{2,3,4}", "{1,5,3}", "{1,2,10}")) {
            assertEquals(List.of("INSERT 0 1"), q("insert into arr_tbl values ('" + v + "')"));
        }
        assertEquals(List.of("E: 23505 duplicate key value violates unique constraint \"arr_tbl_f1_key\""
                + " | Key (f1)=({1,2,3}) already exists."), q("insert into arr_tbl values ('{1,2,3}')"));
        q("set enable_seqscan to off");
        q("set enable_bitmapscan to off");
        assertEquals(List.of("Index Only Scan using arr_tbl_f1_key on arr_tbl",
                "  Index Cond: ((f1 > '{1,2,3}'::integer[]) AND (f1 <= '{1,5,3}'::integer[]))"),
                q("explain (costs off) select * from arr_tbl where f1 > '{1,2,3}' and f1 <= '{1,5,3}'"));
        assertEquals(List.of("{1,2,10}", "{1,5,3}"), q("select * from arr_tbl where f1 > '{1,2,3}' and f1 <= '{1,5,3}'"));
        assertEquals(List.of("{1,2,3}", "{1,2,10}"), q("select * from arr_tbl where f1 >= '{1,2,3}' and f1 < '{1,5,3}'"));
        q("reset enable_seqscan");
        q("reset enable_bitmapscan");
    }

    @Test
    void onConflictUpdatesElements() {
        q("create table arr_pk_tbl (pk int4 primary key, f1 int[])");
        q("insert into arr_pk_tbl values (1, '{1,2,3}')");
        assertEquals(List.of("1|{3,2,5}", "INSERT 0 1"), q("insert into arr_pk_tbl values (1, '{3,4,5}') on conflict (pk)"
                + " do update set f1[1] = excluded.f1[1], f1[3] = excluded.f1[3] returning pk, f1"));
        assertEquals(List.of("1|{6,7,NULL}", "INSERT 0 1"), q("insert into arr_pk_tbl(pk, f1[1:2]) values (1, '{6,7,8}')"
                + " on conflict (pk) do update set f1[1] = excluded.f1[1], f1[2] = excluded.f1[2],"
                + " f1[3] = excluded.f1[3] returning pk, f1"));
    }

    @Test
    void oversizedAssignmentsAre54000() {
        q("create table arr_big (pk int4 primary key, f1 int[])");
        q("insert into arr_big values (10, '[-2147483648:-2147483647]={1,2}')");
        String tooBig = "E: 54000 array size exceeds the maximum allowed (134217727)";
        assertEquals(List.of(tooBig), q("update arr_big set f1[2147483647] = 42 where pk = 10"));
        assertEquals(List.of(tooBig), q("update arr_big set f1[2147483646:2147483647] = array[4,2] where pk = 10"));
        assertEquals(List.of(tooBig), q("insert into arr_big(pk, f1[0:2147483647]) values (2, '{}')"));
        assertEquals(List.of(tooBig), q("insert into arr_big(pk, f1[-2147483648:2147483647]) values (2, '{}')"));
        assertEquals(List.of(tooBig + " | PL/pgSQL function inline_code_block line 1 at assignment"),
                q("do $$ declare a int[]; begin a := '[-2147483648:-2147483647]={1,2}'::int[];"
                        + " a[2147483647] := 42; end $$"));
    }

    @Test
    void plpgsqlElementAssignment() {
        q("create function fill_arr(n int) returns int[] language plpgsql as $$ declare a int[]; begin"
                + " for i in 1..n loop a[i] := i * 10; end loop; a[n + 2] := -1; a[1:2] := array[7, 8]; return a; end $$");
        assertEquals(List.of("{7,8,30,NULL,-1}"), q("select fill_arr(3)"));
    }

    @Test
    void charElementsAreLengthChecked() {
        q("create table arr_char (f char(5)[])");
        assertEquals(List.of("E: 22001 value too long for type character(5)"),
                q("insert into arr_char values ('{\"too long\"}')"));
        q("insert into arr_char values ('{\"abc\",\"abcde\"}')");
        assertEquals(List.of("{\"abc  \",abcde}"), q("select f from arr_char"));
    }

    @Test
    void fieldOfAnArrayOfCompositesElement() {
        q("create type comptype as (f1 int, f2 text)");
        q("create table comptable (c1 comptype, c2 comptype[])");
        q("insert into comptable values (row(1,'foo'), array[row(2,'bar')::comptype, row(3,'baz')::comptype])");
        q("create type _comptype as enum('fooey')");      // the array type is renamed __comptype
        assertEquals(List.of("baz"), q("select c2[2].f2 from comptable"));
    }

    @Test
    void polymorphicSqlSetReturningFunctionsInFrom() {
        q("create function unnest2(anyarray) returns setof anyelement as $$ select $1[s1][s2]"
                + " from generate_subscripts($1,1) g1(s1), generate_subscripts($1,2) g2(s2) $$ language sql immutable");
        assertEquals(List.of("1", "2", "3", "4", "5", "6"), q("select * from unnest2(array[[1,2,3],[4,5,6]])"));
        assertEquals(List.of("3", "2", "1"), q("select generate_subscripts('[1:3]={a,b,c}'::text[], 1, true)"));
    }

    @Test
    void recordArraysConcatenate() {
        assertEquals(List.of("{\"(1,2)\",\"(3,4)\",\"(1,2)\",\"(3,4)\"}"),
                q("select array_agg(x) || array_agg(x) from (values (row(1,2)), (row(3,4))) v(x)"));
        assertEquals(List.of("{1,2,3}"), q("select '{1,2}'::int[] || '{3}'"));
        assertEquals(List.of("record[]"), q("select pg_typeof(array_agg(x)) from (values (row(1,2))) v(x)"));
    }

    @Test
    void multiArgumentUnnestInFromIsRowsFrom() {
        assertEquals(List.of("1|a", "2|b", "\\N|c"), q("select * from unnest(array[1,2], array['a','b','c']) as u(x,y)"));
    }
}
