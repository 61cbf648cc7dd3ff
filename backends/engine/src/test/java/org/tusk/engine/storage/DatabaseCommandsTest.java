package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.engine.storage.CatalogOnStorageTest.query;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.backend.BackendActivity;
import org.tusk.api.engine.EngineSession;
import org.tusk.api.error.PgException;

/**
 * CREATE DATABASE (copy of the template's directory, the new database's
 * catalogs and tables are the template's), DROP DATABASE (files gone,
 * 55006 while others are connected), ALTER DATABASE SET applied at session
 * start; messages as PostgreSQL 15's.
 */
@Timeout(90)
class DatabaseCommandsTest {

    @TempDir
    static Path dir;

    static StorageCluster cluster;
    static StorageCluster.Backend backend;
    static EngineSession a;
    /** What pg_stat_activity shows to {@link #a}: a changes it to fake other sessions. */
    static List<BackendActivity> activity;

    @BeforeAll
    static void start() throws Exception {
        cluster = new StorageCluster(dir);
        backend = cluster.backend(0);
        org.tusk.engine.FakeBackend fake = new org.tusk.engine.FakeBackend(cluster.data());
        activity = fake.activity;
        a = backend.engine.openSession(new org.tusk.engine.FakeHost(fake), "postgres", "postgres", java.util.Map.of());
    }

    @AfterAll
    static void stop() {
        a.close();
        cluster.close();
    }

    private static BackendActivity sessionOn(String db, int pid) {
        return new BackendActivity(pid, db, "postgres", "", null, -1, Instant.now(), null, Instant.now(), "idle", "",
                "client backend");
    }

    private static String oid(String db) {
        return query(a, "SELECT oid FROM pg_database WHERE datname = '" + db + "'").get(0);
    }

    @Test
    void createCopiesTheTemplateAndDropRemovesIt() throws Exception {
        // a table in template1 is in every database created from it afterwards
        EngineSession t1 = cluster.backend(1).connect("template1");
        assertEquals(List.of(), query(t1, "CREATE TABLE from_template (x int4)"));
        assertEquals(List.of(), query(t1, "INSERT INTO from_template VALUES (42)"));
        t1.close();

        assertEquals(List.of(), query(a, "CREATE DATABASE copy1"));
        String oid = oid("copy1");
        assertTrue(Long.parseLong(oid) >= 16384, oid);
        assertTrue(Files.isDirectory(cluster.data().resolve("base/" + oid)));
        assertEquals(List.of("E: 42P04 database \"copy1\" already exists"), query(a, "CREATE DATABASE copy1"));
        assertEquals(List.of("E: 3D000 template database \"nope\" does not exist"),
                query(a, "CREATE DATABASE copy2 TEMPLATE nope"));
        assertEquals(List.of("E: 25001 CREATE DATABASE cannot run inside a transaction block"),
                query(a, "BEGIN; CREATE DATABASE copy2"));
        query(a, "ROLLBACK");

        EngineSession c = cluster.backend(2).connect("copy1");
        assertEquals(List.of("42"), query(c, "SELECT x FROM from_template"));
        assertEquals(List.of(), query(c, "CREATE TABLE only_here (y text)"));
        c.close();

        activity.add(sessionOn("copy1", 777));
        assertEquals(List.of("E: 55006 database \"copy1\" is being accessed by other users"),
                query(a, "DROP DATABASE copy1"));
        activity.clear();
        assertEquals(List.of(), query(a, "DROP DATABASE copy1"));
        assertEquals(List.of(), query(a, "SELECT oid FROM pg_database WHERE datname = 'copy1'"));
        assertFalse(Files.exists(cluster.data().resolve("base/" + oid)));
        assertEquals(List.of("E: 3D000 database \"copy1\" does not exist"), query(a, "DROP DATABASE copy1"));
        assertEquals(List.of(), query(a, "DROP DATABASE IF EXISTS copy1"));
        assertEquals(List.of("E: 55006 cannot drop the currently open database"), query(a, "DROP DATABASE postgres"));
        PgException gone = assertThrows(PgException.class, () -> cluster.backend(3).connect("copy1"));
        assertEquals("3D000", gone.sqlState());
    }

    @Test
    void templateWithOtherSessionsIsRefused() {
        activity.add(sessionOn("template1", 778));
        activity.add(sessionOn("template1", 779));
        List<String> r = query(a, "CREATE DATABASE copy3");
        activity.clear();
        assertEquals(List.of("E: 55006 source database \"template1\" is being accessed by other users"), r);
        assertEquals(List.of(), query(a, "CREATE DATABASE copy3 TEMPLATE template0"));
        assertEquals(List.of(), query(a, "DROP DATABASE copy3"));
    }

    @Test
    void alterDatabaseSetAppliesAtSessionStart() throws Exception {
        assertEquals(List.of(), query(a, "CREATE DATABASE settings1"));
        assertEquals(List.of(), query(a, "ALTER DATABASE settings1 SET extra_float_digits = 2"));
        assertEquals(List.of(), query(a, "ALTER DATABASE settings1 SET DateStyle TO 'ISO, MDY'"));
        assertEquals(List.of("{extra_float_digits=2,\"DateStyle=ISO, MDY\"}"),
                query(a, "SELECT setconfig FROM pg_db_role_setting WHERE setdatabase = " + oid("settings1")));
        assertEquals(List.of("E: 42704 unrecognized configuration parameter \"no_such\""),
                query(a, "ALTER DATABASE settings1 SET no_such = 1"));
        EngineSession s = cluster.backend(1).connect("settings1");
        assertEquals(List.of("2"), query(s, "SHOW extra_float_digits"));
        assertEquals(List.of("ISO, MDY"), query(s, "SHOW DateStyle"));
        s.close();
        assertEquals(List.of(), query(a, "ALTER DATABASE settings1 RESET extra_float_digits"));
        s = cluster.backend(1).connect("settings1");
        assertEquals(List.of("1"), query(s, "SELECT 1"));
        assertEquals(List.of("1"), query(s, "SHOW extra_float_digits"));   // the default again
        s.close();
        assertEquals(List.of(), query(a, "ALTER DATABASE settings1 RESET ALL"));
        assertEquals(List.of(),
                query(a, "SELECT setconfig FROM pg_db_role_setting WHERE setdatabase = " + oid("settings1")));
    }
}
