package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.DmlOnStorageTest.query;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * FOREIGN KEY enforcement and UPDATE ... FROM / DELETE ... USING / multiple-column SET on the
 * in-process cluster; every expected answer was recorded from PostgreSQL 15.
 */
@Timeout(120)
class ForeignKeyAndJoinDmlTest extends TwoSessionsOnStorage {

    @Test
    void foreignKeysCheckedAndActionsTaken() {
        query(a, "CREATE TABLE p (id int PRIMARY KEY, v text)");
        query(a, "CREATE TABLE c1 (id int, pid int REFERENCES p ON DELETE CASCADE ON UPDATE CASCADE)");
        query(a, "CREATE TABLE c2 (id int, pid int REFERENCES p(id))");
        query(a, "INSERT INTO p VALUES (1,'a'),(2,'b'),(3,'c')");
        assertEquals(List.of("INSERT 0 3"), query(a, "INSERT INTO c1 VALUES (1,1),(2,2),(3,NULL)"));
        assertEquals(List.of("E: 23503 insert or update on table \"c1\" violates foreign key constraint \"c1_pid_fkey\""
                + " | Key (pid)=(9) is not present in table \"p\"."), query(a, "INSERT INTO c1 VALUES (4,9)"));
        query(a, "INSERT INTO c2 VALUES (1,3)");
        assertEquals(List.of("E: 23503 update or delete on table \"p\" violates foreign key constraint \"c2_pid_fkey\""
                + " on table \"c2\" | Key (id)=(3) is still referenced from table \"c2\"."),
                query(a, "DELETE FROM p WHERE id = 3"));
        assertEquals(List.of("UPDATE 1"), query(a, "UPDATE p SET id = 10 WHERE id = 1"));
        assertEquals(List.of("1|10", "2|2", "3|\\N"), query(a, "SELECT * FROM c1 ORDER BY id"));
        assertEquals(List.of("DELETE 1"), query(a, "DELETE FROM p WHERE id = 2"));
        assertEquals(List.of("1|10", "3|\\N"), query(a, "SELECT * FROM c1 ORDER BY id"));
        assertEquals(List.of("E: 23503 insert or update on table \"c2\" violates foreign key constraint \"c2_pid_fkey\""
                + " | Key (pid)=(7) is not present in table \"p\"."), query(a, "UPDATE c2 SET pid = 7"));
        query(a, "CREATE TABLE c3 (a int, b int, FOREIGN KEY (a) REFERENCES p ON DELETE SET NULL)");
        query(a, "INSERT INTO c3 VALUES (10, 1)");
        assertEquals(List.of("DELETE 1"), query(a, "DELETE FROM p WHERE id = 10"));
        assertEquals(List.of("\\N|1"), query(a, "SELECT * FROM c3"));
        assertEquals(List.of("c1_pid_fkey|c|c|s", "c2_pid_fkey|a|a|s", "c3_a_fkey|a|n|s"), query(a,
                "SELECT conname, confupdtype, confdeltype, confmatchtype FROM pg_constraint WHERE contype = 'f'"
                        + " ORDER BY 1"));
        query(a, "DROP TABLE c1, c2, c3, p");
    }

    @Test
    void matchFull() {
        query(a, "CREATE TABLE pf (x int, y int, PRIMARY KEY (x, y))");
        query(a, "CREATE TABLE ff (x int, y int, FOREIGN KEY (x, y) REFERENCES pf MATCH FULL)");
        assertEquals(List.of("E: 23503 insert or update on table \"ff\" violates foreign key constraint \"ff_x_y_fkey\""
                + " | MATCH FULL does not allow mixing of null and nonnull key values."),
                query(a, "INSERT INTO ff VALUES (1, NULL)"));
        assertEquals(List.of("INSERT 0 1"), query(a, "INSERT INTO ff VALUES (NULL, NULL)"));
        query(a, "DROP TABLE ff, pf");
    }

    @Test
    void updateFromDeleteUsingAndMultiColumnSet() {
        query(a, "CREATE TABLE dml_u (a int, b int, c text)");
        query(a, "INSERT INTO dml_u VALUES (5, 10, 'foo'), (10, 15, null)");
        assertEquals(List.of("100|10|foo|100|10", "UPDATE 1"), query(a,
                "UPDATE dml_u SET a = v.i FROM (VALUES (100, 10)) AS v(i, j) WHERE dml_u.b = v.j RETURNING *"));
        assertEquals(List.of("UPDATE 1"), query(a, "UPDATE dml_u SET (c, b) = ('car', a + b), a = DEFAULT WHERE a = 10"));
        assertEquals(List.of("UPDATE 1"),
                query(a, "UPDATE dml_u SET (b, a) = (SELECT a, b FROM dml_u WHERE c = 'car') WHERE c = 'foo'"));
        assertEquals(List.of("\\N|25", "DELETE 1"), query(a,
                "DELETE FROM dml_u USING (VALUES (25)) AS w(k) WHERE dml_u.b = w.k RETURNING dml_u.a, w.k"));
        assertEquals(List.of("25|\\N|foo"), query(a, "SELECT * FROM dml_u ORDER BY a"));
        query(a, "DROP TABLE dml_u");
    }
}
