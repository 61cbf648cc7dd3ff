package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.engine.storage.DmlOnStorageTest.query;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ALTER TABLE CLUSTER ON / REPLICA IDENTITY / ALTER INDEX ... SET STATISTICS, COLLATE in index
 * definitions, statistics of expression index columns and regnamespace; answers recorded from
 * PostgreSQL 15.
 */
@Timeout(120)
class IndexMarksOnStorageTest extends TwoSessionsOnStorage {

    @Test
    void clusterOnAndReplicaIdentityMarkOneIndex() {
        query(a, "CREATE TABLE cl (i int NOT NULL, j int)");
        query(a, "CREATE UNIQUE INDEX cl_i ON cl (i)");
        query(a, "CREATE INDEX cl_j ON cl (j)");
        query(a, "ALTER TABLE cl CLUSTER ON cl_i");
        String flags = "SELECT indexrelid::regclass, indisclustered, indisreplident FROM pg_index"
                + " WHERE indrelid = 'cl'::regclass ORDER BY 1";
        assertEquals(List.of("cl_i|t|f", "cl_j|f|f"), query(a, flags));
        query(a, "ALTER TABLE cl CLUSTER ON cl_j");
        query(a, "ALTER TABLE cl REPLICA IDENTITY USING INDEX cl_i");
        assertEquals(List.of("cl_i|f|t", "cl_j|t|f"), query(a, flags));
        assertEquals(List.of("E: 42809 cannot use non-unique index \"cl_j\" as replica identity"),
                query(a, "ALTER TABLE cl REPLICA IDENTITY USING INDEX cl_j"));
        query(a, "ALTER TABLE cl REPLICA IDENTITY FULL");
        query(a, "ALTER TABLE cl SET WITHOUT CLUSTER");
        assertEquals(List.of("f"), query(a, "SELECT relreplident FROM pg_class WHERE oid = 'cl'::regclass"));
        assertEquals(List.of("cl_i|f|f", "cl_j|f|f"), query(a, flags));
        assertEquals(List.of("E: 42704 index \"nosuch\" for table \"cl\" does not exist"),
                query(a, "ALTER TABLE cl CLUSTER ON nosuch"));
        query(a, "CREATE INDEX cl_e ON cl ((i + 1))");
        query(a, "ALTER INDEX cl_e ALTER COLUMN 1 SET STATISTICS 100");
        assertEquals(List.of("E: 0A000 cannot alter statistics on non-expression column \"i\" of index \"cl_i\""),
                query(a, "ALTER INDEX cl_i ALTER COLUMN 1 SET STATISTICS 100"));
        assertEquals(List.of("100"), query(a, "SELECT attstattarget FROM pg_attribute WHERE attrelid = 'cl_e'::regclass"));
        query(a, "INSERT INTO cl SELECT g, g FROM generate_series(1, 10) g");
        query(a, "ANALYZE cl");
        assertEquals(List.of("cl_e|1"), query(a, "SELECT starelid::regclass, staattnum FROM pg_statistic"
                + " WHERE starelid IN ('cl_e'::regclass, 'cl_i'::regclass)"));
        query(a, "DROP TABLE cl");
    }

    @Test
    void collationsStayInIndexDefinitions() {
        query(a, "CREATE TABLE ce (c1 int, c2 boolean)");
        query(a, "CREATE UNIQUE INDEX ce_expr ON ce ((c1::text COLLATE \"C\"))");
        query(a, "CREATE UNIQUE INDEX ce_pred ON ce (c1) WHERE (c1::text > 500000000::text COLLATE \"C\")");
        query(a, "CREATE UNIQUE INDEX ce_pred_2 ON ce ((1 / c1)) WHERE ('-H') >= (c2::TEXT) COLLATE \"C\"");
        assertEquals(List.of("CREATE UNIQUE INDEX ce_expr ON public.ce USING btree (((c1)::text) COLLATE \"C\")"),
                query(a, "SELECT pg_get_indexdef('ce_expr'::regclass)"));
        assertEquals(List.of("CREATE UNIQUE INDEX ce_pred ON public.ce USING btree (c1)"
                + " WHERE ((c1)::text > ((500000000)::text COLLATE \"C\"))"),
                query(a, "SELECT pg_get_indexdef('ce_pred'::regclass)"));
        query(a, "ALTER TABLE ce ALTER c2 TYPE text");
        assertEquals(List.of("CREATE UNIQUE INDEX ce_pred_2 ON public.ce USING btree (((1 / c1)))"
                + " WHERE ('-H'::text >= (c2 COLLATE \"C\"))"),
                query(a, "SELECT pg_get_indexdef('ce_pred_2'::regclass)"));
        query(a, "DROP TABLE ce");
    }

    @Test
    void regnamespaceReadsAndPrintsSchemaNames() {
        assertEquals(List.of("public|-"), query(a, "SELECT 'public'::regnamespace, 0::regnamespace"));
        assertEquals(List.of("t"), query(a, "SELECT 'pg_catalog'::regnamespace = 11::oid"));
        assertEquals(List.of("E: 3F000 schema \"nosuch\" does not exist"), query(a, "SELECT 'nosuch'::regnamespace"));
    }
}
