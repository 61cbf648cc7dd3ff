package org.tusk.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * pgjdbc's DatabaseMetaData against Tusk for a schema with a composite primary key, a composite
 * foreign key, a unique constraint, expression, descending and partial indexes, a serial, a varchar
 * default and a view: getTables, getColumns, getPrimaryKeys (information_schema._pg_expandarray),
 * getImportedKeys/getExportedKeys (pg_settings.max_index_keys) and getIndexInfo return the rows
 * PostgreSQL 15 returned for the same schema (recorded with pgjdbc 42.7; getIndexInfo without
 * CARDINALITY and PAGES, which come from pg_class statistics Tusk does not set at CREATE INDEX).
 */
class PgjdbcMetadataTest extends SharedClusterTest {

    @BeforeAll
    void schema() throws Exception {
        try (Connection c = cluster.connect(); Statement s = c.createStatement()) {
            s.execute("create schema md");
            s.execute("create table md.parent (a int, b text, c int, primary key (b, a), unique (c))");
            s.execute("create table md.child (id serial primary key, pa int, pb text, note varchar(20) not null"
                    + " default 'x', amount numeric(10,2), foreign key (pb, pa) references md.parent (b, a) on delete cascade)");
            s.execute("create index child_lower on md.child (lower(note))");
            s.execute("create index child_multi on md.child (amount desc, pa)");
            s.execute("create unique index child_partial on md.child (note) where amount > 0");
            s.execute("create view md.v as select a, b from md.parent");
        }
    }

    /** The rows as "a|b|c" lines, without the columns (1-based) listed in {@code skip}. */
    private static List<String> rows(ResultSet rs, int... skip) throws SQLException {
        List<String> out = new ArrayList<>();
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            List<String> fields = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                final int column = i;
                if (java.util.Arrays.stream(skip).noneMatch(s -> s == column)) {
                    fields.add(String.valueOf(rs.getString(i)));
                }
            }
            out.add(String.join("|", fields));
        }
        rs.close();
        return out;
    }

    @Test
    void tablesAndColumns() throws Exception {
        try (Connection c = cluster.connect()) {
            DatabaseMetaData m = c.getMetaData();
            assertEquals(List.of(TABLES), rows(m.getTables(null, "md", "%", null)));
            assertEquals(List.of(COLUMNS), rows(m.getColumns(null, "md", "%", "%")));
        }
    }

    @Test
    void primaryAndForeignKeys() throws Exception {
        try (Connection c = cluster.connect()) {
            DatabaseMetaData m = c.getMetaData();
            assertEquals(List.of(PK_PARENT), rows(m.getPrimaryKeys(null, "md", "parent")));
            assertEquals(List.of(PK_CHILD), rows(m.getPrimaryKeys(null, "md", "child")));
            assertEquals(List.of(FKS), rows(m.getImportedKeys(null, "md", "child")));
            assertEquals(List.of(FKS), rows(m.getExportedKeys(null, "md", "parent")));
        }
    }

    @Test
    void indexInfo() throws Exception {
        try (Connection c = cluster.connect()) {
            DatabaseMetaData m = c.getMetaData();
            assertEquals(List.of(INDEX_PARENT), rows(m.getIndexInfo(null, "md", "parent", false, false), 11, 12));
            assertEquals(List.of(INDEX_CHILD), rows(m.getIndexInfo(null, "md", "child", false, false), 11, 12));
            assertEquals(List.of(INDEX_CHILD_UNIQUE), rows(m.getIndexInfo(null, "md", "child", true, false), 11, 12));
        }
    }

    private static final String[] TABLES = {
            "postgres|md|child_lower|INDEX|null|||||",
            "postgres|md|child_multi|INDEX|null|||||",
            "postgres|md|child_partial|INDEX|null|||||",
            "postgres|md|child_pkey|INDEX|null|||||",
            "postgres|md|parent_c_key|INDEX|null|||||",
            "postgres|md|parent_pkey|INDEX|null|||||",
            "postgres|md|child_id_seq|SEQUENCE|null|||||",
            "postgres|md|child|TABLE|null|||||",
            "postgres|md|parent|TABLE|null|||||",
            "postgres|md|v|VIEW|null|||||"};
    private static final String[] COLUMNS = {
            "postgres|md|child|id|4|serial|10|null|0|10|0|null|nextval('md.child_id_seq'::regclass)|null|null|null|1|NO|null|null|null|null|YES|NO",
            "postgres|md|child|pa|4|int4|10|null|0|10|1|null|null|null|null|null|2|YES|null|null|null|null|NO|NO",
            "postgres|md|child|pb|12|text|2147483647|null|0|10|1|null|null|null|null|2147483647|3|YES|null|null|null|null|NO|NO",
            "postgres|md|child|note|12|varchar|20|null|0|10|0|null|'x'::character varying|null|null|20|4|NO|null|null|null|null|NO|NO",
            "postgres|md|child|amount|2|numeric|10|null|2|10|1|null|null|null|null|null|5|YES|null|null|null|null|NO|NO",
            "postgres|md|parent|a|4|int4|10|null|0|10|0|null|null|null|null|null|1|NO|null|null|null|null|NO|NO",
            "postgres|md|parent|b|12|text|2147483647|null|0|10|0|null|null|null|null|2147483647|2|NO|null|null|null|null|NO|NO",
            "postgres|md|parent|c|4|int4|10|null|0|10|1|null|null|null|null|null|3|YES|null|null|null|null|NO|NO",
            "postgres|md|v|a|4|int4|10|null|0|10|1|null|null|null|null|null|1|YES|null|null|null|null|NO|NO",
            "postgres|md|v|b|12|text|2147483647|null|0|10|1|null|null|null|null|2147483647|2|YES|null|null|null|null|NO|NO"};
    private static final String[] PK_PARENT = {
            "postgres|md|parent|b|1|parent_pkey",
            "postgres|md|parent|a|2|parent_pkey"};
    private static final String[] PK_CHILD = {
            "postgres|md|child|id|1|child_pkey"};
    private static final String[] FKS = {
            "postgres|md|parent|b|postgres|md|child|pb|1|3|0|child_pb_pa_fkey|parent_pkey|7",
            "postgres|md|parent|a|postgres|md|child|pa|2|3|0|child_pb_pa_fkey|parent_pkey|7"};
    private static final String[] INDEX_PARENT = {
            "postgres|md|parent|f|null|parent_c_key|3|1|c|A|null|null",
            "postgres|md|parent|f|null|parent_pkey|3|1|b|A|null|null",
            "postgres|md|parent|f|null|parent_pkey|3|2|a|A|null|null"};
    private static final String[] INDEX_CHILD = {
            "postgres|md|child|f|null|child_partial|3|1|note|A|(amount > (0)::numeric)|null",
            "postgres|md|child|f|null|child_pkey|3|1|id|A|null|null",
            "postgres|md|child|t|null|child_lower|3|1|lower((note)::text)|A|null|null",
            "postgres|md|child|t|null|child_multi|3|1|amount|D|null|null",
            "postgres|md|child|t|null|child_multi|3|2|pa|A|null|null"};
    private static final String[] INDEX_CHILD_UNIQUE = {
            "postgres|md|child|f|null|child_partial|3|1|note|A|(amount > (0)::numeric)|null",
            "postgres|md|child|f|null|child_pkey|3|1|id|A|null|null"};
}
