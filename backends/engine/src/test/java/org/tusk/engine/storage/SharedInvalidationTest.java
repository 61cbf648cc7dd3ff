package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.engine.storage.CatalogOnStorageTest.query;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tusk.api.engine.EngineSession;
import org.tusk.storage.SharedInvalidationQueue;

/**
 * Shared cache invalidation between two backends of one cluster: relcache
 * entries outlive transactions, DDL committed by one backend reaches the
 * other's cache (at transaction start and at lock acquisition, also inside
 * a REPEATABLE READ transaction), an aborted transaction's own entries are
 * dropped, and a backend whose messages were lost resets its cache.
 */
@Timeout(90)
class SharedInvalidationTest extends TwoSessionsOnStorage {

    private static int oid(EngineSession s, String table) {
        return Integer.parseInt(query(s, "SELECT oid FROM pg_class WHERE relname = '" + table + "'").get(0));
    }

    private static boolean cached(EngineSession s, int oid) {
        return ((StorageSession) s).relcache().isCached(oid);
    }

    @Test
    void entriesSurviveTransactionsAndTruncateElsewhereReachesThem() {
        query(a, "CREATE TABLE inv1 (x int4)");
        assertEquals(List.of(), query(a, "INSERT INTO inv1 VALUES (1)"));
        int rel = oid(a, "inv1");
        assertEquals(List.of("1"), query(b, "SELECT x FROM inv1"));
        assertTrue(cached(b, rel), "kept after the transaction ended");
        assertEquals(List.of("1"), query(b, "SELECT x FROM inv1"));
        assertTrue(cached(b, rel));

        // a new relfilenode committed by a: b's entry must go (its old file is removed at a's commit)
        query(a, "TRUNCATE inv1");
        query(a, "INSERT INTO inv1 VALUES (2)");
        assertEquals(List.of("2"), query(b, "SELECT x FROM inv1"));
    }

    @Test
    void abortDropsEntriesBuiltFromUndoneChanges() {
        query(a, "CREATE TABLE inv2 (x int4)");
        query(a, "INSERT INTO inv2 VALUES (1)");
        assertEquals(List.of("1"), query(a, "SELECT x FROM inv2"));
        assertEquals(List.of(), query(a, "BEGIN; TRUNCATE inv2; INSERT INTO inv2 VALUES (5)"));
        assertEquals(List.of("5"), query(a, "SELECT x FROM inv2"));
        query(a, "ROLLBACK");
        assertEquals(List.of("1"), query(a, "SELECT x FROM inv2"));
        assertEquals(List.of("1"), query(b, "SELECT x FROM inv2"));

        // the same under a savepoint
        query(a, "BEGIN; SAVEPOINT s; TRUNCATE inv2; INSERT INTO inv2 VALUES (6)");
        assertEquals(List.of("6"), query(a, "SELECT x FROM inv2"));
        query(a, "ROLLBACK TO s");
        assertEquals(List.of("1"), query(a, "SELECT x FROM inv2"));
        query(a, "COMMIT");
    }

    @Test
    void repeatableReadSeesCurrentDescriptionAfterLock() {
        query(a, "CREATE TABLE inv3 (x int4)");
        query(a, "INSERT INTO inv3 VALUES (1)");
        assertEquals(List.of("1"), query(b, "SELECT x FROM inv3"));
        query(b, "BEGIN ISOLATION LEVEL REPEATABLE READ");
        assertEquals(List.of("1"), query(b, "SELECT count(*) FROM pg_class WHERE relname = 'inv3'"));
        query(a, "TRUNCATE inv3");
        query(a, "INSERT INTO inv3 VALUES (3)");
        // as in PostgreSQL: the new (empty-for-our-snapshot) relfilenode, not the removed one
        assertEquals(List.of(), query(b, "SELECT x FROM inv3"));
        query(b, "COMMIT");
        assertEquals(List.of("3"), query(b, "SELECT x FROM inv3"));
    }

    @Test
    void dropAndCreateElsewhereSeenByName() {
        query(a, "CREATE TABLE inv4 (x int4)");
        assertEquals(List.of(), query(b, "SELECT x FROM inv4"));
        query(a, "DROP TABLE inv4");
        query(a, "CREATE TABLE inv4 (y text)");
        query(a, "INSERT INTO inv4 VALUES ('new')");
        assertEquals(List.of("new"), query(b, "SELECT y FROM inv4"));
        query(a, "CREATE SCHEMA invs");
        query(a, "CREATE TABLE invs.t (z int4)");
        assertEquals(List.of(), query(b, "SELECT z FROM invs.t"));
    }

    @Test
    void lostMessagesResetTheCache() {
        query(a, "CREATE TABLE inv5 (x int4)");
        int rel = oid(a, "inv5");
        assertEquals(List.of(), query(b, "SELECT x FROM inv5"));
        assertTrue(cached(b, rel));
        SharedInvalidationQueue queue = cluster.invalidationQueue();
        List<SharedInvalidationQueue.Message> batch = new ArrayList<>();
        for (int i = 0; i < SharedInvalidationQueue.CAPACITY / 4; i++) {
            batch.add(new SharedInvalidationQueue.Message(SharedInvalidationQueue.RELCACHE, 5, 1_000_000 + i));
        }
        for (int i = 0; i < 5; i++) {
            queue.send(batch);      // 5/4 of the ring: b's unread messages are overwritten
        }
        query(b, "SELECT count(*) FROM pg_namespace WHERE false");
        assertFalse(cached(b, rel), "b reset its cache");
        assertEquals(List.of(), query(b, "SELECT x FROM inv5"));
        assertTrue(cached(b, rel));
    }

    @Test
    void twoSessionsCreatingOneNameAtOnceCannotBothSucceed() throws Exception {
        assertEquals(List.of(), query(a, "BEGIN; CREATE TABLE race (x int4)"));
        java.util.concurrent.CompletableFuture<List<String>> second =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> query(b, "CREATE TABLE race (y text)"));
        Thread.sleep(300);
        assertFalse(second.isDone(), "b waits for a's transaction, as on a unique index");
        query(a, "COMMIT");
        List<String> outcome = second.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(1, outcome.size(), outcome.toString());
        assertTrue(outcome.get(0).startsWith("E: 23505 duplicate key value violates unique constraint \"pg_"),
                outcome.toString());
        assertEquals(List.of("1"), query(b, "SELECT count(*) FROM pg_class WHERE relname = 'race'"));
        assertEquals(List.of("x"), query(b, "SELECT attname FROM pg_attribute WHERE attrelid = 'race'::regclass"
                + " AND attnum > 0"));
        // renaming onto a name in use is refused by the same key
        query(a, "CREATE TABLE race2 (z int4)");
        assertEquals(List.of("E: 42P07 relation \"race\" already exists"), query(b, "ALTER TABLE race2 RENAME TO race"));
    }
}
