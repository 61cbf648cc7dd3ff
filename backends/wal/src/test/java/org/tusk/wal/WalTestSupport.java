package org.tusk.wal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Random;

import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.shmem.ShmemSegment;

/** Shared by the tests and the child program: cluster setup and self-checking test records. */
final class WalTestSupport {

    static final int TEST_RMGR = ResourceManager.FIRST_CUSTOM;

    private WalTestSupport() {
    }

    static WalSettings settings(int walBuffers, String sync) {
        return new WalSettings(walBuffers, WalSettings.MIN_SEGMENT_SIZE, WalSettings.SyncMethod.valueOf(sync));
    }

    /** initdb, shared memory, and the startup process's part: read from the checkpoint, then startAt. */
    static ShmemSegment createCluster(Path dir, Path dataDir, WalSettings settings, int maxBackends) throws Exception {
        ControlFile control = Wal.bootstrap(dataDir, settings);
        ShmemSegment segment = ShmemSegment.create(dir.resolve("shmem"), maxBackends, dir.resolve("latches"),
                Wal.shmemRequests(settings));
        startUp(segment, dataDir, settings, control);
        return segment;
    }

    /** The startup process: reads WAL from the checkpoint's redo point to its end, then starts the WAL there. */
    static void startUp(ShmemSegment segment, Path dataDir, WalSettings settings, ControlFile control) {
        try (WalReader reader = WalReader.open(dataDir, settings, control.redoLsn())) {
            while (reader.next() != null) {
                // redo would go here
            }
            Wal.startAt(segment, dataDir, settings, reader.endOfValidWal(), reader.lastRecordLsn(), control.redoLsn());
        }
    }

    /** A record whose content is a function of (proc, seq): data of varied size, sometimes a block with an image. */
    static WalRecord testRecord(int proc, int seq) {
        Random random = new Random(proc * 1_000_003L + seq);
        int length = 8 + random.nextInt(random.nextInt(10) == 0 ? 3000 : 200);
        ByteBuffer data = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        data.putInt(proc).putInt(seq);
        while (data.hasRemaining()) {
            data.put((byte) random.nextInt());
        }
        WalRecord.Builder builder = WalRecord.builder(TEST_RMGR, seq & 0xF0).xid(proc * 100_000 + seq)
                .data(data.array());
        if (random.nextInt(10) == 0) {
            builder.block(new BlockReference(0, RelFileLocator.of(5, 16384 + proc), ForkNumber.MAIN, seq,
                    testPage(random), BlockReference.FORCE_IMAGE));
        }
        if (random.nextInt(5) == 0) {
            builder.block(new BlockReference(1, RelFileLocator.of(5, 20000 + proc), ForkNumber.FSM, seq + 1,
                    null, BlockReference.WILL_INIT));
        }
        return builder.build();
    }

    /** A page with a valid-looking header (hole between pd_lower and pd_upper) and random content elsewhere. */
    static ByteBuffer testPage(Random random) {
        byte[] page = new byte[Wal.PAGE_SIZE];
        random.nextBytes(page);
        ByteBuffer b = ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN);
        int lower = 24 + 4 * random.nextInt(100);
        int upper = lower + random.nextInt(Wal.PAGE_SIZE - lower);
        b.putLong(0, 1);   // an old page LSN
        b.putShort(12, (short) lower).putShort(14, (short) upper);
        for (int i = lower; i < upper; i++) {
            page[i] = 0;   // PostgreSQL's hole is zeroes; redo gets zeroes back
        }
        return b;
    }

    /** Asserts that {@code record} is exactly testRecord(proc, seq) for the proc and seq it names. */
    static int[] verify(DecodedRecord record) {
        ByteBuffer data = ByteBuffer.wrap(record.data()).order(ByteOrder.LITTLE_ENDIAN);
        int proc = data.getInt();
        int seq = data.getInt();
        WalRecord expected = testRecord(proc, seq);
        assertEquals(TEST_RMGR, record.rmgrId());
        assertEquals(expected.info(), record.info());
        assertEquals(expected.xid(), record.xid());
        assertArrayEquals(expected.data(), record.data(), "data of record " + proc + "/" + seq);
        assertEquals(expected.blocks().size(), record.blocks().size());
        for (BlockReference block : expected.blocks()) {
            DecodedBlock decoded = record.block(block.blockId());
            assertEquals(block.locator(), decoded.locator());
            assertEquals(block.fork(), decoded.fork());
            assertEquals(block.blockNumber(), decoded.blockNumber());
            assertEquals(block.has(BlockReference.WILL_INIT), decoded.willInit());
            if (block.has(BlockReference.FORCE_IMAGE)) {
                assertTrue(decoded.hasImage());
                assertArrayEquals(block.page().array(), decoded.image(), "image of record " + proc + "/" + seq);
            } else {
                assertTrue(!decoded.hasImage());
            }
        }
        return new int[] {proc, seq};
    }
}
