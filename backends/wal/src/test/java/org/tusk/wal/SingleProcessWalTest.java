package org.tusk.wal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.ShmemSegment;
import org.tusk.wal.internal.SegmentFiles;

/** Record format, end-of-WAL detection, full-page images, checkpoints and the control file, in one process. */
class SingleProcessWalTest {

    @TempDir
    Path dir;

    private Path data;
    private WalSettings settings;
    private ShmemSegment segment;
    private ProcSlot self;
    private WalWriter wal;

    @BeforeEach
    void setUp() throws Exception {
        data = dir.resolve("data");
        settings = WalTestSupport.settings(64 << 10, "OFF");
        segment = WalTestSupport.createCluster(dir, data, settings, 4);
        self = segment.slot(0);
        self.ownLatch();
        wal = Wal.attach(segment, data, settings, self);
    }

    @AfterEach
    void tearDown() {
        segment.close();
    }

    private List<DecodedRecord> readAll(long from) {
        List<DecodedRecord> records = new ArrayList<>();
        try (WalReader reader = WalReader.open(data, settings, from)) {
            for (DecodedRecord r; (r = reader.next()) != null;) {
                records.add(r);
            }
        }
        return records;
    }

    private long[] insertSome(int count) {
        long[] ends = new long[count];
        for (int i = 0; i < count; i++) {
            ends[i] = wal.insert(WalTestSupport.testRecord(7, i));
        }
        wal.flush(ends[count - 1]);
        return ends;
    }

    /** Where the segment file holding {@code lsn} is, and the offset in it. */
    private FileChannel segmentAt(long lsn) throws Exception {
        return FileChannel.open(new SegmentFiles(data, settings.segmentSize()).path(lsn / settings.segmentSize()),
                StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    /**
     * PostgreSQL's sizes: a 24-byte header, main data without a length of its own, and a block
     * of the relation of the block before it without the relation (BKPBLOCK_SAME_REL).
     */
    @Test
    void headersAreAsSmallAsPostgresqls() {
        RelFileLocator rel = new RelFileLocator(1663, 5, 16384);
        RelFileLocator other = new RelFileLocator(1663, 5, 16390);
        long start = wal.insertPosition();
        long commitLike = wal.insert(WalRecord.builder(ResourceManager.XACT, 0).xid(9).data(new byte[8]).build());
        assertEquals(32, commitLike - start, "24-byte header and 8 bytes of data");
        WalRecord twoBlocks = WalRecord.builder(ResourceManager.HEAP, 0x20).xid(9).data(new byte[] {1, 2, 3})
                .block(new BlockReference(0, rel, ForkNumber.MAIN, 7, null, BlockReference.NO_IMAGE))
                .block(new BlockReference(1, rel, ForkNumber.MAIN, 3, null, BlockReference.NO_IMAGE))
                .block(new BlockReference(2, other, ForkNumber.VISIBILITY_MAP, 0, null, BlockReference.NO_IMAGE))
                .build();
        long end = wal.insert(twoBlocks);
        assertEquals(24 + 18 + 6 + 18 + 3 + 3, end - commitLike, "18-byte headers, 6 for the same relation, padded");
        wal.flush(end);
        List<DecodedRecord> records = readAll(start);
        assertEquals(8, records.get(0).data().length);
        DecodedRecord read = records.get(1);
        assertArrayEquals(new byte[] {1, 2, 3}, read.data());
        assertEquals(List.of(rel, rel, other), read.blocks().stream().map(DecodedBlock::locator).toList());
        assertEquals(List.of(7, 3, 0), read.blocks().stream().map(DecodedBlock::blockNumber).toList());
        assertEquals(ForkNumber.VISIBILITY_MAP, read.blocks().get(2).fork());
    }

    @Test
    void changesToTempRelationsAreNotLogged() {
        RelFileLocator temp = new RelFileLocator(1663, 5, 16500, true);
        RelFileLocator permanent = new RelFileLocator(1663, 5, 16501);
        long start = wal.insertPosition();
        long lastEnd = wal.lastRecordEnd();
        WalRecord tempOnly = WalRecord.builder(ResourceManager.HEAP, 0x00).xid(9).data(new byte[] {1, 2, 3})
                .block(new BlockReference(0, temp, ForkNumber.MAIN, 0, null, BlockReference.NO_IMAGE))
                .block(new BlockReference(1, temp, ForkNumber.VISIBILITY_MAP, 0, null, BlockReference.NO_IMAGE))
                .build();
        assertFalse(tempOnly.needsWal());
        assertEquals(WalWriter.NOT_LOGGED, wal.insert(tempOnly), "a page LSN that stays 0");
        assertEquals(start, wal.insertPosition(), "nothing inserted");
        assertEquals(lastEnd, wal.lastRecordEnd(), "nothing this process's transaction would have to flush");
        WalRecord mixed = WalRecord.builder(ResourceManager.HEAP, 0x00).xid(9)
                .block(new BlockReference(0, temp, ForkNumber.MAIN, 0, null, BlockReference.NO_IMAGE))
                .block(new BlockReference(1, permanent, ForkNumber.MAIN, 0, null, BlockReference.NO_IMAGE))
                .build();
        long end = wal.insert(mixed);
        assertTrue(end > start, "a record that changes a permanent page is logged");
        assertEquals(end, wal.lastRecordEnd());
        assertEquals(temp, new RelFileLocator(1663, 5, 16500), "the same files whatever the persistence");
    }

    @Test
    void recordsRoundTripWithPrevLinks() {
        long start = wal.insertPosition();
        long[] ends = insertSome(50);
        List<DecodedRecord> records = readAll(start);
        assertEquals(50, records.size());
        long prevStart = 0;
        for (int i = 0; i < records.size(); i++) {
            DecodedRecord record = records.get(i);
            WalTestSupport.verify(record);
            assertEquals(ends[i], record.endLsn());
            assertEquals(0, record.lsn() % 8, "8-byte aligned");
            assertTrue(record.lsn() > prevStart);
            prevStart = record.lsn();
        }
        assertEquals(wal.flushedUpTo(), ends[49]);
    }

    @Test
    void readerStopsAtGarbageAfterTheLastRecord() throws Exception {
        long start = wal.insertPosition();
        long[] ends = insertSome(20);
        long end = ends[19];
        byte[] garbage = new byte[4096];
        new Random(1).nextBytes(garbage);
        try (FileChannel channel = segmentAt(end)) {
            channel.write(ByteBuffer.wrap(garbage), end % settings.segmentSize());
        }
        try (WalReader reader = WalReader.open(data, settings, start)) {
            int n = 0;
            while (reader.next() != null) {
                n++;
            }
            assertEquals(20, n);
            assertEquals(end, reader.endOfValidWal());
            assertNotNull(reader.endReason());
            assertNull(reader.next());
        }
    }

    @Test
    void readerStopsAtATornRecordAndAtAShortSegment() throws Exception {
        long start = wal.insertPosition();
        long[] ends = insertSome(20);
        long lastStart = ends[18];
        // Flip one byte inside the last record: its CRC no longer matches.
        try (FileChannel channel = segmentAt(lastStart)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            long at = lastStart % settings.segmentSize() + 40;
            channel.read(one, at);
            one.put(0, (byte) ~one.get(0)).rewind();
            channel.write(one, at);
        }
        try (WalReader reader = WalReader.open(data, settings, start)) {
            while (reader.next() != null) {
                // to the end
            }
            assertEquals(lastStart, reader.endOfValidWal());
            assertTrue(reader.endReason().contains("checksum"), reader.endReason());
        }
        // Truncate the segment in the middle of record 10.
        long cut = ends[9] + 12;
        try (RandomAccessFile file = new RandomAccessFile(
                new SegmentFiles(data, settings.segmentSize()).path(cut / settings.segmentSize()).toFile(), "rw")) {
            file.setLength(cut % settings.segmentSize());
        }
        assertEquals(10, readAll(start).size());
    }

    @Test
    void readerRejectsAValidRecordWithTheWrongPrevLink() throws Exception {
        long start = wal.insertPosition();
        long[] ends = insertSome(5);
        // Copy record 2 (whose own CRC is fine) behind the last one: its xl_prev points elsewhere.
        int length = (int) (ends[2] - ends[1]);
        ByteBuffer copy = ByteBuffer.allocate(length);
        try (FileChannel channel = segmentAt(ends[1])) {
            channel.read(copy, ends[1] % settings.segmentSize());
            copy.flip();
            channel.write(copy, ends[4] % settings.segmentSize());
        }
        try (WalReader reader = WalReader.open(data, settings, start)) {
            int n = 0;
            while (reader.next() != null) {
                n++;
            }
            assertEquals(5, n);
            assertEquals(ends[4], reader.endOfValidWal());
            assertTrue(reader.endReason().contains("prev-link"), reader.endReason());
        }
    }

    private static ByteBuffer pageWithLsn(long lsn) {
        ByteBuffer page = ByteBuffer.allocate(Wal.PAGE_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 24; i < Wal.PAGE_SIZE; i++) {
            page.put(i, (byte) (i * 31));
        }
        page.putLong(0, lsn);
        page.putShort(12, (short) 24).putShort(14, (short) 24);   // no hole: pd_lower == pd_upper
        return page;
    }

    private DecodedBlock logBlock(ByteBuffer page, int flags) {
        WalRecord record = WalRecord.builder(ResourceManager.HEAP, 0x10)
                .block(new BlockReference(0, RelFileLocator.of(5, 16385), ForkNumber.MAIN, 3, page, flags))
                .data(new byte[] {1, 2, 3}).build();
        long start = wal.insertPosition();
        wal.flush(wal.insert(record));
        List<DecodedRecord> records = readAll(start);
        assertEquals(1, records.size());
        return records.get(0).block(0);
    }

    @Test
    void fullPageImageOnlyForThePageFirstChangeAfterTheRedoPointer() {
        long before = wal.insertPosition();
        wal.insert(WalTestSupport.testRecord(1, 1));
        long redo = wal.beginCheckpoint();
        assertEquals(redo, wal.redoPointer());
        assertTrue(redo > before);

        DecodedBlock old = logBlock(pageWithLsn(redo - 8), 0);
        assertTrue(old.hasImage(), "page last changed before the redo pointer gets an image");
        assertArrayEquals(pageWithLsn(redo - 8).array(), old.image());
        assertTrue(logBlock(pageWithLsn(redo), 0).hasImage(), "LSN equal to the redo pointer: image");
        assertFalse(logBlock(pageWithLsn(redo + 8), 0).hasImage(), "page changed after the redo pointer");
        assertFalse(logBlock(pageWithLsn(0), BlockReference.WILL_INIT).hasImage());
        assertFalse(logBlock(pageWithLsn(0), BlockReference.NO_IMAGE).hasImage());
        assertTrue(logBlock(pageWithLsn(redo + 8), BlockReference.FORCE_IMAGE).hasImage());

        // A later checkpoint makes the same page old again.
        long redo2 = wal.beginCheckpoint();
        assertTrue(redo2 > redo);
        assertTrue(logBlock(pageWithLsn(redo + 8), 0).hasImage());
    }

    @Test
    void holeBetweenLowerAndUpperIsLeftOutAndComesBackAsZeroes() {
        ByteBuffer page = pageWithLsn(0);
        page.putShort(12, (short) 200).putShort(14, (short) 8000);
        for (int i = 200; i < 8000; i++) {
            page.put(i, (byte) 0);
        }
        long start = wal.insertPosition();
        DecodedBlock block = logBlock(page, BlockReference.FORCE_IMAGE);
        assertArrayEquals(page.array(), block.image());
        long recordLength = readAll(start).get(0).endLsn() - start;
        assertTrue(recordLength < 1000, "the 7800-byte hole is not logged: " + recordLength);
    }

    @Test
    void checkpointRecordControlFileAndRestart() throws Exception {
        insertSome(10);
        long redo = wal.beginCheckpoint();
        insertSome(3);
        CheckpointRecord checkpoint = new CheckpointRecord(redo, 1234, 20000, 3, 42, false);
        long location = wal.logCheckpoint(checkpoint);
        assertTrue(location >= redo);
        assertTrue(wal.flushedUpTo() > location);
        ControlFile control = ControlFile.read(data).withCheckpoint(location, checkpoint)
                .withState(DbState.IN_PRODUCTION);
        control.write(data);
        ControlFile back = ControlFile.read(data);
        assertEquals(control, back);
        assertEquals(settings.segmentSize(), back.walSegmentSize());

        List<DecodedRecord> fromCheckpoint = readAll(back.checkpointLsn());
        assertEquals(1, fromCheckpoint.size());
        assertEquals(checkpoint, CheckpointRecord.decode(fromCheckpoint.get(0)));
        // Redo starts at the redo pointer: the 3 records after it, then the checkpoint.
        assertEquals(4, readAll(back.redoLsn()).size());

        // A restart (new shared memory): WAL continues after the old end, chained to the checkpoint record.
        long oldEnd = wal.insertPosition();
        segment.close();
        segment = ShmemSegment.create(dir.resolve("shmem"), 4, dir.resolve("latches"), Wal.shmemRequests(settings));
        WalTestSupport.startUp(segment, data, settings, back);
        self = segment.slot(0);
        self.ownLatch();
        wal = Wal.attach(segment, data, settings, self);
        assertEquals(oldEnd, wal.insertPosition());
        assertEquals(redo, wal.redoPointer());
        long end = wal.insert(WalTestSupport.testRecord(9, 9));
        wal.flush(end);
        List<DecodedRecord> all = readAll(back.redoLsn());
        assertEquals(5, all.size());
        WalTestSupport.verify(all.get(4));
    }

    @Test
    void startAtCutsOffStaleBytesBeyondTheEndOfValidWal() throws Exception {
        long start = wal.insertPosition();
        long[] ends = insertSome(6);
        // Corrupt record 3: records 4 and 5 are now beyond the end of valid WAL, but still on disk.
        try (FileChannel channel = segmentAt(ends[2])) {
            channel.write(ByteBuffer.wrap(new byte[] {(byte) 0x55}), ends[2] % settings.segmentSize() + 33);
        }
        segment.close();
        segment = ShmemSegment.create(dir.resolve("shmem"), 4, dir.resolve("latches"), Wal.shmemRequests(settings));
        WalTestSupport.startUp(segment, data, settings, ControlFile.read(data));
        self = segment.slot(0);
        self.ownLatch();
        wal = Wal.attach(segment, data, settings, self);
        assertEquals(ends[2], wal.insertPosition());
        // Write exactly record 3's length again (same content, so same size), then read on.
        long end = wal.insert(WalTestSupport.testRecord(7, 3));
        assertEquals(ends[3], end);
        wal.flush(end);
        assertEquals(4, readAll(start).size(), "old record 4 must not be read after the new record 3");
    }

    @Test
    void removeOldSegmentsKeepsTheRedoSegment() throws Exception {
        SegmentFiles files = new SegmentFiles(data, settings.segmentSize());
        while (files.segmentOf(wal.insertPosition()) < 4) {
            insertSome(50);
        }
        long redo = wal.beginCheckpoint();
        wal.removeOldSegments(redo);
        assertEquals(files.segmentOf(redo), (long) files.list().get(0));
        assertTrue(Files.exists(files.path(files.segmentOf(redo))));
        assertEquals("000000010000000000000001", SegmentFiles.fileName(1, settings.segmentSize()));
        assertEquals("000000010000000100000000", SegmentFiles.fileName(4096, settings.segmentSize()));
        assertEquals("000000010000000100000000", SegmentFiles.fileName(256, 16 << 20));
    }

    @Test
    void controlFileWithBadChecksumIsRejected() throws Exception {
        Path file = data.resolve(ControlFile.PATH);
        assertEquals(ControlFile.FILE_SIZE, Files.size(file));
        assertEquals(DbState.SHUTDOWNED, ControlFile.read(data).state());
        byte[] bytes = Files.readAllBytes(file);
        bytes[20] ^= 1;
        Files.write(file, bytes);
        PgException e = assertThrows(PgException.class, () -> ControlFile.read(data));
        assertEquals("incorrect checksum in control file", e.getMessage());
        assertThrows(PgException.class, () -> Wal.bootstrap(data, settings), "initdb refuses an existing cluster");
        Files.delete(file);
        assertEquals(SqlState.UNDEFINED_FILE, assertThrows(PgException.class, () -> ControlFile.read(data)).sqlState());
    }

    /** A cluster written by a server with the older WAL records (control file version 1) is refused at start. */
    @Test
    void controlFileOfAnOlderWalFormatIsRejected() throws Exception {
        Path file = data.resolve(ControlFile.PATH);
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(ControlFile.VERSION, b.getInt(4));
        b.putInt(4, 1);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(bytes, 0, 64);
        b.putInt(64, (int) crc.getValue());
        Files.write(file, bytes);
        PgException e = assertThrows(PgException.class, () -> ControlFile.read(data));
        assertEquals("database files are incompatible with server", e.getMessage());
    }

    @Test
    void insertBeforeStartIsRefused() throws Exception {
        try (ShmemSegment fresh = ShmemSegment.create(dir.resolve("shmem2"), 2, dir.resolve("latches2"),
                Wal.shmemRequests(settings))) {
            WalWriter notStarted = Wal.attach(fresh, data, settings, fresh.slot(0));
            assertThrows(IllegalStateException.class, () -> notStarted.insert(WalTestSupport.testRecord(1, 1)));
        }
    }

    @Test
    void threadsOfOneProcessShareOneWriter() throws Exception {
        long start = wal.insertPosition();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int proc = 10 + t;
            Thread thread = new Thread(() -> {
                for (int seq = 0; seq < 300; seq++) {
                    long end = wal.insert(WalTestSupport.testRecord(proc, seq));
                    if (seq % 10 == 0) {
                        wal.flush(end);
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        wal.flush(wal.insertPosition());
        List<DecodedRecord> records = readAll(start);
        assertEquals(1200, records.size());
        records.forEach(WalTestSupport::verify);
    }
}
