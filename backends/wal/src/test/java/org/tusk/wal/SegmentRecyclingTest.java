package org.tusk.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.ShmemSegment;
import org.tusk.wal.internal.RecordFormat;
import org.tusk.wal.internal.SegmentFiles;

/**
 * wal_recycle: a checkpoint renames the segments before its redo segment to
 * future segment numbers, the writer uses them as they are, and recovery
 * stops exactly at the real end of WAL although the old records they hold lie
 * beyond it (1 MB segments, so every old segment is recycled: min_wal_size's
 * 80 MB is 80 of them).
 */
class SegmentRecyclingTest {

    @TempDir
    Path dir;

    private Path data;
    private WalSettings settings;
    private SegmentFiles files;
    private ShmemSegment segment;
    private WalWriter wal;

    @BeforeEach
    void setUp() throws Exception {
        data = dir.resolve("data");
        settings = WalTestSupport.settings(64 << 10, "OFF");
        files = new SegmentFiles(data, settings.segmentSize());
        segment = WalTestSupport.createCluster(dir, data, settings, 4);
        attach();
    }

    @AfterEach
    void tearDown() {
        segment.close();
    }

    private void attach() throws IOException {
        ProcSlot self = segment.slot(0);
        self.ownLatch();
        wal = Wal.attach(segment, data, settings, self);
    }

    /** Records until the insert position is in segment {@code segno}; returns their start LSNs. */
    private List<Long> fillUpTo(long segno) {
        List<Long> starts = new ArrayList<>();
        for (int seq = 0; files.segmentOf(wal.insertPosition()) < segno; seq++) {
            starts.add(wal.insertPosition());
            wal.insert(WalTestSupport.testRecord(3, seq));
        }
        wal.flush(wal.insertPosition());
        return starts;
    }

    /** CreateCheckPoint's WAL part: redo point, checkpoint record, control file, then old segments go. */
    private long checkpoint() {
        long redo = wal.beginCheckpoint();
        CheckpointRecord record = new CheckpointRecord(redo, 1234, 20000, 3, 42, false);
        long location = wal.logCheckpoint(record);
        ControlFile.read(data).withCheckpoint(location, record).withState(DbState.IN_PRODUCTION).write(data);
        wal.removeOldSegments(redo);
        return redo;
    }

    private Object fileKey(long segno) throws IOException {
        return Files.readAttributes(files.path(segno), BasicFileAttributes.class).fileKey();
    }

    private Map<Object, Long> fileKeys() throws IOException {
        Map<Object, Long> keys = new HashMap<>();
        for (long segno : files.list()) {
            keys.put(fileKey(segno), segno);
        }
        return keys;
    }

    private byte[] bytesAt(long segno, long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        try (FileChannel channel = FileChannel.open(files.path(segno), StandardOpenOption.READ)) {
            while (buffer.hasRemaining()) {
                channel.read(buffer, offset + buffer.position());
            }
        }
        return buffer.array();
    }

    @Test
    void checkpointRenamesOldSegmentsToFutureOnesThatTheWriterUsesAsTheyAre() throws Exception {
        fillUpTo(5);
        Map<Object, Long> before = fileKeys();
        assertEquals(List.of(1L, 2L, 3L, 4L), files.list().subList(0, 4));

        long redo = checkpoint();
        long redoSegment = files.segmentOf(redo);
        long insertSegment = files.segmentOf(wal.insertPosition());
        assertEquals(5, insertSegment);
        // Segments 1-4 became 6-9, the lowest numbers after the insert segment, each the same file as before.
        assertEquals(List.of(5L, 6L, 7L, 8L, 9L), files.list());
        for (long future = 6; future <= 9; future++) {
            assertTrue(before.get(fileKey(future)) < redoSegment, "segment " + future + " is an old file");
        }

        // The writer moves into segment 6 without creating a file: same inode, old bytes still after the end.
        Object recycled = fileKey(6);
        fillUpTo(6);
        long end = wal.insertPosition();
        wal.flush(end);
        assertEquals(recycled, fileKey(6));
        assertEquals(List.of(5L, 6L, 7L, 8L, 9L), files.list());
        try (FileChannel channel = FileChannel.open(files.path(7), StandardOpenOption.READ)) {
            assertEquals(settings.segmentSize(), channel.size());
        }
        byte[] stale = bytesAt(6, settings.segmentSize() - 4096, 4096);
        assertFalse(java.util.Arrays.equals(new byte[4096], stale), "a recycled segment is not zero-filled");

        // A second checkpoint recycles 5 after 9: the lowest unused number past the insert segment.
        redo = checkpoint();
        assertEquals(6, files.segmentOf(redo));
        assertEquals(List.of(6L, 7L, 8L, 9L, 10L), files.list());
    }

    @Test
    void recoveryEndsAtTheRealEndAlthoughAnOldRecordStartsThere() throws Exception {
        List<Long> oldStarts = fillUpTo(5);
        Map<Object, Long> before = fileKeys();
        checkpoint();
        // Segment 6 is now an old file: which one, and where its old records start (offsets in the file).
        long origin = before.get(fileKey(6));
        assertTrue(origin < 5);
        TreeSet<Long> oldOffsets = new TreeSet<>();
        for (long lsn : oldStarts) {
            if (files.segmentOf(lsn) == origin) {
                oldOffsets.add(lsn % settings.segmentSize());
            }
        }
        // Write into segment 6, then one record ending exactly where an old record starts in the file.
        fillUpTo(6);
        long offset = wal.insertPosition() % settings.segmentSize();
        Long target = oldOffsets.ceiling(offset + 2 * RecordFormat.HEADER_SIZE);
        assertNotNull(target);
        long end = wal.insert(WalRecord.builder(WalTestSupport.TEST_RMGR, 0)
                .data(new byte[(int) (target - offset) - RecordFormat.HEADER_SIZE]).build());
        assertEquals(6 * settings.segmentSize() + target, end);
        wal.flush(end);
        ControlFile control = ControlFile.read(data);

        // The stale bytes at the end are a whole, valid old record: a reader starting there (no xl_prev to
        // check) returns it.
        DecodedRecord stale;
        try (WalReader reader = WalReader.open(data, settings, end)) {
            stale = reader.next();
        }
        assertNotNull(stale, "an intact old record lies at the end of WAL");
        int oldSeq = oldStarts.indexOf(origin * settings.segmentSize() + target);
        assertEquals(3 * 100_000 + oldSeq, stale.xid(), "it is the old record written at the same offset");

        // Crash: shared memory is gone; recovery reads from the redo point and must stop exactly at the end.
        segment.close();
        List<Long> replayed = new ArrayList<>();
        String reason;
        long endOfWal;
        try (WalReader reader = WalReader.open(data, settings, control.redoLsn())) {
            for (DecodedRecord r; (r = reader.next()) != null;) {
                replayed.add(r.lsn());
            }
            reason = reader.endReason();
            endOfWal = reader.endOfValidWal();
        }
        assertEquals(end, endOfWal);
        assertTrue(reason.contains("prev-link"), reason);
        assertTrue(replayed.stream().allMatch(lsn -> lsn >= control.redoLsn() && lsn < end));

        // Restart there: WAL continues at the end, and reads back without the old records.
        segment = ShmemSegment.create(dir.resolve("shmem"), 4, dir.resolve("latches"), Wal.shmemRequests(settings));
        WalTestSupport.startUp(segment, data, settings, control);
        attach();
        assertEquals(end, wal.insertPosition());
        long more = wal.insert(WalTestSupport.testRecord(4, 1));
        wal.flush(more);
        try (WalReader reader = WalReader.open(data, settings, control.redoLsn())) {
            int n = 0;
            while (reader.next() != null) {
                n++;
            }
            assertEquals(replayed.size() + 1, n);
            assertEquals(more, reader.endOfValidWal());
        }
    }

    /** A restart after a crash: shared memory gone, recovery from the control file's redo point, WAL started there. */
    private void crashAndRecover() throws IOException {
        ControlFile control = ControlFile.read(data);
        segment.close();
        segment = ShmemSegment.create(dir.resolve("shmem"), 4, dir.resolve("latches"), Wal.shmemRequests(settings));
        WalTestSupport.startUp(segment, data, settings, control);
        attach();
    }

    private int recordsFrom(long lsn) {
        try (WalReader reader = WalReader.open(data, settings, lsn)) {
            int n = 0;
            while (reader.next() != null) {
                n++;
            }
            return n;
        }
    }

    @Test
    void recoveryKeepsTheRecycledSegmentsBeyondTheEnd() throws Exception {
        fillUpTo(5);
        long redo = checkpoint();
        List<Long> beforeCrash = files.list();
        assertEquals(List.of(5L, 6L, 7L, 8L, 9L), beforeCrash);
        java.util.Set<Object> recycledFiles = new java.util.HashSet<>();
        for (long segno = 6; segno <= 9; segno++) {
            recycledFiles.add(fileKey(segno));
        }
        long end = wal.insertPosition();

        crashAndRecover();
        assertEquals(end, wal.insertPosition());
        assertEquals(beforeCrash, files.list(), "no segment was deleted");
        java.util.Set<Object> after = new java.util.HashSet<>();
        for (long segno = 6; segno <= 9; segno++) {
            after.add(fileKey(segno));
        }
        assertEquals(recycledFiles, after, "the same files, to be reused without zero-filling");

        // The writer goes on into them, and recovery reads back exactly what it wrote.
        int before = recordsFrom(redo);
        Map<Object, Long> keys = fileKeys();
        List<Long> more = new ArrayList<>();
        for (int seq = 0; files.segmentOf(wal.insertPosition()) < 7; seq++) {
            more.add(wal.insert(WalTestSupport.testRecord(4, seq)));
        }
        wal.flush(wal.insertPosition());
        assertEquals(keys, fileKeys(), "segments 6 and 7 were used as they were, none created");
        assertEquals(before + more.size(), recordsFrom(redo));
    }

    @Test
    void aSegmentWrittenBeyondTheEndOfValidWalIsNotReadAtItsNumberAfterRestart() throws Exception {
        List<Long> starts = new ArrayList<>();
        int seq = 0;
        for (; files.segmentOf(wal.insertPosition()) < 3 || starts.stream().filter(l -> files.segmentOf(l) == 3)
                .count() < 3; seq++) {
            starts.add(wal.insertPosition());
            wal.insert(WalTestSupport.testRecord(3, seq));
        }
        wal.flush(wal.insertPosition());
        int total = seq;
        // The last record starting in segment 2 turns invalid: the records of segment 3 now lie beyond the end
        // of valid WAL, at the very positions they were written for.
        int torn = 0;
        for (int i = 0; i < total; i++) {
            if (files.segmentOf(starts.get(i)) == 2) {
                torn = i;
            }
        }
        long tornLsn = starts.get(torn);
        try (FileChannel channel = FileChannel.open(files.path(2), StandardOpenOption.WRITE)) {
            long at = tornLsn % settings.segmentSize() + 4;   // inside xl_tot_len's neighbours: the CRC fails
            channel.write(ByteBuffer.wrap(new byte[] {(byte) 0x5A}), Math.min(at, settings.segmentSize() - 1));
        }
        Object writtenAsThree = fileKey(3);

        crashAndRecover();
        assertEquals(tornLsn, wal.insertPosition());
        assertTrue(!Files.exists(files.path(3)) || !writtenAsThree.equals(fileKey(3)),
                "the file written as segment 3 is not segment 3 any more");

        // The same records again (same sizes, same positions), all but the last: reading must stop there,
        // not go on into the old copy of the last one.
        for (int i = torn; i < total - 1; i++) {
            wal.insert(WalTestSupport.testRecord(3, i));
        }
        wal.flush(wal.insertPosition());
        assertEquals(starts.get(total - 1), wal.insertPosition());
        assertEquals(total - 1, recordsFrom(starts.get(0)));
    }
}
