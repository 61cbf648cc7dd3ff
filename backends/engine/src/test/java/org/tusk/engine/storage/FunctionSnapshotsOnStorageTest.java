package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Which snapshot a function's statements read with (functions.c, SPI, and a portal's active
 * snapshot): a VOLATILE function takes a fresh one after a CommandCounterIncrement and so
 * sees the calling statement's changes so far; a STABLE one reads with the caller's, which
 * for a cursor is the snapshot of its DECLARE. Answers recorded from PostgreSQL 15.
 */
@Timeout(90)
class FunctionSnapshotsOnStorageTest extends OneSessionOnStorage {

    @BeforeAll
    static void load() throws Exception {
        q("CREATE TABLE xt (a int)");
        q("INSERT INTO xt VALUES (1), (2), (3)");
        q("CREATE FUNCTION mx_v() RETURNS int LANGUAGE sql VOLATILE AS 'select max(a) from xt'");
        q("CREATE FUNCTION mx_s() RETURNS int LANGUAGE sql STABLE AS 'select max(a) from xt'");
        q("CREATE FUNCTION mx_pv() RETURNS int LANGUAGE plpgsql VOLATILE AS 'begin return max(a) from xt; end'");
        q("CREATE FUNCTION mx_ps() RETURNS int LANGUAGE plpgsql STABLE AS 'begin return max(a) from xt; end'");
    }

    static List<String> q(String sql) {
        return CatalogOnStorageTest.query(s, sql);
    }

    private static List<String> updateWith(String function) {
        q("BEGIN");
        try {
            q("UPDATE xt SET a = " + function + "() + 10");
            return q("SELECT a FROM xt ORDER BY a");
        } finally {
            q("ROLLBACK");
        }
    }

    @Test
    void volatileFunctionsSeeTheCallingUpdatesEarlierRows() {
        assertEquals(List.of("13", "23", "33"), updateWith("mx_v"));
        assertEquals(List.of("13", "23", "33"), updateWith("mx_pv"));
    }

    @Test
    void stableFunctionsReadWithTheCallersSnapshot() {
        assertEquals(List.of("13", "13", "13"), updateWith("mx_s"));
        assertEquals(List.of("13", "13", "13"), updateWith("mx_ps"));
    }

    @Test
    void aCursorRunsWithTheSnapshotOfItsDeclare() {
        q("BEGIN");
        q("DECLARE c CURSOR FOR SELECT mx_v(), mx_s(), mx_pv(), mx_ps()");
        q("INSERT INTO xt VALUES (100)");
        assertEquals(List.of("100|3|100|3"), q("FETCH ALL FROM c"));
        q("ROLLBACK");
    }

    @Test
    void aHoldableCursorIsFilledAtCommitWithItsSnapshot() {
        q("BEGIN");
        q("DECLARE h CURSOR WITH HOLD FOR SELECT mx_v(), mx_s() FROM generate_series(1, 2)");
        q("INSERT INTO xt VALUES (100)");
        assertEquals(List.of("100|3"), q("FETCH 1 FROM h"));
        q("INSERT INTO xt VALUES (200)");
        q("COMMIT");
        q("DELETE FROM xt WHERE a >= 100");
        assertEquals(List.of("200|3"), q("FETCH ALL FROM h"));
        q("CLOSE h");
    }

    @Test
    void aSqlFunctionDeclaresACursorThatOutlivesTheCall() {
        q("CREATE FUNCTION declares_c(int) RETURNS void LANGUAGE sql"
                + " AS 'DECLARE c CURSOR FOR SELECT a FROM xt WHERE a >= $1 ORDER BY a;'");
        q("BEGIN");
        assertEquals(List.of("\\N"), q("SELECT declares_c(2)"));
        assertEquals(List.of("2", "3"), q("FETCH ALL FROM c"));
        q("ROLLBACK");
        // not top level: no transaction block needed, the cursor closes with the implicit transaction
        assertEquals(List.of("\\N"), q("SELECT declares_c(2)"));
        assertEquals(List.of("E: 34000 cursor \"c\" does not exist"), q("FETCH ALL FROM c"));
    }

    @Test
    void aNonVolatilePlpgsqlFunctionMayOnlyRead() {
        q("CREATE FUNCTION ins_s() RETURNS int LANGUAGE plpgsql STABLE AS 'begin insert into xt values (5); return 1; end'");
        q("CREATE FUNCTION ddl_i() RETURNS int LANGUAGE plpgsql IMMUTABLE"
                + " AS 'begin create temp table zz(a int); return 1; end'");
        q("CREATE FUNCTION read_s() RETURNS bigint LANGUAGE plpgsql STABLE"
                + " AS 'begin perform 1; return (select count(*) from xt); end'");
        assertEquals(List.of("E: 0A000 INSERT is not allowed in a non-volatile function"), q("SELECT ins_s()"));
        assertEquals(List.of("E: 0A000 CREATE TABLE is not allowed in a non-volatile function"), q("SELECT ddl_i()"));
        assertEquals(List.of("3"), q("SELECT read_s()"));
    }
}
