package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.CatalogOnStorageTest.query;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tusk.api.engine.Portal;
import org.tusk.api.engine.PreparedStatement;
import org.tusk.api.engine.RawStatement;
import org.tusk.api.error.PgException;

/**
 * INSERT's less common shapes on real storage, each answer recorded from PostgreSQL 15:
 * data-modifying WITH queries, sub-SELECTs in VALUES, a row just under MaxHeapTupleSize with
 * plain storage, error cursors of target/expression count mismatches, column privileges
 * (pg_attribute.attacl) and the partition-key DETAIL they govern.
 */
@Timeout(90)
class InsertFeaturesOnStorageTest extends OneSessionOnStorage {

    /** The rows, or for an error "E: message|detail|position". */
    private static List<String> run(String sql) {
        List<String> out = new ArrayList<>();
        try {
            for (RawStatement st : s.parse(sql)) {
                PreparedStatement ps = s.prepare(st, new int[0]);
                Portal portal = ps.bind(List.of(), new short[0], new short[0]);
                portal.execute(0, values -> {
                    List<String> vals = new ArrayList<>();
                    for (byte[] v : values) {
                        vals.add(v == null ? "\\N" : new String(v, StandardCharsets.UTF_8));
                    }
                    out.add(String.join("|", vals));
                });
            }
        } catch (PgException e) {
            out.add("E: " + e.getMessage() + "|" + e.detail() + "|" + e.position());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        s.sync();
        return out;
    }

    @Test
    void dataModifyingWithFeedsSelectAndInsert() {
        query(s, "CREATE TABLE w (a int, b text)");
        assertEquals(List.of("10|x", "20|y"),
                run("WITH ins AS (INSERT INTO w VALUES (1, 'x'), (2, 'y') RETURNING a * 10 AS t, b) "
                        + "SELECT t, b FROM ins ORDER BY t"));
        query(s, "CREATE TABLE w2 (n int)");
        assertEquals(List.of(), run("WITH r AS (INSERT INTO w VALUES (3, 'z') RETURNING a) "
                + "INSERT INTO w2 SELECT a + 100 FROM r"));
        assertEquals(List.of("103"), run("SELECT * FROM w2"));
        assertEquals(List.of("3"), run("SELECT count(*) FROM w"));
        // parserOpenTable's check: a data-modifying WITH query is read through its RETURNING list
        assertEquals(List.of("E: WITH query \"x\" does not have a RETURNING clause|null|52"),
                run("with x as (insert into w values (2)) select * from x"));
        // ExecCheckXactReadOnly names the whole statement
        run("BEGIN READ ONLY");
        assertEquals(List.of("E: cannot execute SELECT in a read-only transaction|null|0"),
                run("WITH x AS (INSERT INTO w VALUES (9, 'r') RETURNING a) SELECT * FROM x"));
        run("ROLLBACK");
        run("BEGIN READ ONLY");
        assertEquals(List.of("E: cannot execute INSERT in a read-only transaction|null|0"),
                run("WITH x AS (INSERT INTO w VALUES (9, 'r') RETURNING a) INSERT INTO w2 SELECT * FROM x"));
        run("ROLLBACK");
        assertEquals(List.of("3"), run("SELECT count(*) FROM w"));
    }

    @Test
    void subSelectsInMultiRowValues() {
        query(s, "CREATE TABLE v (a int, b text)");
        assertEquals(List.of(), run("INSERT INTO v VALUES ((SELECT 7), (SELECT 'v' || 1)), (8, DEFAULT)"));
        assertEquals(List.of("7|v1", "8|\\N"), run("SELECT * FROM v ORDER BY a"));
    }

    @Test
    void plainRowJustUnderMaxHeapTupleSizeFits() {
        query(s, "CREATE TABLE big (a int, b text)");
        query(s, "ALTER TABLE big ALTER COLUMN b SET STORAGE plain");
        assertEquals(List.of(), run("INSERT INTO big SELECT 4, repeat('a', 8126)"));
        assertEquals(List.of("4|8126"), run("SELECT a, length(b) FROM big"));
    }

    @Test
    void countMismatchCursors() {
        query(s, "CREATE TABLE c3 (col1 int, col2 int, col3 text)");
        assertEquals(List.of("E: INSERT has more target columns than expressions|null|29"),
                run("insert into c3 (col1, col2, col3) values (1, 2)"));
        assertEquals(List.of("E: INSERT has more expressions than target columns|null|34"),
                run("insert into c3 (col1) values (1, 2)"));
    }

    @Test
    void columnPrivilegesGovernPartitionKeyDetail() {
        for (String sql : List.of("CREATE TABLE kp (a int, b int) PARTITION BY LIST (a)",
                "CREATE TABLE kp1 PARTITION OF kp FOR VALUES IN (1) PARTITION BY RANGE (b)",
                "CREATE ROLE insert_h_user", "GRANT SELECT (a) ON kp1 TO insert_h_user",
                "GRANT INSERT ON kp TO insert_h_user")) {
            assertEquals(List.of(), run(sql), sql);
        }
        String owner = run("SELECT current_user").get(0);
        assertEquals(List.of("a|{insert_h_user=r/" + owner + "}", "b|\\N"),
                run("SELECT attname, attacl FROM pg_attribute WHERE attrelid = 'kp1'::regclass AND attnum > 0 ORDER BY attnum"));
        assertEquals(List.of("t|f"), run("SELECT has_column_privilege('insert_h_user', 'kp1', 'a', 'SELECT'), "
                + "has_column_privilege('insert_h_user', 'kp1', 'b', 'SELECT')"));
        run("SET ROLE insert_h_user");
        assertEquals(List.of("E: no partition of relation \"kp1\" found for row|null|0"),
                run("INSERT INTO kp VALUES (1, 1)"));
        run("RESET ROLE");
        run("GRANT SELECT (b) ON kp1 TO insert_h_user");
        run("SET ROLE insert_h_user");
        assertEquals(List.of("E: no partition of relation \"kp1\" found for row"
                + "|Partition key of the failing row contains (b) = (1).|0"), run("INSERT INTO kp VALUES (1, 1)"));
        run("RESET ROLE");
        run("REVOKE ALL ON kp1 FROM insert_h_user");
        assertEquals(List.of("a|\\N", "b|\\N"),
                run("SELECT attname, attacl FROM pg_attribute WHERE attrelid = 'kp1'::regclass AND attnum > 0 ORDER BY attnum"));
        run("REVOKE ALL ON kp FROM insert_h_user");
        assertEquals(List.of(), run("DROP ROLE insert_h_user"));
    }
}
