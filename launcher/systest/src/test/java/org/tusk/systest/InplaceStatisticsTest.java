package org.tusk.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * VACUUM's and ANALYZE's statistics as PostgreSQL stores them: pg_class.relpages/reltuples
 * overwritten in place (heap_inplace_update, WAL-logged), not as a new row version, so they
 * stay when the transaction that ran ANALYZE rolls back (as PostgreSQL's do), repeated VACUUMs
 * leave no dead pg_class rows, and the values survive a crash through redo; pg_statistic rows
 * updated per column (update_attstats), not deleted and inserted again.
 */
class InplaceStatisticsTest {

    @TempDir
    Path root;

    private static final String STATISTIC_CHANGES = "SELECT n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_sys_tables"
            + " WHERE relname = 'pg_statistic'";

    @Test
    void vacuumAndAnalyzeUpdateStatisticsInPlace() throws Exception {
        try (TuskCluster cluster = TuskCluster.start(root, "autovacuum=off")) {
            try (Connection c = cluster.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE v (a int, b text)");
                s.execute("CREATE TABLE other (a int)");
                s.execute("INSERT INTO v SELECT g, 'row ' || g FROM generate_series(1, 2000) g");
                s.execute("ANALYZE v");
                long[] before = numbers(StorageSqlTest.rows(c, STATISTIC_CHANGES).get(0));
                s.execute("ANALYZE v");
                long[] after = numbers(StorageSqlTest.rows(c, STATISTIC_CHANGES).get(0));
                assertEquals(List.of(0L, 2L, 0L), List.of(after[0] - before[0], after[1] - before[1], after[2] - before[2]),
                        "the second ANALYZE updates v's two pg_statistic rows");

                s.execute("DELETE FROM v WHERE a > 1000");
                c.setAutoCommit(false);
                s.execute("ANALYZE v");
                c.rollback();
                c.setAutoCommit(true);
                assertEquals(List.of("1000"), StorageSqlTest.rows(c, "SELECT reltuples::int FROM pg_class WHERE relname = 'v'"),
                        "written in place: the rollback does not take it back");
                s.execute("DELETE FROM v WHERE a > 400");
                for (int i = 0; i < 3; i++) {
                    s.execute("VACUUM v");
                }
                assertEquals(List.of("400"), StorageSqlTest.rows(c, "SELECT reltuples::int FROM pg_class WHERE relname = 'v'"));
                s.execute("INSERT INTO other VALUES (1)");    // a commit flushes the WAL with the in-place records
            }
            List<String> stored = rowsOf(cluster, "SELECT relpages, reltuples::int FROM pg_class WHERE relname = 'v'");
            assertEquals(0, cluster.stop("immediate").status());
            cluster.restart();
            assertEquals(stored, rowsOf(cluster, "SELECT relpages, reltuples::int FROM pg_class WHERE relname = 'v'"),
                    "the in-place values are redone after a crash");
        }
    }

    private static long[] numbers(String row) {
        String[] f = row.split("\\|");
        long[] out = new long[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = Long.parseLong(f[i]);
        }
        return out;
    }

    private static List<String> rowsOf(TuskCluster cluster, String query) throws Exception {
        try (Connection c = cluster.connect()) {
            return StorageSqlTest.rows(c, query);
        }
    }
}
