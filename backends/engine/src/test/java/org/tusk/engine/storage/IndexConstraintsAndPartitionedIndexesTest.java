package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.DmlOnStorageTest.query;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ADD PRIMARY KEY / UNIQUE USING INDEX, partitioned indexes (ON ONLY,
 * recursion, ATTACH PARTITION, pg_partition_tree, REINDEX over them),
 * pg_describe_object, the text pattern operators and materialized views, on
 * the in-process cluster; every expected answer was recorded from
 * PostgreSQL 15.
 */
@Timeout(120)
class IndexConstraintsAndPartitionedIndexesTest extends TwoSessionsOnStorage {

    private static final String SORTING_DETAIL = " | Cannot create a primary key or unique constraint using such an index.";

    @Test
    void addConstraintUsingAnExistingIndex() {
        query(a, "CREATE TABLE cw (a int, b varchar(10))");
        query(a, "CREATE UNIQUE INDEX cw_u ON cw (a, b)");
        query(a, "ALTER TABLE cw ADD PRIMARY KEY USING INDEX cw_u");
        assertEquals(List.of("cw_u|p|cw_u"),
                query(a, "SELECT conname, contype, conindid::regclass FROM pg_constraint WHERE conrelid = 'cw'::regclass"));
        assertEquals(List.of("a|t", "b|t"), query(a, "SELECT attname, attnotnull FROM pg_attribute"
                + " WHERE attrelid = 'cw'::regclass AND attnum > 0 ORDER BY attnum"));
        assertEquals(List.of("t"), query(a, "SELECT indisprimary FROM pg_index WHERE indexrelid = 'cw_u'::regclass"));
        query(a, "CREATE UNIQUE INDEX cw_u2 ON cw (b, a)");
        query(a, "ALTER TABLE cw DROP CONSTRAINT cw_u, ADD CONSTRAINT cw_pk PRIMARY KEY USING INDEX cw_u2");
        assertEquals(List.of("cw_pk"), query(a, "SELECT relname FROM pg_class WHERE relname LIKE 'cw_%' ORDER BY 1"));
        assertEquals(List.of("E: 2BP01 cannot drop index cw_pk because constraint cw_pk on table cw requires it"),
                query(a, "DROP INDEX cw_pk"));
        query(a, "CREATE UNIQUE INDEX cw_d ON cw (a DESC)");
        assertEquals(List.of("E: 42809 index \"cw_d\" column number 1 does not have default sorting behavior"
                + SORTING_DETAIL), query(a, "ALTER TABLE cw ADD UNIQUE USING INDEX cw_d"));
        query(a, "CREATE INDEX cw_n ON cw (a)");
        assertEquals(List.of("E: 42809 \"cw_n\" is not a unique index" + SORTING_DETAIL),
                query(a, "ALTER TABLE cw ADD UNIQUE USING INDEX cw_n"));
        assertEquals(List.of("index cw_pk|constraint cw_pk on table cw|i"), query(a, "SELECT pg_describe_object("
                + "classid, objid, objsubid), pg_describe_object(refclassid, refobjid, refobjsubid), deptype"
                + " FROM pg_depend WHERE objid = 'cw_pk'::regclass"));
        query(a, "CREATE TABLE fh (f1 text, f2 text)");
        assertEquals(List.of("E: 42P16 column \"row\" has pseudo-type record"),
                query(a, "CREATE INDEX ON fh ((f1 || f2), (row(f1, f2)))"));
        query(a, "DROP TABLE fh");
        assertEquals(List.of("t|t|f|f"), query(a, "SELECT 'abc' ~<~ 'abd', 'b' ~>=~ 'a', 'a' ~>~ 'a', 'a ' ~<=~ 'a'"));
        query(a, "DROP TABLE cw");
    }

    @Test
    void partitionedIndexesAttachAndReindex() {
        query(a, "CREATE TABLE pp (c1 int, c2 int) PARTITION BY RANGE (c1)");
        query(a, "CREATE TABLE pp0 PARTITION OF pp FOR VALUES FROM (0) TO (10) PARTITION BY LIST (c2)");
        query(a, "CREATE TABLE pp01 PARTITION OF pp0 FOR VALUES IN (1)");
        query(a, "CREATE TABLE pp10 PARTITION OF pp FOR VALUES FROM (10) TO (20)");
        query(a, "CREATE INDEX pp_i ON ONLY pp (c1)");
        assertEquals(List.of("f"), query(a, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'pp_i'::regclass"));
        query(a, "CREATE INDEX pp0_i ON pp0 (c1)");
        query(a, "ALTER INDEX pp_i ATTACH PARTITION pp0_i");
        query(a, "CREATE INDEX pp10_i ON pp10 (c1)");
        query(a, "ALTER INDEX pp_i ATTACH PARTITION pp10_i");
        assertEquals(List.of("pp01_c1_idx|pp0_i|t|2", "pp0_i|pp_i|f|1", "pp10_i|pp_i|t|1", "pp_i|\\N|f|0"),
                query(a, "SELECT relid, parentrelid, isleaf, level FROM pg_partition_tree('pp_i') ORDER BY relid::text"));
        assertEquals(List.of("pp|\\N|f|0", "pp0|pp|f|1", "pp01|pp0|t|2", "pp10|pp|t|1"),
                query(a, "SELECT relid, parentrelid, isleaf, level FROM pg_partition_tree('pp') ORDER BY relid::text"));
        assertEquals(List.of("t"), query(a, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'pp_i'::regclass"));
        assertEquals(List.of("I", "I"),
                query(a, "SELECT relkind FROM pg_class WHERE relname IN ('pp_i', 'pp0_i') ORDER BY relname"));
        assertEquals(List.of("E: 25001 REINDEX INDEX cannot run inside a transaction block"
                + " | while reindexing partitioned index \"public.pp_i\""), query(a, "BEGIN; REINDEX INDEX pp_i"));
        query(a, "ROLLBACK");
        assertEquals(List.of("E: 42809 \"pp_i\" is not a table or materialized view"), query(a, "REINDEX TABLE pp_i"));
        String leaf = "SELECT relfilenode FROM pg_class WHERE relname = 'pp01_c1_idx'";
        String before = query(a, leaf).get(0);
        query(a, "REINDEX INDEX pp_i");
        assertEquals(false, before.equals(query(a, leaf).get(0)), "the leaf index gets a new relfilenode");
        query(a, "CREATE MATERIALIZED VIEW ppm AS SELECT c1 FROM pp");
        assertEquals(List.of("m"), query(a, "SELECT relkind FROM pg_class WHERE relname = 'ppm'"));
        assertEquals(List.of("E: 42809 cannot change materialized view \"ppm\""), query(a, "INSERT INTO ppm VALUES (1)"));
        query(a, "DROP MATERIALIZED VIEW ppm");
        query(a, "DROP TABLE pp");
        assertEquals(List.of("0"), query(a, "SELECT count(*) FROM pg_class WHERE relname LIKE 'pp%'"));
    }

    @Test
    void partitionsGetTheParentsPrimaryKeyAndOnConflictRoutesFirst() {
        query(a, "CREATE TABLE up (a int PRIMARY KEY, b text) PARTITION BY LIST (a)");
        query(a, "CREATE TABLE up_1 PARTITION OF up FOR VALUES IN (1)");
        query(a, "CREATE TABLE up_2 (b text, a int PRIMARY KEY)");
        query(a, "ALTER TABLE up ATTACH PARTITION up_2 FOR VALUES IN (2)");
        assertEquals(List.of("up|p|f", "up_1|r|t", "up_1_pkey|i|t", "up_2|r|t", "up_2_pkey|i|t", "up_pkey|I|f"),
                query(a, "SELECT relname, relkind, relispartition FROM pg_class WHERE relname LIKE 'up%' ORDER BY 1"));
        assertEquals(List.of("up_1_pkey|up_1|p|t|f|1", "up_2_pkey|up_2|p|t|f|1", "up_pkey|up|p|f|t|0"),
                query(a, "SELECT conname, conrelid::regclass, contype, conparentid <> 0, conislocal, coninhcount"
                        + " FROM pg_constraint WHERE conrelid::regclass::text LIKE 'up%' ORDER BY 1"));
        assertEquals(List.of("up_1_pkey|up_pkey", "up_2_pkey|up_pkey"), query(a, "SELECT inhrelid::regclass,"
                + " inhparent::regclass FROM pg_inherits WHERE inhrelid::regclass::text LIKE 'up\\_%pkey' ORDER BY 1"));
        query(a, "INSERT INTO up VALUES (1, 'Boo'), (2, 'Zoo')");
        assertEquals(List.of("E: 23505 duplicate key value violates unique constraint \"up_1_pkey\" | Key (a)=(1) already exists."),
                query(a, "INSERT INTO up VALUES (1, 'x')"));
        assertEquals(List.of("1|Foo", "INSERT 0 1"), query(a, "WITH aaa AS (SELECT 1 AS a, 'Foo' AS b) INSERT INTO up VALUES (1, 'Bar')"
                + " ON CONFLICT (a) DO UPDATE SET (b, a) = (SELECT b, a FROM aaa) RETURNING *"));
        assertEquals(List.of("1|Foo Foo", "2|Zoo Foo", "INSERT 0 2"), query(a, "WITH aaa AS (SELECT 1 AS ctea, ' Foo' AS cteb)"
                + " INSERT INTO up VALUES (1, 'Bar'), (2, 'Baz') ON CONFLICT (a)"
                + " DO UPDATE SET (b, a) = (SELECT up.b || cteb, up.a FROM aaa) RETURNING *"));
        assertEquals(List.of("E: 0A000 invalid ON UPDATE specification"
                + " | The result tuple would appear in a different partition than the original tuple."),
                query(a, "INSERT INTO up VALUES (2, 'x') ON CONFLICT (a) DO UPDATE SET a = 1 RETURNING *"));
        assertEquals(List.of("up_2|2|Zoo Fooz", "INSERT 0 1"), query(a, "INSERT INTO up VALUES (2, 'x') ON CONFLICT ON CONSTRAINT"
                + " up_pkey DO UPDATE SET b = up.b || 'z' RETURNING tableoid::regclass, *"));
        assertEquals(List.of("INSERT 0 0"), query(a, "INSERT INTO up VALUES (1, 'x') ON CONFLICT DO NOTHING RETURNING *"));
        query(a, "ALTER TABLE up DETACH PARTITION up_2");
        assertEquals(List.of("up_2_pkey|f|t|0"), query(a, "SELECT conname, conparentid <> 0, conislocal, coninhcount"
                + " FROM pg_constraint WHERE conrelid = 'up_2'::regclass"));
        query(a, "DROP TABLE up, up_2");
        // ADD PRIMARY KEY on a partitioned table reaches the partitions' partitions
        query(a, "CREATE TABLE pk2 (a int, b int) PARTITION BY RANGE (a)");
        query(a, "CREATE TABLE pk2_1 PARTITION OF pk2 FOR VALUES FROM (0) TO (10) PARTITION BY LIST (b)");
        query(a, "CREATE TABLE pk2_1_1 PARTITION OF pk2_1 FOR VALUES IN (1)");
        query(a, "ALTER TABLE pk2 ADD PRIMARY KEY (a, b)");
        query(a, "ALTER TABLE pk2 ADD UNIQUE (b, a)");
        assertEquals(List.of("pk2_1_1_b_a_key|pk2_1_1|u|t|f|1", "pk2_1_1_pkey|pk2_1_1|p|t|f|1",
                "pk2_1_b_a_key|pk2_1|u|t|f|1", "pk2_1_pkey|pk2_1|p|t|f|1", "pk2_b_a_key|pk2|u|f|t|0",
                "pk2_pkey|pk2|p|f|t|0"), query(a, "SELECT conname, conrelid::regclass, contype, conparentid <> 0,"
                        + " conislocal, coninhcount FROM pg_constraint WHERE conrelid::regclass::text LIKE 'pk2%'"
                        + " ORDER BY 1"));
        query(a, "DROP TABLE pk2");
        assertEquals(List.of("0"), query(a, "SELECT count(*) FROM pg_class WHERE relname LIKE 'pk2%' OR relname LIKE 'up%'"));
    }

    @Test
    void reindexSchemaNeedsItsOwner() {
        query(a, "CREATE ROLE rx_user");
        query(a, "CREATE SCHEMA rx");
        query(a, "CREATE TABLE rx.t (a int PRIMARY KEY)");
        query(a, "SET SESSION ROLE rx_user");
        assertEquals(List.of("E: 42501 must be owner of schema rx"), query(a, "REINDEX SCHEMA rx"));
        query(a, "RESET ROLE");
        query(a, "ALTER SCHEMA rx OWNER TO rx_user");
        query(a, "SET SESSION ROLE rx_user");
        assertEquals(List.of(), query(a, "REINDEX SCHEMA rx"));
        query(a, "RESET ROLE");
        query(a, "DROP SCHEMA rx CASCADE");
        query(a, "DROP ROLE rx_user");
    }
}
