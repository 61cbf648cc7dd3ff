package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Tid Scan (tidpath.c, nodeTidscan.c): WHERE ctid = ..., ctid = ANY (...) and ORs of those fetch the
 * versions they name, other quals filtering them; a TID past the page's items or the relation's end
 * finds nothing, and so does an updated row's old version. Plans and rows recorded from PostgreSQL 15.
 */
@Timeout(120)
class TidScanOnStorageTest extends OneSessionOnStorage {

    @BeforeAll
    static void load() throws Exception {
        q("create table tids (a int, b text)");
        q("insert into tids select i, 'r' || i from generate_series(1, 5) i");
    }

    static List<String> q(String sql) {
        return DmlOnStorageTest.query(s, sql);
    }

    @Test
    void ctidQualsFetchTheVersionsTheyName() {
        assertEquals(List.of("Tid Scan on tids", "  TID Cond: (ctid = '(0,2)'::tid)"),
                q("explain (costs off) select a from tids where ctid = '(0,2)'"));
        assertEquals(List.of("(0,2)|2"), q("select ctid, a from tids where ctid = '(0,2)'"));
        assertEquals("Tid Scan on tids", q("explain (costs off) select a from tids where ctid = any(array['(0,1)','(0,3)']::tid[])")
                .get(0));
        // sorted, each once, NULL naming nothing
        assertEquals(List.of("1", "3"), q("select a from tids where ctid = any(array['(0,3)','(0,1)','(0,3)', null]::tid[])"));
        assertEquals(List.of("Tid Scan on tids", "  TID Cond: ((ctid = '(0,1)'::tid) OR (ctid = '(0,4)'::tid))"),
                q("explain (costs off) select a from tids where ctid = '(0,1)' or ctid = '(0,4)'"));
        assertEquals(List.of("1", "4"), q("select a from tids where ctid = '(0,4)' or ctid = '(0,1)'"));
        assertEquals(List.of("Tid Scan on tids", "  TID Cond: (ctid = '(0,2)'::tid)", "  Filter: (a > 1)"),
                q("explain (costs off) select a from tids where ctid = '(0,2)' and a > 1"));
        assertEquals(List.of("2"), q("select a from tids where ctid = '(0,2)' and a > 1"));
        assertEquals(List.of(), q("select a from tids where ctid = '(0,99)'"));
        assertEquals(List.of(), q("select a from tids where ctid = '(99,1)'"));
        assertEquals(List.of(), q("select a from tids where ctid = '(4294967295,1)'"));
    }

    @Test
    void anUpdatedRowsOldVersionIsNotFollowed() {
        q("create table tidu (a int, b text)");
        q("insert into tidu select i, 'r' || i from generate_series(1, 5) i");
        q("update tidu set b = 'x' where a = 2");
        assertEquals(List.of(), q("select a, b from tidu where ctid = '(0,2)'"));
        assertEquals(List.of("2|x"), q("select a, b from tidu where ctid = '(0,6)'"));
        assertEquals(List.of("Tid Scan on tidu (actual rows=0 loops=1)", "  TID Cond: (ctid = '(0,2)'::tid)",
                "  Filter: (a > 2)"),
                q("explain (analyze, costs off, timing off, summary off) select a from tidu where ctid = '(0,2)' and a > 2"));
    }
}
