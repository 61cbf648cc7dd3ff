package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.CatalogOnStorageTest.query;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The catalog functions clients' metadata queries call: pg_relation_is_updatable and
 * pg_column_is_updatable (tcop.RelationUpdatability), information_schema._pg_expandarray
 * (func.ExpandArray, pgjdbc), column defaults as pg_get_expr shows them, pg_get_userbyid of
 * predefined roles and pg_operator_is_visible. Expected rows were recorded from PostgreSQL 15.
 */
@Timeout(90)
class CatalogFunctionsOnStorageTest extends TwoSessionsOnStorage {

    @BeforeAll
    static void schema() {
        for (String sql : List.of("create table ut (a int primary key, b text default 'x', c varchar(5) default 'y',"
                + " d char(2) default 'z')", "create view uv1 as select a, b, upper(b) as ub from ut",
                "create view uv2 as select count(*) as n from ut", "create view uv3 as select ub from uv1",
                "create view uv4 as select a from uv1 where a > 0", "create table ix (a int, b int)",
                "create index ix_ba on ix (b, a)")) {
            assertEquals(List.of(), query(a, sql), sql);
        }
    }

    @Test
    void relationAndColumnUpdatability() {
        assertEquals(List.of("28|28|0|16|28"), query(a, "select pg_relation_is_updatable('ut'::regclass, false),"
                + " pg_relation_is_updatable('uv1'::regclass, false), pg_relation_is_updatable('uv2'::regclass, false),"
                + " pg_relation_is_updatable('uv3'::regclass, false), pg_relation_is_updatable('uv4'::regclass, true)"));
        assertEquals(List.of("t|f|f|t"), query(a, "select pg_column_is_updatable('uv1'::regclass, 1::int2, false),"
                + " pg_column_is_updatable('uv1'::regclass, 3::int2, false), pg_column_is_updatable('uv2'::regclass, 1::int2, false),"
                + " pg_column_is_updatable('uv4'::regclass, 1::int2, false)"));
    }

    @Test
    void stringDefaultsShowTheirType() {
        assertEquals(List.of("2|'x'::text", "3|'y'::character varying", "4|'z'::bpchar"),
                query(a, "select adnum, pg_get_expr(adbin, adrelid) from pg_attrdef where adrelid = 'ut'::regclass order by 1"));
        assertEquals(List.of(), query(a, "insert into ut (a) values (1)"));
        assertEquals(List.of("1|x|y|z "), query(a, "select * from ut"));
    }

    @Test
    void expandArrayGivesElementsAndPositions() {
        assertEquals(List.of("1|10", "2|20", "3|30"), query(a, "select (information_schema._pg_expandarray(array[10,20,30])).n,"
                + " (information_schema._pg_expandarray(array[10,20,30])).x"));
        assertEquals(List.of("1|2", "2|1"), query(a, "select (information_schema._pg_expandarray(indkey)).n,"
                + " (information_schema._pg_expandarray(indkey)).x from pg_index"
                + " where indexrelid = (select oid from pg_class where relname = 'ix_ba')"));
        assertEquals(List.of("1|a", "2|b"), query(a, "select x.n, x.x from information_schema._pg_expandarray('{a,b}'::text[]) x"));
    }

    @Test
    void predefinedRoleNamesAndOperatorVisibility() {
        assertEquals(List.of("pg_database_owner|pg_monitor"), query(a, "select pg_get_userbyid(6171), pg_get_userbyid(3373)"));
        assertEquals(List.of("t"), query(a, "select pg_operator_is_visible(oid) from pg_operator"
                + " where oprname = '+' and oprleft = 23 and oprright = 23"));
        assertEquals(List.of("pg_database_owner"), query(a, "select pg_get_userbyid(nspowner) from pg_namespace where nspname = 'public'"));
    }
}
