package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.DmlOnStorageTest.query;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Plan-time partition pruning by key equalities and the deparsing of row-typed partition keys; the
 * expected plans and constraint texts were recorded from PostgreSQL 15.
 */
@Timeout(120)
class PartitionPruningOnStorageTest extends TwoSessionsOnStorage {

    @Test
    void equalitiesOnTheKeyPruneListAndRangePartitions() {
        query(a, "CREATE TABLE lpp (a int, b text) PARTITION BY LIST (a)");
        query(a, "CREATE TABLE lpp1 PARTITION OF lpp FOR VALUES IN (1, 2)");
        query(a, "CREATE TABLE lpp2 PARTITION OF lpp FOR VALUES IN (3)");
        query(a, "CREATE TABLE lppd PARTITION OF lpp DEFAULT");
        assertEquals(List.of("Seq Scan on lpp1 lpp", "  Filter: (a = 1)"),
                query(a, "EXPLAIN (COSTS OFF) SELECT * FROM lpp WHERE a = 1"));
        assertEquals(List.of("Seq Scan on lpp2 lpp", "  Filter: ((a = 3) AND (b = 'x'::text))"),
                query(a, "EXPLAIN (COSTS OFF) SELECT * FROM lpp WHERE a = 3 AND b = 'x'"));
        assertEquals(List.of("Seq Scan on lppd lpp", "  Filter: (a = 7)"),
                query(a, "EXPLAIN (COSTS OFF) SELECT * FROM lpp WHERE a = 7"));
        assertEquals(List.of("Seq Scan on lpp1 lpp", "  Filter: (1 = a)"),
                query(a, "EXPLAIN (COSTS OFF) SELECT * FROM lpp WHERE 1 = a"));
        query(a, "INSERT INTO lpp VALUES (1, 'one'), (3, 'three'), (7, 'seven')");
        assertEquals(List.of("3|three"), query(a, "SELECT * FROM lpp WHERE a = 3"));
        query(a, "CREATE TABLE rpp (a int, b text) PARTITION BY RANGE (a)");
        query(a, "CREATE TABLE rpp1 PARTITION OF rpp FOR VALUES FROM (1) TO (10)");
        query(a, "CREATE TABLE rpp2 PARTITION OF rpp FOR VALUES FROM (10) TO (20)");
        assertEquals(List.of("Seq Scan on rpp1 rpp", "  Filter: (a = 5)"),
                query(a, "EXPLAIN (COSTS OFF) SELECT * FROM rpp WHERE a = 5"));
        assertEquals(List.of("Result", "  One-Time Filter: false"),
                query(a, "EXPLAIN (COSTS OFF) SELECT * FROM rpp WHERE a = 50"));
        query(a, "DROP TABLE lpp, rpp");
    }

    @Test
    void rowTypedKeysPruneAndDeparse() {
        query(a, "CREATE TABLE rowp (a int, b int) PARTITION BY LIST ((row(a, b)::rowp))");
        query(a, "CREATE TABLE rowp1 PARTITION OF rowp FOR VALUES IN ('(1,2)'::rowp)");
        query(a, "CREATE TABLE rowp2 PARTITION OF rowp FOR VALUES IN ('(2,4)'::rowp)");
        assertEquals(List.of("INSERT 0 2"), query(a, "INSERT INTO rowp VALUES (1, 2), (2, 4)"));
        assertEquals(List.of("Seq Scan on rowp1 rowp", "  Filter: (ROW(a, b)::rowp = '(1,2)'::rowp)"),
                query(a, "EXPLAIN (COSTS OFF) SELECT * FROM rowp WHERE row(a,b)::rowp = '(1,2)'::rowp"));
        query(a, "DROP TABLE rowp");
        query(a, "CREATE TABLE wholep (a int, b int) PARTITION BY LIST ((wholep))");
        query(a, "CREATE TABLE wholep1 PARTITION OF wholep FOR VALUES IN ('(1,2)')");
        query(a, "CREATE TABLE wholep2 PARTITION OF wholep FOR VALUES IN ('(2,4)')");
        assertEquals(List.of("Seq Scan on wholep1 wholep", "  Filter: ((wholep.*)::wholep = '(1,2)'::wholep)"),
                query(a, "EXPLAIN (COSTS OFF) SELECT * FROM wholep WHERE wholep = '(1,2)'::wholep"));
        assertEquals(List.of("(((wholep1.*)::wholep IS DISTINCT FROM NULL) AND ((wholep1.*)::wholep = '(1,2)'::wholep))"),
                query(a, "SELECT pg_get_partition_constraintdef('wholep1'::regclass)"));
        query(a, "DROP TABLE wholep");
    }
}
