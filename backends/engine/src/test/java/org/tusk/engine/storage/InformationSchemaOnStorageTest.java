package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.CatalogOnStorageTest.query;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * information_schema's views over a schema with PRIMARY KEY, UNIQUE, FOREIGN KEY (one and two
 * columns, in another order than the referenced key), CHECK and NOT NULL constraints, defaults,
 * serial, varchar(n), char(n), numeric(p,s), arrays, a view and a partitioned table. The expected
 * rows were recorded from PostgreSQL 15 (psql -At); generated not-null constraint names carry OIDs,
 * so their prefix is normalized. Not compared: check_clause of a CHECK constraint (Tusk's deparser
 * prints it with fewer parentheses and casts) and a view's is_updatable (pg_column_is_updatable
 * is not implemented; views report NO).
 */
@Timeout(90)
class InformationSchemaOnStorageTest extends TwoSessionsOnStorage {

    @BeforeAll
    static void load() {
        assertEquals(List.of(), query(a, "CREATE SCHEMA isx"));
        assertEquals(List.of(), query(a, "CREATE TABLE isx.parent (id serial PRIMARY KEY, code varchar(12) NOT NULL UNIQUE, amount numeric(10,2) DEFAULT 0, tags text[], created timestamp(3), ratio float8, flag boolean, c char(5), n numeric, i2 smallint, big bigint, CONSTRAINT amount_pos CHECK (amount >= 0))"));
        assertEquals(List.of(), query(a, "CREATE TABLE isx.child (a int, b int, pid int REFERENCES isx.parent ON DELETE CASCADE, note text, PRIMARY KEY (b, a), CONSTRAINT child_code_fk FOREIGN KEY (note) REFERENCES isx.parent (code))"));
        assertEquals(List.of(), query(a, "CREATE TABLE isx.two (x int, y int, UNIQUE (y, x))"));
        assertEquals(List.of(), query(a, "CREATE TABLE isx.ref2 (p int, q int, FOREIGN KEY (p, q) REFERENCES isx.two (x, y))"));
        assertEquals(List.of(), query(a, "CREATE VIEW isx.v AS SELECT id, code FROM isx.parent"));
        assertEquals(List.of(), query(a, "CREATE TABLE isx.part (k int, d date, v varchar) PARTITION BY RANGE (k)"));
        assertEquals(List.of(), query(a, "CREATE TABLE isx.part1 PARTITION OF isx.part FOR VALUES FROM (0) TO (10)"));
    }

    @Test
    void columns() {
        assertEquals(List.of(
                "child|a|1|\\N|NO|integer|\\N|\\N|32|2|0|\\N|int4|1|NO|NEVER|YES",
                "child|b|2|\\N|NO|integer|\\N|\\N|32|2|0|\\N|int4|2|NO|NEVER|YES",
                "child|pid|3|\\N|YES|integer|\\N|\\N|32|2|0|\\N|int4|3|NO|NEVER|YES",
                "child|note|4|\\N|YES|text|\\N|1073741824|\\N|\\N|\\N|\\N|text|4|NO|NEVER|YES",
                "parent|id|1|nextval('isx.parent_id_seq'::regclass)|NO|integer|\\N|\\N|32|2|0|\\N|int4|1|NO|NEVER|YES",
                "parent|code|2|\\N|NO|character varying|12|48|\\N|\\N|\\N|\\N|varchar|2|NO|NEVER|YES",
                "parent|amount|3|0|YES|numeric|\\N|\\N|10|10|2|\\N|numeric|3|NO|NEVER|YES",
                "parent|tags|4|\\N|YES|ARRAY|\\N|\\N|\\N|\\N|\\N|\\N|_text|4|NO|NEVER|YES",
                "parent|created|5|\\N|YES|timestamp without time zone|\\N|\\N|\\N|\\N|\\N|3|timestamp|5|NO|NEVER|YES",
                "parent|ratio|6|\\N|YES|double precision|\\N|\\N|53|2|\\N|\\N|float8|6|NO|NEVER|YES",
                "parent|flag|7|\\N|YES|boolean|\\N|\\N|\\N|\\N|\\N|\\N|bool|7|NO|NEVER|YES",
                "parent|c|8|\\N|YES|character|5|20|\\N|\\N|\\N|\\N|bpchar|8|NO|NEVER|YES",
                "parent|n|9|\\N|YES|numeric|\\N|\\N|\\N|10|\\N|\\N|numeric|9|NO|NEVER|YES",
                "parent|i2|10|\\N|YES|smallint|\\N|\\N|16|2|0|\\N|int2|10|NO|NEVER|YES",
                "parent|big|11|\\N|YES|bigint|\\N|\\N|64|2|0|\\N|int8|11|NO|NEVER|YES",
                "part|k|1|\\N|YES|integer|\\N|\\N|32|2|0|\\N|int4|1|NO|NEVER|YES",
                "part|d|2|\\N|YES|date|\\N|\\N|\\N|\\N|\\N|0|date|2|NO|NEVER|YES",
                "part|v|3|\\N|YES|character varying|\\N|1073741824|\\N|\\N|\\N|\\N|varchar|3|NO|NEVER|YES",
                "part1|k|1|\\N|YES|integer|\\N|\\N|32|2|0|\\N|int4|1|NO|NEVER|YES",
                "part1|d|2|\\N|YES|date|\\N|\\N|\\N|\\N|\\N|0|date|2|NO|NEVER|YES",
                "part1|v|3|\\N|YES|character varying|\\N|1073741824|\\N|\\N|\\N|\\N|varchar|3|NO|NEVER|YES",
                "ref2|p|1|\\N|YES|integer|\\N|\\N|32|2|0|\\N|int4|1|NO|NEVER|YES",
                "ref2|q|2|\\N|YES|integer|\\N|\\N|32|2|0|\\N|int4|2|NO|NEVER|YES",
                "two|x|1|\\N|YES|integer|\\N|\\N|32|2|0|\\N|int4|1|NO|NEVER|YES",
                "two|y|2|\\N|YES|integer|\\N|\\N|32|2|0|\\N|int4|2|NO|NEVER|YES",
                "v|id|1|\\N|YES|integer|\\N|\\N|32|2|0|\\N|int4|1|NO|NEVER|-",
                "v|code|2|\\N|YES|character varying|12|48|\\N|\\N|\\N|\\N|varchar|2|NO|NEVER|-"),
                query(b, "SELECT table_name, column_name, ordinal_position, column_default, is_nullable, data_type, "
                        + "character_maximum_length, character_octet_length, numeric_precision, numeric_precision_radix, "
                        + "numeric_scale, datetime_precision, udt_name, dtd_identifier, is_identity, is_generated, CASE WHEN "
                        + "table_name = 'v' THEN '-' ELSE is_updatable END FROM information_schema.columns WHERE table_schema "
                        + "= 'isx' ORDER BY 1, 3"));
    }

    @Test
    void keyColumnUsage() {
        assertEquals(List.of(
                "child_code_fk|child|note|1|1",
                "child_pid_fkey|child|pid|1|1",
                "child_pkey|child|b|1|\\N",
                "child_pkey|child|a|2|\\N",
                "parent_code_key|parent|code|1|\\N",
                "parent_pkey|parent|id|1|\\N",
                "ref2_p_q_fkey|ref2|p|1|2",
                "ref2_p_q_fkey|ref2|q|2|1",
                "two_y_x_key|two|y|1|\\N",
                "two_y_x_key|two|x|2|\\N"),
                query(b, "SELECT constraint_name, table_name, column_name, ordinal_position, position_in_unique_constraint "
                        + "FROM information_schema.key_column_usage WHERE table_schema = 'isx' ORDER BY 1, 2, 4"));
    }

    @Test
    void referentialConstraints() {
        assertEquals(List.of(
                "child_code_fk|parent_code_key|NONE|NO ACTION|NO ACTION",
                "child_pid_fkey|parent_pkey|NONE|NO ACTION|CASCADE",
                "ref2_p_q_fkey|two_y_x_key|NONE|NO ACTION|NO ACTION"),
                query(b, "SELECT constraint_name, unique_constraint_name, match_option, update_rule, delete_rule FROM "
                        + "information_schema.referential_constraints WHERE constraint_schema = 'isx' ORDER BY 1"));
    }

    @Test
    void constraintColumnUsage() {
        assertEquals(List.of(
                "parent|amount|amount_pos",
                "parent|code|child_code_fk",
                "parent|id|child_pid_fkey",
                "child|a|child_pkey",
                "child|b|child_pkey",
                "parent|code|parent_code_key",
                "parent|id|parent_pkey",
                "two|x|ref2_p_q_fkey",
                "two|y|ref2_p_q_fkey",
                "two|x|two_y_x_key",
                "two|y|two_y_x_key"),
                query(b, "SELECT table_name, column_name, constraint_name FROM information_schema.constraint_column_usage "
                        + "WHERE table_schema = 'isx' ORDER BY 3, 1, 2"));
    }

    @Test
    void checkConstraints() {
        assertEquals(List.of(
                "amount_pos|-",
                "nsp_rel_1_not_null|a IS NOT NULL",
                "nsp_rel_1_not_null|id IS NOT NULL",
                "nsp_rel_2_not_null|b IS NOT NULL",
                "nsp_rel_2_not_null|code IS NOT NULL"),
                query(b, "SELECT regexp_replace(constraint_name, '^[0-9]+_[0-9]+_', 'nsp_rel_'), CASE WHEN constraint_name = "
                        + "'amount_pos' THEN '-' ELSE check_clause END FROM information_schema.check_constraints WHERE "
                        + "constraint_schema = 'isx' ORDER BY 1, 2"));
    }

    @Test
    void tableConstraints() {
        assertEquals(List.of(
                "amount_pos|parent|CHECK|NO|NO|YES|\\N",
                "child_code_fk|child|FOREIGN KEY|NO|NO|YES|\\N",
                "child_pid_fkey|child|FOREIGN KEY|NO|NO|YES|\\N",
                "child_pkey|child|PRIMARY KEY|NO|NO|YES|\\N",
                "nsp_rel_1_not_null|child|CHECK|NO|NO|YES|\\N",
                "nsp_rel_1_not_null|parent|CHECK|NO|NO|YES|\\N",
                "nsp_rel_2_not_null|child|CHECK|NO|NO|YES|\\N",
                "nsp_rel_2_not_null|parent|CHECK|NO|NO|YES|\\N",
                "parent_code_key|parent|UNIQUE|NO|NO|YES|YES",
                "parent_pkey|parent|PRIMARY KEY|NO|NO|YES|\\N",
                "ref2_p_q_fkey|ref2|FOREIGN KEY|NO|NO|YES|\\N",
                "two_y_x_key|two|UNIQUE|NO|NO|YES|YES"),
                query(b, "SELECT regexp_replace(constraint_name, '^[0-9]+_[0-9]+_', 'nsp_rel_'), table_name, constraint_type, "
                        + "is_deferrable, initially_deferred, enforced, nulls_distinct FROM "
                        + "information_schema.table_constraints WHERE table_schema = 'isx' ORDER BY 1, 2"));
    }

    @Test
    void policiesAndRulesViews() {
        for (String sql : List.of("CREATE TABLE pt2 (a int)", "CREATE RULE r1 AS ON INSERT TO pt2 DO INSTEAD NOTHING",
                "CREATE ROLE pol_r", "ALTER TABLE pt2 ENABLE ROW LEVEL SECURITY",
                "CREATE POLICY p1 ON pt2 USING (a > 0)",
                "CREATE POLICY p2 ON pt2 AS RESTRICTIVE FOR INSERT TO pol_r WITH CHECK (a < 5)")) {
            assertEquals(List.of(), query(a, sql), sql);
        }
        // PostgreSQL 15's rows (qual and with_check left out: the deparser's parentheses differ)
        assertEquals(List.of("public|pt2|p1|PERMISSIVE|{public}|ALL", "public|pt2|p2|RESTRICTIVE|{pol_r}|INSERT"),
                query(b, "SELECT schemaname, tablename, policyname, permissive, roles, cmd FROM pg_policies"
                        + " WHERE tablename = 'pt2' ORDER BY 3"));
        assertEquals(List.of("public|pt2|r1|CREATE RULE r1 AS\n    ON INSERT TO public.pt2 DO INSTEAD NOTHING;"),
                query(b, "SELECT * FROM pg_rules WHERE tablename = 'pt2'"));
        assertEquals(List.of(), query(a, "DROP TABLE pt2"));
    }

    @Test
    void unqualifiedCallsDoNotSeeInformationSchemaFunctions() {
        // the facts' information_schema._pg_expandarray must not make a user's function of that name ambiguous
        assertEquals(List.of(), query(a, "CREATE FUNCTION _pg_expandarray(IN anyarray, OUT x anyelement, OUT n integer)"
                + " RETURNS SETOF record LANGUAGE sql AS 'SELECT e.x, e.n::integer FROM unnest($1) WITH ORDINALITY AS e(x, n)'"));
        assertEquals(List.of("7|1", "8|2"), query(a, "SELECT * FROM _pg_expandarray(ARRAY[7, 8])"));
        assertEquals(List.of(), query(a, "DROP FUNCTION _pg_expandarray(anyarray)"));
        assertEquals(List.of("4", "1", "\\N"), query(a,
                "SELECT pg_encoding_max_length(e) FROM (VALUES (6), (0), (42)) v(e)"));
    }
}
