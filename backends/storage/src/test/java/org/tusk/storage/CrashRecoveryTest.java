package org.tusk.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.storage.ForkNumber;
import org.tusk.shmem.ChildJvm;
import org.tusk.shmem.ShmemSegment;

/**
 * Whole-cluster crashes with real processes: this test is the postmaster
 * (it creates shared memory sized by {@link StorageShmem} and starts the
 * children), the children are the startup process, backends and a
 * checkpointer. "kill -9 of the cluster" is killing every child and throwing
 * shared memory away; the restart is a fresh segment and the startup process.
 */
class CrashRecoveryTest {

    @TempDir
    Path dir;

    private TestPostmaster postmaster;

    @BeforeEach
    void postmaster() {
        postmaster = new TestPostmaster(dir, StorageWorker.SETTINGS, StorageWorker.class);
    }

    private Path data() {
        return postmaster.data();
    }

    private ShmemSegment restart() throws Exception {
        return postmaster.restart();
    }

    private ChildJvm child(ShmemSegment segment, String role, int slot, String... more) throws IOException {
        return postmaster.child(segment, role, slot, more);
    }

    private List<String> verify(ShmemSegment segment) throws Exception {
        try (ChildJvm checker = child(segment, "verify", 6)) {
            checker.awaitSuccess();
            List<String> lines = checker.output().lines().toList();
            assertTrue(lines.contains("verified"), checker.output());
            return lines;
        }
    }

    @Test
    void everyAcknowledgedCommitSurvivesRepeatedKillsOfTheWholeCluster() throws Exception {
        Random random = new Random(42);
        ShmemSegment segment = restart();
        try (ChildJvm seed = child(segment, "insert", 0, "seed", "1")) {
            seed.awaitSuccess();
        }
        Map<Integer, Integer> lastAck = new HashMap<>();
        int rounds = 5;
        for (int round = 0; round < rounds; round++) {
            List<ChildJvm> cluster = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                cluster.add(child(segment, "work", w, Integer.toString(round * 10 + w)));
            }
            if (round % 2 == 1) {
                cluster.add(child(segment, "checkpoints", 3, "150"));
            }
            // let every worker get going (its first acknowledged commit: JVM start takes long on a loaded
            // machine), then crash at a random moment
            for (int w = 0; w < 3; w++) {
                ChildJvm worker = cluster.get(w);
                worker.await(() -> worker.output().contains("ack "), "a first acknowledged commit");
            }
            Thread.sleep(200 + random.nextInt(1500));
            for (ChildJvm process : cluster) {
                process.close();
            }
            for (ChildJvm process : cluster) {
                process.output().lines().filter(l -> l.startsWith("ack ")).forEach(l -> {
                    String[] parts = l.split(" ");
                    lastAck.merge(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), Math::max);
                });
            }
            segment.close();
            segment = restart();
            checkConsistent(verify(segment), lastAck);
        }
        assertEquals(rounds * 3, lastAck.size(), "every worker committed before its crash: " + lastAck);
        segment.close();
    }

    /**
     * Every acknowledged step is there with both rows; no step has one row
     * without the other; each worker's balance equals its last step that is
     * there (the update and the inserts commit together); the checker found
     * no problem.
     */
    private static void checkConsistent(List<String> lines, Map<Integer, Integer> lastAck) {
        List<String> problems = lines.stream().filter(l -> l.startsWith("problem ") || l.startsWith("error "))
                .toList();
        assertEquals(List.of(), problems, "HeapCheck after recovery");
        Map<Integer, Set<Integer>> halves = new HashMap<>();
        Map<String, Integer> rowsPerStep = new HashMap<>();
        Map<Integer, Integer> balances = new TreeMap<>();
        for (String line : lines) {
            if (!line.startsWith("row ")) {
                continue;
            }
            String[] parts = line.substring(4).split(":");
            if (parts[0].equals("p")) {
                rowsPerStep.merge(parts[1] + ":" + parts[2], 1, Integer::sum);
                halves.computeIfAbsent(Integer.parseInt(parts[1]), k -> new HashSet<>()).add(Integer.parseInt(parts[2]));
            } else if (parts[0].equals("b")) {
                Integer previous = balances.put(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
                assertEquals(null, previous, "one visible version of worker " + parts[1] + "'s balance row");
            }
        }
        rowsPerStep.forEach((step, count) -> assertEquals(2, count, "both rows of step " + step));
        lastAck.forEach((worker, step) -> {
            assertTrue(balances.containsKey(worker), "balance row of worker " + worker);
            for (int k = 1; k <= step; k++) {
                if (k % 10 != 0) {
                    assertTrue(halves.getOrDefault(worker, Set.of()).contains(k),
                            "acknowledged step " + k + " of worker " + worker);
                }
            }
        });
        balances.forEach((worker, balance) -> {
            int highest = halves.getOrDefault(worker, Set.of()).stream().mapToInt(Integer::intValue).max().orElse(0);
            assertEquals(highest, balance, "worker " + worker + "'s balance is its last committed step");
            assertTrue(balance >= lastAck.getOrDefault(worker, 0), "balance behind an acknowledged commit");
        });
    }

    /** A started cluster whose table holds rows before:0..39 in block 0, written by a checkpoint since. */
    private ShmemSegment fortyRowsCheckpointed() throws Exception {
        ShmemSegment segment = restart();
        try (ChildJvm first = child(segment, "insert", 0, "before", "40")) {
            first.awaitSuccess();
        }
        try (ChildJvm checkpoint = child(segment, "checkpoints", 3, "0")) {
            checkpoint.awaitSuccess();
        }
        return segment;
    }

    @Test
    void aTornPageIsRebuiltFromItsFullPageImageAndACorruptOneIsReported() throws Exception {
        ShmemSegment segment = fortyRowsCheckpointed();
        // the first change of block 0 after the checkpoint logs its full image
        try (ChildJvm second = child(segment, "work", 1, "7")) {
            second.await(() -> second.output().contains("ack 7 3"), "three commits");
        }
        segment.close();
        // the crash tore block 0 as it was being written: its second half is garbage
        Path file = data().resolve(StorageWorker.TABLE.path(ForkNumber.MAIN));
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] garbage = new byte[4096];
            new Random(7).nextBytes(garbage);
            raf.seek(4096);
            raf.write(garbage);
        }
        segment = restart();
        List<String> lines = verify(segment);
        assertEquals(List.of(), lines.stream().filter(l -> l.startsWith("problem ") || l.startsWith("error "))
                .toList());
        assertEquals(40, lines.stream().filter(l -> l.startsWith("row before:")).count());
        assertTrue(lines.contains("row p:7:3:a") && lines.contains("row p:7:3:b"), String.join("\n", lines));
        segment.close();

        // now a page that no WAL protects any more (the end-of-recovery checkpoint wrote it) rots on disk
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(8000);
            int b = raf.read();
            raf.seek(8000);
            raf.write(b ^ 0x5A);
        }
        segment = restart();
        lines = verify(segment);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("error XX001 invalid page in block 0 of relation base/5/16384")),
                String.join("\n", lines));
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("row ")), "no data from a corrupt page");
        segment.close();
    }

    /**
     * XLOG_FPI_FOR_HINT: a reader's commit hints are the first change of a page
     * since the checkpoint, so they are logged as a full-page image; the hinted
     * page's write is torn by the crash, and redo restores the image (failed
     * while hints did not dirty the page: the hinted page never reached disk).
     */
    @Test
    void aTornPageWhoseOnlyChangeWasAHintIsRebuiltFromItsHintImage() throws Exception {
        ShmemSegment segment = fortyRowsCheckpointed();
        // the reader sets HEAP_XMIN_COMMITTED on the 40 rows: the page's first change after the checkpoint
        List<String> lines = verify(segment);
        assertEquals(40, lines.stream().filter(l -> l.startsWith("row before:")).count());
        Path file = data().resolve(StorageWorker.TABLE.path(ForkNumber.MAIN));
        assertEquals(0, hintedTuples(file), "the checkpoint wrote the page before anybody read it");
        // the hinted page is written without a checkpoint, as the bgwriter or an eviction would (WAL first)
        try (ChildJvm writer = child(segment, "flush", 2)) {
            writer.awaitSuccess();
        }
        assertEquals(40, hintedTuples(file), "the hints reached disk");
        segment.close();
        // ... and the crash tore that write
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] garbage = new byte[4096];
            new Random(11).nextBytes(garbage);
            raf.seek(4096);
            raf.write(garbage);
        }
        segment = restart();   // redo restores the image; the end-of-recovery checkpoint writes it
        // the image was taken when the first row got its hint; the other 39 hints went in without WAL
        assertEquals(1, hintedTuples(file), "the page is the image");
        lines = verify(segment);
        assertEquals(List.of(), lines.stream().filter(l -> l.startsWith("problem ") || l.startsWith("error "))
                .toList());
        assertEquals(40, lines.stream().filter(l -> l.startsWith("row before:")).count());
        segment.close();
    }

    /** Tuples of block 0 on disk with HEAP_XMIN_COMMITTED set. */
    private static int hintedTuples(Path file) throws IOException {
        java.nio.ByteBuffer page = org.tusk.buffer.Page.allocate();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            raf.readFully(page.array(), 0, org.tusk.buffer.Page.BLCKSZ);
        }
        int hinted = 0;
        for (int off = 1; off <= org.tusk.buffer.Page.maxOffsetNumber(page); off++) {
            int mask = org.tusk.heapam.internal.HeapTupleHeader.infomask(org.tusk.buffer.Page.item(page, off));
            if ((mask & org.tusk.heapam.internal.HeapTupleHeader.HEAP_XMIN_COMMITTED) != 0) {
                hinted++;
            }
        }
        return hinted;
    }
}
