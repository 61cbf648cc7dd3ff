package org.tusk.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.shmem.ChildJvm;
import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.SharedWords;
import org.tusk.shmem.ShmemSegment;
import org.tusk.wal.internal.SegmentFiles;

/** Real backend processes writing one WAL through shared memory. */
class MultiProcessWalTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(60);
    private static final int CHILDREN = 4;
    /** 64 kB of buffers against megabytes of WAL: the ring wraps around many times, 1 MB segments switch often. */
    private static final int SMALL_BUFFERS = 64 << 10;

    @TempDir
    Path dir;

    private ShmemSegment segment;
    private final List<ChildJvm> children = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        children.forEach(ChildJvm::close);
        if (segment != null) {
            segment.close();
        }
    }

    private ChildJvm start(String role, int slot, int count, WalSettings settings, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of(role, segment.file().toString(), dir.resolve("data").toString(),
                Integer.toString(slot), Integer.toString(count), Integer.toString(settings.walBuffersBytes()),
                settings.syncMethod().name()));
        args.addAll(List.of(more));
        ChildJvm child = ChildJvm.start(WalChild.class, dir, args.toArray(String[]::new));
        children.add(child);
        return child;
    }

    private void awaitReady(int count) throws Exception {
        SharedWords words = segment.sharedWords();
        children.get(0).await(() -> words.getVolatile(WalChild.W_READY) == count, "children attached");
        words.setVolatile(WalChild.W_GO, 1);
    }

    private ProcSlot parentSlot() throws Exception {
        ProcSlot self = segment.slot(0);
        self.ownLatch();
        return self;
    }

    @Test
    void concurrentInsertersFromFiveProcessesAreReadBackExactlyOnceInOrder() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            WalSettings settings = WalTestSupport.settings(SMALL_BUFFERS, "OFF");
            Path data = dir.resolve("data");
            segment = WalTestSupport.createCluster(dir, data, settings, 8);
            int perChild = 2000;
            int parentCount = 1000;
            for (int i = 1; i <= CHILDREN; i++) {
                start("insert", i, perChild, settings);
            }
            WalWriter wal = Wal.attach(segment, data, settings, parentSlot());
            awaitReady(CHILDREN);
            for (int seq = 0; seq < parentCount; seq++) {
                wal.insert(WalTestSupport.testRecord(0, seq));
            }
            for (ChildJvm child : children) {
                child.awaitSuccess();
            }
            wal.flush(wal.insertPosition());
            assertEquals(wal.insertPosition(), wal.flushedUpTo());
            WalStats stats = wal.stats();
            assertTrue(stats.buffersFull() > 0, "the small ring must have filled up: " + stats);
            assertTrue(new SegmentFiles(data, settings.segmentSize()).list().size() >= 3, "several segments");

            Map<Integer, Set<Integer>> seen = new HashMap<>();
            int records = 0;
            long previousEnd = 0;
            try (WalReader reader = WalReader.open(data, settings, Wal.firstRecordLsn(settings))) {
                DecodedRecord checkpoint = reader.next();
                assertNotNull(checkpoint);
                assertTrue(CheckpointRecord.isCheckpoint(checkpoint));
                previousEnd = checkpoint.endLsn();
                for (DecodedRecord record; (record = reader.next()) != null;) {
                    assertEquals(previousEnd, record.lsn(), "records are contiguous and in LSN order");
                    previousEnd = record.endLsn();
                    int[] id = WalTestSupport.verify(record);
                    assertTrue(seen.computeIfAbsent(id[0], k -> new HashSet<>()).add(id[1]),
                            "record " + id[0] + "/" + id[1] + " read twice");
                    records++;
                }
                assertEquals(wal.insertPosition(), reader.endOfValidWal(), reader.endReason());
            }
            assertEquals(CHILDREN * perChild + parentCount, records);
            assertEquals(parentCount, seen.get(0).size());
            for (int i = 1; i <= CHILDREN; i++) {
                assertEquals(perChild, seen.get(i).size(), "records of child " + i);
            }
        });
    }

    @Test
    void everyAcknowledgedRecordSurvivesKillNine() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            WalSettings settings = WalTestSupport.settings(SMALL_BUFFERS, "FDATASYNC");
            Path data = dir.resolve("data");
            segment = WalTestSupport.createCluster(dir, data, settings, 8);
            Path ackFile = dir.resolve("acks");
            ChildJvm child = start("durable", 1, 1_000_000, settings, ackFile.toString());
            // A second process inserting without flushing, so the killed one's flushes carry others' WAL too.
            start("insert", 2, 3000, settings);
            awaitReady(2);
            child.await(() -> Files.exists(ackFile) && ackFile.toFile().length() > 200, "first acknowledgements");
            Thread.sleep(ThreadLocalRandom.current().nextInt(100, 600));
            child.close();   // SIGKILL
            assertTrue(child.awaitExit() != 0);
            // The other backend may now wait forever for the dead one's insertion: a crash, as PostgreSQL's
            // postmaster would treat it. Kill it too; only the files matter from here on.
            children.get(1).close();
            children.get(1).awaitExit();

            Map<Integer, Long> acknowledged = new HashMap<>();
            for (String line : Files.readAllLines(ackFile)) {
                String[] parts = line.split(" ");
                if (parts.length == 2 && !parts[1].isEmpty()) {   // the last line may be torn
                    acknowledged.put(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
                }
            }
            assertTrue(acknowledged.size() > 5, "acknowledged " + acknowledged.size());
            Map<Integer, Long> found = new HashMap<>();
            try (WalReader reader = WalReader.open(data, settings, Wal.firstRecordLsn(settings))) {
                for (DecodedRecord record; (record = reader.next()) != null;) {
                    if (record.rmgrId() == WalTestSupport.TEST_RMGR) {
                        int[] id = WalTestSupport.verify(record);
                        if (id[0] == 1) {
                            found.put(id[1], record.endLsn());
                        }
                    }
                }
            }
            for (Map.Entry<Integer, Long> ack : acknowledged.entrySet()) {
                assertEquals(ack.getValue(), found.get(ack.getKey()), "acknowledged record " + ack.getKey());
            }
        });
    }

    @Test
    void concurrentCommitsShareSyncs() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            WalSettings settings = WalTestSupport.settings(256 << 10, "FDATASYNC");
            Path data = dir.resolve("data");
            segment = WalTestSupport.createCluster(dir, data, settings, 8);
            int perChild = 300;
            for (int i = 1; i <= CHILDREN; i++) {
                start("commit", i, perChild, settings);
            }
            awaitReady(CHILDREN);
            for (ChildJvm child : children) {
                child.awaitSuccess();
            }
            WalWriter wal = Wal.attach(segment, data, settings, parentSlot());
            WalStats stats = wal.stats();
            System.out.println("group commit, " + CHILDREN * perChild + " commits: " + stats);
            assertEquals(wal.insertPosition(), wal.flushedUpTo());
            assertTrue(stats.flushCalls() <= CHILDREN * perChild, stats.toString());
            // Each commit needed its record durable; with group commit, far fewer syncs than commits happened.
            assertTrue(stats.syncs() < stats.flushCalls() && stats.syncs() < CHILDREN * perChild * 9 / 10,
                    "no group commit: " + stats);
            int records = 0;
            try (WalReader reader = WalReader.open(data, settings, Wal.firstRecordLsn(settings))) {
                while (reader.next() != null) {
                    records++;
                }
            }
            assertEquals(CHILDREN * perChild + 1, records);
        });
    }
}
