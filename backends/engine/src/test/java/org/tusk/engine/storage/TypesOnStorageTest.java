package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.*;
import static org.tusk.engine.storage.DmlOnStorageTest.query;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.engine.EngineSession;

/**
 * User-defined types on the in-process cluster: CREATE TYPE (enum, range,
 * composite, shell, base), CREATE DOMAIN, CREATE CAST and their DROPs, as
 * catalog rows and errors; expected answers recorded from PostgreSQL 15.
 */
@Timeout(120)
class TypesOnStorageTest {

    @TempDir
    static Path dir;

    static StorageCluster cluster;
    static EngineSession a;
    static EngineSession b;

    @BeforeAll
    static void start() throws Exception {
        cluster = new StorageCluster(dir);
        a = cluster.backend(0).connect("postgres");
        b = cluster.backend(1).connect("postgres");
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
        cluster.close();
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
}
