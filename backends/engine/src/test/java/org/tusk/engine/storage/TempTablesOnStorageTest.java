package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.engine.storage.CatalogOnStorageTest.query;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.engine.EngineSession;

/**
 * Temporary tables as PostgreSQL 15 has them (answers recorded from it):
 * a TEMP table hides a permanent one of the same name, lives in the
 * session's pg_temp_N with relpersistence 't', is invisible to other
 * sessions, is dropped when its session ends, and honours ON COMMIT.
 */
@Timeout(90)
class TempTablesOnStorageTest {

    @TempDir
    static Path dir;

    static StorageCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = new StorageCluster(dir);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void tempTableHidesPermanentOneAndGoesAtSessionEnd() throws Exception {
        EngineSession a = cluster.backend(0).connect("postgres");
        EngineSession b = cluster.backend(1).connect("postgres");
        try {
            assertEquals(List.of("0"), query(a, "SELECT pg_my_temp_schema()"));
            query(a, "CREATE TABLE shadowed (f1 int)");
            query(a, "INSERT INTO shadowed VALUES (1)");
            assertEquals(List.of(), query(a, "CREATE TEMP TABLE shadowed (f1 float8)"));
            query(a, "INSERT INTO shadowed VALUES (2.5)");
            assertEquals(List.of("2.5"), query(a, "SELECT * FROM shadowed"));
            assertEquals(List.of("2.5"), query(a, "SELECT * FROM pg_temp.shadowed"));
            assertEquals(List.of("1"), query(a, "SELECT * FROM public.shadowed"));
            List<String> ns = query(a, "SELECT n.nspname, c.relpersistence, n.oid = pg_my_temp_schema(), "
                    + "pg_is_other_temp_schema(n.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "WHERE c.relname = 'shadowed' ORDER BY 2");
            assertEquals(2, ns.size(), ns.toString());
            assertEquals("public|p|f|f", ns.get(0));
            assertTrue(ns.get(1).matches("pg_temp_\\d+\\|t\\|t\\|f"), ns.get(1));
            // another session sees only the permanent table, and the schema as another's
            assertEquals(List.of("1"), query(b, "SELECT * FROM shadowed"));
            assertEquals(List.of("t"), query(b, "SELECT pg_is_other_temp_schema(relnamespace) FROM pg_class "
                    + "WHERE relname = 'shadowed' AND relpersistence = 't'"));
            assertEquals(List.of("E: 42P16 cannot create temporary relation in non-temporary schema"),
                    query(a, "CREATE TEMP TABLE public.nope (a int)"));
            assertEquals(List.of("E: 42P16 ON COMMIT can only be used on temporary tables"),
                    query(a, "CREATE TABLE nope (a int) ON COMMIT DROP"));
        } finally {
            a.close();
        }
        assertEquals(List.of("0"), query(b, "SELECT count(*) FROM pg_class WHERE relpersistence = 't'"));
        assertEquals(List.of("1"), query(b, "SELECT * FROM shadowed"));
        b.close();
    }

    @Test
    void onCommitActionsAndDiscard() throws Exception {
        EngineSession a = cluster.backend(2).connect("postgres");
        try {
            query(a, "BEGIN");
            query(a, "CREATE TEMP TABLE oc_drop (a int) ON COMMIT DROP");
            query(a, "CREATE TEMP TABLE oc_del (a int) ON COMMIT DELETE ROWS");
            query(a, "CREATE TEMP TABLE oc_keep (a int) ON COMMIT PRESERVE ROWS");
            query(a, "INSERT INTO oc_del VALUES (1)");
            query(a, "INSERT INTO oc_keep VALUES (1)");
            assertEquals(List.of("1"), query(a, "SELECT count(*) FROM oc_del"));
            query(a, "COMMIT");
            assertEquals(List.of("0"), query(a, "SELECT count(*) FROM oc_del"));
            assertEquals(List.of("1"), query(a, "SELECT count(*) FROM oc_keep"));
            assertEquals(List.of("E: 42P01 relation \"oc_drop\" does not exist"), query(a, "SELECT * FROM oc_drop"));
            // SELECT INTO TEMP, CTAS, a temp view and sequence all land in the temporary schema
            query(a, "SELECT 1 AS x INTO TEMP si");
            query(a, "CREATE TEMP TABLE ctas AS SELECT 2 AS y");
            query(a, "CREATE TEMP VIEW tv AS SELECT * FROM ctas");
            query(a, "CREATE TEMP SEQUENCE ts");
            assertEquals(List.of("ctas|t", "oc_del|t", "oc_keep|t", "si|t", "ts|t", "tv|t"),
                    query(a, "SELECT relname, relpersistence FROM pg_class WHERE relnamespace = pg_my_temp_schema() "
                            + "ORDER BY 1"));
            query(a, "DISCARD TEMP");
            assertEquals(List.of("0"), query(a, "SELECT count(*) FROM pg_class WHERE relnamespace = pg_my_temp_schema()"));
        } finally {
            a.close();
        }
    }

    /**
     * RELATION_IS_OTHER_TEMP (answers from PostgreSQL 15): another session's TEMP table may be
     * named as pg_temp_N.t, its catalog rows used (EXPLAIN, COMMENT, RENAME, DROP), VACUUM and ANALYZE
     * skip it, but nothing reads or writes its pages, and the commands that would rewrite it refuse.
     */
    @Test
    void anotherSessionsTempTableIsRefused() throws Exception {
        EngineSession a = cluster.backend(3).connect("postgres");
        EngineSession b = cluster.backend(0).connect("postgres");   // creates nothing temporary
        try {
            query(a, "CREATE TEMP TABLE mine (a int)");
            query(a, "INSERT INTO mine VALUES (1)");
            String t = query(a, "SELECT nspname FROM pg_namespace WHERE oid = pg_my_temp_schema()").get(0) + ".mine";
            String access = "E: 0A000 cannot access temporary tables of other sessions";
            assertEquals(List.of(access), query(b, "SELECT * FROM " + t));
            assertEquals(List.of(access), query(b, "SELECT count(*) FROM " + t + " WHERE a = 1"));
            assertEquals(List.of(access), query(b, "INSERT INTO " + t + " VALUES (2)"));
            assertEquals(List.of(access), query(b, "UPDATE " + t + " SET a = 3"));
            assertEquals(List.of(access), query(b, "DELETE FROM " + t));
            assertEquals(List.of(access), query(b, "SELECT * FROM " + t + " FOR UPDATE"));
            assertEquals(List.of(access), query(b, "COPY " + t + " TO '" + dir.resolve("mine.copy") + "'"));
            assertEquals(List.of("E: 0A000 cannot alter temporary tables of other sessions"),
                    query(b, "ALTER TABLE " + t + " ADD COLUMN b int"));
            assertEquals(List.of("E: 0A000 cannot alter temporary tables of other sessions"),
                    query(b, "ALTER TABLE " + t + " ALTER a SET NOT NULL"));
            assertEquals(List.of("E: 0A000 cannot truncate temporary tables of other sessions"),
                    query(b, "TRUNCATE " + t));
            assertEquals(List.of("E: 0A000 cannot create indexes on temporary tables of other sessions"),
                    query(b, "CREATE INDEX ON " + t + " (a)"));
            query(b, "VACUUM " + t);
            query(b, "ANALYZE " + t);
            assertTrue(String.join("\n", query(b, "EXPLAIN (COSTS OFF) SELECT * FROM " + t)).contains("Seq Scan on mine"));
            query(b, "COMMENT ON TABLE " + t + " IS 'seen'");
            assertEquals(List.of("1"), query(a, "SELECT * FROM mine"));
            assertEquals(List.of("seen"), query(a, "SELECT obj_description('mine'::regclass, 'pg_class')"));
            query(b, "DROP TABLE " + t);
            assertEquals(List.of("E: 42P01 relation \"mine\" does not exist"), query(a, "SELECT * FROM mine"));
        } finally {
            a.close();
            b.close();
        }
    }
}
