package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.DmlOnStorageTest.query;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CREATE OPERATOR CLASS and DROP OPERATOR CLASS/FAMILY on the in-process cluster: catalog rows,
 * member dependencies and errors; expected answers recorded from PostgreSQL 15.
 */
@Timeout(120)
class OpClassOnStorageTest extends TwoSessionsOnStorage {

    @Test
    void hashOpClassRowsErrorsAndDrop() {
        assertEquals(List.of(), query(a, "create function h4(value int4, seed int8) returns int8 as"
                + " $$ select value + seed $$ language sql strict immutable"));
        assertEquals(List.of(), query(a, "create operator class oc1 for type int4 using hash as operator 1 =,"
                + " function 2 h4(int4, int8)"));
        assertEquals(List.of("oc1|405|23|f|0|oc1"), query(a, "select opcname, opcmethod, opcintype, opcdefault,"
                + " opckeytype, (select opfname from pg_opfamily f where f.oid = opcfamily) from pg_opclass"
                + " where opcname = 'oc1'"));
        assertEquals(List.of("23|23|1|s|96|405"), query(a, "select amoplefttype, amoprighttype, amopstrategy,"
                + " amoppurpose, amopopr, amopmethod from pg_amop where amopfamily ="
                + " (select opcfamily from pg_opclass where opcname = 'oc1')"));
        assertEquals(List.of("E: 42710 operator class \"oc1\" for access method \"hash\" already exists"),
                query(a, "create operator class oc1 for type int4 using hash as operator 1 ="));
        assertEquals(List.of("E: 22023 invalid operator number 2, must be between 1 and 1"),
                query(a, "create operator class oc3 for type int4 using hash as operator 2 ="));
        assertEquals(List.of("E: 42704 operator family \"nosuch\" does not exist for access method \"hash\""),
                query(a, "create operator class oc3 for type int4 using hash family nosuch as operator 1 ="));
        assertEquals(List.of("E: 42P17 index search operators must return boolean"),
                query(a, "create operator class oc3 for type int4 using hash as operator 1 +"));
        assertEquals(List.of("E: 42P17 hash function 1 must have one argument"),
                query(a, "create operator class oc3 for type int4 using hash as function 1 h4(int4, int8)"));
        assertEquals(List.of("E: 42809 access method \"heap\" is not of type INDEX"),
                query(a, "create operator class oc4 for type int4 using heap as operator 1 ="));
        // function 2 of hash is a soft member (auto dependency on the function, as PostgreSQL records)
        assertEquals(List.of(), query(a, "drop function h4(int4, int8)"));
        assertEquals(List.of(), query(a, "drop operator class oc1 using hash"));
        assertEquals(List.of("1|0"), query(a, "select (select count(*) from pg_opfamily where opfname = 'oc1'),"
                + " (select count(*) from pg_amop where amopfamily = (select oid from pg_opfamily where opfname = 'oc1'))"));
        assertEquals(List.of(), query(a, "drop operator family oc1 using hash"));
        assertEquals(List.of("0"), query(a, "select count(*) from pg_opfamily where opfname = 'oc1'"));
    }
}
