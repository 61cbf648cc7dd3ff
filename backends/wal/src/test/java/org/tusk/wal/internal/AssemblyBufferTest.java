package org.tusk.wal.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.wal.BlockReference;
import org.tusk.wal.WalRecord;

/** Records assembled one after another in one reused array come out as if each had its own. */
class AssemblyBufferTest {

    private static final RelFileLocator REL = new RelFileLocator(1663, 5, 16384);

    @Test
    void aSmallRecordAfterALargeOneIsAssembledExactlyAsAlone() {
        ByteBuffer page = ByteBuffer.allocate(8192);
        Arrays.fill(page.array(), (byte) 0x5A);
        page.putShort(12, (short) 24);                 // pd_lower: no hole worth the name
        page.putShort(14, (short) 24);
        byte[] bigData = new byte[3000];
        Arrays.fill(bigData, (byte) 0x7F);
        WalRecord big = WalRecord.builder(10, 0x50).xid(77).data(bigData)
                .block(new BlockReference(0, REL, ForkNumber.MAIN, 3, page, 0)).build();
        WalRecord small = WalRecord.builder(10, 0x00).xid(78).data(new byte[] {1, 2, 3}).build();

        AssemblyBuffer buffer = new AssemblyBuffer();
        int bigLength = RecordFormat.assemble(big, new boolean[] {true}, buffer);
        byte[] first = buffer.bytes();
        RecordFormat.finish(first, 12345);
        assertArrayEquals(alone(big, new boolean[] {true}, 12345), Arrays.copyOf(first, bigLength));

        int smallLength = RecordFormat.assemble(small, new boolean[0], buffer);
        assertSame(first, buffer.bytes(), "the array is reused");
        RecordFormat.finish(buffer.bytes(), 999);
        // header fields, the padding and the CRC as a fresh array has them: nothing of the big record is left
        assertArrayEquals(alone(small, new boolean[0], 999), Arrays.copyOf(buffer.bytes(), smallLength));
    }

    private static byte[] alone(WalRecord record, boolean[] images, long prev) {
        byte[] bytes = RecordFormat.assemble(record, images);
        RecordFormat.finish(bytes, prev);
        return bytes;
    }
}
