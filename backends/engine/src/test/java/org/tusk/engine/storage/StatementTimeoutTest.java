package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.engine.storage.DmlOnStorageTest.query;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * statement_timeout (PostgreSQL: 57014 "canceling statement due to statement
 * timeout"): a long pg_sleep, a wait for a row another transaction holds,
 * and a wait for a table lock end when the time is up; the transaction is
 * aborted, the limit applies to each statement anew, 0 turns it off.
 */
@org.junit.jupiter.api.Timeout(60)
class StatementTimeoutTest extends TwoSessionsOnStorage {

    static final String TIMEOUT = "E: 57014 canceling statement due to statement timeout";

    @BeforeAll
    static void load() throws Exception {
        query(a, "CREATE TABLE st (id int PRIMARY KEY, x int)");
        query(a, "INSERT INTO st VALUES (1, 10), (2, 20)");
    }

    private static long millis(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Test
    void longSleepIsCanceled() {
        query(a, "SET statement_timeout = '200ms'");
        long ms = millis(() -> assertEquals(List.of(TIMEOUT), query(a, "SELECT pg_sleep(5)")));
        assertTrue(ms >= 150 && ms < 2000, ms + " ms");
        // each statement gets the full limit again
        assertEquals(List.of(""), query(a, "SELECT pg_sleep(0.12)"));
        assertEquals(List.of(""), query(a, "SELECT pg_sleep(0.12)"));
        query(a, "SET statement_timeout = 0");
        assertEquals(List.of(""), query(a, "SELECT pg_sleep(0.25)"));
    }

    @Test
    void rowLockWaitIsCanceledAndTheBlockAborted() {
        query(b, "BEGIN");
        assertEquals(List.of("UPDATE 1"), query(b, "UPDATE st SET x = x + 1 WHERE id = 1"));
        query(a, "BEGIN");
        query(a, "SET LOCAL statement_timeout = '300ms'");
        long ms = millis(() -> assertEquals(List.of(TIMEOUT), query(a, "UPDATE st SET x = 0 WHERE id = 1")));
        assertTrue(ms >= 250 && ms < 3000, ms + " ms");
        assertEquals(List.of("E: 25P02 current transaction is aborted, commands ignored until end of transaction block"),
                query(a, "SELECT 1"));
        query(a, "ROLLBACK");
        query(b, "COMMIT");
        assertEquals(List.of("UPDATE 1"), query(a, "UPDATE st SET x = 0 WHERE id = 1"));
        assertEquals(List.of("0"), query(a, "SELECT x FROM st WHERE id = 1"));
    }

    @Test
    void tableLockWaitIsCanceled() {
        query(b, "BEGIN");
        assertEquals(List.of(), query(b, "CREATE INDEX st_x ON st (x)"));   // ShareLock on st until b ends
        query(a, "SET statement_timeout = '250ms'");
        long ms = millis(() -> assertEquals(List.of(TIMEOUT), query(a, "INSERT INTO st VALUES (3, 30)")));
        assertTrue(ms >= 200 && ms < 3000, ms + " ms");
        query(b, "ROLLBACK");
        assertEquals(List.of("INSERT 0 1"), query(a, "INSERT INTO st VALUES (3, 30)"));
        query(a, "RESET statement_timeout");
    }
}
