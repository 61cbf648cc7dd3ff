package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.CatalogOnStorageTest.query;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CREATE AGGREGATE (old and new syntax, SQL and PL/pgSQL transition functions,
 * agg(*)) as plain and window aggregates, and user set-returning functions in
 * FROM and the select list. Answers recorded from PostgreSQL 15.
 */
@Timeout(90)
class AggregateAndSrfOnStorageTest extends TwoSessionsOnStorage {

    @Test
    void userAggregates() {
        assertEquals(List.of(), query(a, "CREATE AGGREGATE newavg (sfunc = int4_avg_accum, basetype = int4,"
                + " stype = _int8, finalfunc = int8_avg, initcond1 = '{0,0}')"));
        query(a, "CREATE AGGREGATE newsum (sfunc1 = int4pl, basetype = int4, stype1 = int4, initcond1 = '0')");
        query(a, "CREATE AGGREGATE newcnt (*) (sfunc = int8inc, stype = int8, initcond = '0', parallel = safe)");
        query(a, "create function sum3(int8,int8,int8) returns int8 as 'select $1 + $2 + $3' language sql strict");
        query(a, "create aggregate sum2(int8,int8) (sfunc = sum3, stype = int8, initcond = '0')");
        query(a, "create function pl_max(int4, int4) returns int4 language plpgsql strict as"
                + " 'begin if $2 > $1 then return $2; end if; return $1; end'");
        query(a, "create aggregate my_max(int4) (sfunc = pl_max, stype = int4)");
        assertEquals(List.of("5.5000000000000000|10|110|10|55"), query(a, "select newavg(g), newcnt(*), sum2(g, g),"
                + " my_max(g), newsum(g) from generate_series(1, 10) g"));
        assertEquals(List.of("0|\\N|0"), query(a, "select newcnt(*), my_max(g), newsum(g) from generate_series(1, 0) g"));
        assertEquals(List.of("1|1", "2|3", "3|6"),
                query(a, "select g, newsum(g) over (order by g) from generate_series(1, 3) g order by g"));
        assertEquals(List.of("1963|1964|1016|{0,0}"), query(a, "select aggtransfn::oid, aggfinalfn::oid,"
                + " aggtranstype::oid, agginitval from pg_aggregate a join pg_proc p on p.oid = a.aggfnoid"
                + " where proname = 'newavg'"));
        assertEquals(List.of("E: 42883 function nosuch(integer, integer) does not exist"),
                query(a, "create aggregate bad(int4) (sfunc = nosuch, stype = int4)"));
    }

    @Test
    void userSetReturningFunctions() {
        query(a, "create function s1(n int) returns setof int language sql as"
                + " 'select g from generate_series(1, n) g'");
        assertEquals(List.of("1", "2", "3"), query(a, "select * from s1(3)"));
        assertEquals(List.of("1|10", "2|10"), query(a, "select s1(2), 10"));
        query(a, "create function s2(n int) returns table(a int, b text) language plpgsql as $$\n"
                + "begin for i in 1..n loop a := i; b := 'x' || i; return next; end loop; end $$");
        assertEquals(List.of("1|x1", "2|x2"), query(a, "select * from s2(2)"));
        query(a, "create function s3(n int) returns setof text language plpgsql as $$\n"
                + "begin return next 'a'; return query select 'q' || g from generate_series(1, n) g; end $$");
        assertEquals(List.of("a", "q1", "q2"), query(a, "select * from s3(2)"));
        query(a, "create function s4(out a int, out b int) returns setof record language sql as"
                + " 'select 1, 2 union all select 3, 4'");
        assertEquals(List.of("3|4"), query(a, "select * from s4() where a > 1"));
    }

    /**
     * A user composite type and its array type as an aggregate's state type (create_aggregate.sql's
     * aggfstr), and RETURNS SETOF a table's row type (a temporary table's) or a composite type:
     * expanded in FROM, named after the function, whole-row references in the select list and
     * UPDATE ... RETURNING. Answers from PostgreSQL 15.
     */
    @Test
    void compositeStateTypesAndSetofCompositeFunctions() {
        query(a, "create type aggtype as (a integer, b integer, c text)");
        query(a, "create function aggf_trans(aggtype[],integer,integer,text) returns aggtype[]"
                + " as 'select array_append($1,ROW($2,$3,$4)::aggtype)' language sql strict immutable");
        assertEquals(List.of(), query(a, "create aggregate aggfstr(integer,integer,text) (sfunc = aggf_trans,"
                + " stype = aggtype[], initcond = '{}')"));
        assertEquals(List.of("{\"(1,2,x)\",\"(3,4,y)\"}"),
                query(a, "select aggfstr(a,b,c) from (values (1,2,'x'),(3,4,'y')) v(a,b,c)"));
        assertEquals(List.of("t|{}"), query(a, "select aggtranstype = (select typarray from pg_type where"
                + " typname = 'aggtype'), agginitval from pg_aggregate where aggfnoid = 'aggfstr'::regproc"));
        assertEquals(List.of("E: 42883 function aggf_trans(aggtype, integer, integer, text) does not exist"),
                query(a, "create aggregate aggbad(integer,integer,text) (sfunc = aggf_trans, stype = aggtype)"));
        query(a, "create temp table tt (f1 int, f2 text)");
        query(a, "insert into tt values (1, 'a'), (2, 'b')");
        query(a, "create function tt_f() returns setof tt as 'select * from tt' language sql stable");
        query(a, "create type pair as (x int, y text)");
        query(a, "create function pair_f() returns setof pair as 'select f1 * 10, f2 from tt' language sql");
        assertEquals(List.of("2|b"), query(a, "select * from tt_f() where f1 > 1"));
        assertEquals(List.of("a|(1,a)", "b|(2,b)"), query(a, "select tt_f.f2, tt_f from tt_f()"));
        assertEquals(List.of("(10,a)", "(20,b)"), query(a, "select p from pair_f() p"));
        assertEquals(List.of("(10,a)", "(20,b)"), query(a, "update tt set f2 = pair_f.y || '!' from pair_f()"
                + " where pair_f.x = tt.f1 * 10 returning pair_f"));
        assertEquals(List.of("1|a!", "2|b!"), query(a, "select * from tt order by f1"));
        assertEquals(List.of(), query(a, "drop function tt_f()"));
        assertEquals(List.of(), query(a, "drop function pair_f()"));
    }

    /**
     * The catalog side of aggregates: regproc names, CREATE OR REPLACE, DefineAggregate's checks,
     * COMMENT ON / ALTER AGGREGATE, and DROP FUNCTION of a support function needing CASCADE.
     * Answers from PostgreSQL 15.
     */
    @Test
    void aggregateCatalogCommands() {
        query(a, "create function sum3(int8,int8,int8) returns int8 as 'select $1 + $2 + $3' language sql strict immutable");
        query(a, "create aggregate sum2(int8,int8) (sfunc = sum3, stype = int8, initcond = '0')");
        assertEquals(List.of("sum2|sum3|-|0"), query(a, "select aggfnoid, aggtransfn, aggfinalfn, agginitval"
                + " from pg_aggregate where aggfnoid = 'sum2'::regproc"));
        query(a, "create or replace aggregate sum2(int8,int8) (sfunc = sum3, stype = int8, initcond = '10')");
        assertEquals(List.of("20"), query(a, "select sum2(a, b) from (values (1::int8, 2::int8), (3, 4)) v(a, b)"));
        assertEquals(List.of("E: 42P13 cannot change return type of existing function"), query(a,
                "create or replace aggregate sum2(int8,int8) (sfunc = sum3, stype = int8, finalfunc = int8out)"));
        assertEquals(List.of("E: 22023 parameter \"parallel\" must be SAFE, RESTRICTED, or UNSAFE"),
                query(a, "create aggregate bad(int8) (sfunc = sum3, stype = int8, parallel = pear)"));
        assertEquals(List.of("E: 42P13 aggregate sfunc must be specified"),
                query(a, "create aggregate bad (basetype = int4, \"Sfunc\" = int4pl, stype = int4)"));
        assertEquals(List.of("E: 42P13 must specify both or neither of serialization and deserialization functions"),
                query(a, "create aggregate bad(numeric) (stype = internal, sfunc = numeric_avg_accum,"
                        + " serialfunc = numeric_avg_serialize)"));
        assertEquals(List.of("E: 42883 function int4larger(internal, internal) does not exist"),
                query(a, "create aggregate bad(numeric) (stype = internal, sfunc = numeric_avg_accum,"
                        + " combinefunc = int4larger)"));
        query(a, "comment on aggregate sum2(int8, int8) is 'two'");
        assertEquals(List.of("two"), query(a, "select obj_description('sum2'::regproc, 'pg_proc')"));
        assertEquals(List.of("E: 42883 aggregate nosuch(bigint) does not exist"),
                query(a, "comment on aggregate nosuch(int8) is 'x'"));
        query(a, "alter aggregate sum2(int8, int8) rename to sum2b");
        assertEquals(List.of("13"), query(a, "select sum2b(a, b) from (values (1::int8, 2::int8)) v(a, b)"));
        assertEquals(List.of("E: 2BP01 cannot drop function sum3(bigint,bigint,bigint) because other objects"
                + " depend on it"), query(a, "drop function sum3(int8,int8,int8)"));
        query(a, "drop function sum3(int8,int8,int8) cascade");
        assertEquals(List.of("0"), query(a, "select count(*) from pg_proc where proname in ('sum2b', 'sum3')"));
        assertEquals(List.of("E: 42883 function \"nosuch\" does not exist"), query(a, "select 'nosuch'::regproc"));
        assertEquals(List.of("int4pl|177"), query(a, "select 'int4pl'::regproc, 'int4pl'::regproc::oid"));
        // ordered-set aggregates: catalog rows and how their arguments print
        query(a, "create aggregate my_percentile_disc(float8 ORDER BY anyelement) (stype = internal,"
                + " sfunc = ordered_set_transition, finalfunc = percentile_disc_final, finalfunc_extra = true,"
                + " finalfunc_modify = read_write)");
        query(a, "create aggregate my_rank(VARIADIC \"any\" ORDER BY VARIADIC \"any\") (stype = internal,"
                + " sfunc = ordered_set_transition_multi, finalfunc = rank_final, finalfunc_extra = true, hypothetical)");
        query(a, "alter aggregate my_rank(VARIADIC \"any\" ORDER BY VARIADIC \"any\") rename to test_rank");
        assertEquals(List.of("my_percentile_disc|2|0|o|1|w|anyelement|double precision ORDER BY anyelement",
                "test_rank|1|2276|h|1|w|bigint|VARIADIC \"any\" ORDER BY VARIADIC \"any\""),
                query(a, "select p.proname, pronargs, provariadic, aggkind, aggnumdirectargs, aggfinalmodify,"
                        + " prorettype::regtype, pg_get_function_arguments(p.oid) from pg_proc p"
                        + " join pg_aggregate on aggfnoid = p.oid where proname in ('my_percentile_disc', 'test_rank')"
                        + " order by 1"));
    }
}
