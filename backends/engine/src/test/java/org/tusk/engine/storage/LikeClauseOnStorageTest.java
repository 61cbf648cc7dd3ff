package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.DmlOnStorageTest.query;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * CREATE TABLE ... (LIKE source INCLUDING CONSTRAINTS | ALL): the source's CHECK constraints come along
 * under their own names and are enforced on the new table; without INCLUDING none are copied. Expected
 * answers recorded from PostgreSQL 15.
 */
class LikeClauseOnStorageTest extends OneSessionOnStorage {

    @Test
    void includingConstraintsCopiesCheckConstraints() {
        query(s, "create table lsrc (id int primary key, price numeric check (price > 0), qty int default 1"
                + " check (qty >= 0 and qty < 1000))");
        query(s, "create table lall (like lsrc including all)");
        query(s, "create table lcon (like lsrc including constraints)");
        query(s, "create table lnone (like lsrc)");
        assertEquals(List.of("lall|lsrc_price_check", "lall|lsrc_qty_check", "lcon|lsrc_price_check",
                "lcon|lsrc_qty_check"), query(s, "select conrelid::regclass, conname from pg_constraint"
                        + " where contype = 'c' and conrelid in ('lall'::regclass, 'lcon'::regclass, 'lnone'::regclass)"
                        + " order by 1, 2"));
        assertEquals(List.of("E: 23514 new row for relation \"lcon\" violates check constraint \"lsrc_price_check\""
                + " | Failing row contains (1, 0, 1)."), query(s, "insert into lcon values (1, 0, 1)"));
        assertEquals(List.of("INSERT 0 1"), query(s, "insert into lnone values (1, 0, 1)"));
        assertEquals(List.of("INSERT 0 1"), query(s, "insert into lall values (1, 5)"));
        assertEquals(List.of("1"), query(s, "select qty from lall"));
    }
}
