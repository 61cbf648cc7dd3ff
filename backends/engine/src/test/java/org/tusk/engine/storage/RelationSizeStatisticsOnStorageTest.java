package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.DmlOnStorageTest.query;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * pg_class.relpages / reltuples of tables and indexes after CREATE TABLE, CREATE INDEX, VACUUM, ANALYZE,
 * TRUNCATE and REINDEX (what pgjdbc's getIndexInfo reports as CARDINALITY and PAGES). The expected rows
 * were recorded from PostgreSQL 15 running the same statements; page counts are compared only where
 * Tusk's heap and btree pages hold as many rows as PostgreSQL's (plain int and short text keys).
 */
class RelationSizeStatisticsOnStorageTest extends OneSessionOnStorage {

    private static List<String> sizes(String prefix) {
        return query(s, "SELECT relname, relpages, reltuples FROM pg_class WHERE relname LIKE '" + prefix
                + "%' ORDER BY 1");
    }

    private static List<String> tuples(String prefix) {
        return query(s, "SELECT relname, reltuples FROM pg_class WHERE relname LIKE '" + prefix + "%' ORDER BY 1");
    }

    @Test
    void createIndexAnalyzeVacuumTruncate() {
        query(s, "CREATE TABLE sz1 (a int PRIMARY KEY, b text)");
        assertEquals(List.of("sz1|0|-1", "sz1_pkey|1|0"), sizes("sz1"));
        query(s, "INSERT INTO sz1 SELECT g, 'x' || g FROM generate_series(1, 1000) g");
        assertEquals(List.of("sz1|0|-1", "sz1_pkey|1|0"), sizes("sz1"));
        query(s, "CREATE INDEX sz1_b ON sz1 (b)");
        assertEquals(List.of("sz1|6|1000", "sz1_b|5|1000", "sz1_pkey|1|0"), sizes("sz1"));
        query(s, "ANALYZE sz1");
        assertEquals(List.of("sz1|6|1000", "sz1_b|5|1000", "sz1_pkey|5|1000"), sizes("sz1"));
        query(s, "DELETE FROM sz1 WHERE a > 500");
        query(s, "VACUUM sz1");
        assertEquals(List.of("sz1|500", "sz1_b|500", "sz1_pkey|500"), tuples("sz1"));
        query(s, "TRUNCATE sz1");
        assertEquals(List.of("sz1|0|-1", "sz1_b|0|-1", "sz1_pkey|0|-1"), sizes("sz1"));
    }

    @Test
    void vacuumWithoutDeadRowsLeavesIndexes() {
        query(s, "CREATE TABLE sz2 (a int)");
        query(s, "CREATE INDEX sz2_a ON sz2 (a)");
        assertEquals(List.of("sz2|0|-1", "sz2_a|1|0"), sizes("sz2"));
        query(s, "INSERT INTO sz2 VALUES (1), (2)");
        query(s, "CREATE INDEX sz2_a2 ON sz2 (a)");
        assertEquals(List.of("sz2|1|2", "sz2_a|1|0", "sz2_a2|2|2"), sizes("sz2"));
        query(s, "VACUUM sz2");
        assertEquals(List.of("sz2|1|2", "sz2_a|1|0", "sz2_a2|2|2"), sizes("sz2"));
    }

    @Test
    void partialIndexesCountTheRowsTheirPredicateAccepts() {
        query(s, "CREATE TABLE sz3 (a int PRIMARY KEY, b int)");
        query(s, "INSERT INTO sz3 SELECT g, g % 10 FROM generate_series(1, 1000) g");
        query(s, "CREATE INDEX sz3_p ON sz3 (b) WHERE b < 3");
        query(s, "CREATE INDEX sz3_e ON sz3 ((b + 1))");
        assertEquals(List.of("sz3|1000", "sz3_e|1000", "sz3_p|300", "sz3_pkey|0"), tuples("sz3"));
        query(s, "UPDATE sz3 SET b = 5 WHERE a <= 100");
        query(s, "VACUUM ANALYZE sz3");
        assertEquals(List.of("sz3|1000", "sz3_e|1000", "sz3_p|270", "sz3_pkey|1000"), tuples("sz3"));
        query(s, "UPDATE sz3 SET b = 1 WHERE a <= 100");
        query(s, "ANALYZE sz3");
        assertEquals(List.of("sz3|1000", "sz3_e|1000", "sz3_p|370", "sz3_pkey|1000"), tuples("sz3"));
    }

    @Test
    void reindexOfAnEmptyTableLeavesItUncounted() {
        query(s, "CREATE TABLE sz5 (a int PRIMARY KEY)");
        query(s, "REINDEX TABLE sz5");
        assertEquals(List.of("sz5|0|-1", "sz5_pkey|0|-1"), sizes("sz5"));
        query(s, "INSERT INTO sz5 VALUES (1)");
        query(s, "REINDEX TABLE sz5");
        assertEquals(List.of("sz5|1|1", "sz5_pkey|2|1"), sizes("sz5"));
    }
}
