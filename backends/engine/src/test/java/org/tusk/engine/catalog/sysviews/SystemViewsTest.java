package org.tusk.engine.catalog.sysviews;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.engine.nodes.CreateDomainStmt;
import org.tusk.engine.nodes.CreateFunctionStmt;
import org.tusk.engine.nodes.CreateSchemaStmt;
import org.tusk.engine.nodes.ViewStmt;
import org.tusk.engine.parser.Parser;

/**
 * The view scripts: each statement parses to the node it should be (so the
 * bootstrap can run them once CREATE VIEW/DOMAIN/FUNCTION execute). That they
 * compute PostgreSQL's answers was checked by creating them under other schema
 * names on PostgreSQL 15 and comparing with its own views (EXCEPT both ways
 * empty for pg_roles, pg_user, pg_tables, pg_views, pg_indexes, pg_sequences,
 * pg_settings, schemata, table_constraints, key_column_usage,
 * referential_constraints, constraint_column_usage, check_constraints,
 * sequences; tables/views/columns differ only in the updatability of views).
 */
class SystemViewsTest {

    @Test
    void everyStatementParsesToItsNode() {
        List<String> views = new ArrayList<>();
        int domains = 0;
        int functions = 0;
        int schemas = 0;
        for (String sql : SystemViews.statements()) {
            Object stmt = Parser.parse(sql).get(0).stmt();
            if (stmt instanceof ViewStmt v) {
                views.add(v.view().schemaname() + "." + v.view().relname());
            } else if (stmt instanceof CreateDomainStmt) {
                domains++;
            } else if (stmt instanceof CreateFunctionStmt) {
                functions++;
            } else {
                assertInstanceOf(CreateSchemaStmt.class, stmt, sql);
                schemas++;
            }
        }
        assertEquals(1, schemas);
        assertEquals(5, domains, "cardinal_number, character_data, sql_identifier, time_stamp, yes_or_no");
        assertEquals(1, functions, "_pg_expandarray");
        for (String v : List.of("pg_catalog.pg_roles", "pg_catalog.pg_user", "pg_catalog.pg_tables",
                "pg_catalog.pg_views", "pg_catalog.pg_indexes", "pg_catalog.pg_sequences", "pg_catalog.pg_settings",
                "pg_catalog.pg_available_extensions", "pg_catalog.pg_stat_database",
                "pg_catalog.pg_stat_user_indexes", "pg_catalog.pg_statio_user_tables",
                "information_schema.schemata", "information_schema.tables", "information_schema.columns",
                "information_schema.views", "information_schema.table_constraints",
                "information_schema.key_column_usage", "information_schema.referential_constraints",
                "information_schema.constraint_column_usage", "information_schema.check_constraints",
                "information_schema.sequences")) {
            assertTrue(views.contains(v), v + " in " + views);
        }
        // computed relations (PgStatTables) serve these: a script view of the same name would be a second,
        // different definition (a zero-filled pg_stat_user_tables once was)
        for (String computed : List.of("pg_catalog.pg_stat_all_tables", "pg_catalog.pg_stat_user_tables",
                "pg_catalog.pg_stat_sys_tables")) {
            assertTrue(!views.contains(computed), computed + " defined by a script");
        }
    }

    @Test
    void scriptsSplitOnStatementEnds() {
        assertEquals(List.of("CREATE VIEW a AS\n  SELECT 1;", "CREATE VIEW b AS SELECT 'x;y';"),
                SystemViews.split("-- comment\n\nCREATE VIEW a AS\n  SELECT 1;\n\nCREATE VIEW b AS SELECT 'x;y';\n"));
    }
}
