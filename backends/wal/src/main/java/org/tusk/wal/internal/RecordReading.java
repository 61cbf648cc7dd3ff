package org.tusk.wal.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.tusk.wal.DecodedRecord;

/** The reader's view of {@link RecordFormat}: header validation and decoding, for the exported WalReader. */
public final class RecordReading {

    private RecordReading() {
    }

    /**
     * Null if the header is plausible and, when {@code expectedPrev} is not 0,
     * its xl_prev equals it; else the reason to stop reading.
     */
    public static String checkHeader(byte[] header, long expectedPrev) {
        String problem = RecordFormat.checkHeader(header);
        if (problem == null && expectedPrev != 0 && RecordFormat.prev(header) != expectedPrev) {
            problem = "record with incorrect prev-link " + RecordFormat.prev(header) + ", expected " + expectedPrev;
        }
        return problem;
    }

    public static int totalLength(byte[] header) {
        return RecordFormat.totalLength(header);
    }

    public static int storedCrc(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(RecordFormat.OFF_CRC);
    }

    public static DecodedRecord decode(long lsn, byte[] bytes) {
        return RecordFormat.decode(lsn, bytes);
    }
}
