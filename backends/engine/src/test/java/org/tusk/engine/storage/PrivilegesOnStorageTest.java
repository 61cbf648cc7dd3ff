package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.tusk.api.error.PgException;
import org.tusk.engine.FakeBackend;
import org.tusk.engine.FakeHost;

/**
 * Roles and privileges through SQL on real storage: CREATE ROLE reaches the
 * role store, GRANT/REVOKE write relacl/nspacl/datacl in aclitem text, and a
 * non-superuser is checked when relations are opened (SELECT, INSERT, UPDATE,
 * DELETE, TRUNCATE), on schema USAGE and on database CONNECT. Expected texts
 * were recorded from PostgreSQL 15.
 */
@Timeout(90)
class PrivilegesOnStorageTest {

    @TempDir
    static Path dir;

    static StorageCluster cluster;
    static StorageCluster.Backend backend;
    static EngineSession admin;

    @BeforeAll
    static void start() throws Exception {
        cluster = new StorageCluster(dir);
        backend = cluster.backend(0);
        admin = backend.connect("postgres");
        for (String sql : List.of("CREATE ROLE alice LOGIN PASSWORD 'secret'", "CREATE TABLE t (a int)",
                "INSERT INTO t SELECT 1", "CREATE SCHEMA s", "CREATE TABLE s.u (b int)")) {
            assertEquals(List.of(), query(admin, sql), sql);
        }
    }

    @AfterAll
    static void stop() {
        admin.close();
        cluster.close();
    }

    private static EngineSession as(String user) {
        return backend.engine.openSession(new FakeHost(new FakeBackend(cluster.data())), user, "postgres", Map.of());
    }

    private static String relacl(String relname) {
        return query(admin, "SELECT relacl FROM pg_class WHERE relname = '" + relname + "'").get(0);
    }

    @Test
    void grantAndRevokeOnTableWriteRelacl() {
        query(admin, "GRANT SELECT ON t TO alice");
        assertEquals("{postgres=arwdDxt/postgres,alice=r/postgres}", relacl("t"));
        query(admin, "GRANT INSERT, UPDATE ON t TO alice WITH GRANT OPTION");
        assertEquals("{postgres=arwdDxt/postgres,alice=a*rw*/postgres}", relacl("t"));
        query(admin, "REVOKE ALL ON t FROM alice");
        assertEquals("{postgres=arwdDxt/postgres}", relacl("t"));
        assertEquals(List.of("E: 42P01 relation \"nosuch\" does not exist"), query(admin, "GRANT SELECT ON nosuch TO alice"));
        assertEquals(List.of("E: 42704 role \"nobody\" does not exist"), query(admin, "GRANT SELECT ON t TO nobody"));
    }

    @Test
    void sequencesAndSchemas() {
        assertEquals(List.of("E: 42809 \"t\" is not a sequence"), query(admin, "GRANT SELECT ON SEQUENCE t TO alice"));
        query(admin, "GRANT SELECT ON ALL TABLES IN SCHEMA s TO alice");
        assertEquals("{postgres=arwdDxt/postgres,alice=r/postgres}", relacl("u"));
        query(admin, "GRANT USAGE ON SCHEMA s TO PUBLIC");
        assertEquals(List.of("{postgres=UC/postgres,=U/postgres}"),
                query(admin, "SELECT nspacl FROM pg_namespace WHERE nspname = 's'"));
        EngineSession alice = as("alice");
        try {
            assertEquals(List.of(), query(alice, "SELECT * FROM s.u"));
            query(admin, "REVOKE USAGE ON SCHEMA s FROM PUBLIC");
            assertEquals(List.of("E: 42501 permission denied for schema s"), query(alice, "SELECT * FROM s.u"));
        } finally {
            alice.close();
        }
        // public is owned by the predefined role pg_database_owner (6171), which the role store does not hold:
        // its ACL items print and parse with that name, so a later GRANT on the schema works
        query(admin, "GRANT ALL ON SCHEMA public TO PUBLIC");
        assertEquals(List.of("{pg_database_owner=UC/pg_database_owner,=UC/pg_database_owner}"),
                query(admin, "SELECT nspacl FROM pg_namespace WHERE nspname = 'public'"));
        assertEquals(List.of(), query(admin, "REVOKE CREATE ON SCHEMA public FROM PUBLIC"));
    }

    @Test
    void nonSuperuserIsCheckedAtRelationOpen() {
        EngineSession alice = as("alice");
        try {
            assertEquals(List.of("E: 42501 permission denied for table t"), query(alice, "SELECT * FROM t"));
            assertEquals(List.of("E: 42501 permission denied for table t"), query(alice, "INSERT INTO t SELECT 2"));
            query(admin, "GRANT SELECT ON t TO alice");
            assertEquals(List.of("1"), query(alice, "SELECT * FROM t"));
            assertEquals(List.of("E: 42501 permission denied for table t"), query(alice, "INSERT INTO t SELECT 2"));
            assertEquals(List.of("E: 42501 permission denied for table t"), query(alice, "TRUNCATE t"));
            assertEquals(List.of("E: 42501 permission denied for table t"), query(alice, "DELETE FROM t"));
            query(admin, "GRANT INSERT ON t TO alice");
            assertEquals(List.of(), query(alice, "INSERT INTO t SELECT 2"));
            query(admin, "REVOKE SELECT, INSERT ON t FROM alice");
            assertEquals(List.of("E: 42501 permission denied for table t"), query(alice, "SELECT * FROM t"));
            // system catalogs stay readable, as initdb grants SELECT on them to PUBLIC
            assertEquals(List.of("t"), query(alice, "SELECT relname FROM pg_class WHERE relname = 't'"));
            assertEquals(List.of("E: 42501 permission denied for schema public"), query(alice, "CREATE TABLE mine (x int)"));
        } finally {
            alice.close();
        }
    }

    @Test
    void privilegeFunctions() {
        query(admin, "CREATE ROLE carol");
        query(admin, "CREATE SCHEMA s2");
        query(admin, "CREATE TABLE s2.w (c int)");
        query(admin, "GRANT SELECT ON s2.w TO carol");
        assertEquals(List.of("f|t|f|t|t"), query(admin, "SELECT has_table_privilege('carol', 't', 'select'), "
                + "has_table_privilege('carol', 's2.w', 'SELECT'), has_schema_privilege('carol', 's2', 'usage'), "
                + "has_database_privilege('carol', 'postgres', 'connect'), pg_has_role('carol', 'carol', 'member')"));
        assertEquals(List.of("t"), query(admin, "SELECT has_table_privilege('t', 'select')"));
        assertEquals(List.of("E: 42P01 relation \"nosuch\" does not exist"),
                query(admin, "SELECT has_table_privilege('carol', 'nosuch', 'select')"));
        assertEquals(List.of("E: 22023 unrecognized privilege type: \"sel\""),
                query(admin, "SELECT has_table_privilege('carol', 't', 'sel')"));
    }

    @Test
    void connectPrivilege() {
        query(admin, "CREATE ROLE bob LOGIN");
        as("bob").close();
        query(admin, "REVOKE CONNECT ON DATABASE postgres FROM PUBLIC");
        try {
            PgException e = assertThrows(PgException.class, () -> as("bob"));
            assertEquals("42501", e.sqlState());
            assertEquals("permission denied for database \"postgres\"", e.getMessage());
            assertEquals("User does not have CONNECT privilege.", e.detail());
        } finally {
            query(admin, "GRANT CONNECT ON DATABASE postgres TO PUBLIC");
        }
        as("bob").close();
    }
}
