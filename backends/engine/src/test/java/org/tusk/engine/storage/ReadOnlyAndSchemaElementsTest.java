package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.CatalogOnStorageTest.query;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Read-only transactions (PreventCommandIfReadOnly / ExecCheckXactReadOnly, check_transaction_read_only),
 * COMMIT/ROLLBACK AND CHAIN, CREATE SCHEMA with elements, ALTER SCHEMA RENAME and CREATE TABLE AS EXECUTE,
 * with PostgreSQL 15's texts (the transactions, namespace and prepare regression files).
 */
@Timeout(90)
class ReadOnlyAndSchemaElementsTest extends OneSessionOnStorage {

    @BeforeAll
    static void load() throws Exception {
        query(s, "CREATE TABLE writetest (a int)");
        query(s, "CREATE TEMPORARY TABLE temptest (a int)");
        query(s, "CREATE SEQUENCE rs");
    }

    @Test
    void readOnlyTransactions() {
        query(s, "BEGIN");
        query(s, "SET TRANSACTION READ ONLY");
        assertEquals(List.of(), query(s, "SELECT * FROM writetest"));
        assertEquals(List.of("E: 25001 transaction read-write mode must be set before any query"),
                query(s, "SET TRANSACTION READ WRITE"));
        query(s, "ROLLBACK");
        query(s, "BEGIN");
        query(s, "SET TRANSACTION READ ONLY");
        query(s, "SAVEPOINT x");
        assertEquals(List.of("E: 25001 cannot set transaction read-write mode inside a read-only transaction"),
                query(s, "SET TRANSACTION READ WRITE"));
        query(s, "ROLLBACK");
        query(s, "BEGIN");
        query(s, "SAVEPOINT y");
        query(s, "SET TRANSACTION READ ONLY");
        query(s, "RELEASE SAVEPOINT y");
        assertEquals(List.of("off"), query(s, "SHOW transaction_read_only"));
        query(s, "COMMIT");

        query(s, "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
        try {
            assertEquals(List.of("on"), query(s, "SHOW transaction_read_only"));
            assertEquals(List.of("E: 25006 cannot execute DROP TABLE in a read-only transaction"),
                    query(s, "DROP TABLE writetest"));
            assertEquals(List.of("E: 25006 cannot execute INSERT in a read-only transaction"),
                    query(s, "INSERT INTO writetest VALUES (1)"));
            assertEquals(List.of(), query(s, "DELETE FROM temptest"));
            assertEquals(List.of(), query(s, "PREPARE upd AS UPDATE writetest SET a = 0"));
            assertEquals(List.of("E: 25006 cannot execute UPDATE in a read-only transaction"), query(s, "EXECUTE upd"));
            assertEquals(List.of("E: 25006 cannot execute CREATE TABLE AS in a read-only transaction"),
                    query(s, "CREATE TABLE t2 AS SELECT * FROM writetest"));
            assertEquals(List.of("E: 25006 cannot execute nextval() in a read-only transaction"),
                    query(s, "SELECT nextval('rs')"));
        } finally {
            query(s, "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE");
        }
        assertEquals(List.of("off"), query(s, "SHOW transaction_read_only"));
    }

    @Test
    void commitAndChainKeepsCharacteristics() {
        query(s, "START TRANSACTION ISOLATION LEVEL REPEATABLE READ, DEFERRABLE");
        query(s, "COMMIT AND CHAIN");
        assertEquals(List.of("repeatable read"), query(s, "SHOW transaction_isolation"));
        assertEquals(List.of("on"), query(s, "SHOW transaction_deferrable"));
        query(s, "ROLLBACK");
        assertEquals(List.of("read committed"), query(s, "SHOW transaction_isolation"));
        assertEquals(List.of("E: 25P01 COMMIT AND CHAIN can only be used in transaction blocks"),
                query(s, "COMMIT AND CHAIN"));
    }

    @Test
    void createSchemaWithElementsAndRename() {
        assertEquals(List.of(), query(s, "CREATE SCHEMA ns1 CREATE UNIQUE INDEX abc_a_idx ON abc (a)"
                + " CREATE VIEW abc_view AS SELECT a+1 AS a, b+1 AS b FROM abc"
                + " CREATE TABLE abc (a serial, b int UNIQUE)"));
        assertEquals(List.of("5"), query(s, "SELECT count(*) FROM pg_class WHERE relnamespace ="
                + " (SELECT oid FROM pg_namespace WHERE nspname = 'ns1')"));
        assertEquals(List.of(), query(s, "INSERT INTO ns1.abc DEFAULT VALUES"));
        assertEquals(List.of("1|\\N"), query(s, "SELECT * FROM ns1.abc"));
        assertEquals(List.of("abc_view|v"), query(s, "SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n"
                + " ON n.oid = c.relnamespace WHERE n.nspname = 'ns1' AND c.relkind = 'v'"));
        assertEquals(List.of("E: 0A000 CREATE SCHEMA IF NOT EXISTS cannot include schema elements"),
                query(s, "CREATE SCHEMA IF NOT EXISTS ns1 CREATE TABLE x (a int)"));
        assertEquals(List.of(), query(s, "ALTER SCHEMA ns1 RENAME TO ns1_renamed"));
        assertEquals(List.of("1|\\N"), query(s, "SELECT * FROM ns1_renamed.abc"));
        assertEquals(List.of("E: 3F000 schema \"ns1\" does not exist"), query(s, "ALTER SCHEMA ns1 RENAME TO x"));
    }

    @Test
    void createTableAsExecute() {
        query(s, "PREPARE q5(int) AS SELECT $1 + 1 AS v");
        assertEquals(List.of(), query(s, "CREATE TEMPORARY TABLE q5_res AS EXECUTE q5(41)"));
        assertEquals(List.of("42"), query(s, "SELECT * FROM q5_res"));
        query(s, "PREPARE q6 AS INSERT INTO temptest VALUES (1)");
        assertEquals(List.of("E: 42809 prepared statement is not a SELECT"), query(s, "CREATE TABLE q6_res AS EXECUTE q6"));
    }
}
