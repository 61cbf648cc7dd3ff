package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.DmlOnStorageTest.query;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Values of user enum types on the in-process cluster: they order by pg_enum's
 * enumsortorder (not by label text) in comparisons, ORDER BY, min/max and btree
 * indexes, labels added BEFORE/AFTER sort between their neighbours, RENAME VALUE
 * shows in stored rows, and foreign keys compare enum values. Expected answers
 * recorded from PostgreSQL 15.
 */
@Timeout(120)
class EnumsOnStorageTest extends OneSessionOnStorage {

    @Test
    void enumValuesOrderBySortOrder() {
        query(s, "create type mood as enum ('sad', 'ok', 'happy', 'zzz', 'aaa')");
        query(s, "create table et (m mood, n int)");
        query(s, "insert into et values ('zzz',1),('aaa',2),('sad',3),(null,4),('ok',5)");
        assertEquals(List.of("\\N", "sad", "ok", "zzz", "aaa"), query(s, "select m from et order by m nulls first"));
        assertEquals(List.of("zzz", "aaa"), query(s, "select m from et where m > 'ok' order by n"));
        assertEquals(List.of("aaa|sad|2"), query(s, "select max(m), min(m), count(*) filter (where m < 'zzz') from et"));
        assertEquals(List.of("t|f|1"), query(s, "select 'aaa'::mood > 'zzz'::mood, 'aaa'::mood::text > 'zzz'::mood::text,"
                + " enum_cmp('aaa'::mood, 'sad'::mood)"));
        assertEquals(List.of("E: 22P02 invalid input value for enum mood: \"nope\""),
                query(s, "select m from et where m = 'nope'"));
        query(s, "alter type mood add value 'meh' before 'ok'");
        assertEquals(List.of("sad"), query(s, "select m from et where m < 'ok' order by m"));
        assertEquals(List.of("{ok,happy,zzz}|sad|aaa"), query(s,
                "select enum_range('ok'::mood, 'zzz'::mood), enum_first(null::mood), enum_last(m) from et where n = 1"));
        assertEquals(List.of("mood|o"), query(s, "select pg_typeof('ok'::mood), 'ok'::mood::varchar(1)"));

        query(s, "create unique index et_m on et (m)");
        assertEquals(List.of("E: 23505 duplicate key value violates unique constraint \"et_m\" | Key (m)=(zzz) already exists."),
                query(s, "insert into et values ('zzz', 6)"));
        query(s, "set enable_seqscan = off");
        assertEquals(List.of("1", "2"), query(s, "select n from et where m >= 'zzz' order by m"));
        assertEquals(List.of("3"), query(s, "select n from et where m = 'sad'"));
        query(s, "reset enable_seqscan");

        query(s, "alter type mood rename value 'zzz' to 'zzzz'");
        assertEquals(List.of("aaa|2", "zzzz|1", "ok|5", "sad|3", "\\N|4"),
                query(s, "select m, n from et order by m desc nulls last"));
        assertEquals(List.of("{sad,ok,zzzz,aaa,NULL}"), query(s, "select array_agg(m order by m) from et"));

        query(s, "create table ep (k mood primary key)");
        query(s, "create table ec (k mood references ep)");
        query(s, "insert into ep values ('ok')");
        assertEquals(List.of("INSERT 0 1"), query(s, "insert into ec values ('ok')"));
        assertEquals(List.of("E: 23503 insert or update on table \"ec\" violates foreign key constraint \"ec_k_fkey\""
                + " | Key (k)=(sad) is not present in table \"ep\"."),
                query(s, "insert into ec values ('sad')"));
        query(s, "drop table ec, ep, et");
        query(s, "drop type mood");
    }

    @Test
    void addValueBeforeRenumbersWhenNoFloatFitsBetween() {
        query(s, "create type insenum as enum ('L1', 'L2')");
        for (int i = 1; i <= 30; i++) {
            query(s, "alter type insenum add value 'i" + i + "' before 'L2'");
        }
        // PostgreSQL 15: i1..i19 get 2..20 after the renumbering, the later ones fractions above 20
        List<String> rows = query(s, "select enumlabel from pg_enum where enumtypid = 'insenum'::regtype"
                + " order by enumsortorder");
        assertEquals(32, rows.size());
        assertEquals(List.of("L1", "i1", "i2"), rows.subList(0, 3));
        assertEquals(List.of("i29", "i30", "L2"), rows.subList(29, 32));
        assertEquals(List.of("i1|2", "i19|20", "i20|21", "i30|24.992188", "L2|25"), query(s, "select enumlabel,"
                + " enumsortorder from pg_enum where enumtypid = 'insenum'::regtype and enumlabel in"
                + " ('i1', 'i19', 'i20', 'i30', 'L2') order by enumsortorder"));
        query(s, "drop type insenum");
    }

    @Test
    void functionsWithEnumArgumentsAndResults() {
        query(s, "create type fmood as enum ('sad', 'ok', 'happy')");
        query(s, "create type fcolor as enum ('red', 'green')");
        query(s, "create function ef(e fmood) returns text language sql as 'select e::text'");
        query(s, "create function eg(e fmood[]) returns int language sql as 'select array_length(e, 1)'");
        query(s, "create function eh(t text) returns fmood language sql as 'select t::fmood'");
        query(s, "create function ep(e fmood) returns fmood language plpgsql as $$ begin return e; end $$");
        assertEquals(List.of("ok|ok"), query(s, "select ef('ok'), ef('ok'::fmood)"));
        assertEquals(List.of("2|2"), query(s, "select eg('{sad,ok}'), eg(array['sad', 'ok']::fmood[])"));
        assertEquals(List.of("happy|fmood|t"), query(s, "select eh('happy'), pg_typeof(eh('happy')), eh('ok') < 'happy'"));
        assertEquals(List.of("sad|sad"), query(s, "select ep('sad'), ef(eh('sad'))"));
        assertEquals(List.of("E: 22P02 invalid input value for enum fmood: \"nope\""), query(s, "select ef('nope')"));
        query(s, "create table eft (id int, m fmood, ms fmood[])");
        query(s, "insert into eft values (1, 'sad', '{sad,happy}'), (2, 'happy', '{ok}'), (3, null, null)");
        assertEquals(List.of("sad|2", "happy|1", "\\N|\\N"), query(s, "select ef(m), eg(ms) from eft order by id"));
        assertEquals(List.of("sad"), query(s, "select m from eft where m = any('{sad,ok}')"));
        // parameters of two enums: the argument's enum chooses, an untyped literal is ambiguous (PostgreSQL 15)
        query(s, "create function ef(c fcolor) returns text language sql as 'select ''color '' || c::text'");
        assertEquals(List.of("color red|ok"), query(s, "select ef('red'::fcolor), ef('ok'::fmood)"));
        assertEquals(List.of("E: 42725 function ef(unknown) is not unique"), query(s, "select ef('red')"));
        // an enum's array column is not collatable (psql's \d shows no collation)
        assertEquals(List.of("m|0", "ms|0"), query(s,
                "select attname, attcollation from pg_attribute where attrelid = 'eft'::regclass and attnum > 1"));
    }
}
