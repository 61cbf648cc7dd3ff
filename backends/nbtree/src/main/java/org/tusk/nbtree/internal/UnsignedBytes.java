package org.tusk.nbtree.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@link java.util.Arrays#compareUnsigned(byte[], byte[])} of a key and bytes
 * lying on a page, a word at a time. Read big-endian, a word's unsigned order
 * is the lexicographic order of its bytes, so eight (then four) bytes are
 * compared with one {@link Long#compareUnsigned} instead of one bounds-checked
 * {@code ByteBuffer.get} each: a descent makes some thirty such comparisons
 * and pgbench's int4 keys are one word. The page's own byte order does not
 * matter (the view handles read big-endian whatever it is).
 */
final class UnsignedBytes {

    private static final VarHandle KEY_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle KEY_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle PAGE_LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle PAGE_INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private UnsignedBytes() {
    }

    /**
     * Compares {@code key} with the {@code length} bytes at {@code at} of
     * {@code page}: negative, zero or positive as {@code key} sorts before,
     * equal to or after them (unsigned bytes, a proper prefix first). Only the
     * sign is meaningful.
     */
    static int compare(byte[] key, ByteBuffer page, int at, int length) {
        int common = Math.min(key.length, length);
        int i = 0;
        for (; i + Long.BYTES <= common; i += Long.BYTES) {
            long a = (long) KEY_LONG.get(key, i);
            long b = (long) PAGE_LONG.get(page, at + i);
            if (a != b) {
                return Long.compareUnsigned(a, b);
            }
        }
        if (i + Integer.BYTES <= common) {
            int a = (int) KEY_INT.get(key, i);
            int b = (int) PAGE_INT.get(page, at + i);
            if (a != b) {
                return Integer.compareUnsigned(a, b);
            }
            i += Integer.BYTES;
        }
        for (; i < common; i++) {
            int c = Byte.compareUnsigned(key[i], page.get(at + i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(key.length, length);
    }
}
