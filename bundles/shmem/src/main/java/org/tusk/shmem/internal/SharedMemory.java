package org.tusk.shmem.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Typed access to one mapped region shared by several processes.
 *
 * <p>Every access goes through a byte-buffer view {@link VarHandle} in native
 * byte order: the JIT turns its volatile, CAS and get-and-op modes into the
 * processor's own atomic instructions on the mapped page, which is what makes
 * them atomic across JVMs and not only across threads. Those modes need natural
 * alignment, so every offset handed to an int method must be a multiple of 4 and
 * every offset handed to a long method a multiple of 8 (the layout guarantees it;
 * a misaligned access throws {@link IllegalStateException}).
 */
public final class SharedMemory {

    /**
     * Zeroes to copy from, never written: a new array per call was 100 MB of garbage per
     * pgbench -i (every page a bulk load extends the relation by is zeroed in the pool).
     */
    private static final byte[] ZEROS = new byte[64 * 1024];

    private static final VarHandle INT =
            MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONG =
            MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final ByteBuffer buffer;

    /** Wraps a (direct, mapped) buffer; its order is forced to native so plain and atomic views agree. */
    public SharedMemory(ByteBuffer buffer) {
        this.buffer = buffer.order(ByteOrder.nativeOrder());
    }

    public int capacity() {
        return buffer.capacity();
    }

    // --- int ---------------------------------------------------------------

    public int getInt(int offset) {
        return (int) INT.get(buffer, offset);
    }

    public void putInt(int offset, int value) {
        INT.set(buffer, offset, value);
    }

    public int getIntVolatile(int offset) {
        return (int) INT.getVolatile(buffer, offset);
    }

    public void putIntVolatile(int offset, int value) {
        INT.setVolatile(buffer, offset, value);
    }

    public int getIntAcquire(int offset) {
        return (int) INT.getAcquire(buffer, offset);
    }

    public void putIntRelease(int offset, int value) {
        INT.setRelease(buffer, offset, value);
    }

    public boolean compareAndSetInt(int offset, int expected, int value) {
        return INT.compareAndSet(buffer, offset, expected, value);
    }

    public int getAndSetInt(int offset, int value) {
        return (int) INT.getAndSet(buffer, offset, value);
    }

    public int getAndAddInt(int offset, int delta) {
        return (int) INT.getAndAdd(buffer, offset, delta);
    }

    public int getAndBitwiseOrInt(int offset, int bits) {
        return (int) INT.getAndBitwiseOr(buffer, offset, bits);
    }

    public int getAndBitwiseAndInt(int offset, int bits) {
        return (int) INT.getAndBitwiseAnd(buffer, offset, bits);
    }

    // --- long --------------------------------------------------------------

    public long getLong(int offset) {
        return (long) LONG.get(buffer, offset);
    }

    public void putLong(int offset, long value) {
        LONG.set(buffer, offset, value);
    }

    public long getLongVolatile(int offset) {
        return (long) LONG.getVolatile(buffer, offset);
    }

    public void putLongVolatile(int offset, long value) {
        LONG.setVolatile(buffer, offset, value);
    }

    public boolean compareAndSetLong(int offset, long expected, long value) {
        return LONG.compareAndSet(buffer, offset, expected, value);
    }

    public long getAndAddLong(int offset, long delta) {
        return (long) LONG.getAndAdd(buffer, offset, delta);
    }

    // --- bytes -------------------------------------------------------------

    public byte getByte(int offset) {
        return buffer.get(offset);
    }

    public void putByte(int offset, byte value) {
        buffer.put(offset, value);
    }

    /** A view of {@code length} bytes at {@code offset} sharing this memory (big-endian until the caller sets an order). */
    public ByteBuffer slice(int offset, int length) {
        return buffer.slice(offset, length);
    }

    public void getBytes(int offset, byte[] target, int targetOffset, int length) {
        buffer.get(offset, target, targetOffset, length);
    }

    public void putBytes(int offset, byte[] source, int sourceOffset, int length) {
        buffer.put(offset, source, sourceOffset, length);
    }

    /** Zeroes {@code length} bytes from {@code offset} with plain writes; callers publish with a fence or atomic write. */
    public void zero(int offset, int length) {
        int done = 0;
        while (done < length) {
            int chunk = Math.min(ZEROS.length, length - done);
            buffer.put(offset + done, ZEROS, 0, chunk);
            done += chunk;
        }
    }
}
