package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.DmlOnStorageTest.query;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The built-in range types on the in-process cluster: input with canonical
 * forms, PostgreSQL's malformed-literal details, constructors, accessors,
 * operators, ordering, storage and btree keys. Expected answers recorded from
 * PostgreSQL 15.
 */
@Timeout(120)
class RangesOnStorageTest extends OneSessionOnStorage {

    @Test
    void inputOutputAndCanonicalForms() {
        assertEquals(List.of("[1,5)|[2,6)|[1,6)|empty|empty|empty"), query(s, "select '[1,5)'::int4range,"
                + " '(1,5]'::int4range, '[1,5]'::int4range, '(1,2)'::int4range, 'empty'::int4range, ' EMPTY '::int4range"));
        assertEquals(List.of("[1.5,2.25]|(,5)|(,)|[3,3]|empty"), query(s, "select '[1.5,2.25]'::numrange,"
                + " '(,5)'::numrange, '(,)'::numrange, '[3,3]'::numrange, '[3,3)'::numrange"));
        assertEquals(List.of("[2000-01-01,2000-01-11)|[2000-01-02,2000-01-10)"), query(s,
                "select '[2000-01-01,2000-01-10]'::daterange, '(2000-01-01,2000-01-10)'::daterange"));
        assertEquals(List.of("[\"2000-01-01 10:00:00\",\"2000-01-02 00:00:00\")"),
                query(s, "select '[\"2000-01-01 10:00\",\"2000-01-02 00:00\")'::tsrange"));
        assertEquals(List.of("E: 22P02 malformed range literal: \"[1,2,3)\" | Too many commas."),
                query(s, "select '[1,2,3)'::int4range"));
        assertEquals(List.of("E: 22P02 malformed range literal: \"1,2)\" | Missing left parenthesis or bracket."),
                query(s, "select '1,2)'::int4range"));
        assertEquals(List.of("E: 22P02 malformed range literal: \"[1,2\" | Unexpected end of input."),
                query(s, "select '[1,2'::int4range"));
        assertEquals(List.of("E: 22P02 malformed range literal: \"[1,2)x\" | Junk after right parenthesis or bracket."),
                query(s, "select '[1,2)x'::int4range"));
        assertEquals(List.of("E: 22000 range lower bound must be less than or equal to range upper bound"),
                query(s, "select '[5,1)'::int4range"));
        assertEquals(List.of("E: 22003 integer out of range"), query(s, "select int4range(1, 2147483647, '[]')"));
    }

    @Test
    void constructorsAccessorsAndOperators() {
        assertEquals(List.of("[1,5)|[1,6)|[2,5)|(,5)|[2,)|[1,10)|(1.0,2.5]"), query(s, "select int4range(1,5),"
                + " int4range(1,5,'[]'), int4range(1,5,'()'), int4range(null,5), int4range(1,null,'(]'), int8range(1,10),"
                + " numrange(1.0,2.5,'(]')"));
        assertEquals(List.of("E: 42601 invalid range bound flags"), query(s, "select int4range(1,2,'x]')"));
        assertEquals(List.of("1|5|t|t|f|t|f|\\N|f"), query(s, "select lower(int4range(1,5)), upper(int4range(1,5)),"
                + " isempty(int4range(1,1)), lower_inc('(1,5]'::int4range), upper_inc('(1,5]'::int4range),"
                + " lower_inf('(,5]'::int4range), upper_inf('(,5]'::int4range), lower('empty'::int4range),"
                + " lower_inf('empty'::int4range)"));
        assertEquals(List.of("t|f|t|t|t|t"), query(s, "select int4range(1,10) @> 5, int4range(1,10) @> 10,"
                + " 5 <@ int4range(1,10), int4range(1,10) @> int4range(2,3), int4range(2,3) <@ int4range(1,10),"
                + " int4range(1,10) @> 'empty'::int4range"));
        assertEquals(List.of("t|f|t|t|t|f"), query(s, "select int4range(1,5) && int4range(4,8),"
                + " int4range(1,5) && int4range(5,8), int4range(1,5) << int4range(5,8), int4range(5,8) >> int4range(1,5),"
                + " int4range(1,5) -|- int4range(5,8), numrange(1,2) -|- numrange(2,3,'()')"));
        assertEquals(List.of("[1,8)|[3,5)|[1,5)|empty|[4,10)"), query(s, "select int4range(1,5) + int4range(5,8),"
                + " int4range(1,5) * int4range(3,8), int4range(1,10) - int4range(5,12), int4range(1,5) * int4range(6,8),"
                + " int4range(1,10) - int4range(0,4)"));
        assertEquals(List.of("E: 22000 result of range union would not be contiguous"),
                query(s, "select int4range(1,5) + int4range(7,8)"));
        assertEquals(List.of("E: 22000 result of range difference would not be contiguous"),
                query(s, "select int4range(1,10) - int4range(3,4)"));
        assertEquals(List.of("t|t|t|t|t|t"), query(s, "select int4range(1,5) = int4range(1,5,'[)'),"
                + " int4range(1,5) = '[1,4]'::int4range, int4range(1,5) < int4range(1,6), 'empty'::int4range < int4range(1,2),"
                + " int4range(null,2) < int4range(1,2), numrange(1.0, 2.0) = numrange(1.00, 2.0)"));
    }

    @Test
    void storedRangesOrderAndIndex() {
        query(s, "create table rt (r int4range, d daterange)");
        query(s, "insert into rt values ('[1,5)', '[2000-01-01,2000-01-05)'), ('[3,4]', null), ('empty', 'empty'),"
                + " ('(,2)', '(,)'), (int4range(2,9), daterange('2000-03-01', null))");
        assertEquals(List.of("empty|empty", "(,2)|(,)", "[1,5)|[2000-01-01,2000-01-05)", "[2,9)|[2000-03-01,)",
                "[3,5)|\\N"), query(s, "select r, d from rt order by r"));
        assertEquals(List.of("[1,5)", "[2,9)", "[3,5)"), query(s, "select r from rt where r @> 3 order by r"));
        assertEquals(List.of("E: 42883 function max(int4range) does not exist"), query(s, "select max(r) from rt"));
        query(s, "create table rti (r int4range primary key)");
        assertEquals(List.of("E: 23505 duplicate key value violates unique constraint \"rti_pkey\""
                + " | Key (r)=([1,3)) already exists."), query(s, "insert into rti values ('[1,3)'), ('[1,2]')"));
        query(s, "insert into rti values ('[1,3)'), ('empty'), ('(,0)'), ('[1,)'), ('[1,2)')");
        query(s, "set enable_seqscan = off");
        assertEquals(List.of("empty", "(,0)", "[1,2)", "[1,3)", "[1,)"), query(s, "select r from rti order by r"));
        assertEquals(List.of("[1,3)"), query(s, "select r from rti where r = '[1,2]'"));
        query(s, "reset enable_seqscan");
        query(s, "drop table rt, rti");
    }
}
