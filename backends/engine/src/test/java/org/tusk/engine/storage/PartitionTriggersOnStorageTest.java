package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.DmlOnStorageTest.query;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Rows routed into a leaf partition fire the leaf's own row triggers; constraints added to a
 * partitioned table reach its partitions; CREATE TABLE ... LIKE; AFTER triggers' transition
 * tables. Every expected answer was recorded from PostgreSQL 15.
 */
@Timeout(120)
class PartitionTriggersOnStorageTest extends TwoSessionsOnStorage {

    @Test
    void routedRowsFireTheLeafsTriggersAndChecks() {
        query(a, "CREATE TABLE mp (a int, b int) PARTITION BY RANGE (a, b)");
        query(a, "CREATE TABLE mp1 (b int NOT NULL, a int NOT NULL) PARTITION BY RANGE ((b+0))");
        query(a, "CREATE TABLE mp11 (LIKE mp1)");
        query(a, "ALTER TABLE mp11 DROP a");
        query(a, "ALTER TABLE mp11 ADD a int NOT NULL");
        query(a, "ALTER TABLE mp1 ATTACH PARTITION mp11 FOR VALUES FROM (2) TO (5)");
        query(a, "ALTER TABLE mp ATTACH PARTITION mp1 FOR VALUES FROM (1, 2) TO (1, 10)");
        query(a, "ALTER TABLE mp ADD CONSTRAINT check_b CHECK (b < 4)");
        query(a, "CREATE FUNCTION mp11_fn() RETURNS trigger AS $$ BEGIN new.b := new.b + 2; RETURN new; END $$"
                + " LANGUAGE plpgsql");
        query(a, "CREATE TRIGGER mp11_trig BEFORE INSERT ON mp11 FOR EACH ROW EXECUTE PROCEDURE mp11_fn()");
        // the leaf's trigger changed the row; the DETAIL shows it in the target's column order
        assertEquals(List.of("E: 23514 new row for relation \"mp11\" violates check constraint \"check_b\""
                + " | Failing row contains (1, 4)."), query(a, "INSERT INTO mp VALUES (1, 2)"));
        assertEquals(List.of("E: 23514 new row for relation \"mp1\" violates partition constraint"
                + " | Failing row contains (3, 2)."), query(a, "INSERT INTO mp1 (a, b) VALUES (2, 3)"));
        query(a, "ALTER TABLE mp ADD c text DEFAULT 'c'");
        assertEquals(List.of("b|f|1", "a|f|1", "c|f|1"), query(a, "SELECT attname, attislocal, attinhcount"
                + " FROM pg_attribute WHERE attrelid = 'mp11'::regclass AND attnum > 0 AND NOT attisdropped"
                + " ORDER BY attnum"));
        assertEquals(List.of("check_b|f|1"), query(a, "SELECT conname, conislocal, coninhcount FROM pg_constraint"
                + " WHERE conrelid = 'mp11'::regclass"));
        query(a, "DROP TRIGGER mp11_trig ON mp11");
        query(a, "CREATE FUNCTION skip_fn() RETURNS trigger AS $$ BEGIN RETURN NULL; END $$ LANGUAGE plpgsql");
        query(a, "CREATE TRIGGER skip_trig BEFORE INSERT ON mp11 FOR EACH ROW EXECUTE PROCEDURE skip_fn()");
        assertEquals(List.of("INSERT 0 0"), query(a, "INSERT INTO mp VALUES (1, 3)"));
        assertEquals(List.of("0"), query(a, "SELECT count(*) FROM mp"));
        query(a, "DROP TABLE mp");
    }

    @Test
    void transitionTablesHoldTheStatementsRows() {
        query(a, "CREATE TABLE tl (a int, b text) PARTITION BY LIST (a)");
        query(a, "CREATE TABLE tl1 PARTITION OF tl FOR VALUES IN (1, 2)");
        query(a, "CREATE TABLE log (t text)");
        query(a, "CREATE FUNCTION log_fn() RETURNS trigger AS $$ BEGIN INSERT INTO log SELECT TG_OP || ':'"
                + " || coalesce((SELECT string_agg(a::text || b, ',' ORDER BY a) FROM o), '-') || '/'"
                + " || coalesce((SELECT string_agg(a::text || b, ',' ORDER BY a) FROM n), '-'); RETURN NULL; END $$"
                + " LANGUAGE plpgsql");
        query(a, "CREATE TRIGGER tl_upd AFTER UPDATE ON tl REFERENCING OLD TABLE AS o NEW TABLE AS n"
                + " FOR EACH STATEMENT EXECUTE PROCEDURE log_fn()");
        query(a, "INSERT INTO tl VALUES (1, 'x'), (2, 'y')");
        query(a, "UPDATE tl SET b = b || '!'");
        assertEquals(List.of("UPDATE:1x,2y/1x!,2y!"), query(a, "SELECT * FROM log"));
        query(a, "DROP TABLE tl, log");
    }

    @Test
    void likeCopiesColumnsNotNullAndDefaultsWhenAsked() {
        query(a, "CREATE TABLE lk (a int NOT NULL DEFAULT 7, b text)");
        query(a, "CREATE TABLE lk2 (LIKE lk INCLUDING DEFAULTS, c int)");
        query(a, "INSERT INTO lk2 (b) VALUES ('q')");
        assertEquals(List.of("7|q|\\N"), query(a, "SELECT * FROM lk2"));
        query(a, "CREATE TABLE lk3 (LIKE lk)");
        assertEquals(List.of("E: 23502 null value in column \"a\" of relation \"lk3\" violates not-null constraint"
                + " | Failing row contains (null, q)."), query(a, "INSERT INTO lk3 (b) VALUES ('q')"));
        query(a, "DROP TABLE lk, lk2, lk3");
    }

    @Test
    void aUserHashOpclassRoutesThroughItsSupportFunction() {
        query(a, "CREATE FUNCTION noop_hash(value int4, seed int8) RETURNS int8 AS $$ SELECT value + seed; $$"
                + " LANGUAGE sql STRICT IMMUTABLE");
        query(a, "CREATE OPERATOR CLASS noop_int4_ops FOR TYPE int4 USING hash AS OPERATOR 1 =,"
                + " FUNCTION 2 noop_hash(int4, int8)");
        query(a, "CREATE TABLE hp (a int) PARTITION BY HASH (a noop_int4_ops)");
        for (int r = 0; r < 4; r++) {
            query(a, "CREATE TABLE hp" + r + " PARTITION OF hp FOR VALUES WITH (MODULUS 4, REMAINDER " + r + ")");
        }
        query(a, "INSERT INTO hp SELECT generate_series(1, 8)");
        // with this opclass a value's remainder is the value's own remainder (insert.sql)
        assertEquals(List.of("hp0|4", "hp0|8", "hp1|1", "hp1|5", "hp2|2", "hp2|6", "hp3|3", "hp3|7"),
                query(a, "SELECT tableoid::regclass, a FROM hp ORDER BY 1, 2"));
        assertEquals(List.of("INSERT 0 1"), query(a, "INSERT INTO hp3 VALUES (11)"));
        assertEquals(List.of("E: 23514 new row for relation \"hp0\" violates partition constraint"
                + " | Failing row contains (1)."), query(a, "INSERT INTO hp0 VALUES (1)"));
        assertEquals(List.of("E: 42704 operator class \"nope_ops\" does not exist for access method \"btree\""),
                query(a, "CREATE TABLE bad (a int) PARTITION BY LIST (a nope_ops)"));
        query(a, "DROP TABLE hp");
    }
}
