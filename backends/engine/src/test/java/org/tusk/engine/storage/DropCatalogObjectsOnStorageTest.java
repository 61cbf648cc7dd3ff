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

    @Test
    void createdOperatorsConversionsAndTextSearchObjectsDrop() {
        // answers recorded from PostgreSQL 15 (drop_if_exists and operator definition checks)
        assertEquals(List.of(), run("CREATE OPERATOR @#@ (leftarg = int8, rightarg = int8, procedure = int8xor)"));
        assertEquals(List.of("6"), run("SELECT 3::int8 @#@ 5::int8"));
        assertEquals(List.of("E: 42723 operator @#@ already exists"),
                run("CREATE OPERATOR @#@ (leftarg = int8, rightarg = int8, procedure = int8xor)"));
        assertEquals(List.of(), run("CREATE OPERATOR ### (leftarg = int4, rightarg = int4, procedure = int4eq,"
                + " commutator = ###, negator = !##)"));
        assertEquals(List.of("!##|0|-|f|t", "###|16|int4eq|t|t"), run("SELECT oprname, oprresult, oprcode::text,"
                + " oprcom <> 0, oprnegate <> 0 FROM pg_operator WHERE oprname IN ('###', '!##') ORDER BY 1"));
        assertEquals(List.of(), run("CREATE OPERATOR !## (leftarg = int4, rightarg = int4, procedure = int4ne)"));
        assertEquals(List.of("t|f"), run("SELECT 1 ### 1, 1 !## 1"));
        assertEquals(List.of("E: 42P13 operator right argument type must be specified"),
                run("CREATE OPERATOR %% (leftarg = int4, procedure = int4eq)"));
        assertEquals(List.of("E: 42883 function nosuch(integer) does not exist"),
                run("CREATE OPERATOR %% (rightarg = int4, procedure = nosuch)"));
        assertEquals(List.of("E: 42P13 operator function must be specified"),
                run("CREATE OPERATOR %% (leftarg = int4, rightarg = int4)"));
        assertEquals(List.of("E: 42P13 only boolean operators can have negators"),
                run("CREATE OPERATOR %% (leftarg = int4, rightarg = int4, procedure = int4pl, negator = !%%)"));
        assertEquals(List.of("N: operator attribute \"foo\" not recognized"),
                run("CREATE OPERATOR %% (leftarg = int4, rightarg = int4, procedure = int4pl, foo = 1)"));
        assertEquals(List.of(), run("DROP OPERATOR ### (int4, int4)"));
        assertEquals(List.of("!##|0|0"), run("SELECT oprname, oprcom, oprnegate FROM pg_operator"
                + " WHERE oprname IN ('###', '!##')"));
        assertEquals(List.of(), run("DROP OPERATOR @#@ (int8, int8)"));
        assertEquals(List.of("E: 42883 operator does not exist: bigint @#@ bigint"), run("DROP OPERATOR @#@ (int8, int8)"));

        assertEquals(List.of(), run("CREATE CONVERSION myconv FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8"));
        assertEquals(List.of("E: 42710 conversion \"myconv\" already exists"),
                run("CREATE CONVERSION myconv FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8"));
        assertEquals(List.of("E: 42883 function int4pl(integer, integer, cstring, internal, integer, boolean) does not"
                + " exist"), run("CREATE CONVERSION myconv2 FOR 'LATIN1' TO 'UTF8' FROM int4pl"));
        assertEquals(List.of("E: 42704 source encoding \"nosuch\" does not exist"),
                run("CREATE CONVERSION myconv2 FOR 'nosuch' TO 'UTF8' FROM iso8859_1_to_utf8"));
        assertEquals(List.of(), run("DROP CONVERSION myconv"));
        assertEquals(List.of("E: 42704 conversion \"myconv\" does not exist"), run("DROP CONVERSION myconv"));

        assertEquals(List.of(), run("CREATE TEXT SEARCH DICTIONARY d1 (template = simple, stopwords = 'english')"));
        assertEquals(List.of("3727|stopwords = 'english'"),
                run("SELECT dicttemplate, dictinitoption FROM pg_ts_dict WHERE dictname = 'd1'"));
        assertEquals(List.of("E: 23505 duplicate key value violates unique constraint \"pg_ts_dict_dictname_index\""),
                run("CREATE TEXT SEARCH DICTIONARY d1 (template = simple)"));
        assertEquals(List.of("E: 42P17 text search template is required"),
                run("CREATE TEXT SEARCH DICTIONARY d2 (stopwords = english)"));
        assertEquals(List.of("E: 42704 text search template \"nosuch\" does not exist"),
                run("CREATE TEXT SEARCH DICTIONARY d2 (template = nosuch)"));
        assertEquals(List.of(), run("CREATE TEXT SEARCH CONFIGURATION c1 (COPY = english)"));
        assertEquals(List.of("E: 42601 cannot specify both PARSER and COPY options"),
                run("CREATE TEXT SEARCH CONFIGURATION c2 (parser = default, copy = english)"));
        assertEquals(List.of("E: 42601 text search configuration parameter \"foo\" not recognized"),
                run("CREATE TEXT SEARCH CONFIGURATION c2 (foo = bar)"));
        assertEquals(List.of(), run("DROP TEXT SEARCH CONFIGURATION c1"));
        assertEquals(List.of(), run("DROP TEXT SEARCH DICTIONARY d1"));
        assertEquals(List.of("N: text search dictionary \"d1\" does not exist, skipping"),
                run("DROP TEXT SEARCH DICTIONARY IF EXISTS d1"));
    }

    @Test
    void dropForeignTableAndMaterializedViewIfExists() {
        assertEquals(List.of("N: schema \"no_such_schema\" does not exist, skipping"),
                run("DROP FOREIGN TABLE IF EXISTS no_such_schema.foo"));
        assertEquals(List.of("N: schema \"no_such_schema\" does not exist, skipping"),
                run("DROP MATERIALIZED VIEW IF EXISTS no_such_schema.foo"));
    }
}
