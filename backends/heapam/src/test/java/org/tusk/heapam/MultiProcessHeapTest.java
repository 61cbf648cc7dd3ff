package org.tusk.heapam;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.wal.RecordingWal;
import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.TableScan;
import org.tusk.buffer.BufferManager;
import org.tusk.heapam.internal.HeapRecords;
import org.tusk.shmem.ChildJvm;
import org.tusk.shmem.ShmemSegment;
import org.tusk.wal.ControlFile;
import org.tusk.wal.DecodedRecord;
import org.tusk.wal.RedoContext;
import org.tusk.wal.ResourceManager;
import org.tusk.wal.WalReader;

/**
 * Four backend JVMs change one heap table at once through the real WAL,
 * shared buffers and transaction manager: each updates its own rows and
 * shared counter rows (waiting on each other's xmax), inserts, deletes and
 * sometimes aborts. Afterwards the committed state is exactly what the
 * children say they committed, HeapCheck finds nothing, and replaying the
 * WAL into an empty data directory rebuilds every page byte for byte.
 */
class MultiProcessHeapTest {

    static final int CHILDREN = 4;
    static final int TRANSACTIONS = 60;

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void concurrentBackendsCommitExactlyWhatTheyReport() throws Exception {
        Path data = dir.resolve("data");
        try (ShmemSegment segment = HeapCluster.create(dir, data)) {
            long redoStart = ControlFile.read(data).redoLsn();
            HeapCluster.Backend parent = new HeapCluster.Backend(segment, data, 0);
            parent.heap.createStorage(HeapChild.REL);
            parent.begin();
            for (int c = 0; c < HeapChild.COUNTERS; c++) {
                parent.heap.insert(HeapChild.REL, HeapChild.row(c, 0), parent.context());
            }
            for (int child = 0; child < CHILDREN; child++) {
                for (int i = 0; i < HeapChild.OWN_ROWS; i++) {
                    int key = HeapChild.ownKey(child, i);
                    parent.heap.insert(HeapChild.REL, HeapChild.row(key, 0), parent.context());
                }
            }
            parent.tm.commit();

            List<ChildJvm> children = new ArrayList<>();
            for (int child = 0; child < CHILDREN; child++) {
                children.add(ChildJvm.start(HeapChild.class, dir, "heap" + child, segment.file().toString(), data.toString(),
                        String.valueOf(child + 1), String.valueOf(child), String.valueOf(TRANSACTIONS),
                        dir.resolve("out" + child).toString()));
            }
            for (ChildJvm child : children) {
                try (child) {
                    int exit = child.awaitExit();
                    if (exit != 0) {
                        Files.writeString(Path.of("target/failed-child.log"), child.output());
                    }
                    assertEquals(0, exit, child.output());
                }
            }

            Map<Integer, Integer> expected = new HashMap<>();
            for (int c = 0; c < HeapChild.COUNTERS; c++) {
                expected.put(c, 0);
            }
            for (int child = 0; child < CHILDREN; child++) {
                for (String line : Files.readAllLines(dir.resolve("out" + child))) {
                    String[] f = line.split(" ");
                    int key = Integer.parseInt(f[1]);
                    int value = Integer.parseInt(f[2]);
                    expected.merge(key, value, f[0].equals("counter") ? Integer::sum : (a, b) -> b);
                }
            }
            Map<Integer, Integer> actual = new HashMap<>();
            parent.begin();
            try (TableScan scan = parent.heap.beginScan(HeapChild.REL, parent.tm.statementSnapshot(),
                    parent.context())) {
                while (scan.next()) {
                    Integer before = actual.put(HeapChild.key(scan.data()), HeapChild.value(scan.data()));
                    assertNull(before, "two visible versions of key " + HeapChild.key(scan.data()));
                }
            }
            parent.tm.commit();
            assertEquals(expected, actual);
            int totalIncrements = 0;
            for (int c = 0; c < HeapChild.COUNTERS; c++) {
                totalIncrements += actual.get(c);
            }
            assertTrue(totalIncrements > CHILDREN * TRANSACTIONS / 2, "most transactions committed");
            assertEquals(List.of(), HeapCheck.check(parent.buffers, HeapChild.REL, parent.tm::status));

            // Redo: the WAL alone, replayed into an empty data directory, gives the same pages.
            parent.wal.flush(parent.wal.insertPosition());
            int nblocks = parent.buffers.nblocks(HeapChild.REL, ForkNumber.MAIN);
            assertTrue(nblocks > 1);
            List<byte[]> live = HeapAccessMethodTest.pages(parent.buffers, HeapChild.REL, nblocks);
            try (ShmemSegment fresh = HeapAccessMethodTest.createSegment(dir, "shm-redo", 16);
                    BufferManager replay = HeapAccessMethodTest.attach(fresh, dir.resolve("replayed"),
                            new RecordingWal());
                    WalReader reader = WalReader.open(data, HeapCluster.WAL, redoStart)) {
                RedoContext context = replay.redoContext();
                ResourceManager heapRm = new HeapResourceManager();
                ResourceManager heap2Rm = new Heap2ResourceManager();
                int replayed = 0;
                for (DecodedRecord record = reader.next(); record != null; record = reader.next()) {
                    if (record.rmgrId() == ResourceManager.HEAP) {
                        heapRm.redo(record, context);
                        replayed++;
                    } else if (record.rmgrId() == ResourceManager.HEAP2) {
                        heap2Rm.redo(record, context);
                    }
                }
                assertTrue(replayed > CHILDREN * TRANSACTIONS);
                List<byte[]> rebuilt = HeapAccessMethodTest.pages(replay, HeapChild.REL, nblocks);
                for (int b = 0; b < nblocks; b++) {
                    live.get(b)[8] = live.get(b)[9] = 0;            // pd_checksum is set only on disk copies
                    rebuilt.get(b)[8] = rebuilt.get(b)[9] = 0;
                    maskHintBits(live.get(b));                      // readers set hints without WAL
                    maskHintBits(rebuilt.get(b));
                    assertArrayEquals(live.get(b), rebuilt.get(b), "block " + b);
                }
            }
            assertEquals(0x80, HeapRecords.XLOG_HEAP_INIT_PAGE);
        }
    }

    /** heap_mask: commit hints are set by readers without WAL, so redo need not reproduce them. */
    static void maskHintBits(byte[] pageBytes) {
        java.nio.ByteBuffer page = java.nio.ByteBuffer.wrap(pageBytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        if (org.tusk.buffer.Page.isNew(page)) {
            return;
        }
        for (int off = 1; off <= org.tusk.buffer.Page.maxOffsetNumber(page); off++) {
            if (org.tusk.buffer.Page.itemIdFlags(org.tusk.buffer.Page.itemId(page, off)) != org.tusk.buffer.Page.LP_NORMAL) {
                continue;
            }
            java.nio.ByteBuffer tuple = org.tusk.buffer.Page.item(page, off);
            int mask = org.tusk.heapam.internal.HeapTupleHeader.infomask(tuple);
            int frozen = org.tusk.heapam.internal.HeapTupleHeader.HEAP_XMIN_FROZEN;
            if ((mask & frozen) != frozen) {
                mask &= ~org.tusk.heapam.internal.HeapTupleHeader.HEAP_XMIN_COMMITTED;
            }
            mask &= ~org.tusk.heapam.internal.HeapTupleHeader.HEAP_XMAX_COMMITTED;
            tuple.putShort(org.tusk.heapam.internal.HeapTupleHeader.T_INFOMASK, (short) mask);
        }
    }
}
