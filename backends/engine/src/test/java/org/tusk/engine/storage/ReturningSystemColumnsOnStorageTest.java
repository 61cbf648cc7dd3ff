package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * pg_current_xact_id / txid_current and the written tuple's header in RETURNING (the new
 * version's xmin for INSERT/UPDATE, the deleted one's xmax for DELETE, xmax set by ON CONFLICT
 * DO UPDATE's lock), and 0A000 for a row routed into a partition needing no conversion: every
 * answer recorded from PostgreSQL 15.
 */
@Timeout(90)
class ReturningSystemColumnsOnStorageTest extends OneSessionOnStorage {

    @BeforeAll
    static void load() throws Exception {
        q("CREATE TABLE rs (a int PRIMARY KEY, b text)");
        q("CREATE TABLE rsp (a int, b text) PARTITION BY LIST (a)");
        q("CREATE TABLE rsp1 PARTITION OF rsp FOR VALUES IN (1)");
        q("CREATE TABLE rsp2 (b text, a int)");
        q("ALTER TABLE rsp ATTACH PARTITION rsp2 FOR VALUES IN (2)");
    }

    static List<String> q(String sql) {
        return CatalogOnStorageTest.query(s, sql);
    }

    @Test
    void currentTransactionIdFunctions() {
        q("BEGIN");
        assertEquals(List.of("t"), q("SELECT pg_current_xact_id_if_assigned() IS NULL"));
        assertEquals(List.of("t|t|bigint|xid8"), q("SELECT pg_current_xact_id()::xid = txid_current()::text::xid,"
                + " pg_current_xact_id_if_assigned() = pg_current_xact_id(), pg_typeof(txid_current()),"
                + " pg_typeof(pg_current_xact_id())"));
        q("COMMIT");
        assertEquals(List.of("12|t"), q("SELECT '12'::xid8, '12'::xid8 = '12'::xid8"));
    }

    @Test
    void returningReadsTheWrittenTuplesHeader() {
        assertEquals(List.of("t|0|0|0|(0,1)"), q("INSERT INTO rs VALUES (1, 'a')"
                + " RETURNING xmin = pg_current_xact_id()::xid, xmax, cmin, cmax, ctid"));
        assertEquals(List.of("t|t|0|rs"), q("INSERT INTO rs VALUES (1, 'a') ON CONFLICT (a) DO UPDATE SET b = 'c'"
                + " RETURNING xmin = pg_current_xact_id()::xid, xmax = pg_current_xact_id()::xid, cmin,"
                + " tableoid::regclass"));
        assertEquals(List.of("t|0|0|d"), q("UPDATE rs SET b = 'd'"
                + " RETURNING xmin = pg_current_xact_id()::xid, xmax, cmin, b"));
        assertEquals(List.of("t|t|0"), q("DELETE FROM rs"
                + " RETURNING xmin <> pg_current_xact_id()::xid, xmax = pg_current_xact_id()::xid, cmin"));
    }

    @Test
    void routedRowsWithoutConversionHaveNoSystemColumns() {
        assertEquals(List.of("E: 0A000 cannot retrieve a system column in this context"),
                q("INSERT INTO rsp VALUES (1, 'x') RETURNING xmin = pg_current_xact_id()::xid"));
        assertEquals(List.of("t"), q("INSERT INTO rsp VALUES (2, 'x') RETURNING xmin = pg_current_xact_id()::xid"));
        assertEquals(List.of("rsp1"), q("INSERT INTO rsp VALUES (1, 'x') RETURNING tableoid::regclass"));
        // through the partitions: the new versions' xmin; a row moved into rsp1 (no conversion) fails
        assertEquals(List.of("1|xx|rsp1|t", "2|xx|rsp2|t"), q("UPDATE rsp SET b = b || b"
                + " RETURNING *, tableoid::regclass, xmin = pg_current_xact_id()::xid"));
        assertEquals(List.of("E: 0A000 cannot retrieve a system column in this context"),
                q("UPDATE rsp SET a = 3 - a RETURNING xmin = pg_current_xact_id()::xid"));
        assertEquals(List.of("1|xx|rsp1|t", "2|xx|rsp2|t"), q("DELETE FROM rsp"
                + " RETURNING *, tableoid::regclass, xmax = pg_current_xact_id()::xid"));
    }
}
