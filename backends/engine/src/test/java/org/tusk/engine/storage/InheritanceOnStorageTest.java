package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.DmlOnStorageTest.query;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Table inheritance and declarative partitioning through SQL on the in-process
 * cluster; every expected answer (rows, SQLSTATEs, messages, details) was
 * recorded from PostgreSQL 15.
 */
@Timeout(120)
class InheritanceOnStorageTest extends TwoSessionsOnStorage {

    @Test
    void inheritsMergesColumnsAndScansDescendants() {
        query(a, "CREATE TABLE ip1 (a int, b text DEFAULT 'x', CHECK (a > 0))");
        query(a, "CREATE TABLE ic1 (c int, a int NOT NULL) INHERITS (ip1)");
        query(a, "CREATE TABLE ip2 (a int, d float8)");
        query(a, "CREATE TABLE ic2 (e int) INHERITS (ic1, ip2)");
        assertEquals(List.of("a|integer|2|f|t", "b|text|1|f|f", "c|integer|1|f|f", "d|double precision|1|f|f",
                "e|integer|0|t|f"),
                query(a, "SELECT attname, atttypid::regtype::name, attinhcount, attislocal, attnotnull FROM pg_attribute"
                        + " WHERE attrelid = 'ic2'::regclass AND attnum > 0 ORDER BY attnum"));
        assertEquals(List.of("ic1|ip1|1", "ic2|ic1|1", "ic2|ip2|2"), query(a,
                "SELECT inhrelid::regclass::name, inhparent::regclass::name, inhseqno FROM pg_inherits ORDER BY 1, 3"));
        assertEquals(List.of("t|f"), query(a, "SELECT (SELECT relhassubclass FROM pg_class WHERE relname = 'ip1'),"
                + " (SELECT relhassubclass FROM pg_class WHERE relname = 'ic2')"));
        query(a, "INSERT INTO ip1 VALUES (1, 'p')");
        query(a, "INSERT INTO ic1 VALUES (2, 'c', 3)");
        query(a, "INSERT INTO ic2 VALUES (3, 'cc', 4, 5.5, 6)");
        assertEquals(List.of("E: 23514 new row for relation \"ic1\" violates check constraint \"ip1_a_check\""
                + " | Failing row contains (-1, x, null)."), query(a, "INSERT INTO ic1 VALUES (-1)"));
        assertEquals(List.of("1|p", "2|c", "3|cc"), query(a, "SELECT * FROM ip1 ORDER BY a"));
        assertEquals(List.of("1|p"), query(a, "SELECT * FROM ONLY ip1"));
        assertEquals(List.of("2|c|3", "3|cc|4"), query(a, "SELECT * FROM ic1 ORDER BY a"));
        assertEquals(List.of("3"), query(a, "SELECT count(*) FROM ip1*"));
        assertEquals(List.of("E: 42804 column \"a\" has a type conflict | integer versus text"),
                query(a, "CREATE TABLE ibad (a text) INHERITS (ip1)"));
        assertEquals(List.of("E: 2BP01 cannot drop table ip1 because other objects depend on it"
                + " | table ic1 depends on table ip1\ntable ic2 depends on table ic1"), query(a, "DROP TABLE ip1"));
        query(a, "DROP TABLE ip1, ip2 CASCADE");
        assertEquals(List.of("0"), query(a, "SELECT count(*) FROM pg_inherits"));
    }

    @Test
    void tableoidOfAPlainScanIsTheTablesOid() {
        query(a, "CREATE TABLE toid1 (a int)");
        query(a, "CREATE TABLE toid2 (a int)");
        query(a, "INSERT INTO toid1 VALUES (1), (2)");
        query(a, "INSERT INTO toid2 VALUES (1)");
        assertEquals(List.of("toid1|1", "toid1|2"),
                query(a, "SELECT tableoid::regclass, a FROM toid1 ORDER BY a"));
        assertEquals(List.of("t"), query(a, "SELECT bool_and(tableoid = 'toid1'::regclass) FROM toid1"));
        assertEquals(List.of("toid1|toid2"),
                query(a, "SELECT x.tableoid::regclass, y.tableoid::regclass FROM toid1 x JOIN toid2 y USING (a)"));
        assertEquals(List.of("E: 42702 column reference \"tableoid\" is ambiguous"),
                query(a, "SELECT tableoid FROM toid1, toid2"));
        assertEquals(List.of("a"), query(a, "SELECT string_agg(attname, ',') FROM pg_attribute"
                + " WHERE attrelid = 'toid1'::regclass AND attnum > 0"));
        assertEquals(List.of("toid1|9", "UPDATE 1"),
                query(a, "UPDATE toid1 SET a = 9 WHERE a = 2 RETURNING tableoid::regclass, a"));
        query(a, "DROP TABLE toid1, toid2");
    }

    @Test
    void partitionsRouteAndCheckBounds() {
        query(a, "CREATE TABLE np (a int)");
        assertEquals(List.of("E: 42809 \"np\" is not partitioned"),
                query(a, "CREATE TABLE x PARTITION OF np FOR VALUES IN (1)"));
        query(a, "CREATE TABLE rp (a text, b int) PARTITION BY RANGE (a, (b+0))");
        assertEquals(List.of("RANGE (a, ((b + 0)))"), query(a, "SELECT pg_get_partkeydef('rp'::regclass)"));
        query(a, "CREATE TABLE r1 PARTITION OF rp FOR VALUES FROM ('a', 1) TO ('a', 10)");
        assertEquals(List.of("E: 42P17 partition \"r2\" would overlap partition \"r1\""),
                query(a, "CREATE TABLE r2 PARTITION OF rp FOR VALUES FROM ('a', 5) TO ('a', 20)"));
        assertEquals(List.of("E: 42P17 empty range bound specified for partition \"r3\" | Specified lower bound"
                + " ('a', 50) is greater than or equal to upper bound ('a', 20)."),
                query(a, "CREATE TABLE r3 PARTITION OF rp FOR VALUES FROM ('a', 50) TO ('a', 20)"));
        assertEquals(List.of("FOR VALUES FROM ('a', 1) TO ('a', 10)|t|r"), query(a,
                "SELECT pg_get_expr(relpartbound, oid), relispartition, relkind FROM pg_class WHERE relname = 'r1'"));
        assertEquals(List.of("p"), query(a, "SELECT relkind FROM pg_class WHERE relname = 'rp'"));
        assertEquals(List.of("E: 23514 no partition of relation \"rp\" found for row"
                + " | Partition key of the failing row contains (a, (b + 0)) = (b, 1)."),
                query(a, "INSERT INTO rp VALUES ('b', 1)"));
        assertEquals(List.of("E: 23514 new row for relation \"r1\" violates partition constraint"
                + " | Failing row contains (b, 1)."), query(a, "INSERT INTO r1 VALUES ('b', 1)"));
        assertEquals(List.of("INSERT 0 1"), query(a, "INSERT INTO rp VALUES ('a', 3)"));
        query(a, "CREATE TABLE r4 PARTITION OF rp FOR VALUES FROM (MINVALUE, MINVALUE) TO ('a', 1)");
        assertEquals(List.of("FOR VALUES FROM (MINVALUE, MINVALUE) TO ('a', 1)"),
                query(a, "SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE relname = 'r4'"));

        query(a, "CREATE TABLE lp (a text, b int) PARTITION BY LIST (lower(a))");
        assertEquals(List.of("LIST (lower(a))"), query(a, "SELECT pg_get_partkeydef('lp'::regclass)"));
        query(a, "CREATE TABLE l1 PARTITION OF lp FOR VALUES IN ('aa', NULL)");
        query(a, "CREATE TABLE ld PARTITION OF lp DEFAULT");
        assertEquals(List.of("E: 42P17 partition \"ld2\" conflicts with existing default partition \"ld\""),
                query(a, "CREATE TABLE ld2 PARTITION OF lp DEFAULT"));
        assertEquals(List.of("INSERT 0 3"), query(a, "INSERT INTO lp VALUES ('AA', 1), (NULL, 2), ('zz', 3)"));
        assertEquals(List.of("AA|1", "\\N|2"), query(a, "SELECT * FROM l1 ORDER BY b"));
        assertEquals(List.of("zz|3"), query(a, "SELECT * FROM ld"));
        assertEquals(List.of("3"), query(a, "SELECT count(*) FROM lp"));
        assertEquals(List.of("E: 23514 new row for relation \"ld\" violates partition constraint"
                + " | Failing row contains (aa, 5)."), query(a, "INSERT INTO ld VALUES ('aa', 5)"));

        query(a, "CREATE TABLE lq (b int) PARTITION BY LIST (b)");
        query(a, "CREATE TABLE lq1 PARTITION OF lq FOR VALUES IN ('1')");
        assertEquals(List.of("E: 42P17 partition \"lq2\" would overlap partition \"lq1\""),
                query(a, "CREATE TABLE lq2 PARTITION OF lq FOR VALUES IN (1)"));
        assertEquals(List.of("E: 42P16 invalid bound specification for a list partition"),
                query(a, "CREATE TABLE lq3 PARTITION OF lq FOR VALUES FROM (1) TO (2)"));
        // multi-level: a partitioned partition routes further
        query(a, "CREATE TABLE lq4 PARTITION OF lq FOR VALUES IN (4, 5) PARTITION BY RANGE (b)");
        query(a, "CREATE TABLE lq4a PARTITION OF lq4 FOR VALUES FROM (4) TO (5)");
        assertEquals(List.of("INSERT 0 1"), query(a, "INSERT INTO lq VALUES (4)"));
        assertEquals(List.of("E: 23514 no partition of relation \"lq4\" found for row"
                + " | Partition key of the failing row contains (b) = (5)."), query(a, "INSERT INTO lq VALUES (5)"));
        assertEquals(List.of("4"), query(a, "SELECT * FROM lq"));
        query(a, "TRUNCATE lq");
        assertEquals(List.of("0"), query(a, "SELECT count(*) FROM lq4a"));
        query(a, "CREATE TABLE hh (a int) PARTITION BY HASH (a)");
        query(a, "CREATE TABLE hh1 PARTITION OF hh FOR VALUES WITH (MODULUS 10, REMAINDER 1)");
        query(a, "CREATE TABLE hh2 PARTITION OF hh FOR VALUES WITH (MODULUS 50, REMAINDER 3)");
        assertEquals(List.of("E: 42P17 every hash partition modulus must be a factor of the next larger modulus"
                + " | The new modulus 25 is not divisible by 10, the modulus of existing partition \"hh1\"."),
                query(a, "CREATE TABLE hf PARTITION OF hh FOR VALUES WITH (MODULUS 25, REMAINDER 3)"));
        assertEquals(List.of("E: 42P17 partition \"hf\" would overlap partition \"hh2\""),
                query(a, "CREATE TABLE hf PARTITION OF hh FOR VALUES WITH (MODULUS 100, REMAINDER 3)"));
        query(a, "DROP TABLE rp, lp, lq, np, hh");
        assertEquals(List.of("0"), query(a, "SELECT count(*) FROM pg_class WHERE relname IN ('r1', 'l1', 'lq4a')"));
    }
}
