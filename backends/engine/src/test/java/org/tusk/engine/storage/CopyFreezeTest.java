package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.engine.storage.DmlOnStorageTest.query;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.engine.EngineSession;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.heapam.HeapAccessMethod;

/**
 * COPY ... WITH (FREEZE): allowed only into storage created in the current subtransaction
 * (CREATE TABLE, TRUNCATE; 55000 otherwise, 25000 beside an open cursor, as PostgreSQL 15
 * answers); the rows arrive frozen on all-visible pages (no VACUUM needed), other sessions
 * see them once the transaction commits, a rolled-back COPY FREEZE leaves nothing, and a
 * cluster dropped without a checkpoint comes back by redo with the rows, the index and the
 * visibility map bits.
 */
class CopyFreezeTest {

    @TempDir
    static Path dir;

    private static final String NOT_NEW = "E: 55000 cannot perform COPY FREEZE because the table was not created or "
            + "truncated in the current subtransaction";

    @Test
    void frozenCopyRulesVisibilityRollbackAndRecovery() throws Exception {
        StringBuilder rows = new StringBuilder();
        for (int i = 1; i <= 3000; i++) {
            rows.append(i).append('\t').append("row ").append(i).append(" ").append("x".repeat(60)).append('\n');
        }
        Path file = dir.resolve("rows.txt");
        Files.writeString(file, rows);
        Path few = dir.resolve("few.txt");
        Files.writeString(few, "1\ta\n2\tb\n3\tc\n");
        String copy = "COPY fr FROM '" + file + "' WITH (FREEZE ON)";
        String check = "SELECT count(*), sum(id) FROM fr";
        List<String> expected = List.of("3000|4501500");

        StorageCluster cluster = new StorageCluster(dir.resolve("cluster"));
        StorageCluster.Backend second = cluster.backend(1);
        EngineSession a = cluster.backend(0).connect("postgres");
        EngineSession b = second.connect("postgres");
        query(a, "CREATE TABLE fr (id int PRIMARY KEY, v varchar(80))");
        assertEquals(List.of(NOT_NEW), query(a, copy));
        assertEquals(List.of("0|\\N"), query(a, check));

        query(a, "BEGIN");
        query(a, "TRUNCATE fr");
        assertEquals(List.of("COPY 3000"), query(a, copy));
        assertEquals(expected, query(a, check));
        query(a, "COMMIT");
        assertEquals(expected, query(b, check), "visible to another session after commit");
        HeapAccessMethod heap = new HeapAccessMethod(second.storage.buffers(), second.storage.wal(),
                second.storage::status);
        RelFileLocator fr = locator(b, "fr");
        int pages = Integer.parseInt(query(b, "SELECT pg_relation_size('fr') / 8192").get(0));
        assertTrue(pages > 10, "pages: " + pages);
        for (int block = 0; block < pages; block++) {
            assertTrue(heap.isAllVisible(fr, block), "block " + block + " all-visible without VACUUM");
        }

        // a rolled-back COPY FREEZE leaves nothing: the truncated table's old rows are back
        query(a, "BEGIN");
        query(a, "TRUNCATE fr");
        assertEquals(List.of("COPY 3"), query(a, "COPY fr FROM '" + few + "' (FREEZE)"));
        query(a, "ROLLBACK");
        assertEquals(expected, query(b, check));
        assertEquals(expected, query(a, check));

        // subtransactions: only the level that created the storage (or a released child of it)
        query(a, "BEGIN");
        query(a, "CREATE TABLE fr2 (id int, v varchar(80))");
        query(a, "SAVEPOINT s");
        assertEquals(List.of(NOT_NEW), query(a, "COPY fr2 FROM '" + few + "' (FREEZE)"));
        query(a, "ROLLBACK TO s");
        query(a, "RELEASE s");
        assertEquals(List.of("COPY 3"), query(a, "COPY fr2 FROM '" + few + "' (FREEZE)"));
        query(a, "SAVEPOINT s2");
        query(a, "TRUNCATE fr2");
        assertEquals(List.of("COPY 3"), query(a, "COPY fr2 FROM '" + few + "' (FREEZE)"));
        query(a, "ROLLBACK TO s2");
        query(a, "COMMIT");
        assertEquals(List.of("3|6"), query(b, "SELECT count(*), sum(id) FROM fr2"));

        query(a, "BEGIN");
        query(a, "TRUNCATE fr2");
        query(a, "DECLARE c CURSOR FOR SELECT 1");
        assertEquals(List.of("E: 25000 cannot perform COPY FREEZE because of prior transaction activity"),
                query(a, "COPY fr2 FROM '" + few + "' (FREEZE)"));
        query(a, "ROLLBACK");
        query(a, "CREATE TABLE fp (id int) PARTITION BY RANGE (id)");
        query(a, "BEGIN");
        query(a, "TRUNCATE fp");
        assertEquals(List.of("E: 0A000 cannot perform COPY FREEZE on a partitioned table"),
                query(a, "COPY fp FROM '" + few + "' (FREEZE)"));
        query(a, "ROLLBACK");
        a.close();
        b.close();
        cluster.close();                                   // no checkpoint, no buffer writes: a crash

        StorageCluster again = new StorageCluster(dir.resolve("cluster"));    // recovery replays the WAL
        try {
            StorageCluster.Backend backend = again.backend(0);
            EngineSession c = backend.connect("postgres");
            assertEquals(expected, query(c, check));
            assertEquals(List.of("3|6"), query(c, "SELECT count(*), sum(id) FROM fr2"));
            query(c, "SET enable_seqscan = off");
            assertEquals(List.of("row 2999 " + "x".repeat(60)), query(c, "SELECT v FROM fr WHERE id = 2999"));
            HeapAccessMethod replayed = new HeapAccessMethod(backend.storage.buffers(), backend.storage.wal(),
                    backend.storage::status);
            for (int block = 0; block < pages; block++) {
                assertTrue(replayed.isAllVisible(fr, block), "block " + block + " all-visible after redo");
            }
            assertEquals(List.of("UPDATE 1"), query(c, "UPDATE fr SET v = 'changed' WHERE id = 1"));
            assertFalse(replayed.isAllVisible(fr, 0), "an update clears the bit");
            c.close();
        } finally {
            again.close();
        }
    }

    private static RelFileLocator locator(EngineSession s, String table) {
        int db = Integer.parseInt(query(s, "SELECT oid FROM pg_database WHERE datname = current_database()").get(0));
        int node = Integer.parseInt(query(s, "SELECT relfilenode FROM pg_class WHERE relname = '" + table + "'").get(0));
        return RelFileLocator.of(db, node);
    }
}
