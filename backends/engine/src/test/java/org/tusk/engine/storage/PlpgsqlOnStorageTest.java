package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.CatalogOnStorageTest.query;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * LANGUAGE plpgsql functions and DO blocks on real storage: control flow,
 * INTO [STRICT], exception blocks rolling back their subtransaction, syntax
 * errors at CREATE. Answers and messages recorded from PostgreSQL 15.
 */
@Timeout(90)
class PlpgsqlOnStorageTest extends TwoSessionsOnStorage {

    @BeforeAll
    static void load() throws Exception {
        query(a, "CREATE TABLE pt (a int4 unique, b text)");
        query(a, "INSERT INTO pt VALUES (1, 'one'), (2, 'two'), (3, 'three')");
    }

    @Test
    void controlFlowAndQueries() {
        assertEquals(List.of(), query(a, "create function f2(n int) returns int language plpgsql as $$\n"
                + "declare r record; s int := 0; t text;\n"
                + "begin\n"
                + "  for i in 1..n loop s := s + i; end loop;\n"
                + "  for r in select a from pt order by a loop s := s + r.a; end loop;\n"
                + "  for i in reverse 10..1 by 4 loop s := s + i; end loop;\n"
                + "  while s > 100 loop s := s - 100; exit when s < 150; end loop;\n"
                + "  select b into t from pt where a = 2;\n"
                + "  if t = 'two' then s := s * 10; elsif t is null then s := -1; else s := 0; end if;\n"
                + "  return s;\n"
                + "end $$"));
        // 10 (1..4) + 6 (pt) + 10+6+2 = 34, times 10
        assertEquals(List.of("340"), query(a, "select f2(4)"));
        assertEquals(List.of(), query(a, "create function cnt_above(x int) returns bigint language plpgsql stable as"
                + " 'begin return count(*) from pt where a > x; end'"));
        assertEquals(List.of("2"), query(a, "select cnt_above(1)"));
    }

    @Test
    void errorsAsPostgres() {
        assertEquals(List.of(), query(a, "create function inv(x float8) returns float8 language plpgsql as"
                + " $$ begin return 1/x; end $$"));
        assertEquals(List.of("E: 22012 division by zero"), query(a, "select inv(0)"));
        assertEquals(List.of("E: P0003 query returned more than one row"),
                query(a, "do $$ declare x int; begin select a into strict x from pt; end $$"));
        assertEquals(List.of("E: P0002 query returned no rows"),
                query(a, "do $$ declare x int; begin select a into strict x from pt where a < 0; end $$"));
        assertEquals(List.of("E: 42601 syntax error at or near \"foo\""),
                query(a, "create function bad() returns int language plpgsql as $$ begin foo bar; end $$"));
        assertEquals(List.of("E: 22012 boom 1 x"),
                query(a, "do $$ begin raise exception 'boom % %', 1, 'x' using errcode = 'division_by_zero'; end $$"));
        assertEquals(List.of(), query(a, "create function noret() returns int language plpgsql as $$ begin end $$"));
        assertEquals(List.of("E: 2F005 control reached end of function without RETURN"), query(a, "select noret()"));
    }

    @Test
    void exceptionBlockRollsBackItsWork() {
        assertEquals(List.of(), query(a, "create function ins(k int) returns text language plpgsql as $$\n"
                + "begin\n"
                + "  insert into pt values (k + 100, 'x');\n"
                + "  insert into pt values (k, 'dup');\n"
                + "  return 'inserted';\n"
                + "exception when unique_violation then\n"
                + "  return 'caught ' || sqlstate;\n"
                + "end $$"));
        assertEquals(List.of("caught 23505"), query(a, "select ins(1)"));
        assertEquals(List.of("0"), query(a, "select count(*) from pt where a = 101"));
        assertEquals(List.of("inserted"), query(a, "select ins(50)"));
        assertEquals(List.of("2"), query(a, "select count(*) from pt where a in (50, 150)"));
    }
}
