package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.DmlOnStorageTest.query;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * tableoid over an inheritance Append, UPDATE and DELETE through a parent (row
 * movement between partitions), ATTACH/DETACH PARTITION and hash routing, on the
 * in-process cluster; every expected answer was recorded from PostgreSQL 15.
 */
@Timeout(120)
class PartitionDmlOnStorageTest extends TwoSessionsOnStorage {

    /** EXPLAIN of UPDATE/DELETE: ModifyTable with one line per result relation; plans recorded from PostgreSQL 15. */
    @Test
    void explainUpdateAndDeleteOfInheritanceSets() {
        query(a, "CREATE TABLE ih (a int, b int)");
        query(a, "CREATE TABLE ih_c () INHERITS (ih)");
        assertEquals(List.of("Delete on ih", "  Delete on ih ih_1", "  Delete on ih_c ih_2", "  ->  Append",
                "        ->  Seq Scan on ih ih_1", "              Filter: (a = 2)", "        ->  Seq Scan on ih_c ih_2",
                "              Filter: (a = 2)"), query(a, "EXPLAIN (costs off) DELETE FROM ih WHERE a = 2"));
        assertEquals(List.of("Update on ih", "  Update on ih ih_1", "  Update on ih_c ih_2", "  ->  Result",
                "        ->  Append", "              ->  Seq Scan on ih ih_1", "                    Filter: (a = 2)",
                "              ->  Seq Scan on ih_c ih_2", "                    Filter: (a = 2)"),
                query(a, "EXPLAIN (costs off) UPDATE ih SET b = 1 WHERE a = 2"));
        query(a, "CREATE TABLE ph (a int, c numeric) PARTITION BY LIST (a)");
        query(a, "CREATE TABLE ph1 PARTITION OF ph FOR VALUES IN (1)");
        query(a, "CREATE TABLE ph2 PARTITION OF ph FOR VALUES IN (2, 3)");
        assertEquals(List.of("Update on ph", "  Update on ph1 ph_1", "  Update on ph2 ph_2", "  ->  Append",
                "        ->  Seq Scan on ph1 ph_1", "              Filter: (c > '97'::numeric)",
                "        ->  Seq Scan on ph2 ph_2", "              Filter: (c > '97'::numeric)"),
                query(a, "EXPLAIN (costs off) UPDATE ph SET c = c - 50 WHERE c > 97"));
        assertEquals(List.of("Delete on ph1 t", "  ->  Seq Scan on ph1 t", "        Filter: (c > 97.5)"),
                query(a, "EXPLAIN (costs off) DELETE FROM ph1 t WHERE c > 97.5"));
        query(a, "DROP TABLE ih, ph CASCADE");
    }

    @Test
    void tableoidNamesEachRowsTableInAnAppend() {
        query(a, "CREATE TABLE tp (a int, b text)");
        query(a, "CREATE TABLE tc (c int) INHERITS (tp)");
        query(a, "INSERT INTO tp VALUES (1, 'p')");
        query(a, "INSERT INTO tc VALUES (2, 'c', 3)");
        assertEquals(List.of("tp|1|p", "tc|2|c"), query(a, "SELECT tableoid::regclass, * FROM tp ORDER BY a"));
        assertEquals(List.of("tp|1", "tc|1"),
                query(a, "SELECT t.tableoid::regclass AS rel, count(*) FROM tp t GROUP BY 1 ORDER BY 1"));
        // the hidden column stays out of *, USING and NATURAL
        assertEquals(List.of("1|p|p", "2|c|c"), query(a, "SELECT * FROM tp t1 JOIN tp t2 USING (a) ORDER BY a"));
        assertEquals(List.of("2|c|3"), query(a, "SELECT * FROM tp NATURAL JOIN tc"));
        assertEquals(List.of("tc|2"), query(a, "SELECT tableoid::regclass, a FROM tp WHERE tableoid = 'tc'::regclass"));
        query(a, "CREATE TABLE pt (a int, b text) PARTITION BY LIST (a)");
        query(a, "CREATE TABLE pt1 PARTITION OF pt FOR VALUES IN (1)");
        query(a, "CREATE TABLE pt2 PARTITION OF pt FOR VALUES IN (2)");
        query(a, "INSERT INTO pt VALUES (1, 'x'), (2, 'y')");
        assertEquals(List.of("pt1|1|x", "pt2|2|y"), query(a, "SELECT tableoid::regclass, * FROM pt ORDER BY a"));
        assertEquals(List.of("pt1|1|x"), query(a, "SELECT tableoid::regclass, * FROM pt1"));
        assertEquals(List.of("pt2|2|z", "INSERT 0 1"), query(a, "INSERT INTO pt VALUES (2, 'z') RETURNING tableoid::regclass, *"));
        assertEquals(List.of("pt1|1|w", "INSERT 0 1"), query(a, "INSERT INTO pt1 VALUES (1, 'w') RETURNING tableoid::regclass, *"));
        query(a, "DROP TABLE tp, pt CASCADE");
    }

    @Test
    void updateAndDeleteReachEveryInheritorUnlessOnly() {
        query(a, "CREATE TABLE ip (a int, b text)");
        query(a, "CREATE TABLE ic (c int, b text, a int) INHERITS (ip)");
        query(a, "INSERT INTO ip VALUES (1, 'p')");
        query(a, "INSERT INTO ic (a, b, c) VALUES (2, 'c', 3)");
        assertEquals(List.of("ip|1|p!", "ic|2|c!", "UPDATE 2"),
                query(a, "UPDATE ip SET b = b || '!' RETURNING tableoid::regclass, *"));
        assertEquals(List.of("2|c!|3"), query(a, "SELECT * FROM ic"));
        assertEquals(List.of("UPDATE 1"), query(a, "UPDATE ONLY ip SET a = a * 10"));
        assertEquals(List.of("ic|2", "DELETE 1"), query(a, "DELETE FROM ip WHERE a = 2 RETURNING tableoid::regclass, a"));
        assertEquals(List.of("ip|10|p!"), query(a, "SELECT tableoid::regclass, * FROM ip"));
        query(a, "DROP TABLE ip CASCADE");
    }

    @Test
    void aSetReturningCallInOneValuesRowInsertsEachValue() {
        // PostgreSQL 15: one VALUES row is a target list (ProjectSet); more rows reject the SRF
        query(a, "CREATE TABLE gs (a int, b text DEFAULT 'd') PARTITION BY LIST (a)");
        query(a, "CREATE TABLE gs1 PARTITION OF gs DEFAULT");
        assertEquals(List.of("gs1|1|d", "gs1|2|d", "gs1|3|d", "INSERT 0 3"),
                query(a, "INSERT INTO gs VALUES (generate_series(1, 3)) RETURNING tableoid::regclass, *"));
        assertEquals(List.of("E: 0A000 set-returning functions are not allowed in VALUES"),
                query(a, "INSERT INTO gs VALUES (generate_series(1, 2)), (5)"));
    }

    @Test
    void updateOfThePartitionKeyMovesRows() {
        query(a, "CREATE TABLE r (a int, b text, c int) PARTITION BY RANGE (a)");
        query(a, "CREATE TABLE r1 PARTITION OF r FOR VALUES FROM (0) TO (10)");
        query(a, "CREATE TABLE r2 PARTITION OF r FOR VALUES FROM (10) TO (20)");
        query(a, "INSERT INTO r VALUES (1, 'one', 100), (15, 'fifteen', 150)");
        assertEquals(List.of("E: 23514 no partition of relation \"r\" found for row"
                + " | Partition key of the failing row contains (a) = (25)."),
                query(a, "UPDATE r SET a = a + 10 RETURNING tableoid::regclass, *"));
        assertEquals(List.of("E: 23514 new row for relation \"r1\" violates partition constraint"
                + " | Failing row contains (50, one, 100)."), query(a, "UPDATE r1 SET a = 50"));
        assertEquals(List.of("r2|11|one|100", "UPDATE 1"),
                query(a, "UPDATE r SET a = 11 WHERE a = 1 RETURNING tableoid::regclass, *"));
        assertEquals(List.of("r2|11|one|100", "r2|15|fifteen|150"),
                query(a, "SELECT tableoid::regclass, * FROM r ORDER BY a"));
        query(a, "CREATE TABLE r3 PARTITION OF r FOR VALUES FROM (20) TO (30) PARTITION BY LIST (b)");
        query(a, "CREATE TABLE r3a PARTITION OF r3 FOR VALUES IN ('x')");
        assertEquals(List.of("r3a|21|x|150", "r3a|21|x|100", "UPDATE 2"),
                query(a, "UPDATE r SET a = 21, b = 'x' RETURNING tableoid::regclass, *"));
        assertEquals(List.of("E: 23514 no partition of relation \"r3\" found for row"
                + " | Partition key of the failing row contains (b) = (y)."), query(a, "UPDATE r3 SET b = 'y'"));
        assertEquals(List.of("E: 23514 new row for relation \"r3\" violates partition constraint"
                + " | Failing row contains (5, x, 150)."), query(a, "UPDATE r3 SET a = 5"));
        assertEquals(List.of("DELETE 2"), query(a, "DELETE FROM r"));
        query(a, "DROP TABLE r");
    }

    @Test
    void attachChecksColumnsBoundsAndExistingRows() {
        query(a, "CREATE TABLE p (a int, b text) PARTITION BY LIST (a)");
        query(a, "CREATE TABLE p1 PARTITION OF p FOR VALUES IN (1)");
        query(a, "CREATE TABLE np (a int)");
        query(a, "CREATE TABLE x1 (a int, b text)");
        assertEquals(List.of("E: 42P17 table \"np\" is not partitioned"),
                query(a, "ALTER TABLE np ATTACH PARTITION x1 FOR VALUES IN (1)"));
        assertEquals(List.of("E: 42809 \"p1\" is already a partition"),
                query(a, "ALTER TABLE p ATTACH PARTITION p1 FOR VALUES IN (2)"));
        query(a, "CREATE TABLE x2 (a int, b text, c int)");
        assertEquals(List.of("E: 42804 table \"x2\" contains column \"c\" not found in parent \"p\""
                + " | The new partition may contain only the columns present in parent."),
                query(a, "ALTER TABLE p ATTACH PARTITION x2 FOR VALUES IN (2)"));
        query(a, "CREATE TABLE x3 (a int)");
        assertEquals(List.of("E: 42804 child table is missing column \"b\""),
                query(a, "ALTER TABLE p ATTACH PARTITION x3 FOR VALUES IN (2)"));
        query(a, "CREATE TABLE x4 (a int, b varchar)");
        assertEquals(List.of("E: 42804 child table \"x4\" has different type for column \"b\""),
                query(a, "ALTER TABLE p ATTACH PARTITION x4 FOR VALUES IN (2)"));
        query(a, "INSERT INTO x1 VALUES (1, 'x'), (5, 'y')");
        assertEquals(List.of("E: 23514 partition constraint of relation \"x1\" is violated by some row"),
                query(a, "ALTER TABLE p ATTACH PARTITION x1 FOR VALUES IN (2)"));
        assertEquals(List.of("E: 42P17 partition \"x1\" would overlap partition \"p1\""),
                query(a, "ALTER TABLE p ATTACH PARTITION x1 FOR VALUES IN (5, 1)"));
        query(a, "DELETE FROM x1 WHERE a = 1");
        assertEquals(List.of(), query(a, "ALTER TABLE p ATTACH PARTITION x1 FOR VALUES IN (5)"));
        query(a, "CREATE TABLE pd PARTITION OF p DEFAULT");
        query(a, "INSERT INTO p VALUES (7, 'z')");
        query(a, "CREATE TABLE x5 (b text, a int)");
        assertEquals(List.of("E: 23514 updated partition constraint for default partition \"pd\" would be violated"
                + " by some row"), query(a, "ALTER TABLE p ATTACH PARTITION x5 FOR VALUES IN (7)"));
        query(a, "DELETE FROM p WHERE a = 7");
        query(a, "INSERT INTO x5 VALUES ('q', 7), ('r', 8)");
        assertEquals(List.of("E: 23514 partition constraint of relation \"x5\" is violated by some row"),
                query(a, "ALTER TABLE p ATTACH PARTITION x5 FOR VALUES IN (7)"));
        query(a, "DELETE FROM x5 WHERE a = 8");
        assertEquals(List.of(), query(a, "ALTER TABLE p ATTACH PARTITION x5 FOR VALUES IN (7)"));
        query(a, "INSERT INTO p VALUES (7, 'w')");
        // a row moved into a partition whose columns are in another order
        assertEquals(List.of("x5|7|y", "UPDATE 1"),
                query(a, "UPDATE p SET a = 7 WHERE a = 5 RETURNING tableoid::regclass, *"));
        assertEquals(List.of("x5|7|q", "x5|7|w", "x5|7|y"), query(a, "SELECT tableoid::regclass, * FROM p ORDER BY a, b"));
        assertEquals(List.of("a|1|f", "b|1|f"), query(a, "SELECT attname, attinhcount, attislocal FROM pg_attribute"
                + " WHERE attrelid = 'x1'::regclass AND attnum > 0 ORDER BY attnum"));
        assertEquals(List.of("E: 42P01 relation \"x4\" is not a partition of relation \"p\""),
                query(a, "ALTER TABLE p DETACH PARTITION x4"));
        assertEquals(List.of(), query(a, "ALTER TABLE p DETACH PARTITION x5"));
        assertEquals(List.of("f|\\N"), query(a, "SELECT relispartition, relpartbound FROM pg_class WHERE relname = 'x5'"));
        assertEquals(List.of("b|0|t", "a|0|t"), query(a, "SELECT attname, attinhcount, attislocal FROM pg_attribute"
                + " WHERE attrelid = 'x5'::regclass AND attnum > 0 ORDER BY attnum"));
        query(a, "CREATE TABLE x6 (a int, b text)");
        assertEquals(List.of("E: 42P17 partition \"x6\" conflicts with existing default partition \"pd\""),
                query(a, "ALTER TABLE p ATTACH PARTITION x6 DEFAULT"));
        query(a, "DROP TABLE p, np, x2, x3, x4, x5, x6");
    }

    @Test
    void hashPartitionsRouteByPostgresHashes() {
        assertEquals(List.of("5968994663651403477|-3670598878359251130|-1905060026|-785388649|-8439563279293423023"
                + "|4566310048417840633|5076885761154526455|2833316173711343549|952082253"),
                query(a, "SELECT hashint4extended(1, 8816678312871386365), hashint4extended(1, 0), hashint4(1),"
                        + " hashtext('abc'), hashtextextended('hello world, long text', 8816678312871386365),"
                        + " hashint8extended(-5, 3), hashfloat8extended(1.5, 7), hashbpcharextended('ab  ', 0),"
                        + " hashint8(1234567890123)"));
        query(a, "CREATE TABLE h (a int, b text) PARTITION BY HASH (a)");
        query(a, "CREATE TABLE h0 PARTITION OF h FOR VALUES WITH (modulus 2, remainder 0)");
        query(a, "CREATE TABLE h1 PARTITION OF h FOR VALUES WITH (modulus 2, remainder 1)");
        query(a, "INSERT INTO h SELECT g, 'v' FROM generate_series(1, 10) g");
        assertEquals(List.of("h0|1", "h0|2", "h1|3", "h1|4", "h1|5", "h1|6", "h1|7", "h1|8", "h1|9", "h1|10"),
                query(a, "SELECT tableoid::regclass, a FROM h ORDER BY a"));
        assertEquals(List.of("E: 23514 new row for relation \"h0\" violates partition constraint"
                + " | Failing row contains (3, v)."), query(a, "INSERT INTO h0 VALUES (3, 'v')"));
        query(a, "DROP TABLE h");
    }

    @Test
    void partitionConstraintDefinitionsAsPostgresDeparsesThem() {
        query(a, "CREATE TABLE l (a text, b int) PARTITION BY LIST (a)");
        query(a, "CREATE TABLE l1 PARTITION OF l FOR VALUES IN ('bb', 'aa')");
        query(a, "CREATE TABLE l2 PARTITION OF l FOR VALUES IN (NULL, 'cc')");
        query(a, "CREATE TABLE l4 PARTITION OF l FOR VALUES IN ('x') PARTITION BY RANGE (b)");
        query(a, "CREATE TABLE l4a PARTITION OF l4 FOR VALUES FROM (-5) TO (MAXVALUE)");
        query(a, "CREATE TABLE ld PARTITION OF l DEFAULT");
        query(a, "CREATE TABLE li (a int) PARTITION BY LIST (a)");
        query(a, "CREATE TABLE li1 PARTITION OF li FOR VALUES IN (3, 1, -2)");
        query(a, "CREATE TABLE lid PARTITION OF li DEFAULT");
        query(a, "CREATE TABLE rn (a numeric) PARTITION BY RANGE (a)");
        query(a, "CREATE TABLE rn1 PARTITION OF rn FOR VALUES FROM (1.5) TO (10)");
        query(a, "CREATE TABLE rnd PARTITION OF rn DEFAULT");
        query(a, "CREATE TABLE np_none (a int)");
        query(a, "CREATE TABLE mc (a int, b int, c int) PARTITION BY RANGE (abs(a), b, c)");
        query(a, "CREATE TABLE mc1 PARTITION OF mc FOR VALUES FROM (3, 4, 5) TO (6, 7, MAXVALUE)");
        assertEquals(List.of("l|\\N",
                "l1|((a IS NOT NULL) AND (a = ANY (ARRAY['bb'::text, 'aa'::text])))",
                "l2|((a IS NULL) OR (a = 'cc'::text))",
                "l4a|((a IS NOT NULL) AND (a = 'x'::text) AND (b IS NOT NULL) AND (b >= '-5'::integer))",
                "ld|(NOT ((a IS NULL) OR (a = ANY (ARRAY['aa'::text, 'bb'::text, 'cc'::text, 'x'::text]))))",
                "li1|((a IS NOT NULL) AND (a = ANY (ARRAY[3, 1, '-2'::integer])))",
                "lid|(NOT ((a IS NOT NULL) AND (a = ANY (ARRAY['-2'::integer, 1, 3]))))",
                "mc1|((abs(a) IS NOT NULL) AND (b IS NOT NULL) AND (c IS NOT NULL) AND ((abs(a) > 3) OR ((abs(a) = 3)"
                        + " AND (b > 4)) OR ((abs(a) = 3) AND (b = 4) AND (c >= 5))) AND ((abs(a) < 6) OR ((abs(a) = 6)"
                        + " AND (b <= 7))))",
                "rn1|((a IS NOT NULL) AND (a >= 1.5) AND (a < '10'::numeric))",
                "rnd|(NOT ((a IS NOT NULL) AND ((a >= 1.5) AND (a < '10'::numeric))))"),
                query(a, "SELECT c.relname, pg_get_partition_constraintdef(c.oid) FROM pg_class c WHERE relname IN"
                        + " ('l', 'l1', 'l2', 'l4a', 'ld', 'li1', 'lid', 'rn1', 'rnd', 'mc1') ORDER BY 1"));
        assertEquals(List.of("l4a", "l4", "l"), query(a, "SELECT * FROM pg_partition_ancestors('l4a')"));
        assertEquals(List.of("l|\\N"), query(a, "SELECT pg_partition_root('l4a'), pg_partition_root('np_none')"));
        query(a, "DROP TABLE l, li, rn, mc, np_none");
    }

    @Test
    void appendListsPartitionsInBoundOrder() {
        query(a, "CREATE TABLE o (a int) PARTITION BY LIST (a)");
        query(a, "CREATE TABLE o_d PARTITION OF o DEFAULT");
        query(a, "CREATE TABLE o_null PARTITION OF o FOR VALUES IN (NULL)");
        query(a, "CREATE TABLE o3 PARTITION OF o FOR VALUES IN (3) PARTITION BY RANGE (a)");
        query(a, "CREATE TABLE o3b PARTITION OF o3 FOR VALUES FROM (3) TO (4)");
        query(a, "CREATE TABLE o1 PARTITION OF o FOR VALUES IN (5, 1)");
        query(a, "INSERT INTO o VALUES (1), (3), (NULL), (9), (5)");
        assertEquals(List.of("o1|1", "o1|5", "o3b|3", "o_null|\\N", "o_d|9"),
                query(a, "SELECT tableoid::regclass, a FROM o"));
        query(a, "DROP TABLE o");
    }
}
