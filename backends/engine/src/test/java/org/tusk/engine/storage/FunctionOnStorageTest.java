package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.CatalogOnStorageTest.query;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CREATE/DROP FUNCTION on real storage: pg_proc rows, SQL-language bodies
 * (AS, RETURN) called with positional and named parameters, overloading,
 * the validator's errors, other backends seeing new and dropped functions
 * (CATCACHE invalidation). Answers and messages recorded from PostgreSQL 15.
 */
@Timeout(90)
class FunctionOnStorageTest extends TwoSessionsOnStorage {

    @BeforeAll
    static void load() throws Exception {
        query(a, "CREATE TABLE ft (a int4, b text)");
        query(a, "INSERT INTO ft VALUES (1, 'one'), (2, 'two'), (3, 'three')");
    }

    @Test
    void sqlFunctionsRunWithParameters() {
        assertEquals(List.of(), query(a, "create function part_hashint4_noop(value int4, seed int8) returns int8 as $$"
                + " select value + seed; $$ language sql strict immutable parallel safe"));
        assertEquals(List.of("7"), query(a, "select part_hashint4_noop(3, 4)"));
        assertEquals(List.of("\\N"), query(a, "select part_hashint4_noop(null, 4)"));
        assertEquals(List.of(), query(a, "create function r1(a int) returns int return a + 1"));
        assertEquals(List.of("3"), query(b, "select r1(2)"));
        assertEquals(List.of(), query(a, "create function cnt(int) returns int8 as 'select count(*) from ft where a >= $1'"
                + " language sql stable"));
        assertEquals(List.of("1|3", "2|2", "3|1"), query(b, "select a, cnt(a) from ft order by a"));
        // overloading: the text version is chosen for a text argument
        assertEquals(List.of(), query(a, "create function ov(int) returns text as $$ select 'int' $$ language sql"));
        assertEquals(List.of(), query(a, "create function ov(text) returns text as $$ select 'text' $$ language sql"));
        assertEquals(List.of("int|text"), query(b, "select ov(1), ov('x'::text)"));
        assertEquals(List.of("E: 22P02 invalid input syntax for type integer: \"a\""), query(a, "select r1('a')"));
    }

    /**
     * Two analyses of a call of one user function are one expression (equalfuncs.c compares funcids), for
     * SQL and PL/pgSQL functions and for casts WITH FUNCTION: GROUP BY f(a) matches the target f(a).
     */
    @Test
    void callsOfOneUserFunctionAndCastsThroughOneGroupAsOneExpression() {
        assertEquals(List.of(), query(a, "create table fg (a int4, b text)"));
        assertEquals(List.of(), query(a, "insert into fg values (1, 'one'), (2, 'two'), (3, 'three'), (1, 'uno')"));
        assertEquals(List.of(), query(a, "create function g_plus1(int) returns int language sql immutable as 'select $1 + 1'"));
        assertEquals(List.of(), query(a, "create function g_plus2(int) returns int language plpgsql immutable as"
                + " 'begin return $1 + 2; end'"));
        assertEquals(List.of("2|2", "3|1", "4|1"), query(a, "select g_plus1(a), count(*) from fg group by g_plus1(a) order by 1"));
        assertEquals(List.of("3|2", "4|1", "5|1"), query(a, "select g_plus2(a), count(*) from fg group by g_plus2(a) order by 1"));
        assertEquals(List.of("E: 42803 column \"fg.a\" must appear in the GROUP BY clause or be used in an aggregate function"),
                query(a, "select g_plus1(a) from fg group by g_plus2(a)"));
        assertEquals(List.of(), query(a, "create type g_mood as enum ('sad', 'ok', 'happy')"));
        assertEquals(List.of(), query(a, "create function g_mood_of(int) returns g_mood language plpgsql immutable as"
                + " 'begin return (enum_range(null::g_mood))[$1]; end'"));
        assertEquals(List.of(), query(a, "create cast (int as g_mood) with function g_mood_of(int)"));
        assertEquals(List.of("sad|2", "ok|1", "happy|1"), query(a, "select a::g_mood, count(*) from fg group by a::g_mood order by 1"));
        assertEquals(List.of(), query(a, "create function g_rank(g_mood) returns int language plpgsql immutable as"
                + " 'begin return case $1 when ''sad'' then 10 when ''ok'' then 20 else 30 end; end'"));
        assertEquals(List.of(), query(a, "create cast (g_mood as int) with function g_rank(g_mood)"));
        assertEquals(List.of("10|2", "20|1", "30|1"),
                query(a, "select (a::g_mood)::int, count(*) from fg group by (a::g_mood)::int order by 1"));
    }

    @Test
    void createAndDropErrorsAsPostgres() {
        assertEquals(List.of("E: 42P13 return type mismatch in function declared to return integer"),
                query(a, "create function bad() returns int as 'select ''x''::text' language sql"));
        assertEquals(List.of("E: 42703 column \"nosuch\" does not exist"),
                query(a, "create function bad2() returns int as 'select nosuch' language sql"));
        assertEquals(List.of(), query(a, "create function sum3(int8,int8,int8) returns int8 as 'select 1' language sql"));
        assertEquals(List.of("E: 42723 function \"sum3\" already exists with same argument types"),
                query(a, "create function sum3(int8,int8,int8) returns int8 as 'select 1' language sql"));
        assertEquals(List.of("E: 42P13 cannot change return type of existing function"),
                query(a, "create or replace function sum3(int8,int8,int8) returns int4 as 'select 1' language sql"));
        assertEquals(List.of(), query(a, "create or replace function sum3(int8,int8,int8) returns int8 as "
                + "'select $1 + $2 + $3' language sql"));
        assertEquals(List.of("6"), query(b, "select sum3(1, 2, 3)"));
        assertEquals(List.of(), query(a, "drop function sum3(int8,int8,int8)"));
        assertEquals(List.of("E: 42883 function sum3(integer, integer, integer) does not exist"),
                query(b, "select sum3(1, 2, 3)"));
        assertEquals(List.of("E: 42883 function sum3(bigint, bigint, bigint) does not exist"),
                query(a, "drop function sum3(int8,int8,int8)"));
        assertEquals(List.of(), query(a, "create function amb(int) returns int as 'select 1' language sql"));
        assertEquals(List.of(), query(a, "create function amb(text) returns int as 'select 1' language sql"));
        assertEquals(List.of("E: 42725 function name \"amb\" is not unique"), query(a, "drop function amb"));
        assertEquals(List.of("E: 42883 there is no built-in function named \"nosuch\""),
                query(a, "create function x(cstring) returns int language internal as 'nosuch'"));
        assertEquals(List.of("E: 42704 language \"plperlu\" does not exist"),
                query(a, "create function y() returns int language plperlu as 'x'"));
    }

    @Test
    void regressLibraryFunctions() {
        assertEquals(List.of(), query(a, "CREATE FUNCTION binary_coercible(oid, oid) RETURNS bool"
                + " AS ':libdir/regress:dlsuffix', 'binary_coercible' LANGUAGE C STRICT STABLE PARALLEL SAFE"));
        assertEquals(List.of("t|t|f"), query(a, "select binary_coercible(23, 23), binary_coercible(25, 1043),"
                + " binary_coercible(23, 20)"));
        assertEquals(List.of("E: 42883 could not find function \"nosuch\" in file \":libdir/regress:dlsuffix\""),
                query(a, "CREATE FUNCTION nosuch() RETURNS int AS ':libdir/regress:dlsuffix' LANGUAGE C"));
    }
}
