package org.tusk.engine.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.engine.types.PgType;

/** Sort, hash aggregation, hash join and Material with work_mem = 64kB over ten times that much data. */
class SpillingNodesTest {
    private static final long WORK_MEM = 64 * 1024;

    @TempDir
    Path dir;

    private long filesLeft() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    private static List<Object[]> randomRows(int n, int distinct, long seed) {
        Random r = new Random(seed);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(distinct);
            rows.add(new Object[] {k, "payload-" + i + "-" + "x".repeat(20), i % 7 == 0 ? null : (long) i});
        }
        return rows;
    }

    @Test
    void externalSortMatchesInMemorySortAndRemovesRuns() throws IOException {
        List<Object[]> input = randomRows(20000, 5000, 1);
        EState es = Rows.estate(dir, WORK_MEM);
        Sort sort = new Sort(Rows.of(input), List.of(SortColumn.asc(0), SortColumn.desc(2)), es);
        List<Object[]> out = Rows.drain(sort);
        assertEquals("external merge", sort.method());
        List<Object[]> expected = new ArrayList<>(input);
        expected.sort(SortColumn.comparator(List.of(SortColumn.asc(0), SortColumn.desc(2))));
        assertEquals(Rows.show(expected), Rows.show(out));
        assertEquals(0, es.tempFiles().openCount());
        assertEquals(0, filesLeft());
    }

    @Test
    void sortIsStableAndPutsNullsWhereAsked() {
        List<Object[]> input = List.of(new Object[] {null, "a"}, new Object[] {2, "b"}, new Object[] {1, "c"},
                new Object[] {2, "d"});
        EState es = Rows.estate(dir, WORK_MEM);
        assertEquals("[[1, c], [2, b], [2, d], [null, a]]",
                Rows.show(Rows.drain(new Sort(Rows.of(input), List.of(SortColumn.asc(0)), es))).toString());
        assertEquals("[[null, a], [2, b], [2, d], [1, c]]",
                Rows.show(Rows.drain(new Sort(Rows.of(input), List.of(SortColumn.desc(0)), es))).toString());
        assertEquals("quicksort", new Sort(Rows.of(input), List.of(), es).method());
    }

    @Test
    void closingAnUnfinishedExternalSortDeletesItsFiles() throws IOException {
        EState es = Rows.estate(dir, WORK_MEM);
        Sort sort = new Sort(Rows.of(randomRows(20000, 100, 2)), List.of(SortColumn.asc(0)), es);
        sort.next();
        assertTrue(filesLeft() > 1, "runs on disk while merging");
        assertTrue(Files.list(dir).allMatch(p -> p.getFileName().toString().startsWith("pgsql_tmp4242.")));
        sort.close();
        assertEquals(0, filesLeft());
    }

    @Test
    void errorMidQueryLeavesNoFilesAfterEStateClose() throws IOException {
        EState es = Rows.estate(dir, WORK_MEM);
        Sort sort = new Sort(Rows.of(randomRows(20000, 100, 3)), List.of(SortColumn.asc(0)), es);
        sort.next();
        es.close();
        assertEquals(0, filesLeft());
    }

    @Test
    void hashAggregateSpillsAndStillCountsEveryGroupOnce() throws IOException {
        List<Object[]> input = randomRows(40000, 15000, 4);
        EState es = Rows.estate(dir, WORK_MEM);
        Agg agg = new Agg(Agg.Strategy.HASHED, Rows.of(input), new int[] {0}, null,
                List.of(AggCall.simple(BuiltinAggregates.countStar(), List.of()),
                        AggCall.simple(BuiltinAggregates.lookup("sum", PgType.INT8), List.of(Rows.col(2, PgType.INT8)))),
                es, 1, null);
        List<Object[]> out = Rows.drain(agg);
        assertTrue(agg.spilledPartitions() > 0, "spilled");
        Map<Integer, long[]> expected = new HashMap<>();
        for (Object[] r : input) {
            long[] e = expected.computeIfAbsent((Integer) r[0], k -> new long[] {0, 0, 0});
            e[0]++;
            if (r[2] != null) {
                e[1] += (Long) r[2];
                e[2]++;
            }
        }
        assertEquals(expected.size(), out.size());
        for (Object[] r : out) {
            long[] e = expected.get((Integer) r[0]);
            assertEquals(e[0], r[2]);
            assertEquals(e[2] == 0 ? null : BigDecimal.valueOf(e[1]), r[3]);
        }
        assertEquals(0, filesLeft());
    }

    @Test
    void hashJoinInBatchesAgreesWithNestLoopForEveryJoinType() throws IOException {
        List<Object[]> outer = randomRows(3500, 1500, 5);
        List<Object[]> inner = randomRows(3500, 1500, 6);
        outer.add(new Object[] {null, "outer-null", 1L});
        inner.add(new Object[] {null, "inner-null", 1L});
        for (JoinType t : JoinType.values()) {
            EState es = Rows.estate(dir, WORK_MEM);
            HashJoin hj = new HashJoin(t, Rows.of(outer), 3, Rows.of(inner), 3, List.of(Rows.col(0)), List.of(Rows.col(0)),
                    null, null, es);
            List<Object[]> got = Rows.drain(hj);
            assertEquals(HashJoin.BATCHES, hj.batches(), t.toString());
            assertEquals(ReferenceJoin.join(t, outer, inner, 3, 3, 0, 0), Rows.sorted(got), t.toString());
            assertEquals(0, filesLeft(), t.toString());
        }
    }

    @Test
    void materialSpillsAndReplaysOnRescan() throws IOException {
        List<Object[]> input = randomRows(20000, 10, 7);
        EState es = Rows.estate(dir, WORK_MEM);
        Material m = new Material(Rows.of(input), es);
        List<Object[]> first = Rows.drain(m);
        assertTrue(filesLeft() > 0);
        m.rescan();
        List<Object[]> second = Rows.drain(m);
        assertEquals(Rows.show(input), Rows.show(first));
        assertEquals(Rows.show(input), Rows.show(second));
        m.close();
        assertEquals(0, filesLeft());
    }
}
