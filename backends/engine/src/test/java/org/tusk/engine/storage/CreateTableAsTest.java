package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.CatalogOnStorageTest.query;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tusk.api.engine.Portal;
import org.tusk.api.engine.RawStatement;
import org.tusk.api.error.PgException;

/**
 * CREATE TABLE AS and SELECT INTO on real storage: column names, types and
 * typmods from the query (unknown literals as text), INTO column lists, WITH
 * NO DATA, IF NOT EXISTS, set operations, rollback. Tags, messages and
 * catalog contents are PostgreSQL 15's answers to the same statements.
 */
@Timeout(90)
class CreateTableAsTest extends TwoSessionsOnStorage {

    @BeforeAll
    static void load() throws Exception {
        query(a, "CREATE TABLE src (a int, b text, c varchar(5), d numeric(5,2))");
        query(a, "INSERT INTO src VALUES (1, 'x', 'y', 1.5), (2, 'z', 'w', 2.25)");
    }

    /** The command tag (or "E: sqlstate message") of one statement. */
    private static String tag(String sql) {
        try {
            RawStatement st = a.parse(sql).get(0);
            Portal portal = a.prepare(st, new int[0]).bind(List.of(), new short[0], new short[0]);
            return portal.execute(0, values -> { });
        } catch (PgException e) {
            return "E: " + e.sqlState() + " " + e.getMessage();
        } catch (IOException e) {
            throw new AssertionError(e);
        } finally {
            a.sync();
        }
    }

    private static List<String> columns(String table) {
        return query(a, "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = "
                + "(SELECT oid FROM pg_class WHERE relname = '" + table + "') AND attnum > 0 ORDER BY attnum");
    }

    @Test
    void createTableAsTakesTheQuerysColumnsAndRows() {
        assertEquals("SELECT 2", tag("CREATE TABLE c1 AS SELECT a, b, c, d, 'lit' AS e, NULL AS f FROM src"));
        assertEquals(List.of("a|integer", "b|text", "c|character varying(5)", "d|numeric(5,2)", "e|text", "f|text"),
                columns("c1"));
        assertEquals(List.of("1|x|y|1.50|lit|\\N", "2|z|w|2.25|lit|\\N"), query(a, "SELECT * FROM c1 ORDER BY a"));
        assertEquals("E: 42P07 relation \"c1\" already exists", tag("CREATE TABLE c1 AS SELECT 1"));
        assertEquals("CREATE TABLE AS", tag("CREATE TABLE IF NOT EXISTS c1 AS SELECT 1"));
        assertEquals(List.of("1", "2"), query(a, "SELECT a FROM c1 ORDER BY a"));
    }

    @Test
    void columnListsAndWithNoData() {
        assertEquals("CREATE TABLE AS", tag("CREATE TABLE c2 (x, y) AS SELECT 1, 2 WITH NO DATA"));
        assertEquals(List.of(), query(a, "SELECT * FROM c2"));
        assertEquals("SELECT 1", tag("CREATE TABLE c3 (x) AS SELECT 1, 2"));
        assertEquals(List.of("x|integer", "?column?|integer"), columns("c3"));
        assertEquals("E: 42601 too many column names were specified", tag("CREATE TABLE c4 (x, y, z) AS SELECT 1, 2"));
        assertEquals("E: 42701 column \"a\" specified more than once", tag("CREATE TABLE c4 AS SELECT 1 AS a, 2 AS a"));
        assertEquals("SELECT 2", tag("CREATE TABLE c5 AS VALUES (1, 'a'), (2, 'b')"));
        assertEquals(List.of("column1|integer", "column2|text"), columns("c5"));
    }

    @Test
    void selectInto() {
        assertEquals("SELECT 1", tag("SELECT * INTO TABLE s1 FROM src WHERE a > 1"));
        assertEquals(List.of("2|z|w|2.25"), query(a, "SELECT * FROM s1"));
        assertEquals("SELECT 0", tag("SELECT 1 AS q INTO s2 WHERE false"));
        assertEquals("SELECT 2", tag("SELECT a INTO s3 FROM src UNION SELECT 3 ORDER BY 1 LIMIT 2"));
        assertEquals(List.of("1", "2"), query(a, "SELECT * FROM s3 ORDER BY 1"));
    }

    @Test
    void rollbackRemovesTheTable() {
        List<String> out = new ArrayList<>(query(a, "BEGIN"));
        assertEquals("SELECT 2", tag("CREATE TABLE gone AS SELECT * FROM src"));
        out.addAll(query(a, "ROLLBACK"));
        assertEquals(List.of(), out);
        assertEquals(List.of("E: 42P01 relation \"gone\" does not exist"), query(a, "SELECT * FROM gone"));
    }
}
