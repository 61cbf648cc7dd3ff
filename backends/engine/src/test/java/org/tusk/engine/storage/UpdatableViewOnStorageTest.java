package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * INSERT, UPDATE and DELETE through automatically updatable views (rewriteTargetView):
 * column mapping, RETURNING, nested views, WITH CHECK OPTION and the errors of views
 * that are not updatable, with PostgreSQL 15's answers (recorded from the reference server).
 */
@Timeout(90)
class UpdatableViewOnStorageTest extends OneSessionOnStorage {

    @BeforeAll
    static void load() throws Exception {
        q("CREATE TABLE bt (a int PRIMARY KEY, b text DEFAULT 'dflt', c int)");
        q("INSERT INTO bt VALUES (1, 'one', 10), (2, 'two', 20), (-1, 'neg', 0)");
        q("CREATE VIEW v1 AS SELECT a, b AS bb, c * 2 AS c2 FROM bt WHERE a > 0");
    }

    static List<String> q(String sql) {
        return CatalogOnStorageTest.query(s, sql);
    }

    @Test
    void changesReachTheBaseTable() {
        assertEquals(List.of("5|five|\\N"), q("INSERT INTO v1 VALUES (5, 'five') RETURNING *"));
        assertEquals(List.of("dflt|7"), q("INSERT INTO v1 (a) VALUES (6) RETURNING bb, a + 1"));
        assertEquals(List.of("2|two!|40|3"), q("UPDATE v1 SET bb = bb || '!' WHERE c2 > 20 RETURNING *, a + 1"));
        assertEquals(List.of("5|y|\\N"), q("UPDATE v1 x SET bb = 'y' WHERE x.a = 5 RETURNING x.*"));
        assertEquals(List.of("y"), q("DELETE FROM v1 WHERE a = 5 RETURNING bb"));
        // the view's WHERE limits UPDATE and DELETE
        assertEquals(List.of(), q("DELETE FROM v1 WHERE a = -1 RETURNING a"));
        q("CREATE VIEW v2 (k, label) AS SELECT a, bb FROM v1 WHERE a < 6");
        assertEquals(List.of("2|two2"), q("UPDATE v2 SET label = 'two2' WHERE k = 2 RETURNING *"));
        assertEquals(List.of("1"), q("DELETE FROM v2 WHERE label = 'one' RETURNING k"));
        assertEquals(List.of("-1|neg|0", "2|two2|20", "6|dflt|\\N"), q("SELECT * FROM bt ORDER BY a"));
    }

    @Test
    void columnErrors() {
        assertEquals(List.of("E: 0A000 cannot insert into column \"c2\" of view \"v1\""),
                q("INSERT INTO v1 VALUES (7, 'seven', 14)"));
        assertEquals(List.of("E: 0A000 cannot update column \"c2\" of view \"v1\""), q("UPDATE v1 SET c2 = 3"));
        assertEquals(List.of("E: 42703 column \"zz\" of relation \"v1\" does not exist"), q("UPDATE v1 SET zz = 1"));
        assertEquals(List.of("E: 42703 column \"c\" does not exist"), q("UPDATE v1 SET a = 1 WHERE c = 1"));
        assertEquals(List.of("E: 42703 column v1.nope does not exist"), q("UPDATE v1 SET a = v1.nope"));
    }

    @Test
    void notUpdatableViews() {
        q("CREATE VIEW ro_distinct AS SELECT DISTINCT a FROM bt");
        q("CREATE VIEW ro_agg AS SELECT count(*) FROM bt");
        q("CREATE VIEW ro_join AS SELECT x.a FROM bt x, bt y");
        q("CREATE VIEW ro_const AS SELECT 1 AS x FROM bt");
        assertEquals(List.of("E: 55000 cannot insert into view \"ro_distinct\""), q("INSERT INTO ro_distinct VALUES (1)"));
        assertEquals(List.of("E: 55000 cannot delete from view \"ro_agg\""), q("DELETE FROM ro_agg"));
        assertEquals(List.of("E: 55000 cannot update view \"ro_join\""), q("UPDATE ro_join SET a = 1"));
        assertEquals(List.of("E: 55000 cannot update view \"ro_const\""), q("UPDATE ro_const SET x = 1"));
        assertEquals(List.of(), q("DELETE FROM ro_const WHERE x = 2"));
    }

    @Test
    void checkOptions() {
        q("CREATE TABLE ct (a int, b text)");
        q("CREATE VIEW wco AS SELECT * FROM ct WHERE a < 10 WITH CHECK OPTION");
        q("CREATE VIEW wco2 AS SELECT * FROM wco WHERE a > 0 WITH LOCAL CHECK OPTION");
        q("CREATE VIEW wco3 AS SELECT * FROM wco WHERE a > 0");
        assertEquals(List.of("{check_option=cascaded}", "{check_option=local}", "\\N"),
                q("SELECT reloptions FROM pg_class WHERE relname LIKE 'wco%' ORDER BY relname"));
        assertEquals(List.of("E: 44000 new row violates check option for view \"wco\""), q("INSERT INTO wco VALUES (20, 'x')"));
        assertEquals(List.of("E: 44000 new row violates check option for view \"wco\""), q("INSERT INTO wco2 VALUES (20, 'x')"));
        assertEquals(List.of("E: 44000 new row violates check option for view \"wco2\""), q("INSERT INTO wco2 VALUES (-20, 'x')"));
        assertEquals(List.of("E: 44000 new row violates check option for view \"wco\""), q("INSERT INTO wco3 VALUES (20, 'x')"));
        assertEquals(List.of("-20|x"), q("INSERT INTO wco3 VALUES (-20, 'x') RETURNING *"));
        assertEquals(List.of("E: 44000 new row violates check option for view \"wco\""), q("UPDATE wco SET a = a + 100"));
        assertEquals(List.of("-10|x"), q("UPDATE wco SET a = a + 10 RETURNING *"));
    }
}
