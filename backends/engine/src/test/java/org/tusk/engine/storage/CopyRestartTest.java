package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.DmlOnStorageTest.query;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.engine.EngineSession;

/**
 * COPY FROM stores its rows a batch at a time (heap_multi_insert: one HEAP2
 * MULTI_INSERT record per page). A cluster dropped without a checkpoint comes
 * back by redo with every copied row and its index entries; a duplicate key
 * inside a batch fails the COPY and rolls all of it back.
 */
class CopyRestartTest {

    @TempDir
    static Path dir;

    @Test
    void copiedRowsSurviveACrash() throws Exception {
        StringBuilder rows = new StringBuilder();
        for (int i = 1; i <= 3000; i++) {
            rows.append(i).append('\t').append("row ").append(i).append('\n');
        }
        Path file = dir.resolve("rows.txt");
        Files.writeString(file, rows);
        Path dup = dir.resolve("dup.txt");
        Files.writeString(dup, "5001\tx\n5002\ty\n5001\tz\n");
        StorageCluster cluster = new StorageCluster(dir.resolve("cluster"));
        EngineSession a = cluster.backend(0).connect("postgres");
        query(a, "CREATE TABLE copied (id int PRIMARY KEY, v text, n int DEFAULT 7)");
        query(a, "INSERT INTO copied VALUES (0, 'before', 0)");
        assertEquals(List.of("COPY 3000"), query(a, "COPY copied (id, v) FROM '" + file + "'"));
        assertEquals(List.of("E: 23505 duplicate key value violates unique constraint \"copied_pkey\""
                + " | Key (id)=(5001) already exists. | COPY copied, line 3"), query(a, "COPY copied (id, v) FROM '" + dup + "'"));
        query(a, "INSERT INTO copied VALUES (9999, 'after', 1)");
        List<String> expected = List.of("3002|4511499|21001");
        String check = "SELECT count(*), sum(id), sum(n) FROM copied";
        assertEquals(expected, query(a, check));
        a.close();
        cluster.close();                                   // no checkpoint, no buffer writes: a crash

        StorageCluster again = new StorageCluster(dir.resolve("cluster"));    // recovery replays the WAL
        try {
            EngineSession b = again.backend(0).connect("postgres");
            assertEquals(expected, query(b, check));
            query(b, "SET enable_seqscan = off");
            assertEquals(List.of("row 2999"), query(b, "SELECT v FROM copied WHERE id = 2999"));
            assertEquals(List.of(), query(b, "SELECT v FROM copied WHERE id = 5002"));
            assertEquals(List.of("INSERT 0 1"), query(b, "INSERT INTO copied VALUES (3001, 'new', 1)"));
            b.close();
        } finally {
            again.close();
        }
    }
}
