package org.tusk.shmem;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.tusk.shmem.internal.SegmentLayout;
import org.tusk.shmem.internal.SharedMemory;

/**
 * One named area of the segment (PostgreSQL's ShmemInitStruct result): a range
 * of zeroed memory shared by every process, plus a tranche of LWLocks that
 * belong to it. Offsets are relative to the area's start, which is aligned to
 * 4096 bytes; the atomic accessors need natural alignment of the offset (4 for
 * int, 8 for long), as everywhere in shared memory.
 *
 * <p>Plain accessors are only safe under a lock that also guards the other
 * side; the volatile, CAS and get-and-op accessors are atomic across processes.
 */
public final class ShmemArea {

    /** Bytes an {@link #embeddedLWLock} occupies. */
    public static final int EMBEDDED_LWLOCK_BYTES = SegmentLayout.LW_BYTES;

    private final String name;
    private final ShmemSegment segment;
    private final SharedMemory memory;
    private final int base;
    private final int size;
    private final LWLock[] lwlocks;

    ShmemArea(String name, ShmemSegment segment, SharedMemory memory, int base, int size, LWLock[] lwlocks) {
        this.name = name;
        this.segment = segment;
        this.memory = memory;
        this.base = base;
        this.size = size;
        this.lwlocks = lwlocks;
    }

    public String name() {
        return name;
    }

    /** Bytes of data in the area. */
    public int size() {
        return size;
    }

    public int lwlockCount() {
        return lwlocks.length;
    }

    /** The area's {@code index}-th LWLock. */
    public LWLock lwlock(int index) {
        if (index < 0 || index >= lwlocks.length) {
            throw new IndexOutOfBoundsException("LWLock " + index + " of area " + name + " out of range 0.."
                    + (lwlocks.length - 1));
        }
        return lwlocks[index];
    }

    /** Names the tranche of the area's LWLocks {@code first} .. {@code first + count - 1} ({@link LWLock#tranche}). */
    public void nameTranche(int first, int count, int waitEvent) {
        for (int i = first; i < first + count; i++) {
            lwlock(i).tranche(waitEvent);
        }
    }

    /**
     * An LWLock whose words (state, wait queue head and tail: {@link #EMBEDDED_LWLOCK_BYTES} bytes, zero = unlocked)
     * lie at {@code offset} of this area's data instead of in its tranche: for a lock that belongs on the cache
     * line of the data it guards, as PostgreSQL keeps a buffer's content_lock inside its padded BufferDesc, so
     * that pinning a buffer and locking it touch one line. {@code offset} must be 4-aligned. Every call makes
     * a new object and a process's held locks are tracked by object, so a process must make one per lock and
     * keep it. {@code id} only names the lock in messages.
     */
    public LWLock embeddedLWLock(int offset, int id) {
        if ((offset & 3) != 0) {
            throw new IllegalArgumentException("LWLock at offset " + offset + " of area " + name + " is not 4-aligned");
        }
        return new LWLock(segment, memory, id, at(offset, EMBEDDED_LWLOCK_BYTES));
    }

    /**
     * A view of {@code length} bytes at {@code offset}, in native byte order,
     * sharing the mapped memory (writes through it are seen by other processes).
     * Callers may change the view's order for their own format.
     */
    public ByteBuffer slice(int offset, int length) {
        return memory.slice(at(offset, length), length).order(ByteOrder.nativeOrder());
    }

    public byte getByte(int offset) {
        return memory.getByte(at(offset, 1));
    }

    public void putByte(int offset, byte value) {
        memory.putByte(at(offset, 1), value);
    }

    public int getInt(int offset) {
        return memory.getInt(at(offset, 4));
    }

    public void putInt(int offset, int value) {
        memory.putInt(at(offset, 4), value);
    }

    public int getIntVolatile(int offset) {
        return memory.getIntVolatile(at(offset, 4));
    }

    public void putIntVolatile(int offset, int value) {
        memory.putIntVolatile(at(offset, 4), value);
    }

    public int getIntAcquire(int offset) {
        return memory.getIntAcquire(at(offset, 4));
    }

    public void putIntRelease(int offset, int value) {
        memory.putIntRelease(at(offset, 4), value);
    }

    public boolean compareAndSetInt(int offset, int expected, int value) {
        return memory.compareAndSetInt(at(offset, 4), expected, value);
    }

    public int getAndAddInt(int offset, int delta) {
        return memory.getAndAddInt(at(offset, 4), delta);
    }

    public int getAndBitwiseOrInt(int offset, int bits) {
        return memory.getAndBitwiseOrInt(at(offset, 4), bits);
    }

    public int getAndBitwiseAndInt(int offset, int bits) {
        return memory.getAndBitwiseAndInt(at(offset, 4), bits);
    }

    public long getLong(int offset) {
        return memory.getLong(at(offset, 8));
    }

    public void putLong(int offset, long value) {
        memory.putLong(at(offset, 8), value);
    }

    public long getLongVolatile(int offset) {
        return memory.getLongVolatile(at(offset, 8));
    }

    public void putLongVolatile(int offset, long value) {
        memory.putLongVolatile(at(offset, 8), value);
    }

    public boolean compareAndSetLong(int offset, long expected, long value) {
        return memory.compareAndSetLong(at(offset, 8), expected, value);
    }

    public long getAndAddLong(int offset, long delta) {
        return memory.getAndAddLong(at(offset, 8), delta);
    }

    public void getBytes(int offset, byte[] target, int targetOffset, int length) {
        memory.getBytes(at(offset, length), target, targetOffset, length);
    }

    public void putBytes(int offset, byte[] source, int sourceOffset, int length) {
        memory.putBytes(at(offset, length), source, sourceOffset, length);
    }

    /** Zeroes {@code length} bytes with plain writes. */
    public void zero(int offset, int length) {
        memory.zero(at(offset, length), length);
    }

    private int at(int offset, int length) {
        if (offset < 0 || length < 0 || offset > size - length) {
            throw new IndexOutOfBoundsException("offset " + offset + " length " + length + " outside area " + name
                    + " of " + size + " bytes");
        }
        return base + offset;
    }

    @Override
    public String toString() {
        return "ShmemArea[" + name + ", " + size + " bytes, " + lwlocks.length + " LWLocks]";
    }
}
