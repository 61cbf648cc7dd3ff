package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.CatalogOnStorageTest.query;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ALTER TABLE on real storage: columns added (with a default written into existing rows, NOT
 * NULL checked), dropped (attisdropped, rows keep working), defaults, NOT NULL, constraints
 * validated against existing rows, RENAME and SET SCHEMA; messages recorded from PostgreSQL 15.
 */
@Timeout(90)
class AlterTableOnStorageTest extends TwoSessionsOnStorage {

    @Test
    void columns() {
        query(a, "CREATE TABLE at1 (a int4 PRIMARY KEY, b text)");
        query(a, "INSERT INTO at1 VALUES (1, NULL), (2, 'x')");
        assertEquals(List.of("E: 42701 column \"a\" of relation \"at1\" already exists"),
                query(a, "ALTER TABLE at1 ADD COLUMN a int"));
        assertEquals(List.of(), query(a, "ALTER TABLE at1 ADD COLUMN IF NOT EXISTS a int"));
        assertEquals(List.of("E: 23502 column \"c\" of relation \"at1\" contains null values"),
                query(a, "ALTER TABLE at1 ADD COLUMN c int NOT NULL"));
        assertEquals(List.of(), query(a, "ALTER TABLE at1 ADD COLUMN c int4 NOT NULL DEFAULT 7"));
        assertEquals(List.of(), query(a, "ALTER TABLE at1 ADD COLUMN d text"));
        assertEquals(List.of("1|\\N|7|\\N", "2|x|7|\\N"), query(b, "SELECT * FROM at1 ORDER BY a"));
        assertEquals(List.of("E: 23502 column \"b\" of relation \"at1\" contains null values"),
                query(a, "ALTER TABLE at1 ALTER COLUMN b SET NOT NULL"));
        assertEquals(List.of("E: 42P16 column \"a\" is in a primary key"),
                query(a, "ALTER TABLE at1 ALTER COLUMN a DROP NOT NULL"));
        assertEquals(List.of(), query(a, "ALTER TABLE at1 ALTER COLUMN d SET DEFAULT 'dd'"));
        query(a, "INSERT INTO at1 (a, b) VALUES (3, 'y')");
        assertEquals(List.of("3|y|7|dd"), query(b, "SELECT * FROM at1 WHERE a = 3"));
        assertEquals(List.of(), query(a, "ALTER TABLE at1 ALTER COLUMN d DROP DEFAULT"));
        assertEquals(List.of(), query(a, "ALTER TABLE at1 DROP COLUMN b"));
        assertEquals(List.of("E: 42703 column \"nope\" of relation \"at1\" does not exist"),
                query(a, "ALTER TABLE at1 DROP COLUMN nope"));
        assertEquals(List.of(), query(a, "ALTER TABLE at1 DROP COLUMN IF EXISTS nope"));
        query(a, "INSERT INTO at1 VALUES (4, 8, 'z')");
        assertEquals(List.of("1|7|\\N", "2|7|\\N", "3|7|dd", "4|8|z"), query(b, "SELECT * FROM at1 ORDER BY a"));
        assertEquals(List.of("4|8|z"), query(b, "SELECT * FROM at1 WHERE a = 4"));
        assertEquals(List.of("a", "c", "d"), query(b, "SELECT attname FROM pg_attribute WHERE attrelid = "
                + "(SELECT oid FROM pg_class WHERE relname = 'at1') AND attnum > 0 AND NOT attisdropped ORDER BY attnum"));
        assertEquals(List.of("E: 42809 ALTER action ADD COLUMN cannot be performed on relation \"at1_pkey\""),
                query(a, "ALTER TABLE at1_pkey ADD COLUMN z int"));
    }

    @Test
    void constraints() {
        query(a, "CREATE TABLE at2 (a int4, b int4)");
        query(a, "INSERT INTO at2 VALUES (1, 1), (NULL, 2)");
        assertEquals(List.of("E: 23514 check constraint \"ck\" of relation \"at2\" is violated by some row"),
                query(a, "ALTER TABLE at2 ADD CONSTRAINT ck CHECK (b > 1)"));
        assertEquals(List.of(), query(a, "ALTER TABLE at2 ADD CONSTRAINT ck CHECK (b > 0)"));
        assertEquals(List.of("E: 23514 new row for relation \"at2\" violates check constraint \"ck\""),
                query(a, "INSERT INTO at2 VALUES (3, 0)"));
        assertEquals(List.of("E: 23502 column \"a\" of relation \"at2\" contains null values"),
                query(a, "ALTER TABLE at2 ADD PRIMARY KEY (a)"));
        assertEquals(List.of(), query(a, "ALTER TABLE at2 ADD UNIQUE (b)"));
        assertEquals(List.of("E: 42704 constraint \"nope\" of relation \"at2\" does not exist"),
                query(a, "ALTER TABLE at2 DROP CONSTRAINT nope"));
        assertEquals(List.of(), query(a, "ALTER TABLE at2 DROP CONSTRAINT IF EXISTS nope"));
        assertEquals(List.of(), query(a, "ALTER TABLE at2 DROP CONSTRAINT ck"));
        query(a, "INSERT INTO at2 VALUES (3, 0)");
        assertEquals(List.of(), query(a, "ALTER TABLE at2 RENAME CONSTRAINT at2_b_key TO at2_bu"));
        assertEquals(List.of("at2_bu"), query(b, "SELECT relname FROM pg_class WHERE relname LIKE 'at2_b%'"));
        assertEquals(List.of("E: 42704 constraint \"nope\" for table \"at2\" does not exist"),
                query(a, "ALTER TABLE at2 RENAME CONSTRAINT nope TO z"));
        query(a, "CREATE TABLE fp (a int4 PRIMARY KEY)");
        query(a, "CREATE TABLE fc (x int4, y int4)");
        query(a, "INSERT INTO fp VALUES (1)");
        query(a, "INSERT INTO fc VALUES (1, 1), (NULL, 2), (5, 1)");
        assertEquals(List.of("E: 23503 insert or update on table \"fc\" violates foreign key constraint \"fc_x_fkey\""),
                query(a, "ALTER TABLE fc ADD FOREIGN KEY (x) REFERENCES fp"));
        query(a, "DELETE FROM fc WHERE x = 5");
        assertEquals(List.of(), query(a, "ALTER TABLE fc ADD FOREIGN KEY (x) REFERENCES fp"));
        assertEquals(List.of("fc_x_fkey"), query(b, "SELECT conname FROM pg_constraint WHERE contype = 'f' AND conname LIKE 'fc%'"));
    }

    @Test
    void renameAndSchema() {
        query(a, "CREATE TABLE at3 (a int4 PRIMARY KEY)");
        query(a, "INSERT INTO at3 VALUES (1)");
        assertEquals(List.of("E: 42703 column \"nope\" does not exist"), query(a, "ALTER TABLE at3 RENAME COLUMN nope TO z"));
        assertEquals(List.of(), query(a, "ALTER TABLE at3 RENAME COLUMN a TO k"));
        assertEquals(List.of(), query(a, "ALTER TABLE at3 RENAME TO at3r"));
        assertEquals(List.of("E: 42P07 relation \"at3r\" already exists"), query(a, "ALTER TABLE at3r RENAME TO at3r"));
        assertEquals(List.of("E: 42P01 relation \"nope\" does not exist"), query(a, "ALTER TABLE nope RENAME TO z"));
        assertEquals(List.of("1"), query(b, "SELECT k FROM at3r"));
        assertEquals(List.of("at3r"), query(b, "SELECT typname FROM pg_type WHERE typname = 'at3r'"));
        assertEquals(List.of(), query(a, "ALTER INDEX at3_pkey RENAME TO at3r_pk"));
        assertEquals(List.of("at3r_pk"), query(b, "SELECT conname FROM pg_constraint WHERE conname LIKE 'at3%'"));
        query(a, "CREATE SCHEMA s3");
        assertEquals(List.of("E: 3F000 schema \"nope\" does not exist"), query(a, "ALTER TABLE at3r SET SCHEMA nope"));
        assertEquals(List.of(), query(a, "ALTER TABLE at3r SET SCHEMA s3"));
        assertEquals(List.of("1"), query(b, "SELECT k FROM s3.at3r"));
        assertEquals(List.of("E: 42P01 relation \"at3r\" does not exist"), query(b, "SELECT k FROM at3r"));
        assertEquals(List.of("E: 42704 role \"nope\" does not exist"), query(a, "ALTER TABLE s3.at3r OWNER TO nope"));
        assertEquals(List.of(), query(a, "ALTER TABLE s3.at3r OWNER TO postgres"));
        query(a, "CREATE VIEW at3v AS SELECT k FROM s3.at3r");
        assertEquals(List.of(), query(a, "ALTER VIEW at3v RENAME TO at3w"));
        assertEquals(List.of("1"), query(b, "SELECT k FROM at3w"));
    }

    @Test
    void renameColumnRecursesToChildren() {
        // renameatt: children first, each expecting its parents' copies; messages from PostgreSQL 15
        query(a, "CREATE TABLE rnp (a int4, b int4)");
        query(a, "CREATE TABLE rnc1 () INHERITS (rnp)");
        query(a, "CREATE TABLE rnc2 (c int4) INHERITS (rnp)");
        query(a, "INSERT INTO rnc1 VALUES (1, 2)");
        assertEquals(List.of("E: 42P16 inherited column \"a\" must be renamed in child tables too"),
                query(a, "ALTER TABLE ONLY rnp RENAME COLUMN a TO aa"));
        assertEquals(List.of("E: 42P16 cannot rename inherited column \"a\""),
                query(a, "ALTER TABLE rnc1 RENAME COLUMN a TO aa"));
        assertEquals(List.of("E: 42701 column name \"ctid\" conflicts with a system column name"),
                query(a, "ALTER TABLE rnp RENAME COLUMN a TO ctid"));
        assertEquals(List.of("E: 42701 column \"c\" of relation \"rnc2\" already exists"),
                query(a, "ALTER TABLE rnp RENAME COLUMN b TO c"));
        assertEquals(List.of("E: 0A000 cannot rename system column \"xmin\""),
                query(a, "ALTER TABLE rnp RENAME COLUMN xmin TO q"));
        assertEquals(List.of(), query(a, "ALTER TABLE rnp RENAME COLUMN a TO aa"));
        assertEquals(List.of("1|2"), query(b, "SELECT aa, b FROM rnc1"));
        assertEquals(List.of("1"), query(b, "SELECT aa FROM rnp"));
        assertEquals(List.of(), query(a, "ALTER TABLE rnc2 RENAME COLUMN c TO cc"));
    }

    @Test
    void addColumnRecursesOneLevelAtATime() {
        // ATExecAddColumn: a child reached through two parents merges the second time (attinhcount 2)
        query(a, "CREATE TABLE acp (a int4)");
        query(a, "CREATE TABLE acc1 () INHERITS (acp)");
        query(a, "CREATE TABLE acc2 () INHERITS (acp)");
        query(a, "CREATE TABLE acgc () INHERITS (acc1, acc2)");
        assertEquals(List.of(), query(a, "ALTER TABLE acp ADD COLUMN b text DEFAULT 'x'"));
        assertEquals(List.of("acc1|1|f", "acc2|1|f", "acgc|2|f", "acp|0|t"), query(b, "SELECT c.relname, a.attinhcount,"
                + " a.attislocal FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE a.attname = 'b'"
                + " AND c.relname LIKE 'ac%' ORDER BY 1"));
        assertEquals(List.of("E: 42P16 column must be added to child tables too"),
                query(a, "ALTER TABLE ONLY acp ADD COLUMN c int4"));
        assertEquals(List.of("E: 42701 column name \"xmin\" conflicts with a system column name"),
                query(a, "ALTER TABLE acgc ADD COLUMN xmin int4"));
        query(a, "INSERT INTO acgc VALUES (1)");
        assertEquals(List.of("1|x"), query(b, "SELECT a, b FROM acgc"));
        assertEquals(List.of("1|x"), query(b, "SELECT a, b FROM acp"));
    }

    @Test
    void columnType() {
        query(a, "CREATE TABLE at4 (a int4 PRIMARY KEY, b text)");
        query(a, "INSERT INTO at4 VALUES (1, '10'), (2, '20')");
        assertEquals(List.of(), query(a, "ALTER TABLE at4 ALTER COLUMN b TYPE int4 USING b::int4"));
        assertEquals(List.of("1|11", "2|21"), query(b, "SELECT a, b + 1 FROM at4 ORDER BY a"));
        assertEquals(List.of(), query(a, "ALTER TABLE at4 ALTER COLUMN a TYPE int8"));
        assertEquals(List.of("20|8"), query(b, "SELECT atttypid, attlen FROM pg_attribute WHERE attname = 'a' AND attrelid = "
                + "(SELECT oid FROM pg_class WHERE relname = 'at4')"));
        assertEquals(List.of("2|20"), query(b, "SELECT a, b FROM at4 WHERE a = 2"));
        assertEquals(List.of("E: 22P02 invalid input syntax for type integer: \"x\""),
                query(a, "ALTER TABLE at4 ALTER COLUMN b TYPE text; UPDATE at4 SET b = 'x' WHERE a = 1; "
                        + "ALTER TABLE at4 ALTER COLUMN b TYPE int4 USING b::int4"));
    }
}
