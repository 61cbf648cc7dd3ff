package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.DmlOnStorageTest.query;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A sequential scan applies its relation's quals itself, deforming only the columns they read
 * before a row passes (ExecScan with slot_getsomeattrs): the rows that come out are whole and the
 * same as a filter above the scan gave, whatever columns the qual and the target list read.
 */
@Timeout(120)
class SeqScanQualOnStorageTest extends TwoSessionsOnStorage {

    @Test
    void aQualOnALaterColumnThanTheTargetListAndOnTheFirstColumnOfAnUpdate() {
        query(a, "CREATE TABLE tellers (tid int, bid int, tbalance int, filler char(20))");
        query(a, "INSERT INTO tellers SELECT g, (g - 1) / 10 + 1, 0, NULL FROM generate_series(1, 40) g");
        assertEquals(List.of("Update on tellers", "  ->  Seq Scan on tellers", "        Filter: (tid = 7)"),
                query(a, "EXPLAIN (COSTS OFF) UPDATE tellers SET tbalance = tbalance + 5 WHERE tid = 7"));
        assertEquals(List.of("UPDATE 1"), query(a, "UPDATE tellers SET tbalance = tbalance + 5 WHERE tid = 7"));
        assertEquals(List.of("UPDATE 10"), query(a, "UPDATE tellers SET filler = 'b' || bid WHERE bid = 2"));
        assertEquals(List.of("7|1|5|\\N", "11|2|0|b2                  "),
                query(a, "SELECT * FROM tellers WHERE tid IN (7, 11) ORDER BY tid"));
        // the qual reads the third column, the target list only the first
        assertEquals(List.of("7"), query(a, "SELECT tid FROM tellers WHERE tbalance > 0"));
        // and the fourth, NULL in most rows
        assertEquals(List.of("30"), query(a, "SELECT count(*) FROM tellers WHERE filler IS NULL"));
        assertEquals(List.of("20"), query(a, "SELECT max(tid) FROM tellers WHERE filler IS NOT NULL AND tid > 12"));
        // a qual with a subquery and one reading the ctid: filtered above the scan, same rows
        assertEquals(List.of("1", "2"), query(a,
                "SELECT tid FROM tellers t WHERE tbalance = (SELECT min(tbalance) FROM tellers u WHERE u.tid = t.tid)"
                        + " AND tid < 3 ORDER BY tid"));
        assertEquals(List.of("1"), query(a, "SELECT tid FROM tellers WHERE ctid = '(0,1)'"));
        query(a, "DROP TABLE tellers");
    }

    @Test
    void droppedColumnsAndToastedValuesBeforeAndAfterTheQualsColumn() {
        query(a, "CREATE TABLE d (gone text, a int, big text, b int)");
        query(a, "INSERT INTO d SELECT 'x', g, repeat('v' || g, 3000), g * 10 FROM generate_series(1, 5) g");
        query(a, "ALTER TABLE d DROP COLUMN gone");
        assertEquals(List.of("3|30|6000"), query(a, "SELECT a, b, length(big) FROM d WHERE a = 3"));
        assertEquals(List.of("4|40"), query(a, "SELECT a, b FROM d WHERE b = 40"));
        assertEquals(List.of("2"), query(a, "SELECT a FROM d WHERE big = repeat('v2', 3000)"));
        assertEquals(List.of("UPDATE 1"), query(a, "UPDATE d SET b = b + 1 WHERE a = 5"));
        assertEquals(List.of("5|51|v5v5v5"), query(a, "SELECT a, b, left(big, 6) FROM d WHERE b > 50"));
        query(a, "DROP TABLE d");
    }
}
