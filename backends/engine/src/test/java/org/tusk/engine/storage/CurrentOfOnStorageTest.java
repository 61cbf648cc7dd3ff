package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * UPDATE/DELETE WHERE CURRENT OF a cursor (execCurrentOf), with PostgreSQL 15's
 * answers and errors (recorded from the reference server).
 */
@Timeout(90)
class CurrentOfOnStorageTest extends OneSessionOnStorage {

    @BeforeAll
    static void load() throws Exception {
        q("CREATE TABLE uc (f1 int, f2 text)");
        q("INSERT INTO uc VALUES (1, 'one'), (3, 'three')");
    }

    static List<String> q(String sql) {
        return CatalogOnStorageTest.query(s, sql);
    }

    @Test
    void updatesAndDeletesTheCursorsRow() {
        q("BEGIN");
        q("DECLARE c1 CURSOR FOR SELECT * FROM uc");
        assertEquals(List.of("E: 24000 cursor \"c1\" is not positioned on a row"),
                q("UPDATE uc SET f1 = f1 + 10 WHERE CURRENT OF c1"));
        q("ROLLBACK");
        q("BEGIN");
        q("DECLARE c1 CURSOR FOR SELECT * FROM uc");
        assertEquals(List.of("1|one"), q("FETCH 1 FROM c1"));
        assertEquals(List.of(), q("UPDATE uc SET f1 = f1 + 10 WHERE CURRENT OF c1"));
        assertEquals(List.of("3|three"), q("FETCH 1 FROM c1"));
        assertEquals(List.of("3|three"), q("DELETE FROM uc WHERE CURRENT OF c1 RETURNING *"));
        assertEquals(List.of("11|one"), q("SELECT * FROM uc ORDER BY f1"));
        q("ROLLBACK");
    }

    @Test
    void errors() {
        q("BEGIN");
        q("DECLARE c2 CURSOR FOR SELECT count(*) FROM uc");
        q("FETCH 1 FROM c2");
        assertEquals(List.of("E: 24000 cursor \"c2\" is not a simply updatable scan of table \"uc\""),
                q("DELETE FROM uc WHERE CURRENT OF c2"));
        q("ROLLBACK");
        q("BEGIN");
        q("DECLARE c3 CURSOR FOR SELECT * FROM uc ORDER BY f1");
        assertEquals(List.of("E: 24000 cursor \"c3\" is not a simply updatable scan of table \"uc\""),
                q("UPDATE uc SET f1 = f1 + 10 WHERE CURRENT OF c3"));
        q("ROLLBACK");
        assertEquals(List.of("E: 34000 cursor \"nope\" does not exist"), q("DELETE FROM uc WHERE CURRENT OF nope"));
    }

    @Test
    void forUpdateOfAnInheritanceSetLocksInTheMembers() {
        q("CREATE TABLE ucp (f1 int, f2 text)");
        q("CREATE TABLE ucc (extra int) INHERITS (ucp)");
        q("INSERT INTO ucp VALUES (1, 'one'), (3, 'three')");
        q("INSERT INTO ucc VALUES (100, 'hundred', 0)");
        q("BEGIN");
        q("DECLARE c1 CURSOR FOR SELECT * FROM ucp FOR UPDATE");
        assertEquals(List.of("1|one"), q("FETCH 1 FROM c1"));
        assertEquals(List.of(), q("UPDATE ucp SET f1 = f1 + 10 WHERE CURRENT OF c1"));
        assertEquals(List.of("3|three", "100|hundred"), q("FETCH 2 FROM c1"));
        assertEquals(List.of(), q("UPDATE ucp SET f1 = f1 + 10 WHERE CURRENT OF c1"));
        assertEquals(List.of("3|three", "11|one", "110|hundred"), q("SELECT * FROM ucp ORDER BY f1"));
        q("ROLLBACK");
        q("BEGIN");
        q("DECLARE c1 CURSOR FOR SELECT * FROM ucp a, ucp b WHERE a.f1 = b.f1 + 2 FOR UPDATE");
        assertEquals(List.of("3|three|1|one"), q("FETCH 1 FROM c1"));
        assertEquals(List.of("E: 24000 cursor \"c1\" has multiple FOR UPDATE/SHARE references to table \"ucp\""),
                q("UPDATE ucp SET f1 = f1 + 10 WHERE CURRENT OF c1"));
        q("ROLLBACK");
        q("BEGIN");
        q("DECLARE c1 CURSOR FOR SELECT * FROM ucp a, ucp b WHERE a.f1 = b.f1 + 2 FOR SHARE OF a");
        assertEquals(List.of("3|three|1|one"), q("FETCH 1 FROM c1"));
        assertEquals(List.of(), q("UPDATE ucp SET f1 = f1 + 10 WHERE CURRENT OF c1"));
        assertEquals(List.of("1|one", "13|three", "100|hundred"), q("SELECT * FROM ucp ORDER BY f1"));
        q("ROLLBACK");
        q("DROP TABLE ucc, ucp");
    }
}
