package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.DmlOnStorageTest.query;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.engine.EngineSession;

/**
 * TOAST on the in-process cluster: values far larger than a page round-trip,
 * compressible ones are compressed inline, the TOAST relation's chunks follow
 * UPDATE (kept by reference when unchanged), DELETE, VACUUM, TRUNCATE and DROP,
 * and everything survives a restart through WAL replay.
 */
class ToastOnStorageTest {

    @TempDir
    static Path dir;

    static StorageCluster cluster;
    static EngineSession a;

    /** 1 MB of hex digits (32768 md5s): pglz finds nothing to gain, so it goes out of line uncompressed. */
    static final String MEGABYTE = "(SELECT string_agg(md5(i::text), '') FROM generate_series(1, 32768) i)";

    @BeforeAll
    static void start() throws Exception {
        cluster = new StorageCluster(dir);
        a = cluster.backend(0).connect("postgres");
    }

    @AfterAll
    static void stop() {
        a.close();
        cluster.close();
    }

    private static String one(String sql) {
        List<String> rows = query(a, sql);
        assertEquals(1, rows.size(), sql + " -> " + rows);
        return rows.get(0);
    }

    private static String toastOf(String table) {
        return one("SELECT 'pg_toast.' || relname FROM pg_class WHERE oid = (SELECT reltoastrelid FROM pg_class"
                + " WHERE relname = '" + table + "')");
    }

    @Test
    void toastTableFollowsPostgresRules() {
        query(a, "CREATE TABLE needs (a int, b text)");
        query(a, "CREATE TABLE bounded (a int, c varchar(10), d char(5))");
        assertEquals("pg_toast.pg_toast_" + one("SELECT oid FROM pg_class WHERE relname = 'needs'"), toastOf("needs"));
        assertEquals("0", one("SELECT reltoastrelid::int FROM pg_class WHERE relname = 'bounded'"));
        String toastOid = one("SELECT reltoastrelid::int FROM pg_class WHERE relname = 'needs'");
        assertEquals("t|99|3|t", one("SELECT relkind, relnamespace, relnatts, relhasindex FROM pg_class WHERE oid = "
                + toastOid));
        assertEquals(List.of("chunk_id|26|p", "chunk_seq|23|p", "chunk_data|17|p"), query(a,
                "SELECT attname, atttypid, attstorage FROM pg_attribute WHERE attnum > 0 AND attrelid = " + toastOid
                        + " ORDER BY attnum"));
        assertEquals("pg_toast_" + one("SELECT oid FROM pg_class WHERE relname = 'needs'") + "_index|t|1 2",
                one("SELECT c.relname, i.indisunique, i.indkey FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                        + " WHERE i.indrelid = " + toastOid));
        // a wide enough bounded column needs one too; ALTER TABLE ADD COLUMN text creates it
        query(a, "ALTER TABLE bounded ADD COLUMN e text");
        assertEquals("t", one("SELECT reltoastrelid <> 0 FROM pg_class WHERE relname = 'bounded'"));
        query(a, "DROP TABLE needs");
        query(a, "DROP TABLE bounded");
        assertEquals("0", one("SELECT count(*) FROM pg_class WHERE relname LIKE 'pg_toast_" + toastOid + "%'"
                + " OR oid = " + toastOid));
    }

    @Test
    void megabyteValueRoundTripsAndChunksFollowTheRows() {
        query(a, "CREATE TABLE docs (id int PRIMARY KEY, n int, body text)");
        String toast = toastOf("docs");
        assertEquals(List.of("INSERT 0 3"), query(a, "INSERT INTO docs SELECT i, 0, " + MEGABYTE
                + " || i FROM generate_series(1, 3) i"));
        String expected = one("SELECT md5(" + MEGABYTE + " || 2)");
        assertEquals("1048577|" + expected, one("SELECT length(body), md5(body) FROM docs WHERE id = 2"));
        // 1048577 + tag and length bytes in chunks of 1996: 526 each
        assertEquals("1578|3", one("SELECT count(*), count(DISTINCT chunk_id) FROM " + toast));

        // an UPDATE that leaves the value alone keeps pointing at the same chunks
        assertEquals(List.of("UPDATE 3"), query(a, "UPDATE docs SET n = n + 1"));
        assertEquals("1578|3", one("SELECT count(*), count(DISTINCT chunk_id) FROM " + toast));
        query(a, "VACUUM docs");
        assertEquals("1578|3", one("SELECT count(*), count(DISTINCT chunk_id) FROM " + toast));
        assertEquals("1048577|" + expected, one("SELECT length(body), md5(body) FROM docs WHERE id = 2"));

        // changing it writes new chunks and deletes the old ones with the old version
        assertEquals(List.of("UPDATE 1"), query(a, "UPDATE docs SET body = body || '!' WHERE id = 1"));
        assertEquals("1578|3", one("SELECT count(*), count(DISTINCT chunk_id) FROM " + toast));
        query(a, "VACUUM docs");
        assertEquals("1578|3", one("SELECT count(*), count(DISTINCT chunk_id) FROM " + toast));
        assertEquals("1048578|t", one("SELECT length(body), right(body, 2) = '1!' FROM docs WHERE id = 1"));

        // an aborted update leaves the old chunks in place and the new ones dead
        query(a, "BEGIN");
        query(a, "UPDATE docs SET body = body || '?' WHERE id = 3");
        query(a, "ROLLBACK");
        query(a, "VACUUM docs");
        assertEquals("1578|3", one("SELECT count(*), count(DISTINCT chunk_id) FROM " + toast));
        assertEquals("1048577", one("SELECT length(body) FROM docs WHERE id = 3"));

        // DELETE: no orphaned chunks once vacuumed
        assertEquals(List.of("DELETE 2"), query(a, "DELETE FROM docs WHERE id >= 2"));
        query(a, "VACUUM docs");
        assertEquals("526|1", one("SELECT count(*), count(DISTINCT chunk_id) FROM " + toast));

        // a compressible value is compressed inline: no chunks
        query(a, "INSERT INTO docs VALUES (10, 0, repeat('x', 10000))");
        assertEquals("10000", one("SELECT char_length(body) FROM docs WHERE id = 10"));
        assertEquals("526", one("SELECT count(*) FROM " + toast));

        query(a, "TRUNCATE docs");
        assertEquals("0", one("SELECT count(*) FROM " + toast));
        assertEquals(List.of("INSERT 0 1"), query(a, "INSERT INTO docs SELECT 4, 0, " + MEGABYTE));
        assertEquals("1048576", one("SELECT length(body) FROM docs"));
        query(a, "DROP TABLE docs");
    }

    @Test
    void ddlReadsToastedRows() {
        query(a, "CREATE TABLE ddl (id int, body text)");
        assertEquals(List.of("INSERT 0 1"), query(a, "INSERT INTO ddl SELECT 1, " + MEGABYTE));
        String md5 = one("SELECT md5(body) FROM ddl");
        query(a, "ALTER TABLE ddl ADD COLUMN k int DEFAULT 7");      // rewrites the table
        assertEquals("7|" + md5, one("SELECT k, md5(body) FROM ddl"));
        query(a, "VACUUM ddl");
        assertEquals("526", one("SELECT count(*) FROM " + toastOf("ddl")));
        query(a, "ALTER TABLE ddl ALTER COLUMN body SET STORAGE external");
        assertEquals("e", one("SELECT attstorage FROM pg_attribute WHERE attrelid = 'ddl'::regclass AND attname = 'body'"));
        assertEquals(List.of("E: 42804 column data type integer can only have storage PLAIN"),
                query(a, "ALTER TABLE ddl ALTER COLUMN id SET STORAGE main"));
        // external storage: a compressible value goes out of line uncompressed (10000 bytes + header: 6 chunks)
        query(a, "INSERT INTO ddl VALUES (2, repeat('y', 10000))");
        assertEquals("10000", one("SELECT length(body) FROM ddl WHERE id = 2"));
        assertEquals("532", one("SELECT count(*) FROM " + toastOf("ddl")));
        query(a, "DROP TABLE ddl");
    }

    @Test
    void toastTupleTargetReloption() {
        // strings.sql's check: external storage moves a 3000-byte value out unless the target allows it inline
        query(a, "CREATE TABLE target (f1 text)");
        query(a, "ALTER TABLE target ALTER COLUMN f1 SET STORAGE external");
        query(a, "INSERT INTO target VALUES (repeat('1234567890', 300))");
        assertEquals("f", one("SELECT pg_relation_size(reltoastrelid) = 0 FROM pg_class WHERE relname = 'target'"));
        query(a, "TRUNCATE target");
        assertEquals(List.of(), query(a, "ALTER TABLE target SET (toast_tuple_target = 4080, fillfactor = 50)"));
        query(a, "INSERT INTO target VALUES (repeat('1234567890', 300))");
        assertEquals("t", one("SELECT pg_relation_size(reltoastrelid) = 0 FROM pg_class WHERE relname = 'target'"));
        assertEquals("3000", one("SELECT length(f1) FROM target"));
        // messages as PostgreSQL 15's
        assertEquals(List.of("E: 22023 value 100 out of bounds for option \"toast_tuple_target\""
                + " | Valid values are between \"128\" and \"8160\"."),
                query(a, "ALTER TABLE target SET (toast_tuple_target = 100)"));
        assertEquals(List.of("E: 22023 invalid value for integer option \"toast_tuple_target\": x"),
                query(a, "ALTER TABLE target SET (toast_tuple_target = x)"));
        query(a, "ALTER TABLE target SET (fillfactor = 60)");
        assertEquals("{toast_tuple_target=4080,fillfactor=60}", one("SELECT reloptions FROM pg_class"
                + " WHERE relname = 'target'"));
        query(a, "ALTER TABLE target RESET (fillfactor, bogus)");
        assertEquals("{toast_tuple_target=4080}", one("SELECT reloptions FROM pg_class WHERE relname = 'target'"));
        query(a, "DROP TABLE target");
    }

    @Test
    void anOldSnapshotKeepsReadingTheChunksItSaw() throws Exception {
        EngineSession b = cluster.backend(1).connect("postgres");
        try {
            query(a, "CREATE TABLE snap (id int, body text)");
            query(a, "INSERT INTO snap SELECT 1, string_agg(md5(i::text), '') FROM generate_series(1, 2000) i");
            String before = one("SELECT md5(body) FROM snap");
            query(b, "BEGIN ISOLATION LEVEL REPEATABLE READ");
            assertEquals(List.of(before), query(b, "SELECT md5(body) FROM snap"));
            // another session replaces the value, commits, and vacuums: the old chunks are still needed by b
            assertEquals(List.of("UPDATE 1"), query(a, "UPDATE snap SET body = body || 'new'"));
            query(a, "VACUUM snap");
            assertEquals(List.of(before), query(b, "SELECT md5(body) FROM snap"));
            query(b, "COMMIT");
            assertEquals(List.of("64003"), query(b, "SELECT length(body) FROM snap"));
            query(a, "VACUUM snap");
            assertEquals("33|1", one("SELECT count(*), count(DISTINCT chunk_id) FROM " + toastOf("snap")));
            query(a, "DROP TABLE snap");
        } finally {
            b.close();
        }
    }

    @Test
    void indexKeysTooBigAre54000() {
        query(a, "CREATE TABLE ix (a text)");
        query(a, "CREATE INDEX ix_a_idx ON ix (a)");
        List<String> r = query(a, "INSERT INTO ix SELECT string_agg(md5(i::text), '') FROM generate_series(1, 100) i");
        assertEquals(1, r.size());
        // the size differs from PostgreSQL's 3216 (our key encoding); the rest is _bt_check_third_page's
        assertEquals(true, r.get(0).startsWith("E: 54000 index row size "), r.get(0));
        assertEquals(true, r.get(0).endsWith(" exceeds btree version 4 maximum 2704 for index \"ix_a_idx\""
                + " | Index row references tuple (0,1) in relation \"ix\"."), r.get(0));
        query(a, "DROP TABLE ix");
    }
}
