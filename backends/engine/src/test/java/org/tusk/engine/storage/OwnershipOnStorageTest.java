package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.CatalogOnStorageTest.query;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.engine.EngineSession;
import org.tusk.engine.FakeBackend;
import org.tusk.engine.FakeHost;

/**
 * DROP and ALTER need the owner (pg_class_ownercheck, pg_proc_ownercheck, pg_namespace_ownercheck):
 * a role that neither owns the object nor is a superuser gets 42501 "must be owner of <kind> <name>",
 * with the kind word of the object (table, index, view, sequence, function, routine, schema); once
 * granted membership in the owning role it may. The texts were recorded from PostgreSQL 15 with the
 * same two roles.
 */
@Timeout(90)
class OwnershipOnStorageTest {

    @TempDir
    static Path dir;

    static StorageCluster cluster;
    static StorageCluster.Backend backend;
    static EngineSession admin;
    static EngineSession owner;
    static EngineSession other;

    @BeforeAll
    static void start() throws Exception {
        cluster = new StorageCluster(dir);
        backend = cluster.backend(0);
        admin = backend.connect("postgres");
        for (String sql : List.of("CREATE ROLE own_r1 LOGIN", "CREATE ROLE own_r2 LOGIN",
                "GRANT CREATE ON SCHEMA public TO own_r1", "CREATE SCHEMA own_sch",
                "CREATE FUNCTION own_root() RETURNS int LANGUAGE sql AS 'SELECT 1'")) {
            assertEquals(List.of(), query(admin, sql), sql);
        }
        owner = as("own_r1");
        other = as("own_r2");
        for (String sql : List.of("CREATE TABLE own_t (a int)", "CREATE INDEX own_i ON own_t (a)",
                "CREATE VIEW own_v AS SELECT a FROM own_t", "CREATE SEQUENCE own_s",
                "CREATE FUNCTION own_f() RETURNS int LANGUAGE sql AS 'SELECT 1'")) {
            assertEquals(List.of(), query(owner, sql), sql);
        }
    }

    @AfterAll
    static void stop() {
        other.close();
        owner.close();
        admin.close();
        cluster.close();
    }

    private static EngineSession as(String user) {
        return backend.engine.openSession(new FakeHost(new FakeBackend(cluster.data())), user, "postgres", Map.of());
    }

    @Test
    void notOwnerCannotDropOrAlterThenMemberCan() {
        String[][] denied = {
            {"DROP TABLE own_t", "must be owner of table own_t"},
            {"DROP INDEX own_i", "must be owner of index own_i"},
            {"DROP VIEW own_v", "must be owner of view own_v"},
            {"DROP SEQUENCE own_s", "must be owner of sequence own_s"},
            {"DROP FUNCTION own_f()", "must be owner of function own_f"},
            {"DROP ROUTINE own_root()", "must be owner of routine own_root"},
            {"DROP SCHEMA own_sch", "must be owner of schema own_sch"},
            {"ALTER TABLE own_t ADD COLUMN b int", "must be owner of table own_t"},
            {"ALTER TABLE own_t RENAME TO own_x", "must be owner of table own_t"},
            {"ALTER TABLE own_t RENAME COLUMN a TO z", "must be owner of table own_t"},
            {"ALTER INDEX own_i RENAME TO own_y", "must be owner of index own_i"},
            {"ALTER VIEW own_v RENAME TO own_w", "must be owner of view own_v"},
            {"ALTER SEQUENCE own_s RESTART", "must be owner of sequence own_s"},
            {"ALTER TABLE own_t SET SCHEMA own_sch", "must be owner of table own_t"},
            {"ALTER FUNCTION own_f() RENAME TO own_g", "must be owner of function own_f"},
            {"DROP TABLE pg_class", "must be owner of table pg_class"},
        };
        for (String[] d : denied) {
            assertEquals(List.of("E: 42501 " + d[1]), query(other, d[0]), d[0]);
        }
        // the kind is checked before the owner
        assertEquals(List.of("E: 42809 \"own_v\" is not a table"), query(other, "DROP TABLE own_v"));
        assertEquals(List.of(), query(admin, "GRANT own_r1 TO own_r2"));
        for (String sql : List.of("ALTER TABLE own_t ADD COLUMN b int", "DROP VIEW own_v", "DROP INDEX own_i",
                "DROP SEQUENCE own_s", "DROP FUNCTION own_f()", "DROP TABLE own_t")) {
            assertEquals(List.of(), query(other, sql), sql);
        }
        // the superuser owns nothing here and may still drop anything
        assertEquals(List.of(), query(admin, "DROP SCHEMA own_sch"));
    }
}
