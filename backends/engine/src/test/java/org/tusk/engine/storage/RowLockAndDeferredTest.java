package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.tusk.engine.storage.DmlOnStorageTest.query;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SELECT ... FOR UPDATE/SHARE through the heap's row locks (two sessions of the in-process
 * cluster), READ COMMITTED's re-check of a newer version, and DEFERRABLE foreign keys checked at
 * COMMIT; every expected answer was recorded from PostgreSQL 15.
 */
@Timeout(120)
class RowLockAndDeferredTest extends TwoSessionsOnStorage {

    @Test
    void forUpdateBlocksNowaitFailsSkipLockedSkips() throws Exception {
        query(a, "CREATE TABLE lk (id int PRIMARY KEY, v int)");
        query(a, "INSERT INTO lk VALUES (1, 10), (2, 20)");
        query(a, "BEGIN");
        assertEquals(List.of("UPDATE 1"), query(a, "UPDATE lk SET v = v + 1 WHERE id = 1"));
        assertEquals(List.of("E: 55P03 could not obtain lock on row in relation \"lk\""),
                query(b, "SELECT * FROM lk WHERE id = 1 FOR UPDATE NOWAIT"));
        assertEquals(List.of("2|20"), query(b, "SELECT * FROM lk FOR UPDATE SKIP LOCKED"));
        CompletableFuture<List<String>> blocked = CompletableFuture.supplyAsync(
                () -> query(b, "SELECT * FROM lk WHERE id = 1 FOR SHARE"));
        Thread.sleep(300);
        assertFalse(blocked.isDone(), "FOR SHARE must wait for the updater");
        query(a, "COMMIT");
        assertEquals(List.of("1|11"), blocked.get(30, TimeUnit.SECONDS));   // the newest version, re-fetched

        // the re-check: the newer version no longer satisfies the WHERE clause
        query(a, "BEGIN");
        query(a, "UPDATE lk SET v = 100 WHERE id = 2");
        CompletableFuture<List<String>> rechecked = CompletableFuture.supplyAsync(
                () -> query(b, "SELECT id FROM lk WHERE v < 50 ORDER BY id FOR UPDATE"));
        Thread.sleep(300);
        query(a, "COMMIT");
        assertEquals(List.of("1"), rechecked.get(30, TimeUnit.SECONDS));
        query(a, "DROP TABLE lk");
    }

    @Test
    void lockingClauseErrors() {
        query(a, "CREATE TABLE le (id int)");
        assertEquals(List.of("E: 42P01 relation \"nosuch\" in FOR UPDATE clause not found in FROM clause"),
                query(a, "SELECT * FROM le FOR UPDATE OF nosuch"));
        assertEquals(List.of("E: 0A000 FOR UPDATE is not allowed with aggregate functions"),
                query(a, "SELECT count(*) FROM le FOR UPDATE"));
        query(a, "DROP TABLE le");
    }

    @Test
    void foreignKeyCheckWaitsForConcurrentDelete() throws Exception {
        query(a, "CREATE TABLE fp (id int PRIMARY KEY)");
        query(a, "CREATE TABLE fc (p int REFERENCES fp)");
        query(a, "INSERT INTO fp VALUES (1)");
        query(a, "BEGIN");
        assertEquals(List.of("DELETE 1"), query(a, "DELETE FROM fp WHERE id = 1"));
        CompletableFuture<List<String>> insert = CompletableFuture.supplyAsync(
                () -> query(b, "INSERT INTO fc VALUES (1)"));
        Thread.sleep(300);
        assertFalse(insert.isDone(), "the FK check's FOR KEY SHARE must wait for the deleter");
        query(a, "COMMIT");
        assertEquals(List.of("E: 23503 insert or update on table \"fc\" violates foreign key constraint \"fc_p_fkey\""
                + " | Key (p)=(1) is not present in table \"fp\"."), insert.get(30, TimeUnit.SECONDS));
        query(a, "DROP TABLE fc, fp");
    }

    @Test
    void deferredForeignKeysCheckedAtCommit() {
        query(a, "CREATE TABLE dp (id int PRIMARY KEY)");
        query(a, "CREATE TABLE dc (id int, p int REFERENCES dp DEFERRABLE INITIALLY DEFERRED)");
        query(a, "CREATE TABLE dc2 (p int CONSTRAINT dc2_p_fkey REFERENCES dp DEFERRABLE)");
        query(a, "BEGIN");
        assertEquals(List.of("INSERT 0 1"), query(a, "INSERT INTO dc VALUES (1, 10)"));
        assertEquals(List.of("INSERT 0 1"), query(a, "INSERT INTO dp VALUES (10)"));
        assertEquals(List.of(), query(a, "COMMIT"));
        query(a, "BEGIN");
        query(a, "INSERT INTO dc VALUES (2, 20)");
        assertEquals(List.of("E: 23503 insert or update on table \"dc\" violates foreign key constraint \"dc_p_fkey\""
                + " | Key (p)=(20) is not present in table \"dp\"."), query(a, "COMMIT"));
        assertEquals(List.of("1|10"), query(a, "SELECT * FROM dc"));
        // SET CONSTRAINTS ... IMMEDIATE fires what is queued
        query(a, "BEGIN");
        query(a, "SET CONSTRAINTS dc2_p_fkey DEFERRED");
        assertEquals(List.of("INSERT 0 1"), query(a, "INSERT INTO dc2 VALUES (5)"));
        assertEquals(List.of("E: 23503 insert or update on table \"dc2\" violates foreign key constraint \"dc2_p_fkey\""
                + " | Key (p)=(5) is not present in table \"dp\"."), query(a, "SET CONSTRAINTS dc2_p_fkey IMMEDIATE"));
        query(a, "ROLLBACK");
        // a row deleted again before COMMIT is not checked
        query(a, "BEGIN");
        query(a, "INSERT INTO dc VALUES (4, 40)");
        query(a, "DELETE FROM dc WHERE id = 4");
        assertEquals(List.of(), query(a, "COMMIT"));
        query(a, "CREATE TABLE dc3 (p int CONSTRAINT dc3_nd REFERENCES dp)");
        query(a, "BEGIN");
        assertEquals(List.of("E: 42809 constraint \"dc3_nd\" is not deferrable"),
                query(a, "SET CONSTRAINTS dc3_nd DEFERRED"));
        query(a, "ROLLBACK");
        assertEquals(List.of("dc2_p_fkey|t|f", "dc3_nd|f|f", "dc_p_fkey|t|t"), query(a,
                "SELECT conname, condeferrable, condeferred FROM pg_constraint WHERE conname LIKE 'dc%' ORDER BY 1"));
        query(a, "DROP TABLE dc, dc2, dc3, dp");
    }
}
