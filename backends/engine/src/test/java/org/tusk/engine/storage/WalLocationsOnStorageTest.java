package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.engine.storage.DmlOnStorageTest.query;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * pg_lsn's operators and the WAL location functions, as PostgreSQL 15 answers them (the expected values
 * and errors were taken from a real PostgreSQL 15 given the same statements).
 */
class WalLocationsOnStorageTest extends OneSessionOnStorage {

    @Test
    void pgLsnArithmeticAndComparisons() {
        assertEquals(List.of("-16|11|0/15|0/E"), query(s,
                "SELECT '0/10'::pg_lsn - '0/20'::pg_lsn, pg_wal_lsn_diff('0/10', '0/5'), 5 + '0/10'::pg_lsn,"
                        + " '0/10'::pg_lsn - 2"));
        assertEquals(List.of("1/0|0/1|t|f"), query(s,
                "SELECT max(x), min(x), 'FFFFFFFF/0'::pg_lsn > max(x), '0/1'::pg_lsn >= '1/0' FROM (VALUES ('0/1'::pg_lsn), ('1/0')) v(x)"));
        assertEquals(List.of("18446744073709551615"),
                query(s, "SELECT 'FFFFFFFF/FFFFFFFF'::pg_lsn - '0/0'"));
    }

    @Test
    void pgLsnArithmeticErrors() {
        assertError("22023", "pg_lsn out of range", "SELECT 'FFFFFFFF/FFFFFFFF'::pg_lsn + 1");
        assertError("22023", "pg_lsn out of range", "SELECT '0/1'::pg_lsn - 2::numeric");
        assertError("0A000", "cannot convert infinity to pg_lsn", "SELECT '0/1'::pg_lsn + 'infinity'::numeric");
        assertError("0A000", "cannot subtract NaN from pg_lsn", "SELECT '0/1'::pg_lsn - 'NaN'::numeric");
        assertError("0A000", "cannot add NaN to pg_lsn", "SELECT '0/1'::pg_lsn + 'NaN'::numeric");
    }

    @Test
    void wroteWalMovesTheLocationsInOrder() {
        String before = query(s, "SELECT pg_current_wal_insert_lsn()").get(0);
        query(s, "CREATE TABLE wal_loc (a int, b text)");
        query(s, "INSERT INTO wal_loc SELECT g, repeat('x', 100) FROM generate_series(1, 1000) g");
        List<String> after = query(s, "SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '" + before + "'),"
                + " pg_current_wal_flush_lsn() <= pg_current_wal_lsn(), pg_current_wal_lsn() <= pg_current_wal_insert_lsn(),"
                + " pg_current_wal_flush_lsn() > '" + before + "'");
        String[] f = after.get(0).split("\\|");
        // a thousand 100-byte rows are over 100 kB of WAL; the commit flushed past the starting point
        assertTrue(new BigDecimal(f[0]).compareTo(BigDecimal.valueOf(100_000)) > 0, after.toString());
        assertEquals("t|t|t", f[1] + "|" + f[2] + "|" + f[3]);
    }

    private static void assertError(String sqlState, String message, String sql) {
        assertEquals(List.of("E: " + sqlState + " " + message), query(s, sql));
    }
}
