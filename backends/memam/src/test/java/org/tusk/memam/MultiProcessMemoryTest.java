package org.tusk.memam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.shmem.ChildJvm;
import org.tusk.shmem.ShmemSegment;
import org.tusk.storage.TestPostmaster;

/**
 * Real processes on one memory table. The test is the postmaster: it creates
 * shared memory sized by {@code StorageShmem} (which reserves the memory-table
 * area) and starts the startup process, backends and a checker as child JVMs
 * ({@link MemoryWorker}) running the real storage core.
 */
class MultiProcessMemoryTest {

    private static final int WORKERS = 4;
    private static final int STEPS = 30;

    @TempDir
    Path dir;

    private TestPostmaster postmaster;

    @BeforeEach
    void postmaster() {
        postmaster = new TestPostmaster(dir, MemoryWorker.SETTINGS, MemoryWorker.class);
    }

    /** A (re)start: new shared memory (the memory-table area zeroed), then the startup process. */
    private ShmemSegment start() throws Exception {
        return postmaster.restart();
    }

    private ChildJvm child(ShmemSegment segment, String role, int slot, String... more) throws IOException {
        return postmaster.child(segment, role, slot, more);
    }

    private void setup(ShmemSegment segment) throws Exception {
        try (ChildJvm setup = child(segment, "setup", 0)) {
            setup.awaitSuccess();
        }
    }

    private List<String> verify(ShmemSegment segment) throws Exception {
        try (ChildJvm checker = child(segment, "verify", 6)) {
            checker.awaitSuccess();
            List<String> lines = checker.output().lines().toList();
            assertTrue(lines.contains("verified"), checker.output());
            return lines;
        }
    }

    private List<ChildJvm> startWorkers(ShmemSegment segment, boolean alsoHeap, boolean linger) throws IOException {
        List<ChildJvm> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            workers.add(child(segment, "work", 1 + w, Integer.toString(w), Integer.toString(STEPS),
                    Boolean.toString(alsoHeap), Boolean.toString(linger)));
        }
        return workers;
    }

    /**
     * The rows of {@code table} committed by workers that each ran every step:
     * pairs of every step that is not a multiple of ten, balances at the last
     * committed step, counters at the increments the workers acknowledged.
     */
    private static Set<String> expectedRows(String table, List<ChildJvm> workers, boolean withCounters) {
        Set<String> rows = new TreeSet<>();
        int lastCommitted = STEPS % 10 == 0 ? STEPS - 1 : STEPS;
        int[] counters = new int[MemoryWorker.COUNTERS];
        for (int w = 0; w < WORKERS; w++) {
            rows.add(table + " b:" + w + ":" + lastCommitted);
            for (int k = 1; k <= STEPS; k++) {
                if (k % 10 != 0) {
                    rows.add(table + " p:" + w + ":" + k + ":a");
                    rows.add(table + " p:" + w + ":" + k + ":b");
                }
            }
            for (String line : workers.get(w).output().lines().filter(l -> l.startsWith("ack ")).toList()) {
                int counter = Integer.parseInt(line.split(" ")[3]);
                if (counter >= 0) {
                    counters[counter]++;
                }
            }
        }
        if (withCounters) {
            for (int c = 0; c < counters.length; c++) {
                rows.add(table + " c:" + c + ":" + counters[c]);
            }
        }
        return rows;
    }

    private static Set<String> rowsOf(String table, List<String> lines) {
        Set<String> rows = new TreeSet<>();
        for (String line : lines) {
            if (line.startsWith(table + " ")) {
                assertTrue(rows.add(line), "one visible version of " + line);
            }
        }
        return rows;
    }

    @Test
    @Timeout(120)
    void concurrentBackendsLeaveExactlyTheCommittedState() throws Exception {
        ShmemSegment segment = start();
        setup(segment);
        List<ChildJvm> workers = startWorkers(segment, false, false);
        for (ChildJvm worker : workers) {
            worker.awaitSuccess();
        }
        Set<String> expected = expectedRows("memory", workers, true);
        Set<String> actual = rowsOf("memory", verify(segment));
        assertEquals(expected, actual);
        int increments = actual.stream().filter(r -> r.startsWith("memory c:"))
                .mapToInt(r -> Integer.parseInt(r.substring(r.lastIndexOf(':') + 1))).sum();
        assertEquals(WORKERS * (STEPS - STEPS / 10), increments, "every committed increment, no lost update");
        segment.close();
    }

    @Test
    @Timeout(120)
    void afterACrashTheHeapTableHasEveryCommitAndTheMemoryTableIsEmpty() throws Exception {
        ShmemSegment segment = start();
        setup(segment);
        List<ChildJvm> workers = startWorkers(segment, true, true);
        for (ChildJvm worker : workers) {
            worker.await(() -> worker.output().contains("done"), "all steps");
        }
        List<String> before = verify(segment);
        assertEquals(expectedRows("memory", workers, true), rowsOf("memory", before));
        Set<String> heapRows = expectedRows("heap", workers, false);
        assertEquals(heapRows, rowsOf("heap", before), "the same transactions changed both tables");

        // kill -9 of the whole cluster: every process dies, shared memory is thrown away
        for (ChildJvm worker : workers) {
            worker.close();
        }
        segment.close();
        segment = start();
        List<String> after = verify(segment);
        assertEquals(heapRows, rowsOf("heap", after), "WAL replay brought back every acknowledged commit");
        assertEquals(Set.of(), rowsOf("memory", after), "memory tables do not survive a crash");

        setup(segment);
        Set<String> fresh = new HashSet<>(rowsOf("memory", verify(segment)));
        assertEquals(Set.of("memory c:0:0", "memory c:1:0"), fresh, "the emptied memory table works again");
        segment.close();
    }
}
