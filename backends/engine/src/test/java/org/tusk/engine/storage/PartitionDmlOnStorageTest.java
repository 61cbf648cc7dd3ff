package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.DmlOnStorageTest.query;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.engine.EngineSession;

/**
 * tableoid over an inheritance Append, UPDATE and DELETE through a parent (row
 * movement between partitions), ATTACH/DETACH PARTITION and hash routing, on the
 * in-process cluster; every expected answer was recorded from PostgreSQL 15.
 */
@Timeout(120)
class PartitionDmlOnStorageTest {

    @TempDir
    static Path dir;

    static StorageCluster cluster;
    static EngineSession a;

    @BeforeAll
    static void start() throws Exception {
        cluster = new StorageCluster(dir);
        a = cluster.backend(0).connect("postgres");
    }

    @AfterAll
    static void stop() {
        a.close();
        cluster.close();
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
}
