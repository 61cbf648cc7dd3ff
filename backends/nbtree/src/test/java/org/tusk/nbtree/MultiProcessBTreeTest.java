package org.tusk.nbtree;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.wal.RecordingWal;
import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.IndexScan;
import org.tusk.api.storage.ScanBounds;
import org.tusk.api.storage.TupleId;
import org.tusk.buffer.BufferManager;
import org.tusk.shmem.ChildJvm;
import org.tusk.shmem.ShmemSegment;
import org.tusk.wal.ControlFile;
import org.tusk.wal.DecodedRecord;
import org.tusk.wal.ResourceManager;
import org.tusk.wal.WalReader;

/**
 * Child JVMs on the real WAL and shared buffers (48 buffers, so pages are
 * evicted and read back) change one index at once.
 */
class MultiProcessBTreeTest {

    static final int INSERTERS = 4;
    static final int PER_CHILD = 2500;

    @TempDir
    Path dir;

    private static ChildJvm start(Path dir, ShmemSegment segment, Path data, int slot, String mode, int child,
            int count, Path out) throws Exception {
        return ChildJvm.start(BTreeChild.class, dir, mode + child, segment.file().toString(), data.toString(),
                String.valueOf(slot), mode, String.valueOf(child), String.valueOf(count), out.toString());
    }

    private static Map<TupleId, byte[]> entries(BTreeCluster.Backend backend) {
        Map<TupleId, byte[]> out = new HashMap<>();
        try (IndexScan scan = backend.btree.beginScan(BTreeChild.INDEX, ScanBounds.all(), null, null)) {
            while (scan.next()) {
                assertNull(out.put(scan.heapTid(), scan.key()), "entry for " + scan.heapTid() + " twice");
            }
        }
        return out;
    }

    /**
     * Four inserters with disjoint and shared keys and one scanner: every
     * scan ordered without duplicates, full scans never shrink; afterwards
     * every entry is there exactly once, BTreeCheck (with heapallindexed)
     * passes, and the WAL replayed into an empty data directory rebuilds
     * every page byte for byte.
     */
    @Test
    @Timeout(120)
    void concurrentInsertersAndScanner() throws Exception {
        Path data = dir.resolve("data");
        try (ShmemSegment segment = BTreeCluster.create(dir, data);
                BTreeCluster.Backend parent = new BTreeCluster.Backend(segment, data, 0)) {
            long redoStart = ControlFile.read(data).redoLsn();
            parent.btree.build(BTreeChild.INDEX, sink -> { });
            Path stop = dir.resolve("stop");
            ChildJvm scanner = start(dir, segment, data, 5, "scan", 0, 0, stop);
            List<ChildJvm> inserters = new ArrayList<>();
            for (int c = 0; c < INSERTERS; c++) {
                inserters.add(start(dir, segment, data, c + 1, "insert", c, PER_CHILD, dir.resolve("none")));
            }
            for (ChildJvm child : inserters) {
                try (child) {
                    child.awaitSuccess();
                }
            }
            Files.createFile(stop);
            try (scanner) {
                scanner.awaitSuccess();
            }

            Map<TupleId, byte[]> expected = new HashMap<>();
            for (int c = 0; c < INSERTERS; c++) {
                for (int j = 0; j < PER_CHILD; j++) {
                    expected.put(BTreeChild.tid(c, j), Keys.key(BTreeChild.key(c, j)));
                }
            }
            Map<TupleId, byte[]> actual = entries(parent);
            assertEquals(expected.size(), actual.size());
            assertEquals(List.of(), BTreeCheck.check(parent.buffers, BTreeChild.INDEX, expected));

            parent.wal.flush(parent.wal.insertPosition());
            int nblocks = parent.buffers.nblocks(Keys.INDEX, ForkNumber.MAIN);
            List<byte[]> live = BTreeAccessMethodTest.pages(parent.buffers, nblocks);
            try (ShmemSegment fresh = BTreeAccessMethodTest.createSegment(dir, "shm-redo", 16);
                    BufferManager replay = BTreeAccessMethodTest.attach(fresh, dir.resolve("replayed"),
                            new RecordingWal());
                    WalReader reader = WalReader.open(data, BTreeCluster.WAL, redoStart)) {
                ResourceManager rm = new BTreeResourceManager();
                for (DecodedRecord record = reader.next(); record != null; record = reader.next()) {
                    if (record.rmgrId() == ResourceManager.BTREE) {
                        rm.redo(record, replay.redoContext());
                    }
                }
                List<byte[]> rebuilt = BTreeAccessMethodTest.pages(replay, nblocks);
                for (int b = 0; b < nblocks; b++) {
                    assertArrayEquals(live.get(b), rebuilt.get(b), "block " + b);
                }
            }
        }
    }

    /**
     * Three inserters that acknowledge each entry after its WAL is flushed
     * are killed with SIGKILL mid-way; shared memory is thrown away and the
     * WAL replayed into the data directory: BTreeCheck passes and every
     * acknowledged entry is there. Inserting afterwards (which finishes any
     * split the crash left incomplete) keeps the index valid.
     */
    @Test
    @Timeout(120)
    void killedInsertersLoseNoAcknowledgedEntry() throws Exception {
        Path data = dir.resolve("data");
        int children = 3;
        List<Path> acks = new ArrayList<>();
        ShmemSegment segment = BTreeCluster.create(dir, data);
        try (BTreeCluster.Backend parent = new BTreeCluster.Backend(segment, data, 0)) {
            parent.btree.build(BTreeChild.INDEX, sink -> { });
            parent.wal.flush(parent.wal.insertPosition());
            List<ChildJvm> inserters = new ArrayList<>();
            for (int c = 0; c < children; c++) {
                acks.add(dir.resolve("ack" + c));
                inserters.add(start(dir, segment, data, c + 1, "ack", c, 1_000_000, acks.get(c)));
            }
            for (int c = 0; c < children; c++) {
                Path ack = acks.get(c);
                inserters.get(c).await(() -> lines(ack) >= 800, "800 acknowledged entries");
            }
            for (ChildJvm child : inserters) {
                child.close();                                            // SIGKILL
            }
            for (ChildJvm child : inserters) {
                child.awaitExit();
            }
        }
        segment.close();                                                 // the postmaster's reset

        ShmemSegment fresh = BTreeCluster.segment(dir, "shmem-after-crash");
        try (fresh) {
            assertTrue(BTreeCluster.recover(fresh, data) > 2000);
            try (BTreeCluster.Backend backend = new BTreeCluster.Backend(fresh, data, 0)) {
                Map<TupleId, byte[]> present = entries(backend);
                Map<TupleId, byte[]> acknowledged = new HashMap<>();
                int[] next = new int[children];
                for (int c = 0; c < children; c++) {
                    for (String line : Files.readAllLines(acks.get(c))) {
                        int j = Integer.parseInt(line.trim());
                        acknowledged.put(BTreeChild.tid(c, j), Keys.key(BTreeChild.key(c, j)));
                        next[c] = Math.max(next[c], j + 1);
                    }
                }
                Set<TupleId> missing = new HashSet<>(acknowledged.keySet());
                missing.removeAll(present.keySet());
                assertEquals(Set.of(), missing, "acknowledged entries lost");
                assertEquals(List.of(), BTreeCheck.check(backend.buffers, BTreeChild.INDEX, present));

                // Life goes on: more entries (the unacknowledged ones may be there already: skip them).
                for (int c = 0; c < children; c++) {
                    for (int j = next[c] + 5; j < next[c] + 400; j++) {
                        backend.btree.insert(BTreeChild.INDEX, Keys.key(BTreeChild.key(c, j)), BTreeChild.tid(c, j),
                                null, null);
                        present.put(BTreeChild.tid(c, j), Keys.key(BTreeChild.key(c, j)));
                    }
                }
                assertEquals(List.of(), BTreeCheck.check(backend.buffers, BTreeChild.INDEX, present));
            }
        }
    }

    private static long lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).size() : 0;
        } catch (Exception e) {
            return 0;
        }
    }
}
