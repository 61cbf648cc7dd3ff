package org.tusk.engine.func.sysinfo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.engine.EngineSession;
import org.tusk.api.engine.Portal;
import org.tusk.api.engine.PreparedStatement;
import org.tusk.api.engine.RawStatement;
import org.tusk.api.error.PgException;
import org.tusk.engine.catalog.CatalogAccess;
import org.tusk.engine.catalog.SystemCatalogs;
import org.tusk.engine.catalog.bootstrap.CatalogBootstrap;
import org.tusk.engine.storage.StorageCluster;
import org.tusk.engine.storage.StorageSession;

/**
 * The system information functions through SQL on a real (in-process)
 * cluster, over catalog rows describing the schema below as PostgreSQL 15's
 * CREATE commands leave them; every expected answer was recorded from
 * PostgreSQL 15 for the same schema:
 *
 * <pre>
 * CREATE TABLE p (id integer PRIMARY KEY, name text NOT NULL);
 * CREATE TABLE t (id serial PRIMARY KEY, a integer CHECK (a &gt; 0),
 *     p_id integer REFERENCES p(id) ON DELETE CASCADE, label varchar(20) DEFAULT 'x',
 *     created timestamp with time zone DEFAULT now(), amount numeric(10,2), UNIQUE (a, label));
 * CREATE INDEX t_label_idx ON t (label DESC NULLS LAST);
 * CREATE INDEX t_lower_idx ON t (lower(label)) WHERE a &gt; 10;
 * CREATE VIEW v AS SELECT id, a FROM t WHERE a &gt; 1;
 * COMMENT ON TABLE t IS 'the t table'; COMMENT ON COLUMN t.a IS 'column a';
 * CREATE SCHEMA s2; CREATE TABLE s2.t (x int); CREATE TABLE s2.q (k int PRIMARY KEY, r int REFERENCES t(id) MATCH FULL
 *     ON UPDATE SET NULL DEFERRABLE INITIALLY DEFERRED);
 * </pre>
 */
@Timeout(60)
class SysInfoFunctionsTest {

    static final long P = 16400, P_PKEY = 16403, SEQ = 16405, T = 16406, T_PKEY = 16412, T_A_LABEL_KEY = 16414,
            T_LABEL_IDX = 16416, T_LOWER_IDX = 16417, V = 16420, S2 = 16430, Q = 16431, Q_PKEY = 16432, S2_T = 16440;
    static final long PUBLIC = 2200;
    static final int INT4 = 23, TEXT = 25, VARCHAR = 1043, TIMESTAMPTZ = 1184, NUMERIC = 1700;
    static final long INT4_OPS = 1978, TEXT_OPS = 3126, DEFAULT_COLLATION = 100;

    @TempDir
    static Path dir;
    static StorageCluster cluster;
    static EngineSession s;
    static CatalogBootstrap rows;

    @BeforeAll
    static void start() throws Exception {
        cluster = new StorageCluster(dir);
        s = cluster.backend(0).connect("postgres");
        query("BEGIN");
        StorageSession ss = (StorageSession) s;
        CatalogAccess access = new CatalogAccess(ss.storage(), org.tusk.xact.IsolationLevel.READ_COMMITTED);
        rows = new CatalogBootstrap(access, ss.storage().storage().tableAm("heap"));
        createSchema();
        ss.storage().endStatement();
        query("COMMIT");
    }

    @AfterAll
    static void stop() {
        s.close();
        cluster.close();
    }

    // ---- the catalog rows CREATE TABLE / INDEX / VIEW / COMMENT would write

    static void createSchema() {
        insert(SystemCatalogs.PG_NAMESPACE, "oid", S2, "nspname", "s2", "nspowner", 10L);
        relation(P, "p", PUBLIC, 'r', 2);
        column(P, 1, "id", INT4, -1, true, 0);
        column(P, 2, "name", TEXT, -1, true, DEFAULT_COLLATION);
        index(P_PKEY, "p_pkey", P, true, true, new short[] {1}, new short[] {0}, new long[] {INT4_OPS},
                new long[] {0}, null, null);
        constraint(16404, "p_pkey", 'p', P, P_PKEY, new short[] {1}, 0, null, ' ', ' ', ' ', null);

        relation(SEQ, "t_id_seq", PUBLIC, 'S', 3);
        relation(T, "t", PUBLIC, 'r', 6);
        column(T, 1, "id", INT4, -1, true, 0);
        column(T, 2, "a", INT4, -1, false, 0);
        column(T, 3, "p_id", INT4, -1, false, 0);
        column(T, 4, "label", VARCHAR, 24, false, DEFAULT_COLLATION);
        column(T, 5, "created", TIMESTAMPTZ, -1, false, 0);
        column(T, 6, "amount", NUMERIC, ((10 << 16) | 2) + 4, false, 0);
        attrdef(16407, T, 1, "nextval('t_id_seq'::regclass)");
        attrdef(16409, T, 4, "'x'::character varying");
        attrdef(16410, T, 5, "now()");
        insert(SystemCatalogs.PG_DEPEND, "classid", 1259L, "objid", SEQ, "objsubid", 0, "refclassid", 1259L,
                "refobjid", T, "refobjsubid", 1, "deptype", "a");
        index(T_PKEY, "t_pkey", T, true, true, new short[] {1}, new short[] {0}, new long[] {INT4_OPS},
                new long[] {0}, null, null);
        index(T_A_LABEL_KEY, "t_a_label_key", T, true, false, new short[] {2, 4}, new short[] {0, 0},
                new long[] {INT4_OPS, TEXT_OPS}, new long[] {0, DEFAULT_COLLATION}, null, null);
        index(T_LABEL_IDX, "t_label_idx", T, false, false, new short[] {4}, new short[] {1}, new long[] {TEXT_OPS},
                new long[] {DEFAULT_COLLATION}, null, null);
        index(T_LOWER_IDX, "t_lower_idx", T, false, false, new short[] {0}, new short[] {0}, new long[] {TEXT_OPS},
                new long[] {DEFAULT_COLLATION}, "lower((label)::text)", "(a > 10)");
        constraint(16413, "t_pkey", 'p', T, T_PKEY, new short[] {1}, 0, null, ' ', ' ', ' ', null);
        constraint(16408, "t_a_check", 'c', T, 0, new short[] {2}, 0, null, ' ', ' ', ' ', "(a > 0)");
        constraint(16415, "t_a_label_key", 'u', T, T_A_LABEL_KEY, new short[] {2, 4}, 0, null, ' ', ' ', ' ', null);
        constraint(16418, "t_p_id_fkey", 'f', T, P_PKEY, new short[] {3}, P, new short[] {1}, 'a', 'c', 's', null);

        relation(V, "v", PUBLIC, 'v', 2);
        column(V, 1, "id", INT4, -1, false, 0);
        column(V, 2, "a", INT4, -1, false, 0);
        insert(SysCache.PG_REWRITE, "oid", 16421L, "rulename", "_RETURN", "ev_class", V, "ev_type", "1",
                "ev_enabled", "O", "is_instead", true, "ev_qual", "<>",
                "ev_action", " SELECT t.id,\n    t.a\n   FROM t\n  WHERE (t.a > 1);");
        insert(SystemCatalogs.PG_DESCRIPTION, "objoid", T, "classoid", 1259L, "objsubid", 0, "description",
                "the t table");
        insert(SystemCatalogs.PG_DESCRIPTION, "objoid", T, "classoid", 1259L, "objsubid", 2, "description",
                "column a");

        // CREATE FUNCTION f1(a int, b text DEFAULT 'x', VARIADIC c int[] DEFAULT '{}') RETURNS SETOF int ...
        insert(SystemCatalogs.PG_PROC, "oid", 16450L, "proname", "f1", "pronamespace", PUBLIC, "prolang", 14L,
                "prokind", "f", "proretset", true, "prorettype", 23L, "pronargs", (short) 3,
                "pronargdefaults", (short) 2, "proargtypes", new Object[] {23L, 25L, 1007L},
                "proargmodes", new Object[] {"i", "i", "v"}, "proargnames", new Object[] {"a", "b", "c"},
                "proargdefaults", "'x'::text" + ObjectDefinitions.EXPRESSION_SEPARATOR + "'{}'::integer[]",
                "provariadic", 23L);
        // CREATE FUNCTION f2(INOUT a int, OUT b text) ...
        insert(SystemCatalogs.PG_PROC, "oid", 16451L, "proname", "f2", "pronamespace", PUBLIC, "prolang", 14L,
                "prokind", "f", "prorettype", 2249L, "pronargs", (short) 1, "proargtypes", new Object[] {23L},
                "proallargtypes", new Object[] {23L, 25L}, "proargmodes", new Object[] {"b", "o"},
                "proargnames", new Object[] {"a", "b"});
        // CREATE FUNCTION f3(x int) RETURNS TABLE(y int, "Z" text) ...
        insert(SystemCatalogs.PG_PROC, "oid", 16452L, "proname", "f3", "pronamespace", PUBLIC, "prolang", 14L,
                "prokind", "f", "proretset", true, "prorettype", 2249L, "pronargs", (short) 1,
                "proargtypes", new Object[] {23L}, "proallargtypes", new Object[] {23L, 23L, 25L},
                "proargmodes", new Object[] {"i", "t", "t"}, "proargnames", new Object[] {"x", "y", "Z"});

        relation(Q, "q", S2, 'r', 2);
        relation(S2_T, "t", S2, 'r', 1);
        column(S2_T, 1, "x", INT4, -1, false, 0);
        column(Q, 1, "k", INT4, -1, true, 0);
        column(Q, 2, "r", INT4, -1, false, 0);
        index(Q_PKEY, "q_pkey", Q, true, true, new short[] {1}, new short[] {0}, new long[] {INT4_OPS},
                new long[] {0}, null, null);
        constraint(16433, "q_pkey", 'p', Q, Q_PKEY, new short[] {1}, 0, null, ' ', ' ', ' ', null);
        long fk = 16434;
        constraint(fk, "q_r_fkey", 'f', Q, T_PKEY, new short[] {2}, T, new short[] {1}, 'n', 'a', 'f', null);
    }

    static void insert(int catalog, Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            m.put((String) kv[i], v instanceof Character ch ? String.valueOf(ch) : v);
        }
        rows.insert(catalog, m);
    }

    static void relation(long oid, String name, long ns, char kind, int natts) {
        insert(SystemCatalogs.PG_CLASS, "oid", oid, "relname", name, "relnamespace", ns, "relowner", 10L,
                "relam", kind == 'i' ? 403L : kind == 'v' || kind == 'S' ? 0L : 2L, "relfilenode", kind == 'v' ? 0L : oid,
                "relkind", kind, "relnatts", (short) natts, "relpersistence", "p", "relreplident", "d");
    }

    static void column(long rel, int attnum, String name, int type, int typmod, boolean notNull, long collation) {
        insert(SystemCatalogs.PG_ATTRIBUTE, "attrelid", rel, "attname", name, "atttypid", (long) type, "attnum",
                (short) attnum, "atttypmod", typmod, "attnotnull", notNull, "attcollation", collation,
                "attstattarget", -1, "attislocal", true);
    }

    static void attrdef(long oid, long rel, int attnum, String expr) {
        insert(SystemCatalogs.PG_ATTRDEF, "oid", oid, "adrelid", rel, "adnum", (short) attnum, "adbin", expr);
        // the column's atthasdef is not read by the functions under test
    }

    static void index(long oid, String name, long table, boolean unique, boolean primary, short[] keys,
            short[] options, long[] classes, long[] collations, String exprs, String pred) {
        relation(oid, name, PUBLIC_OR_S2(table), 'i', keys.length);
        insert(SystemCatalogs.PG_INDEX, "indexrelid", oid, "indrelid", table, "indnatts", (short) keys.length,
                "indnkeyatts", (short) keys.length, "indisunique", unique, "indisprimary", primary,
                "indimmediate", true, "indisvalid", true, "indisready", true, "indislive", true,
                "indkey", boxed(keys), "indoption", boxed(options), "indclass", boxed(classes),
                "indcollation", boxed(collations), "indexprs", exprs, "indpred", pred);
    }

    static long PUBLIC_OR_S2(long table) {
        return table == Q ? S2 : PUBLIC;
    }

    static void constraint(long oid, String name, char type, long rel, long index, short[] keys, long refRel,
            short[] refKeys, char onUpdate, char onDelete, char match, String check) {
        boolean deferrable = rel == Q && type == 'f';
        insert(SystemCatalogs.PG_CONSTRAINT, "oid", oid, "conname", name, "connamespace", PUBLIC_OR_S2(rel),
                "contype", type, "condeferrable", deferrable, "condeferred", deferrable, "convalidated", true,
                "conrelid", rel, "conindid", index, "confrelid", refRel, "confupdtype", onUpdate,
                "confdeltype", onDelete, "confmatchtype", match, "conislocal", true, "conkey", boxed(keys),
                "confkey", refKeys == null ? null : boxed(refKeys), "conbin", check);
    }

    static Object[] boxed(short[] a) {
        Object[] out = new Object[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }

    static Object[] boxed(long[] a) {
        Object[] out = new Object[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }

    /** Runs one Query message: result rows as "v1|v2" lines, or "E: sqlstate message". */
    static List<String> query(String sql) {
        List<String> out = new ArrayList<>();
        try {
            for (RawStatement st : s.parse(sql)) {
                PreparedStatement ps = s.prepare(st, new int[0]);
                Portal portal = ps.bind(List.of(), new short[0], new short[0]);
                portal.execute(0, values -> {
                    List<String> vals = new ArrayList<>();
                    for (byte[] v : values) {
                        vals.add(v == null ? "\\N" : new String(v, StandardCharsets.UTF_8));
                    }
                    out.add(String.join("|", vals));
                });
            }
        } catch (PgException e) {
            out.add("E: " + e.sqlState() + " " + e.getMessage());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        s.sync();
        return out;
    }

    static String one(String sql) {
        List<String> r = query(sql);
        assertEquals(1, r.size(), sql + " -> " + r);
        return r.get(0);
    }

    // ---- the functions, answers from PostgreSQL 15

    @Test
    void constraintDefinitions() {
        assertEquals(List.of("t_a_check|CHECK ((a > 0))", "t_a_label_key|UNIQUE (a, label)",
                "t_p_id_fkey|FOREIGN KEY (p_id) REFERENCES p(id) ON DELETE CASCADE", "t_pkey|PRIMARY KEY (id)"),
                query("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = " + T
                        + " ORDER BY conname"));
        assertEquals("PRIMARY KEY (id)", one("SELECT pg_get_constraintdef(16404, true)"));
        assertEquals("FOREIGN KEY (r) REFERENCES t(id) MATCH FULL ON UPDATE SET NULL DEFERRABLE INITIALLY DEFERRED",
                one("SELECT pg_get_constraintdef(16434)"));
        assertEquals("\\N", one("SELECT pg_get_constraintdef(1)"));
    }

    @Test
    void indexDefinitions() {
        assertEquals(List.of(
                "t_a_label_key|CREATE UNIQUE INDEX t_a_label_key ON public.t USING btree (a, label)",
                "t_label_idx|CREATE INDEX t_label_idx ON public.t USING btree (label DESC NULLS LAST)",
                "t_lower_idx|CREATE INDEX t_lower_idx ON public.t USING btree (lower((label)::text)) WHERE (a > 10)",
                "t_pkey|CREATE UNIQUE INDEX t_pkey ON public.t USING btree (id)"),
                query("SELECT relname, pg_get_indexdef(oid) FROM pg_class WHERE relam = 403 AND relnamespace = 2200"
                        + " AND relname LIKE 't%' ORDER BY relname"));
        assertEquals("CREATE UNIQUE INDEX q_pkey ON s2.q USING btree (k)", one("SELECT pg_get_indexdef(" + Q_PKEY + ")"));
        assertEquals("a|label|", one("SELECT pg_get_indexdef(" + T_A_LABEL_KEY + ", 1, true), pg_get_indexdef("
                + T_A_LABEL_KEY + ", 2, true), pg_get_indexdef(" + T_A_LABEL_KEY + ", 3, true)"));
        assertEquals("label", one("SELECT pg_get_indexdef(" + T_LABEL_IDX + ", 1, true)"));
        assertEquals("\\N", one("SELECT pg_get_indexdef(1)"));
    }

    @Test
    void defaultExpressionsAndTypes() {
        assertEquals(List.of("1|nextval('t_id_seq'::regclass)", "4|'x'::character varying", "5|now()"),
                query("SELECT adnum, pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = " + T
                        + " ORDER BY adnum"));
        assertEquals(List.of("id|integer", "a|integer", "p_id|integer", "label|character varying(20)",
                "created|timestamp with time zone", "amount|numeric(10,2)"),
                query("SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = " + T
                        + " ORDER BY attnum"));
        assertEquals("character|bpchar|\"bit\"|bit|\"char\"|integer[]|-|???|interval(3)|character varying(20)[]|record",
                one("SELECT format_type(1042, NULL), format_type(1042, -1), format_type(1560, -1), "
                        + "format_type(1560, NULL), format_type(18, NULL), format_type(1007, 10), format_type(0, NULL), "
                        + "format_type(999999, NULL), format_type(1186, 2147418115), format_type(1015, 24), "
                        + "format_type(2249, NULL)"));
        assertEquals("\\N", one("SELECT format_type(NULL, 1)"));
    }

    @Test
    void viewsSequencesAndComments() {
        assertEquals(" SELECT t.id,\n    t.a\n   FROM t\n  WHERE (t.a > 1);", one("SELECT pg_get_viewdef(" + V + ")"));
        assertEquals(" SELECT t.id,\n    t.a\n   FROM t\n  WHERE (t.a > 1);", one("SELECT pg_get_viewdef('v')"));
        assertEquals("public.t_id_seq|public.t_id_seq|\\N", one("SELECT pg_get_serial_sequence('t', 'id'), "
                + "pg_get_serial_sequence('\"t\"', 'id'), pg_get_serial_sequence('public.t', 'a')"));
        assertEquals("E: 42P01 relation \"nope\" does not exist", one("SELECT pg_get_serial_sequence('nope', 'id')"));
        assertEquals("E: 42703 column \"nope\" of relation \"t\" does not exist",
                one("SELECT pg_get_serial_sequence('t', 'nope')"));
        assertEquals("the t table|the t table|\\N|column a|\\N", one("SELECT obj_description(" + T + ", 'pg_class'), "
                + "obj_description(" + T + "), obj_description(" + T + ", 'pg_nope'), col_description(" + T
                + ", 2), col_description(" + T + ", 3)"));
    }

    @Test
    void visibilityAndSearchPath() {
        assertEquals("f|t|\\N|t|t", one("SELECT pg_table_is_visible(" + Q + "), pg_table_is_visible(" + T
                + "), pg_table_is_visible(1), pg_type_is_visible(23), pg_function_is_visible(1081)"));
        assertEquals("{pg_catalog,public}|{public}|public", one("SELECT current_schemas(true), current_schemas(false),"
                + " current_schema()"));
        query("SET search_path = s2, public");
        try {
            assertEquals("f|{s2,public}|s2", one("SELECT pg_table_is_visible(" + T + "), current_schemas(false), "
                    + "current_schema()"));
            // s2.t hides public.t; q is now visible
            assertEquals("t", one("SELECT pg_table_is_visible(" + Q + ")"));
            assertEquals("FOREIGN KEY (r) REFERENCES public.t(id) MATCH FULL ON UPDATE SET NULL DEFERRABLE "
                    + "INITIALLY DEFERRED", one("SELECT pg_get_constraintdef(16434)"));
        } finally {
            query("RESET search_path");
        }
    }

    @Test
    void rolesEncodingsAndSizes() {
        assertEquals("postgres|unknown (OID=12345)", one("SELECT pg_get_userbyid(10), pg_get_userbyid(12345)"));
        assertEquals("UTF8|SQL_ASCII||6|-1|8", one("SELECT pg_encoding_to_char(6), pg_encoding_to_char(0), "
                + "pg_encoding_to_char(42), pg_char_to_encoding('utf8'), pg_char_to_encoding('nope'), "
                + "pg_char_to_encoding('Latin-1')"));
        String[] sizes = {"0", "1", "10239", "10240", "10752", "20971007", "20971008", "1073741824", "1099511627776",
            "1125899906842624", "-10240", "-123456789", "9223372036854775807"};
        String[] pretty = {"0 bytes", "1 bytes", "10239 bytes", "10 kB", "11 kB", "20 MB", "20 MB", "1024 MB",
            "1024 GB", "1024 TB", "-10 kB", "-118 MB", "8192 PB"};
        for (int i = 0; i < sizes.length; i++) {
            assertEquals(pretty[i], RelationSizes.sizePretty(Long.parseLong(sizes[i])), sizes[i]);
        }
        assertEquals("109651656 PB", RelationSizes.sizePretty(new java.math.BigDecimal("123456789012345678901234")));
        assertEquals("10239.9 bytes", RelationSizes.sizePretty(new java.math.BigDecimal("10239.9")));
        assertEquals("-11 kB", RelationSizes.sizePretty(new java.math.BigDecimal("-10752")));
        assertEquals("118 MB", one("SELECT pg_size_pretty(123456789::bigint)"));
        // pg_class's file exists and holds the bootstrap rows
        assertEquals("t|t", one("SELECT pg_relation_size(1259) > 0, pg_total_relation_size(1259) >= "
                + "pg_relation_size(1259)"));
        assertEquals("\\N", one("SELECT pg_relation_size(1)"));
    }

    @Test
    void pgSettingsShowsBaseUnits() {
        assertEquals(List.of("IntervalStyle|postgres|\\N|enum|user|\\N|\\N|postgres|{postgres,postgres_verbose,sql_standard,iso_8601}",
                "statement_timeout|0|ms|integer|user|0|2147483647|0|\\N",
                "work_mem|4096|kB|integer|user|64|2147483647|4096|\\N"),
                query("SELECT name, setting, unit, vartype, context, min_val, max_val, boot_val, enumvals FROM pg_settings"
                        + " WHERE name IN ('work_mem', 'IntervalStyle', 'statement_timeout') ORDER BY name"));
        query("SET work_mem = '8MB'");
        try {
            assertEquals("8192|session", one("SELECT setting, source FROM pg_catalog.pg_settings WHERE name = 'work_mem'"));
        } finally {
            query("RESET work_mem");
        }
    }

    @Test
    void functionSignatures() {
        assertEquals(List.of(
                "f1|a integer, b text DEFAULT 'x'::text, VARIADIC c integer[] DEFAULT '{}'::integer[]|"
                        + "a integer, b text, VARIADIC c integer[]|SETOF integer",
                "f2|INOUT a integer, OUT b text|INOUT a integer, OUT b text|record",
                "f3|x integer|x integer|TABLE(y integer, \"Z\" text)"),
                query("SELECT proname, pg_get_function_arguments(oid), pg_get_function_identity_arguments(oid), "
                        + "pg_get_function_result(oid) FROM pg_proc WHERE oid >= 16450 AND oid <= 16452 ORDER BY proname"));
        assertEquals("oid, integer|text|VARIADIC \"any\"|integer, integer|SETOF integer",
                one("SELECT pg_get_function_arguments(1081), pg_get_function_result(1081), "
                        + "pg_get_function_arguments(3058), pg_get_function_arguments(1067), pg_get_function_result(1067)"));
    }
}
