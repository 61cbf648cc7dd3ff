package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.DmlOnStorageTest.query;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CREATE TABLE's and PARTITION BY / PARTITION OF's checks (create_table's error cases) and
 * how bounds are stored, on the in-process cluster; every expected answer was recorded from
 * PostgreSQL 15.
 */
@Timeout(120)
class PartitionDdlOnStorageTest extends OneSessionOnStorage {

    @Test
    void columnsAndDefaultsFollowTheExpressionKindRules() {
        assertEquals(List.of("E: 42P16 column \"u\" has pseudo-type unknown"),
                query(s, "CREATE TABLE unknowntab (u unknown)"));
        assertEquals(List.of("E: 42803 aggregate functions are not allowed in DEFAULT expressions"),
                query(s, "CREATE TABLE d (a int DEFAULT (avg(1)))"));
        assertEquals(List.of("E: 0A000 set-returning functions are not allowed in DEFAULT expressions"),
                query(s, "CREATE TABLE d (a int DEFAULT (generate_series(1,3)))"));
        assertEquals(List.of("E: 0A000 cannot use column reference in DEFAULT expression"),
                query(s, "CREATE TABLE d (id int DEFAULT (avg(id)))"));
    }

    @Test
    void partitionKeysAreChecked() {
        assertEquals(List.of("E: 42P17 cannot create partitioned table as inheritance child"),
                query(s, "CREATE TABLE p (a int) INHERITS (nope) PARTITION BY LIST (a)"));
        assertEquals(List.of("E: 42803 aggregate functions are not allowed in partition key expressions"),
                query(s, "CREATE TABLE p (a int) PARTITION BY RANGE ((avg(a)))"));
        assertEquals(List.of("E: 42P17 cannot use constant expression as partition key"),
                query(s, "CREATE TABLE p (a int) PARTITION BY RANGE ((42))"));
        assertEquals(List.of("E: 42P16 partition key column 1 has pseudo-type record"),
                query(s, "CREATE TABLE p (a int, b int) PARTITION BY RANGE (((a, b)))"));
        assertEquals(List.of("E: 42P17 cannot use system column \"xmin\" in partition key"),
                query(s, "CREATE TABLE p (a int) PARTITION BY RANGE (xmin)"));
        assertEquals(List.of("E: 42704 data type point has no default operator class for access method \"btree\""),
                query(s, "CREATE TABLE p (a point) PARTITION BY LIST (a)"));
        query(s, "CREATE FUNCTION immut_func (a int) RETURNS int AS $$ SELECT a + random()::int; $$ LANGUAGE SQL");
        assertEquals(List.of("E: 42P17 functions in partition key expression must be marked IMMUTABLE"),
                query(s, "CREATE TABLE p (a int) PARTITION BY RANGE (immut_func(a))"));
        // an inlinable SQL function with an immutable body is fine, and the table depends on it
        query(s, "CREATE FUNCTION plusone(a int) RETURNS int AS $$ SELECT a+1; $$ LANGUAGE SQL");
        assertEquals(List.of(), query(s, "CREATE TABLE pk (a int, b int, c text, d text)"
                + " PARTITION BY RANGE (a oid_ops, plusone(b), c collate \"default\", d collate \"C\")"));
        assertEquals(List.of("RANGE (a oid_ops, plusone(b), c, d COLLATE \"C\")"),
                query(s, "SELECT pg_get_partkeydef('pk'::regclass)"));
        assertEquals(List.of("E: 2BP01 cannot drop function plusone(integer) because other objects depend on it"
                + " | table pk depends on function plusone(integer)"), query(s, "DROP FUNCTION plusone(int)"));
        assertEquals(List.of("E: 42P16 cannot drop column \"b\" because it is part of the partition key of relation"
                + " \"pk\""), query(s, "ALTER TABLE pk DROP COLUMN b"));
        query(s, "DROP TABLE pk");
    }

    @Test
    void boundsAreEvaluatedAndCheckedAgainstTheDefaultPartition() {
        query(s, "CREATE TABLE lp (a int) PARTITION BY LIST (a)");
        query(s, "CREATE TABLE lp1 PARTITION OF lp FOR VALUES IN ('1')");
        query(s, "CREATE TABLE lp3 PARTITION OF lp FOR VALUES IN ((2+1), -4)");
        assertEquals(List.of("lp1|FOR VALUES IN (1)", "lp3|FOR VALUES IN (3, '-4')"), query(s,
                "SELECT relname, pg_get_expr(relpartbound, oid) FROM pg_class WHERE relname LIKE 'lp_' ORDER BY 1"));
        assertEquals(List.of("E: 0A000 cannot use column reference in partition bound expression"),
                query(s, "CREATE TABLE f PARTITION OF lp FOR VALUES IN (sum(a))"));
        assertEquals(List.of("E: 42803 aggregate functions are not allowed in partition bound"),
                query(s, "CREATE TABLE f PARTITION OF lp FOR VALUES IN (sum(1))"));
        query(s, "CREATE TABLE bools (a bool) PARTITION BY LIST (a)");
        assertEquals(List.of("E: 42804 specified value cannot be cast to type boolean for column \"a\""),
                query(s, "CREATE TABLE bools_true PARTITION OF bools FOR VALUES IN (1)"));
        query(s, "CREATE TABLE lpd PARTITION OF lp DEFAULT");
        query(s, "INSERT INTO lp VALUES (7)");
        assertEquals(List.of("E: 23514 updated partition constraint for default partition \"lpd\" would be violated"
                + " by some row"), query(s, "CREATE TABLE f PARTITION OF lp FOR VALUES IN (6, 7)"));
        query(s, "CREATE TABLE hp (a int) PARTITION BY HASH (a)");
        assertEquals(List.of("E: 42P16 a hash-partitioned table may not have a default partition"),
                query(s, "CREATE TABLE f PARTITION OF hp DEFAULT"));
        query(s, "CREATE TEMP TABLE tp (a int) PARTITION BY LIST (a)");
        assertEquals(List.of("E: 42809 cannot create a permanent relation as partition of temporary relation \"tp\""),
                query(s, "CREATE TABLE public.f PARTITION OF tp DEFAULT"));
        query(s, "DROP TABLE lp, bools, hp, tp");
    }

    @Test
    void aPartitionGetsTheParentsIndexesAndMergesItsChecks() {
        query(s, "CREATE TABLE ip (a int, b int) PARTITION BY RANGE (a)");
        query(s, "CREATE INDEX ip_b_pred ON ip (b) WHERE b = 1");
        query(s, "CREATE INDEX ip_b_expr ON ip ((b = 1))");
        query(s, "ALTER TABLE ip ADD CONSTRAINT check_b CHECK (b >= 0)");
        query(s, "CREATE TABLE ip1 PARTITION OF ip (CONSTRAINT check_b CHECK (b >= 0)) FOR VALUES FROM (1) TO (10)");
        assertEquals(List.of("ip1_b_idx", "ip1_expr_idx"),
                query(s, "SELECT indexrelid::regclass FROM pg_index WHERE indrelid = 'ip1'::regclass ORDER BY 1"));
        assertEquals(List.of("f|1"), query(s, "SELECT conislocal, coninhcount FROM pg_constraint"
                + " WHERE conrelid = 'ip1'::regclass"));
        query(s, "DROP TABLE ip");
    }

    @Test
    void moneyBoundsAndPartitionsCreatedWhileTheTableIsInUse() {
        query(s, "CREATE TABLE moneyp (a money) PARTITION BY LIST (a)");
        query(s, "CREATE TABLE moneyp_10 PARTITION OF moneyp FOR VALUES IN (10)");
        query(s, "CREATE TABLE moneyp_11 PARTITION OF moneyp FOR VALUES IN ('11')");
        query(s, "INSERT INTO moneyp VALUES ('$1,1.00')");
        assertEquals(List.of("moneyp_11|$11.00", "moneyp_10|FOR VALUES IN ('$10.00')"), query(s,
                "SELECT tableoid::regclass::text, a::text FROM moneyp UNION ALL SELECT 'moneyp_10', pg_get_expr(relpartbound, oid)"
                        + " FROM pg_class WHERE relname = 'moneyp_10'"));
        query(s, "INSERT INTO moneyp VALUES (10), (10.004)");
        assertEquals(List.of("$31.00|$10.00|$11.00"), query(s, "SELECT sum(a), min(a), max(a) FROM moneyp"));
        query(s, "DROP TABLE moneyp");
        query(s, "CREATE TABLE tab_part_create (a int) PARTITION BY LIST (a)");
        query(s, "CREATE FUNCTION func_part_create() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " EXECUTE 'CREATE TABLE tab_part_create_1 PARTITION OF tab_part_create FOR VALUES IN (1)';"
                + " RETURN NULL; END $$");
        query(s, "CREATE TRIGGER trig_part_create BEFORE INSERT ON tab_part_create"
                + " FOR EACH STATEMENT EXECUTE PROCEDURE func_part_create()");
        assertEquals(List.of("E: 55006 cannot CREATE TABLE .. PARTITION OF \"tab_part_create\" because it is being"
                + " used by active queries in this session | SQL statement \"CREATE TABLE tab_part_create_1 PARTITION OF"
                + " tab_part_create FOR VALUES IN (1)\"\nPL/pgSQL function func_part_create() line 1 at EXECUTE"), query(s, "INSERT INTO tab_part_create VALUES (1)"));
        // once the statement is over the table is free again
        query(s, "DROP TRIGGER trig_part_create ON tab_part_create");
        query(s, "CREATE TABLE tab_part_create_1 PARTITION OF tab_part_create FOR VALUES IN (1)");
        query(s, "INSERT INTO tab_part_create VALUES (1)");
        assertEquals(List.of("1"), query(s, "SELECT count(*) FROM tab_part_create_1"));
        query(s, "DROP TABLE tab_part_create");
        query(s, "DROP FUNCTION func_part_create()");
    }
}
