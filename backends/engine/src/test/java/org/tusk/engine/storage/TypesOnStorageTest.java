package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.*;
import static org.tusk.engine.storage.DmlOnStorageTest.query;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * User-defined types on the in-process cluster: CREATE TYPE (enum, range,
 * composite, shell, base), CREATE DOMAIN, CREATE CAST and their DROPs, as
 * catalog rows and errors; expected answers recorded from PostgreSQL 15.
 */
@Timeout(120)
class TypesOnStorageTest extends TwoSessionsOnStorage {

    /**
     * json(b)_populate_record: the row type of its first argument filled from the object's members
     * (arrays, jsonb, nested composites from objects), missing members from the base record; in FROM its
     * fields are the columns. Answers recorded from PostgreSQL 15.
     */
    @Test
    void populateRecordFillsARowTypeFromJson() {
        assertEquals(List.of(), query(a, "create type jp_inner as (p int, q text)"));
        assertEquals(List.of(), query(a, "create type jp_t as (a int, b text, c int[], d jsonb, e jp_inner)"));
        assertEquals(List.of("1|x|{1,2}|{\"k\": 1}|(7,w)"), query(a, "select * from json_populate_record(null::jp_t,"
                + " '{\"a\":1,\"b\":\"x\",\"c\":[1,2],\"d\":{\"k\":1},\"e\":{\"p\":7,\"q\":\"w\"}}')"));
        assertEquals(List.of("1|x|{1,2}|{\"k\": 1}|(7,)"), query(a, "select * from jsonb_populate_record(null::jp_t,"
                + " '{\"a\":1,\"b\":\"x\",\"c\":[1,2],\"d\":{\"k\":1},\"e\":{\"p\":7}}')"));
        assertEquals(List.of("(1,,,,)"), query(a, "select jsonb_populate_record(null::jp_t, '{\"a\":1}')"));
        assertEquals(List.of("1|w|{3}|\\N|\\N"), query(a,
                "select * from jsonb_populate_record(row(1,'q','{3}',null,null)::jp_t, '{\"b\":\"w\"}')"));
        assertEquals(List.of("\\N"), query(a, "select jsonb_populate_record(null::jp_t, null)"));
        assertEquals(List.of("5|5"), query(a, "select a, b from jsonb_populate_record(null::jp_t, '{\"a\":\"5\",\"b\":5}')"));
        assertEquals(List.of("E: 42804 first argument of jsonb_populate_record must be a row type"),
                query(a, "select * from jsonb_populate_record(1, '{}')"));
        assertEquals(List.of(), query(a, "drop type jp_t, jp_inner"));
    }

    @Test
    void enumRangeCompositeRows() {
        assertEquals(List.of(), query(a, "create type stoplight as enum ('red', 'yellow', 'green')"));
        assertEquals(List.of("stoplight|4|t|e|E|enum_in|enum_out|_stoplight"), query(a,
                "select t.typname, t.typlen, t.typbyval, t.typtype, t.typcategory, (select proname from pg_proc where oid = t.typinput),"
                        + " (select proname from pg_proc where oid = t.typoutput), a.typname"
                        + " from pg_type t join pg_type a on a.oid = t.typarray where t.typname = 'stoplight'"));
        assertEquals(List.of("1|red", "2|yellow", "3|green"), query(a, "select enumsortorder, enumlabel from pg_enum"
                + " where enumtypid = (select oid from pg_type where typname = 'stoplight') order by 1"));
        assertEquals(List.of("E: 42710 type \"stoplight\" already exists"),
                query(a, "create type stoplight as enum ('x')"));
        assertEquals(List.of("E: 42710 enum label \"a\" used more than once"),
                query(a, "create type dupl as enum ('a', 'a')"));
        assertEquals(List.of(), query(a, "create type float8range as range (subtype = float8, subtype_diff = float8mi)"));
        assertEquals(List.of("float8range|r|float8multirange|float8mi"), query(a,
                "select t.typname, t.typtype, m.typname, (select proname from pg_proc where oid = r.rngsubdiff) from pg_range r join pg_type t on t.oid = r.rngtypid"
                        + " join pg_type m on m.oid = r.rngmultitypid where t.typname = 'float8range'"));
        assertEquals(List.of(), query(a, "create type comp as (a int, b text)"));
        assertEquals(List.of("c|C|2290"), query(a,
                "select typtype, typcategory, typinput::oid from pg_type where typname = 'comp'"));
        assertEquals(List.of("E: 2BP01 cannot drop type _comp because type comp requires it"),
                query(a, "drop type _comp"));
        assertEquals(List.of("E: 42809 \"stoplight\" is not a domain"), query(a, "drop domain stoplight"));
        assertEquals(List.of(), query(a, "drop type stoplight, float8range, comp"));
        assertEquals(List.of("0", "0"), List.of(query(a, "select count(*) from pg_type where oid >= 16384").get(0),
                query(a, "select count(*) from pg_enum").get(0)));
    }

    @Test
    void dropIfExistsMessages() {
        assertEquals(List.of("E: 42704 type \"test_type_exists\" does not exist"),
                query(a, "DROP TYPE test_type_exists"));
        assertEquals(List.of(), query(a, "DROP TYPE IF EXISTS test_type_exists"));
        assertEquals(List.of("E: 42704 type \"test_domain_exists\" does not exist"),
                query(a, "DROP DOMAIN test_domain_exists"));
        assertEquals(List.of("E: 42704 cast from type text to type text does not exist"),
                query(a, "DROP CAST (text AS text)"));
        assertEquals(List.of(), query(a, "DROP CAST IF EXISTS (INTEGER AS no_such_schema.bar)"));
        assertEquals(List.of("E: 2BP01 cannot drop type int4 because it is required by the database system"),
                query(a, "DROP TYPE int4"));
    }

    @Test
    void domainRowsAndConstraints() {
        assertEquals(List.of(), query(a,
                "create domain dd as int not null default 3 check (value > 0) constraint c2 check (value < 100)"));
        assertEquals(List.of("d|23|t|3|domain_in|int4out"), query(a,
                "select typtype, typbasetype, typnotnull, typdefault, (select proname from pg_proc where oid = typinput),"
                + " (select proname from pg_proc where oid = typoutput) from pg_type where typname = 'dd'"));
        assertEquals(List.of("c2|c", "dd_check|c"), query(a, "select conname, contype from pg_constraint"
                + " where contypid = (select oid from pg_type where typname = 'dd') order by 1"));
        assertEquals(List.of(), query(a, "drop domain dd"));
        assertEquals(List.of("0"), query(a, "select count(*) from pg_constraint where conname in ('c2', 'dd_check')"));
    }

    @Test
    void shellBaseTypeAndCasts() {
        assertEquals(List.of(), query(a, "create type xfloat4"));
        assertEquals(List.of("p|f"), query(a, "select typtype, typisdefined from pg_type where typname = 'xfloat4'"));
        assertEquals(List.of(), query(a, "create function xfloat4in(cstring) returns xfloat4 immutable strict"
                + " language internal as 'int4in'"));
        assertEquals(List.of(), query(a, "create function xfloat4out(xfloat4) returns cstring immutable strict"
                + " language internal as 'int4out'"));
        assertEquals(List.of(), query(a, "create type xfloat4 (input = xfloat4in, output = xfloat4out, like = float4)"));
        assertEquals(List.of("b|U|4|t|xfloat4in|xfloat4out"), query(a, "select typtype, typcategory, typlen, typbyval,"
                + " (select proname from pg_proc where oid = typinput), (select proname from pg_proc where oid = typoutput)"
                + " from pg_type where typname = 'xfloat4'"));
        assertEquals(List.of(), query(a, "create cast (xfloat4 as float4) without function"));
        assertEquals(List.of(), query(a, "create cast (integer as xfloat4) without function"));
        assertEquals(List.of("E: 42710 cast from type integer to type xfloat4 already exists"),
                query(a, "create cast (integer as xfloat4) without function"));
        assertEquals(List.of("E: 42P17 source and target data types are not physically compatible"),
                query(a, "create cast (xfloat4 as float8) without function"));
        assertEquals(List.of("e|b", "e|b"), query(a, "select castcontext, castmethod from pg_cast where oid >= 16384"));
        assertEquals(List.of("E: 2BP01 cannot drop type xfloat4 because other objects depend on it"
                + " | function xfloat4in(cstring) depends on type xfloat4\nfunction xfloat4out(xfloat4) depends on type"
                + " xfloat4\ncast from xfloat4 to real depends on type xfloat4\ncast from integer to xfloat4 depends on"
                + " type xfloat4"), query(a, "drop type xfloat4"));
        assertEquals(List.of(), query(a, "drop type xfloat4 cascade"));
        assertEquals(List.of("0|0"), query(a, "select (select count(*) from pg_cast where oid >= 16384),"
                + " (select count(*) from pg_proc where proname like 'xfloat4%')"));
    }

    @Test
    void domainChecksOnCastsAndAssignments() {
        query(a, "create domain dd2 as int not null check (value > 0) constraint c2 check (value < 100)");
        assertEquals(List.of("5|7"), query(a, "select 5::dd2, '7'::dd2"));
        assertEquals(List.of("E: 23514 value for domain dd2 violates check constraint \"dd2_check\""),
                query(a, "select 0::dd2"));
        assertEquals(List.of("E: 23514 value for domain dd2 violates check constraint \"c2\""),
                query(a, "select 200::dd2"));
        assertEquals(List.of("E: 23502 domain dd2 does not allow null values"), query(a, "select null::dd2"));
        query(a, "create table tdd (a dd2, b text)");
        assertEquals(List.of("INSERT 0 1"), query(a, "insert into tdd values (5, 'x')"));
        assertEquals(List.of("E: 23514 value for domain dd2 violates check constraint \"dd2_check\""),
                query(a, "insert into tdd values (-1, 'x')"));
        assertEquals(List.of("E: 23514 value for domain dd2 violates check constraint \"c2\""),
                query(a, "update tdd set a = 1000"));
        // the other backend sees the domain (and its constraints) once this one committed it
        assertEquals(List.of("E: 23514 value for domain dd2 violates check constraint \"c2\""),
                query(b, "select 100::dd2"));
        assertEquals(List.of("E: 2BP01 cannot drop type dd2 because other objects depend on it"
                + " | column a of table tdd depends on type dd2"), query(a, "drop domain dd2"));
        assertEquals(List.of(), query(a, "drop domain dd2 cascade"));
        assertEquals(List.of("x"), query(a, "select * from tdd"));
        query(a, "drop table tdd");
    }

    @Test
    void enumInputAndBinaryCoercibleCasts() {
        query(a, "create type light as enum ('red', 'yellow', 'green')");
        assertEquals(List.of("red"), query(a, "select 'red'::light"));
        assertEquals(List.of("E: 22P02 invalid input value for enum light: \"x\""), query(a, "select 'x'::light"));
        query(a, "drop type light");
        query(a, "create type xf4");
        query(a, "create function xf4in(cstring) returns xf4 immutable strict language internal as 'int4in'");
        query(a, "create function xf4out(xf4) returns cstring immutable strict language internal as 'int4out'");
        query(a, "create type xf4 (input = xf4in, output = xf4out, like = float4)");
        query(a, "create cast (xf4 as float4) without function");
        query(a, "create cast (integer as xf4) without function");
        // WITHOUT FUNCTION reinterprets the bits: 0x3f800000 is 1.0 as a float4
        assertEquals(List.of("1065353216|1"), query(a, "select x'3f800000'::integer, x'3f800000'::integer::xf4::float4"));
        assertEquals(List.of("E: 42846 cannot cast type xf4 to double precision"),
                query(a, "select 1::xf4::float8"));
        query(a, "drop type xf4 cascade");
    }

    @Test
    void alterDomainAndAlterTypeAddValue() {
        query(a, "create domain ad as int");
        query(a, "alter domain ad add constraint pos check (value > 0)");
        assertEquals(List.of("E: 23514 value for domain ad violates check constraint \"pos\""), query(a, "select (-1)::ad"));
        query(a, "alter domain ad drop constraint pos");
        assertEquals(List.of("-1"), query(a, "select (-1)::ad"));
        assertEquals(List.of("E: 42704 constraint \"pos\" of domain \"ad\" does not exist"),
                query(a, "alter domain ad drop constraint pos"));
        query(a, "alter domain ad set not null");
        assertEquals(List.of("E: 23502 domain ad does not allow null values"), query(a, "select null::ad"));
        query(a, "alter domain ad drop not null");
        query(a, "alter domain ad set default 42");
        assertEquals(List.of("42"), query(a, "select typdefault from pg_type where typname = 'ad'"));
        assertEquals(List.of("E: 42704 type \"nosuch\" does not exist"), query(a, "alter domain nosuch set not null"));
        query(a, "create type en as enum ('a', 'c')");
        query(a, "alter type en add value 'b' before 'c'");
        query(a, "alter type en add value 'd'");
        assertEquals(List.of("E: 42710 enum label \"a\" already exists"), query(a, "alter type en add value 'a'"));
        assertEquals(List.of("E: 22023 \"nope\" is not an existing enum label"),
                query(a, "alter type en add value 'z' after 'nope'"));
        query(a, "alter type en rename value 'd' to 'e'");
        assertEquals(List.of("a|1", "b|1.5", "c|2", "e|3"), query(a, "select enumlabel, enumsortorder from pg_enum"
                + " where enumtypid = (select oid from pg_type where typname = 'en') order by enumsortorder"));
        assertEquals(List.of("E: 42809 ad is not an enum"), query(a, "alter type ad add value 'x'"));
        query(a, "drop type en");
        query(a, "drop domain ad");
    }

    @Test
    void domainDefaultsTypmodAndNotNullOfOmittedColumns() {
        query(a, "create domain fd2 as varchar(5) default 'zz' check (value <> 'bad')");
        query(a, "create domain nn as int not null");
        query(a, "create table tf2 (a int, b fd2, c nn)");
        assertEquals(List.of("INSERT 0 1"), query(a, "insert into tf2 (a, c) values (1, 1)"));
        assertEquals(List.of("E: 23502 domain nn does not allow null values"), query(a, "insert into tf2 (a) values (2)"));
        assertEquals(List.of("E: 23514 value for domain fd2 violates check constraint \"fd2_check\""),
                query(a, "insert into tf2 values (3, 'bad', 3)"));
        assertEquals(List.of("E: 22001 value too long for type character varying(5)"),
                query(a, "insert into tf2 values (3, 'toolong', 3)"));
        assertEquals(List.of("1|zz|1"), query(a, "select * from tf2"));
        query(a, "drop table tf2");
        query(a, "drop domain fd2");
        query(a, "drop domain nn");
    }
}
