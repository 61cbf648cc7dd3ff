package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * System columns read from the tuple header (ctid, xmin, cmin, xmax, cmax), the names they
 * reserve, cursors at subtransaction abort and after a failed FETCH, WHERE CURRENT OF after
 * an update of the cursor's row, PreventInTransactionBlock in a multi-statement string, and
 * sequence dependencies: every answer recorded from PostgreSQL 15 (/tmp/cursors/t4.sql).
 */
@Timeout(90)
class SystemColumnsAndCursorsOnStorageTest extends OneSessionOnStorage {

    @BeforeAll
    static void load() throws Exception {
        q("CREATE TABLE sc (a int)");
        q("INSERT INTO sc VALUES (1), (2)");
        q("BEGIN");
        q("INSERT INTO sc VALUES (3)");
        q("INSERT INTO sc VALUES (4)");
        q("COMMIT");
    }

    static List<String> q(String sql) {
        return CatalogOnStorageTest.query(s, sql);
    }

    @Test
    void systemColumnsComeFromTheTupleHeader() {
        assertEquals(List.of("(0,1)|1|0", "(0,2)|2|0"), q("SELECT ctid, a, xmax FROM sc WHERE a < 3 ORDER BY a"));
        assertEquals(List.of("3|0|0|t", "4|1|1|t"), q("SELECT a, cmin, cmax, xmin = (SELECT xmin FROM sc WHERE a = 3)"
                + " FROM sc WHERE a > 2 ORDER BY a"));
        assertEquals(List.of("t|f"), q("SELECT a.xmin = b.xmin, a.xmin = c.xmin FROM sc a, sc b, sc c"
                + " WHERE a.a = 1 AND b.a = 2 AND c.a = 3"));
        q("CREATE INDEX sc_a ON sc (a)");
        q("SET enable_seqscan = off");
        assertEquals(List.of("(0,4)|t"), q("SELECT ctid, xmin = (SELECT xmin FROM sc WHERE a = 3) FROM sc WHERE a = 4"));
        q("RESET enable_seqscan");
        q("DROP INDEX sc_a");
        assertEquals(List.of("1|(0,1)"), q("SELECT *, ctid FROM sc WHERE a = 1"),
                "SELECT * leaves the system columns out");
    }

    /** tid's comparison operators, as PostgreSQL 15 answers the same queries. */
    @Test
    void ctidsCompareByBlockThenOffset() {
        assertEquals(List.of("2"), q("SELECT a FROM sc WHERE ctid = '(0,2)'"));
        assertEquals(List.of("2"), q("SELECT count(*) FROM sc WHERE ctid < '(0,3)'"));
        assertEquals(List.of("4,3,2,1"), q("SELECT string_agg(a::text, ',' ORDER BY ctid DESC) FROM sc"));
        assertEquals(List.of("t|f|-1|(0,300)|(1,2)"), q("SELECT '(1,2)'::tid > '(0,300)'::tid, '(0,1)'::tid <> '(0,1)',"
                + " bttidcmp('(2,1)', '(10,1)'), tidsmaller('(1,2)', '(0,300)'), tidlarger('(1,2)', '(0,300)')"));
        assertEquals(List.of("(4294967295,2)|(1,2)"), q("SELECT '(-1,2)'::tid, '( 1, 2)x'::tid"));
        assertEquals(List.of("E: 22P02 invalid input syntax for type tid: \"(3 ,4)\""), q("SELECT '(3 ,4)'::tid"));
        assertEquals(List.of("E: 22P02 invalid input syntax for type tid: \"(0,70000)\""), q("SELECT '(0,70000)'::tid"));
    }

    @Test
    void systemColumnNamesAreReserved() {
        assertEquals(List.of("E: 42701 column name \"tableoid\" conflicts with a system column name"),
                q("CREATE TABLE scbad (tableoid int)"));
        assertEquals(List.of("E: 42701 column name \"cmin\" conflicts with a system column name"),
                q("ALTER TABLE sc ADD COLUMN cmin int"));
        assertEquals(List.of("E: 42701 column name \"xmax\" conflicts with a system column name"),
                q("ALTER TABLE sc RENAME a TO xmax"));
        assertEquals(List.of("E: 42704 data type xid has no default operator class for access method \"btree\""),
                q("CREATE INDEX ON sc (xmin)"));
        assertEquals(List.of("E: 0A000 index creation on system columns is not supported"), q("CREATE INDEX ON sc (ctid)"));
        assertEquals(List.of("E: 0A000 index creation on system columns is not supported"),
                q("CREATE INDEX ON sc (a) WHERE xmin <> '0'"));
    }

    @Test
    void currentOfFollowsTheRowThroughItsUpdates() {
        q("BEGIN");
        q("DECLARE c CURSOR FOR SELECT a FROM sc WHERE a = 1");
        assertEquals(List.of("1"), q("FETCH c"));
        q("UPDATE sc SET a = a + 10 WHERE CURRENT OF c");
        q("UPDATE sc SET a = a + 10 WHERE CURRENT OF c");
        assertEquals(List.of("2", "3", "4", "21"), q("SELECT a FROM sc ORDER BY a"));
        q("ROLLBACK");
    }

    @Test
    void currentOfACursorOverAnInheritanceSet() {
        // portals.sql's bug #15395 case: the members' TupleIds collide, the row's table decides
        q("BEGIN");
        q("CREATE TABLE cc (id int, p text)");
        q("CREATE TABLE cc_1 () INHERITS (cc)");
        q("CREATE TABLE cc_2 () INHERITS (cc)");
        q("INSERT INTO cc_1 SELECT i, 'p' || i FROM generate_series(1, 9) i");
        q("INSERT INTO cc_2 SELECT i, 'P' || i FROM generate_series(10, 19) i");
        q("DECLARE c1 SCROLL CURSOR FOR SELECT * FROM cc");
        assertEquals(List.of("E: 24000 cursor \"c1\" is not positioned on a row"),
                q("DELETE FROM cc WHERE CURRENT OF c1"));
        q("ROLLBACK");
        q("BEGIN");
        q("CREATE TABLE cc (id int, p text)");
        q("CREATE TABLE cc_1 () INHERITS (cc)");
        q("CREATE TABLE cc_2 () INHERITS (cc)");
        q("INSERT INTO cc_1 SELECT i, 'p' || i FROM generate_series(1, 9) i");
        q("INSERT INTO cc_2 SELECT i, 'P' || i FROM generate_series(10, 19) i");
        q("DECLARE c1 SCROLL CURSOR FOR SELECT * FROM cc");
        assertEquals(List.of("12|P12"), q("FETCH ABSOLUTE 12 FROM c1"));
        assertEquals(List.of("8|p8"), q("FETCH ABSOLUTE 8 FROM c1"));
        assertEquals(List.of("8|p8"), q("DELETE FROM cc WHERE CURRENT OF c1 RETURNING *"));
        assertEquals(List.of("13|P13"), q("FETCH ABSOLUTE 13 FROM c1"));
        assertEquals(List.of("1|p1"), q("FETCH ABSOLUTE 1 FROM c1"));
        assertEquals(List.of("1|p1"), q("DELETE FROM cc WHERE CURRENT OF c1 RETURNING *"));
        assertEquals(List.of("17"), q("SELECT count(*) FROM cc"));
        q("ROLLBACK");
    }

    @Test
    void cursorsAtSubtransactionAbort() {
        q("BEGIN");
        q("DECLARE c CURSOR FOR SELECT 1 / (a - 1) FROM sc ORDER BY a");
        q("SAVEPOINT s");
        assertEquals(List.of("E: 22012 division by zero"), q("FETCH c"));
        q("ROLLBACK TO s");
        assertEquals(List.of("E: 55000 portal \"c\" cannot be run"), q("FETCH c"));
        q("ROLLBACK");
        q("BEGIN");
        q("SAVEPOINT x");
        q("DECLARE foo CURSOR FOR SELECT a FROM sc ORDER BY a");
        assertEquals(List.of("1"), q("FETCH foo"));
        q("ROLLBACK TO x");
        assertEquals(List.of("E: 34000 cursor \"foo\" does not exist"), q("FETCH foo"));
        q("ROLLBACK");
        q("BEGIN");
        q("SAVEPOINT y");
        q("DECLARE kept CURSOR FOR SELECT a FROM sc ORDER BY a");
        q("RELEASE y");
        q("SAVEPOINT z");
        q("ROLLBACK TO z");
        assertEquals(List.of("1"), q("FETCH kept"), "a released savepoint's cursor belongs to its parent");
        q("ROLLBACK");
    }

    @Test
    void vacuumRefusedInAMultiStatementString() {
        assertEquals(List.of("1", "E: 25001 VACUUM cannot run inside a transaction block"), q("SELECT 1; VACUUM sc"));
        assertEquals(List.of(), q("VACUUM sc"));
    }

    @Test
    void sequencesLogCountDependenciesAndParameters() {
        q("CREATE SEQUENCE sq");
        assertEquals(List.of("1"), q("SELECT nextval('sq')"));
        assertEquals(List.of("1|32|t"), q("SELECT last_value, log_cnt, is_called FROM sq"));
        q("SELECT nextval('sq')");
        assertEquals(List.of("31"), q("SELECT log_cnt FROM sq"));
        q("CREATE TABLE sd (f int DEFAULT nextval('sq'), g int DEFAULT nextval('sq'::text))");
        assertEquals(List.of("E: 2BP01 cannot drop sequence sq because other objects depend on it"),
                q("DROP SEQUENCE sq"));
        q("ALTER SEQUENCE sq RENAME TO sq2");
        assertEquals(List.of("E: 42P01 relation \"sq\" does not exist"), q("INSERT INTO sd DEFAULT VALUES"),
                "the text-cast default looks the old name up at each call");
        q("ALTER TABLE sd ALTER COLUMN g DROP DEFAULT");
        q("INSERT INTO sd DEFAULT VALUES");
        assertEquals(List.of("4|\\N"), q("SELECT f, g FROM sd"),
                "the regclass default follows the rename (the failed INSERT used 3)");
        assertEquals(List.of("1|1|9223372036854775807|1|f|1|20"),
                q("SELECT * FROM pg_sequence_parameters('sq2'::regclass)"));
        q("ALTER SEQUENCE sq2 SET UNLOGGED");
        assertEquals(List.of("u"), q("SELECT relpersistence FROM pg_class WHERE relname = 'sq2'"));
        q("DROP TABLE sd");
        assertEquals(List.of(), q("DROP SEQUENCE sq2"));
    }
}
