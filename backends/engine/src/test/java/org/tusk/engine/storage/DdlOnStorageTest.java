package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.engine.storage.CatalogOnStorageTest.query;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tusk.api.engine.EngineSession;

/**
 * DDL on real storage: CREATE TABLE writes PostgreSQL's catalog rows
 * (pg_class, pg_attribute, pg_type rowtype, pg_attrdef, pg_constraint,
 * pg_index, pg_depend) and files; it is transactional (ROLLBACK removes
 * rows and file); DROP follows pg_depend (2BP01 without CASCADE) and removes
 * files at commit; TRUNCATE swaps relfilenodes; another backend sees
 * committed DDL. Expected texts are PostgreSQL 15's.
 */
@Timeout(90)
class DdlOnStorageTest extends TwoSessionsOnStorage {

    private static Path file(String relfilenode) {
        return cluster.data().resolve("base/5/" + relfilenode);
    }

    private static String one(EngineSession s, String sql) {
        List<String> rows = query(s, sql);
        assertEquals(1, rows.size(), sql + " -> " + rows);
        return rows.get(0);
    }

    @Test
    void createTableWritesCatalogRowsAndFile() {
        assertEquals(List.of(), query(a, "CREATE TABLE items (id int4 PRIMARY KEY, name varchar(20) NOT NULL DEFAULT 'x', "
                + "qty numeric(10,2) CHECK (qty >= 0), note text) WITH (fillfactor=70)"));
        String cls = one(a, "SELECT oid, relfilenode, relkind, relnatts, relhasindex, relchecks, reloptions FROM pg_class "
                + "WHERE relname = 'items'");
        String[] f = cls.split("\\|");
        assertTrue(Long.parseLong(f[0]) >= 16384, cls);
        assertEquals(f[0], f[1]);
        assertEquals("r|4|t|1|{fillfactor=70}", cls.substring(f[0].length() + f[1].length() + 2));
        assertTrue(Files.exists(file(f[1])));
        assertEquals(List.of("id|23|-1|t", "name|1043|24|t", "qty|1700|655366|f", "note|25|-1|f"),
                query(a, "SELECT attname, atttypid, atttypmod, attnotnull FROM pg_attribute WHERE attrelid = " + f[0]
                        + " ORDER BY attnum"));
        assertEquals(List.of("items_pkey|p", "items_qty_check|c"),
                query(a, "SELECT conname, contype FROM pg_constraint WHERE conrelid = " + f[0] + " ORDER BY conname"));
        assertEquals("t|t|1", one(a, "SELECT indisunique, indisprimary, indnatts FROM pg_index WHERE indrelid = " + f[0]));
        assertEquals("'x'::character varying", one(a, "SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = " + f[0]));
        assertEquals("c|" + f[0], one(a, "SELECT typtype, typrelid FROM pg_type WHERE typname = 'items'"));
        assertEquals(List.of(), query(a, "SELECT * FROM items"));
        // the other backend sees the committed table
        assertEquals(List.of(), query(b, "SELECT * FROM items"));
        assertEquals(List.of("E: 42P07 relation \"items\" already exists"), query(b, "CREATE TABLE items (a int)"));
        assertEquals(List.of(), query(b, "CREATE TABLE IF NOT EXISTS items (a int)"));
        assertEquals(List.of("E: 42704 type \"nosuchtype\" does not exist"), query(b, "CREATE TABLE t2 (a nosuchtype)"));
        assertEquals(List.of("E: 42701 column \"a\" specified more than once"), query(b, "CREATE TABLE t2 (a int, a int)"));
    }

    @Test
    void rollbackOfCreateTableRemovesRowsAndFile() {
        query(a, "BEGIN");
        query(a, "CREATE TABLE gone (a int4 UNIQUE)");
        String node = one(a, "SELECT relfilenode FROM pg_class WHERE relname = 'gone'");
        String index = one(a, "SELECT relfilenode FROM pg_class WHERE relname = 'gone_a_key'");
        assertTrue(Files.exists(file(node)));
        assertEquals(List.of(), query(b, "SELECT relname FROM pg_class WHERE relname = 'gone'"));
        query(a, "ROLLBACK");
        assertEquals(List.of(), query(a, "SELECT relname FROM pg_class WHERE relname LIKE 'gone%'"));
        assertFalse(Files.exists(file(node)), "table file removed at abort");
        assertFalse(Files.exists(file(index)), "index file removed at abort");
        assertEquals(List.of("E: 42P01 relation \"gone\" does not exist"), query(a, "SELECT * FROM gone"));
    }

    @Test
    void dropFollowsDependencies() {
        query(a, "CREATE TABLE parent (id int4 PRIMARY KEY)");
        query(a, "CREATE TABLE child (id int4, pid int4 REFERENCES parent)");
        String node = one(a, "SELECT relfilenode FROM pg_class WHERE relname = 'parent'");
        List<String> err = query(a, "DROP TABLE parent");
        assertEquals(List.of("E: 2BP01 cannot drop table parent because other objects depend on it"), err);
        query(a, "BEGIN");
        query(a, "DROP TABLE parent CASCADE");
        assertTrue(Files.exists(file(node)), "files stay until commit");
        assertEquals(List.of(), query(a, "SELECT conname FROM pg_constraint WHERE conname = 'child_pid_fkey'"));
        query(a, "COMMIT");
        assertFalse(Files.exists(file(node)), "files removed at commit");
        assertEquals(List.of(), query(a, "SELECT relname FROM pg_class WHERE relname LIKE 'parent%'"));
        assertEquals(List.of(), query(a, "SELECT typname FROM pg_type WHERE typname = 'parent'"));
        assertEquals(List.of("E: 42P01 table \"parent\" does not exist"), query(a, "DROP TABLE parent"));
        assertEquals(List.of(), query(a, "DROP TABLE IF EXISTS parent"));
        assertEquals(List.of("E: 42809 \"child\" is not an index"), query(a, "DROP INDEX child"));
        query(a, "DROP TABLE child");
    }

    @Test
    void indexTruncateSchemaAndComment() {
        query(a, "CREATE SCHEMA app");
        assertEquals(List.of("E: 42P06 schema \"app\" already exists"), query(a, "CREATE SCHEMA app"));
        query(a, "CREATE TABLE app.t (a int4, b text)");
        query(a, "CREATE INDEX ON app.t (a, b)");
        assertEquals("t_a_b_idx|i|2", one(a, "SELECT relname, relkind, relnatts FROM pg_class WHERE relname = 't_a_b_idx'"));
        String indexOid = one(a, "SELECT oid FROM pg_class WHERE relname = 't_a_b_idx'");
        assertEquals("1 2", one(a, "SELECT indkey FROM pg_index WHERE indexrelid = " + indexOid).trim());
        String before = one(a, "SELECT relfilenode FROM pg_class WHERE relname = 't'");
        query(a, "TRUNCATE app.t");
        String after = one(a, "SELECT relfilenode FROM pg_class WHERE relname = 't'");
        assertFalse(before.equals(after));
        assertFalse(Files.exists(file(before)));
        assertTrue(Files.exists(file(after)));
        query(a, "COMMENT ON TABLE app.t IS 'a table'");
        String tableOid = one(a, "SELECT oid FROM pg_class WHERE relname = 't'");
        assertEquals("a table", one(a, "SELECT description FROM pg_description WHERE objoid = " + tableOid));
        assertEquals(List.of("E: 2BP01 cannot drop schema app because other objects depend on it"),
                query(a, "DROP SCHEMA app"));
        query(a, "DROP SCHEMA app CASCADE");
        assertEquals(List.of(), query(a, "SELECT relname FROM pg_class WHERE relname LIKE 't_a_b%'"));
        assertEquals(List.of(), query(a, "SELECT nspname FROM pg_namespace WHERE nspname = 'app'"));
    }

    @Test
    void descendingIndexColumnsAreRecordedAndLookupsWork() {
        query(a, "CREATE TABLE dsc (k int4, v text)");
        query(a, "INSERT INTO dsc VALUES (1, 'a'), (2, 'b'), (3, NULL)");
        assertEquals(List.of(), query(a, "CREATE INDEX dsc_k ON dsc (k DESC, v NULLS FIRST)"));
        // as PostgreSQL 15 prints it; indoption 3 = DESC with its default NULLS FIRST, 2 = NULLS FIRST
        assertEquals("CREATE INDEX dsc_k ON public.dsc USING btree (k DESC, v NULLS FIRST)",
                one(a, "SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = 'dsc'::regclass"));
        assertEquals("3 2", one(a, "SELECT indoption FROM pg_index WHERE indrelid = 'dsc'::regclass"));
        assertEquals(List.of("b"), query(a, "SELECT v FROM dsc WHERE k = 2"));
        assertEquals(List.of("3", "2"), query(a, "SELECT k FROM dsc WHERE k > 1 ORDER BY k DESC"));
    }
}
