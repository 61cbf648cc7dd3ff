package org.tusk.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.ShmemSegment;

/**
 * A flush that has to sync more segments than a process keeps open (a bulk
 * load fills the WAL buffers again and again, so AdvanceXLInsertBuffer writes
 * many segments without syncing; the next commit or VACUUM then syncs them
 * all). Regression test for "PANIC: could not flush WAL to ...: null": the
 * per-process channel cache evicted the lowest segment number, which was the
 * segment the sync loop had just opened, and force() hit a closed channel.
 */
class FlushAcrossManySegmentsTest {

    @TempDir
    Path dir;

    private Path data;
    private WalSettings settings;
    private ShmemSegment segment;
    private WalWriter wal;

    @BeforeEach
    void setUp() throws Exception {
        data = dir.resolve("data");
        settings = WalTestSupport.settings(64 << 10, "FDATASYNC");
        segment = WalTestSupport.createCluster(dir, data, settings, 4);
        ProcSlot self = segment.slot(0);
        self.ownLatch();
        wal = Wal.attach(segment, data, settings, self);
    }

    @AfterEach
    void tearDown() {
        segment.close();
    }

    @Test
    void flushSyncsMoreSegmentsThanAreKeptOpen() {
        long start = wal.insertPosition();
        byte[] payload = new byte[6000];
        long end = 0;
        int count = 0;
        // Eight segments' worth of WAL with no flush: only buffer-full writes, nothing synced.
        while (end - start < 8L * settings.segmentSize()) {
            payload[0] = (byte) count;
            end = wal.insert(WalRecord.builder(WalTestSupport.TEST_RMGR, 0).xid(count + 1).data(payload).build());
            count++;
        }
        assertTrue(wal.flushedUpTo() < start + settings.segmentSize(), "nothing flushed yet beyond the first segment");
        wal.flush(end);
        assertEquals(end, wal.flushedUpTo());

        // Everything is there and readable.
        List<DecodedRecord> records = new ArrayList<>();
        try (WalReader reader = WalReader.open(data, settings, start)) {
            for (DecodedRecord r; (r = reader.next()) != null;) {
                records.add(r);
            }
        }
        assertEquals(count, records.size());
    }
}
