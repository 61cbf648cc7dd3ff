package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.DmlOnStorageTest.query;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * HOT updates through the executor (heapam README, "HOT"): updates that change no indexed
 * column keep the row on its page without new index entries, pruning keeps the page from
 * filling, and every index path (index scans, unique checks, ON CONFLICT, a later CREATE
 * INDEX, VACUUM) still finds the row; an older snapshot keeps seeing its version.
 */
class HotUpdateOnStorageTest extends TwoSessionsOnStorage {

    @Test
    void updatesThatKeepTheKeysStayOnTheirPage() {
        query(a, "CREATE TABLE hu (id int PRIMARY KEY, k int, v int, pad text)");
        query(a, "CREATE INDEX hu_k ON hu (k)");
        query(a, "INSERT INTO hu SELECT g, g, 0, repeat('x', 40) FROM generate_series(1, 3) g");
        List<String> indexPages = query(a, "SELECT pg_relation_size('hu_pkey'), pg_relation_size('hu_k')");
        query(a, "PREPARE bump(int) AS UPDATE hu SET v = v + 1 WHERE id = $1");
        for (int i = 0; i < 400; i++) {
            query(a, "EXECUTE bump(" + (i % 2 + 1) + ")");
        }
        assertEquals(List.of("8192"), query(a, "SELECT pg_relation_size('hu')"), "pruned, not extended");
        assertEquals(indexPages, query(a, "SELECT pg_relation_size('hu_pkey'), pg_relation_size('hu_k')"));
        query(a, "SET enable_seqscan = off");
        query(b, "SET enable_seqscan = off");
        assertEquals(List.of("1|200", "2|200", "3|0"), query(a, "SELECT id, v FROM hu WHERE id <= 3 ORDER BY id"));
        // an older snapshot holds pruning back and keeps seeing its version through the index
        query(b, "BEGIN ISOLATION LEVEL REPEATABLE READ");
        assertEquals(List.of("200"), query(b, "SELECT v FROM hu WHERE id = 2"));
        for (int i = 0; i < 100; i++) {
            query(a, "EXECUTE bump(2)");
        }
        assertEquals(List.of("200"), query(b, "SELECT v FROM hu WHERE id = 2"), "the older snapshot's version");
        query(b, "COMMIT");
        assertEquals(List.of("300"), query(b, "SELECT v FROM hu WHERE id = 2"));
        assertEquals(indexPages, query(a, "SELECT pg_relation_size('hu_pkey'), pg_relation_size('hu_k')"));
        assertEquals(List.of("E: 23505 duplicate key value violates unique constraint \"hu_pkey\" | Key (id)=(1) already exists."),
                query(a, "INSERT INTO hu VALUES (1, 0, 0)"));
        assertEquals(List.of("INSERT 0 0"), query(a, "INSERT INTO hu VALUES (1, 0, 0) ON CONFLICT (id) DO NOTHING"));
        query(a, "INSERT INTO hu VALUES (1, 0, 0) ON CONFLICT (id) DO UPDATE SET v = hu.v + 1000");
        assertEquals(List.of("1200"), query(a, "SELECT v FROM hu WHERE id = 1"));
        // an indexed column changes: a new index entry, the old key finds nothing
        query(a, "UPDATE hu SET k = 10 WHERE id = 1");
        assertEquals(List.of("1"), query(a, "SELECT id FROM hu WHERE k = 10"));
        assertEquals(List.of(), query(a, "SELECT id FROM hu WHERE k = 1"));
        // an index built after HOT updates points at the chains' roots
        query(a, "CREATE INDEX hu_v ON hu (v)");
        assertEquals(List.of("2"), query(a, "SELECT id FROM hu WHERE v = 300"));
        query(a, "VACUUM hu");
        assertEquals(List.of("1|1200", "2|300", "3|0"), query(a, "SELECT id, v FROM hu WHERE id <= 3 ORDER BY id"));
        assertEquals(List.of("2"), query(a, "SELECT id FROM hu WHERE v = 300"));
        query(a, "EXECUTE bump(3)");
        assertEquals(List.of("3"), query(a, "SELECT id FROM hu WHERE v = 1"), "v is indexed now: not HOT");
        query(a, "RESET enable_seqscan");
        query(b, "RESET enable_seqscan");
        query(a, "DEALLOCATE bump");
        query(a, "DROP TABLE hu");
    }
}
