package org.tusk.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EXPLAIN (ANALYZE, BUFFERS): a sequential scan of a table after a restart reads its
 * pages from disk, and the next scan finds all of them in shared buffers, as
 * PostgreSQL reports it (a 10000-row table of 173 pages: "Buffers: shared hit=173").
 */
class ExplainBuffersTest {

    @TempDir
    Path root;

    private static final Pattern BUFFERS = Pattern.compile("Buffers: shared(?: hit=(\\d+))?(?: read=(\\d+))?");

    @Test
    void aSeqScanCountsReadsThenHits() throws Exception {
        try (TuskCluster cluster = TuskCluster.start(root, "autovacuum=off")) {
            try (Connection c = cluster.connect(); Statement s = c.createStatement()) {
                s.execute("create table b (a int, t text)");
                s.execute("insert into b select g, repeat('x', 100) from generate_series(1, 10000) g");
                s.execute("vacuum b");    // hint bits and the visibility map set: the scans below dirty nothing
                s.execute("checkpoint");
            }
            assertEquals(0, cluster.stop("fast").status());
            cluster.restart();
            try (Connection c = cluster.connect(); Statement s = c.createStatement()) {
                List<String> first = explain(s, "select count(*) from b");
                long[] afterRestart = seqScanBuffers(first);
                assertEquals(173, afterRestart[0] + afterRestart[1], String.join("\n", first));
                assertTrue(afterRestart[1] > 0, "pages read from disk after the restart: " + String.join("\n", first));

                List<String> again = explain(s, "select count(*) from b");
                assertEquals(List.of("Aggregate (actual rows=1 loops=1)", "  Buffers: shared hit=173",
                        "  ->  Seq Scan on b (actual rows=10000 loops=1)", "        Buffers: shared hit=173"),
                        again.subList(0, 4));

                List<String> off = explain(s, "select count(*) from b", "analyze, timing off, costs off, summary off");
                assertTrue(off.stream().noneMatch(l -> l.contains("Buffers:")), String.join("\n", off));
            }
        }
    }

    private static List<String> explain(Statement s, String query) throws Exception {
        return explain(s, query, "analyze, buffers, timing off, costs off, summary off");
    }

    private static List<String> explain(Statement s, String query, String options) throws Exception {
        List<String> lines = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("explain (" + options + ") " + query)) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        return lines;
    }

    /** {hit, read} of the Seq Scan node's Buffers line. */
    private static long[] seqScanBuffers(List<String> plan) {
        for (int i = 0; i < plan.size(); i++) {
            if (plan.get(i).contains("Seq Scan on b")) {
                Matcher m = BUFFERS.matcher(plan.get(i + 1));
                assertTrue(m.find(), String.join("\n", plan));
                return new long[] {m.group(1) == null ? 0 : Long.parseLong(m.group(1)),
                        m.group(2) == null ? 0 : Long.parseLong(m.group(2))};
            }
        }
        throw new AssertionError("no Seq Scan in\n" + String.join("\n", plan));
    }
}
