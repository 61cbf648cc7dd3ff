package org.tusk.wal.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The array a process assembles its WAL records in ({@link RecordFormat#assemble(org.tusk.wal.WalRecord,
 * boolean[], AssemblyBuffer)}), with the per-block hole fields: kept and reused from one record to the
 * next, as PostgreSQL's xloginsert.c keeps its header scratch space, so a record costs no new arrays.
 * Grows to the largest record assembled. Not thread-safe: its owner serializes assembling.
 */
public final class AssemblyBuffer {

    private byte[] bytes = new byte[org.tusk.wal.Wal.PAGE_SIZE];
    private ByteBuffer view = wrap(bytes);
    private final int[] holeOffsets = new int[RecordFormat.MAX_BLOCKS];
    private final int[] holeLengths = new int[RecordFormat.MAX_BLOCKS];

    /** The array, at least {@code length} bytes long. */
    byte[] ensure(int length) {
        if (bytes.length < length) {
            bytes = new byte[Math.max(length, bytes.length * 2)];
            view = wrap(bytes);
        }
        return bytes;
    }

    /** The array (the last assembled record is at its start). */
    public byte[] bytes() {
        return bytes;
    }

    /** The array as a little-endian buffer, positioned at 0. */
    ByteBuffer view() {
        return view.clear();
    }

    int[] holeOffsets() {
        return holeOffsets;
    }

    int[] holeLengths() {
        return holeLengths;
    }

    private static ByteBuffer wrap(byte[] array) {
        return ByteBuffer.wrap(array).order(ByteOrder.LITTLE_ENDIAN);
    }
}
