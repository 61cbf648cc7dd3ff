package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.*;
import static org.tusk.engine.storage.DmlOnStorageTest.query;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CREATE/ALTER/DROP SEQUENCE, nextval/currval/setval/lastval and SERIAL
 * columns through SQL on the in-process cluster; expected answers recorded
 * from PostgreSQL 15.
 */
@Timeout(120)
class SequenceOnStorageTest extends TwoSessionsOnStorage {

    @Test
    void createNextvalCurrvalSetvalAlterDrop() {
        assertEquals(List.of(), query(a, "CREATE SEQUENCE zs"));
        assertEquals(List.of("S|0|0|3"), query(a,
                "SELECT relkind, relam, reltype, relnatts FROM pg_class WHERE relname = 'zs'"));
        assertEquals(List.of("20|1|1|9223372036854775807|1|1|f"), query(a,
                "SELECT seqtypid, seqstart, seqincrement, seqmax, seqmin, seqcache, seqcycle FROM pg_sequence"
                        + " WHERE seqrelid = 'zs'::regclass"));
        assertEquals(List.of("1|0|f"), query(a, "SELECT * FROM zs"));
        assertEquals(List.of("E: 55000 currval of sequence \"zs\" is not yet defined in this session"),
                query(a, "SELECT currval('zs')"));
        assertEquals(List.of("E: 55000 lastval is not yet defined in this session"), query(a, "SELECT lastval()"));
        assertEquals(List.of("1|1"), query(a, "SELECT nextval('zs'), currval('zs')"));
        assertEquals(List.of("1"), query(a, "SELECT lastval()"));
        assertEquals(List.of("10|11|5|5"), query(a, "SELECT setval('zs', 10), nextval('zs'), setval('zs', 5, false),"
                + " nextval('zs')"));
        assertEquals(List.of("5|32|t"), query(a, "SELECT * FROM zs"));  // log_cnt: 32 values pre-logged (PostgreSQL 15)
        assertEquals(List.of("E: 42P01 relation \"nosuch\" does not exist"), query(a, "SELECT nextval('nosuch')"));
        // not transactional: a rolled-back nextval stays used, and the other session sees it
        query(a, "BEGIN");
        assertEquals(List.of("6"), query(a, "SELECT nextval('zs')"));
        query(a, "ROLLBACK");
        assertEquals(List.of("7"), query(b, "SELECT nextval('zs')"));
        assertEquals(List.of("7"), query(b, "SELECT currval('public.zs')"));
        // text -> regclass (text_regclass) at run time, as nextval(text) needs
        assertEquals(List.of("8|8"), query(b, "SELECT nextval('zs'::text), currval(('z' || 's')::text)"));
        query(a, "CREATE SEQUENCE zs2 MAXVALUE 2");
        assertEquals(List.of("1|2"), query(a, "SELECT nextval('zs2'), nextval('zs2')"));
        assertEquals(List.of("E: 2200H nextval: reached maximum value of sequence \"zs2\" (2)"),
                query(a, "SELECT nextval('zs2')"));
        query(a, "ALTER SEQUENCE zs2 MAXVALUE 3");
        assertEquals(List.of("3"), query(a, "SELECT nextval('zs2')"));
        query(a, "ALTER SEQUENCE zs2 RESTART");
        assertEquals(List.of("1"), query(a, "SELECT nextval('zs2')"));
        assertEquals(List.of("E: 22003 setval: value 9 is out of bounds for sequence \"zs2\" (1..3)"),
                query(a, "SELECT setval('zs2', 9)"));
        query(a, "CREATE TABLE zt (a int)");
        assertEquals(List.of("E: 42809 \"zt\" is not a sequence"), query(a, "SELECT nextval('zt')"));
        query(a, "DROP TABLE zt");
        query(a, "DROP SEQUENCE zs, zs2");
        assertEquals(List.of("0"), query(a, "SELECT count(*) FROM pg_sequence WHERE seqrelid > 16384"));
    }

    @Test
    void serialColumnsOwnTheirSequences() {
        query(a, "CREATE TABLE st (id serial, b bigserial, v text)");
        assertEquals(List.of("INSERT 0 2"), query(a, "INSERT INTO st (v) VALUES ('x'), ('y')"));
        assertEquals(List.of("1|1|x", "2|2|y"), query(a, "SELECT * FROM st ORDER BY id"));
        assertEquals(List.of("3|z", "INSERT 0 1"), query(a, "INSERT INTO st (v) VALUES ('z') RETURNING id, v"));
        assertEquals(List.of("id|nextval('st_id_seq'::regclass)", "b|nextval('st_b_seq'::regclass)"), query(a,
                "SELECT a.attname, d.adbin FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid"
                        + " AND a.attnum = d.adnum WHERE d.adrelid = 'st'::regclass ORDER BY d.adnum"));
        assertEquals(List.of("23|2147483647", "20|9223372036854775807"), query(a,
                "SELECT seqtypid, seqmax FROM pg_sequence WHERE seqrelid IN ('st_id_seq'::regclass, 'st_b_seq'::regclass)"
                        + " ORDER BY seqtypid DESC"));
        assertEquals(List.of("st_id_seq|st|1|a"), query(a, "SELECT objid::regclass, refobjid::regclass, refobjsubid,"
                + " deptype FROM pg_depend WHERE objid = 'st_id_seq'::regclass AND refclassid = 'pg_class'::regclass"));
        query(a, "DROP TABLE st");
        assertEquals(List.of("0"), query(a, "SELECT count(*) FROM pg_class WHERE relname LIKE 'st_%seq'"));
    }

    @Test
    void typeChangeLastValueAndInsertOrder() {
        // ALTER SEQUENCE AS: a bound at the old type's limit follows the type (init_params' reset_max/min_value)
        query(a, "CREATE SEQUENCE tq AS smallint INCREMENT -1");
        query(a, "ALTER SEQUENCE tq AS int");
        assertEquals(List.of("-2147483648|-1"), query(a, "SELECT seqmin, seqmax FROM pg_sequence WHERE seqrelid = 'tq'::regclass"));
        query(a, "CREATE SEQUENCE tm MAXVALUE 100000");
        assertEquals(List.of("E: 22023 MAXVALUE (100000) is out of range for sequence data type smallint"),
                query(a, "ALTER SEQUENCE tm AS smallint"));
        // pg_sequence_last_value: NULL until the first nextval
        assertEquals(List.of("\\N"), query(a, "SELECT pg_sequence_last_value('tm')"));
        query(a, "SELECT nextval('tm')");
        assertEquals(List.of("1"), query(a, "SELECT pg_sequence_last_value('tm')"));
        // GRANT USAGE ON name (the TABLE form) is fine for a sequence
        assertEquals(List.of(), query(a, "GRANT USAGE ON tm TO PUBLIC"));
        // a given value that fails its conversion fails before a default consumes the sequence
        query(a, "CREATE TABLE ti (id serial, v int2)");
        assertEquals(List.of("E: 22003 smallint out of range"), query(a, "INSERT INTO ti (v) VALUES (99999)"));
        query(a, "INSERT INTO ti (v) VALUES (1)");
        assertEquals(List.of("1|1"), query(a, "SELECT * FROM ti"));
        query(a, "DROP TABLE ti");
        query(a, "DROP SEQUENCE tq, tm");
    }
    /**
     * Catalog indexes are relations (pg_class relkind i, pg_index), so OWNED BY one fails as in
     * PostgreSQL; information_schema.sequences lists the sequences. Answers from PostgreSQL 15.
     */
    @Test
    void catalogIndexesAndInformationSchemaSequences() {
        assertEquals(List.of("i|403|1"), query(a,
                "SELECT relkind, relam, relnatts FROM pg_class WHERE relname = 'pg_class_oid_index'"));
        assertEquals(List.of("pg_class|1|t"), query(a, "SELECT indrelid::regclass, indkey, indisunique FROM pg_index"
                + " WHERE indexrelid = 'pg_class_oid_index'::regclass"));
        List<String> owned = query(a, "CREATE SEQUENCE zx OWNED BY pg_class_oid_index.oid");
        assertEquals(1, owned.size());
        assertTrue(owned.get(0).startsWith("E: 55000 sequence cannot be owned by relation \"pg_class_oid_index\""),
                owned.get(0));
        query(a, "CREATE SEQUENCE zq AS smallint START 5 INCREMENT 2 MAXVALUE 100 CYCLE");
        assertEquals(List.of("public|zq|smallint|16|5|1|100|2|YES"), query(a, "SELECT sequence_schema, sequence_name,"
                + " data_type, numeric_precision, start_value, minimum_value, maximum_value, increment, cycle_option"
                + " FROM information_schema.sequences WHERE sequence_name = 'zq'"));
        query(a, "DROP SEQUENCE zq");
    }
}
