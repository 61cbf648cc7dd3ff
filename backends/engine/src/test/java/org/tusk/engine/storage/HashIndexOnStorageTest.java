package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hash indexes (CREATE INDEX ... USING hash, kept by {@link HashIndexAccessMethod}):
 * equality scans as bitmap or plain index scans, no ordered or range use, the
 * access method's refusals, and the index kept up to date by DML. Plans, rows and
 * messages recorded from PostgreSQL 15 on the same data.
 */
@Timeout(120)
class HashIndexOnStorageTest extends OneSessionOnStorage {

    @BeforeAll
    static void load() throws Exception {
        q("create table hx (a int, s text)");
        q("insert into hx select i, 'v' || (i % 300) from generate_series(1, 3000) i");
        q("create index hx_s on hx using hash (s)");
        q("analyze hx");
    }

    static List<String> q(String sql) {
        return DmlOnStorageTest.query(s, sql);
    }

    @Test
    void equalityIsABitmapScanWithRecheck() {
        assertEquals(List.of("Bitmap Heap Scan on hx", "  Recheck Cond: (s = 'v7'::text)", "  Filter: (a < 100)",
                "  ->  Bitmap Index Scan on hx_s", "        Index Cond: (s = 'v7'::text)"),
                q("explain (costs off) select * from hx where s = 'v7' and a < 100"));
        assertEquals(List.of("7|v7"), q("select * from hx where s = 'v7' and a < 100"));
        assertEquals(List.of("10"), q("select count(*) from hx where s = 'v8'"));
    }

    @Test
    void withoutBitmapScansAPlainIndexScan() {
        q("set enable_bitmapscan = off");
        try {
            assertEquals(List.of("Index Scan using hx_s on hx", "  Index Cond: (s = 'v8'::text)", "  Filter: (a < 100)"),
                    q("explain (costs off) select * from hx where s = 'v8' and a < 100"));
            assertEquals(List.of("8|v8"), q("select * from hx where s = 'v8' and a < 100"));
        } finally {
            q("reset enable_bitmapscan");
        }
    }

    @Test
    void rangesAndOrderNeverUseAHashIndex() {
        assertEquals(List.of("Limit", "  ->  Sort", "        Sort Key: s", "        ->  Seq Scan on hx",
                "              Filter: (s > 'v7'::text)"),
                q("explain (costs off) select * from hx where s > 'v7' order by s limit 2"));
    }

    @Test
    void dmlMaintainsTheIndex() {
        q("create table hd (a int, s text)");
        q("create index hd_s on hd using hash (s)");
        q("insert into hd select i, 'w' || i from generate_series(1, 50) i");
        q("update hd set s = 'new' where a = 7");
        q("insert into hd values (51, null), (52, 'new')");
        q("set enable_seqscan = off");
        try {
            assertEquals(List.of("7|new", "52|new"), q("select * from hd where s = 'new' order by a"));
            assertEquals(List.of(), q("select * from hd where s = 'w7'"));
            assertEquals(List.of("51|\\N"), q("select * from hd where s is null"));
        } finally {
            q("reset enable_seqscan");
            q("drop table hd");
        }
    }

    @Test
    void catalogRowsNameTheHashAccessMethod() {
        assertEquals(List.of("405|hash|text_ops"), q("select relam, (select amname from pg_am where oid = relam), "
                + "(select opcname from pg_opclass where oid = indclass[0]) from pg_class join pg_index "
                + "on indexrelid = pg_class.oid where relname = 'hx_s'"));
        assertEquals(List.of("CREATE INDEX hx_s ON public.hx USING hash (s)"),
                q("select pg_get_indexdef('hx_s'::regclass)"));
    }

    @Test
    void whatTheAccessMethodCannotDo() {
        for (String[] c : new String[][] {
                {"create unique index on hx using hash (s)", "unique indexes"},
                {"create index on hx using hash (a, s)", "multicolumn indexes"},
                {"create index on hx using hash (a) include (s)", "included columns"},
                {"create index on hx using hash (a desc)", "ASC/DESC options"}}) {
            assertEquals(List.of("E: 0A000 access method \"hash\" does not support " + c[1]), q(c[0]));
        }
    }
}
