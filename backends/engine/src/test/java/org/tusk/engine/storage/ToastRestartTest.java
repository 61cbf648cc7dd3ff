package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.DmlOnStorageTest.query;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.engine.EngineSession;

/**
 * TOAST needs no crash safety of its own: chunks are heap tuples, WAL-logged
 * like the rows pointing at them. A cluster dropped without a checkpoint (its
 * shared buffers lost) comes back by redo with every out-of-line value whole.
 */
class ToastRestartTest {

    @TempDir
    static Path dir;

    @Test
    void outOfLineValuesSurviveACrash() throws Exception {
        String value = "(SELECT string_agg(md5(i::text), '') FROM generate_series(1, 4000) i)";
        StorageCluster cluster = new StorageCluster(dir);
        EngineSession a = cluster.backend(0).connect("postgres");
        query(a, "CREATE TABLE kept (id int, body text)");
        assertEquals(List.of("INSERT 0 2"), query(a, "INSERT INTO kept SELECT i, " + value + " || i"
                + " FROM generate_series(1, 2) i"));
        query(a, "DELETE FROM kept WHERE id = 2");
        String md5 = query(a, "SELECT md5(" + value + " || 1)").get(0);
        a.close();
        cluster.close();                                   // no checkpoint, no buffer writes: a crash

        StorageCluster again = new StorageCluster(dir);    // recovery replays the WAL
        try {
            EngineSession b = again.backend(0).connect("postgres");
            assertEquals(List.of("1|128001|" + md5), query(b, "SELECT id, length(body), md5(body) FROM kept"));
            String toast = query(b, "SELECT relname FROM pg_class WHERE oid = (SELECT reltoastrelid FROM pg_class"
                    + " WHERE relname = 'kept')").get(0);
            query(b, "VACUUM kept");
            assertEquals(List.of("65|1"), query(b, "SELECT count(*), count(DISTINCT chunk_id) FROM pg_toast." + toast));
            b.close();
        } finally {
            again.close();
        }
    }
}
