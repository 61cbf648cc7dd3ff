package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.CatalogOnStorageTest.query;

import java.nio.file.Path;
import java.util.ArrayList;
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
 * DROP [IF EXISTS] of the kinds Tusk cannot create (collation, conversion, statistics, text search
 * objects, extension, operator, operator class/family, language, access method, foreign-data wrapper,
 * server, event trigger, publication, policy): PostgreSQL 15's errors and "skipping" NOTICEs, recorded
 * from the reference server (the drop_if_exists regression file).
 */
@Timeout(90)
class DropCatalogObjectsOnStorageTest {

    @TempDir
    static Path dir;

    static StorageCluster cluster;
    static FakeHost host;
    static EngineSession s;

    @BeforeAll
    static void start() throws Exception {
        cluster = new StorageCluster(dir);
        host = new FakeHost(new FakeBackend(cluster.data()));
        s = cluster.backend(0).engine.openSession(host, "postgres", "postgres", Map.of());
        query(s, "CREATE TABLE tpol (a int)");
    }

    @AfterAll
    static void stop() {
        s.close();
        cluster.close();
    }

    /** The statement's result (or error) followed by the NOTICEs it sent. */
    private static List<String> run(String sql) {
        host.notices.clear();
        List<String> out = new ArrayList<>(query(s, sql));
        for (PgException n : host.notices) {
            out.add("N: " + n.getMessage());
        }
        return out;
    }

    @Test
    void missingObjectsAreErrorsOrSkippedNotices() {
        assertEquals(List.of("E: 42704 collation \"c1\" for encoding \"UTF8\" does not exist"), run("DROP COLLATION c1"));
        assertEquals(List.of("N: collation \"c1\" does not exist, skipping"), run("DROP COLLATION IF EXISTS c1"));
        assertEquals(List.of("E: 3F000 schema \"nosch\" does not exist"), run("DROP CONVERSION nosch.c1"));
        assertEquals(List.of("N: schema \"nosch\" does not exist, skipping"), run("DROP CONVERSION IF EXISTS nosch.c1"));
        assertEquals(List.of("E: 42704 statistics object \"st\" does not exist"), run("DROP STATISTICS st"));
        assertEquals(List.of("E: 42704 text search parser \"p\" does not exist"), run("DROP TEXT SEARCH PARSER p"));
        assertEquals(List.of("N: text search configuration \"c\" does not exist, skipping"),
                run("DROP TEXT SEARCH CONFIGURATION IF EXISTS c"));
        assertEquals(List.of("N: extension \"e1\" does not exist, skipping", "N: extension \"e2\" does not exist, skipping"),
                run("DROP EXTENSION IF EXISTS e1, e2"));
        assertEquals(List.of("E: 42704 language \"l\" does not exist"), run("DROP LANGUAGE l"));
        assertEquals(List.of("E: 42704 foreign-data wrapper \"w\" does not exist"), run("DROP FOREIGN DATA WRAPPER w"));
        assertEquals(List.of("N: server \"sv\" does not exist, skipping"), run("DROP SERVER IF EXISTS sv"));
        assertEquals(List.of("E: 42704 access method \"noam\" does not exist"), run("DROP ACCESS METHOD noam"));
        assertEquals(List.of("N: event trigger \"et\" does not exist, skipping"), run("DROP EVENT TRIGGER IF EXISTS et"));
        assertEquals(List.of("E: 42704 publication \"pb\" does not exist"), run("DROP PUBLICATION pb"));
    }

    @Test
    void operatorsAndOperatorClasses() {
        assertEquals(List.of("E: 42883 operator does not exist: integer @#@ integer"), run("DROP OPERATOR @#@ (int, int)"));
        assertEquals(List.of("E: 42883 operator does not exist: @#@ integer"), run("DROP OPERATOR @#@ (NONE, int)"));
        assertEquals(List.of("N: operator @#@ does not exist, skipping"), run("DROP OPERATOR IF EXISTS @#@ (int, int)"));
        assertEquals(List.of("N: type \"no_such_type\" does not exist, skipping"),
                run("DROP OPERATOR IF EXISTS + (no_such_type, no_such_type)"));
        assertEquals(List.of("N: schema \"no_such_schema\" does not exist, skipping"),
                run("DROP OPERATOR IF EXISTS # (NONE, no_such_schema.no_such_type)"));
        assertEquals(List.of("E: 42704 operator class \"oc\" does not exist for access method \"btree\""),
                run("DROP OPERATOR CLASS oc USING btree"));
        assertEquals(List.of("N: operator family \"of\" does not exist for access method \"btree\", skipping"),
                run("DROP OPERATOR FAMILY IF EXISTS of USING btree"));
        assertEquals(List.of("E: 42704 access method \"no_such_am\" does not exist"),
                run("DROP OPERATOR CLASS IF EXISTS oc USING no_such_am"));
    }

    @Test
    void builtInObjectsAreRequired() {
        assertEquals(List.of("E: 2BP01 cannot drop collation \"C\" because it is required by the database system"),
                run("DROP COLLATION \"C\""));
        assertEquals(List.of("E: 2BP01 cannot drop language sql because it is required by the database system"),
                run("DROP LANGUAGE sql"));
    }

    @Test
    void policies() {
        assertEquals(List.of("E: 42P01 relation \"notab\" does not exist"), run("DROP POLICY p ON notab"));
        assertEquals(List.of("N: relation \"notab\" does not exist, skipping"), run("DROP POLICY IF EXISTS p ON notab"));
        assertEquals(List.of("E: 42704 policy \"p\" for table \"tpol\" does not exist"), run("DROP POLICY p ON tpol"));
        assertEquals(List.of("N: policy \"p\" for relation \"tpol\" does not exist, skipping"),
                run("DROP POLICY IF EXISTS p ON tpol"));
    }
}
