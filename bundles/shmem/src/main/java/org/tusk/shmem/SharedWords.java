package org.tusk.shmem;

import org.tusk.shmem.internal.SegmentLayout;
import org.tusk.shmem.internal.SharedMemory;

/**
 * A fixed array of {@link #SIZE} general-purpose 64-bit cells in the segment,
 * for small cluster-wide state (counters, flags, the postmaster's state) that
 * needs no structure of its own. Plain accessors must be protected by a lock;
 * the others are atomic across processes. Zeroed by
 * {@link ShmemSegment#reinitialize()}.
 */
public final class SharedWords {

    public static final int SIZE = SegmentLayout.NUM_SHARED_WORDS;

    private final SharedMemory memory;

    SharedWords(SharedMemory memory) {
        this.memory = memory;
    }

    /** Plain read: only under a lock that also guards the writers. */
    public long get(int index) {
        return memory.getLong(offset(index));
    }

    /** Plain write: only under a lock that also guards the readers. */
    public void set(int index, long value) {
        memory.putLong(offset(index), value);
    }

    public long getVolatile(int index) {
        return memory.getLongVolatile(offset(index));
    }

    public void setVolatile(int index, long value) {
        memory.putLongVolatile(offset(index), value);
    }

    public boolean compareAndSet(int index, long expected, long value) {
        return memory.compareAndSetLong(offset(index), expected, value);
    }

    public long getAndAdd(int index, long delta) {
        return memory.getAndAddLong(offset(index), delta);
    }

    public long incrementAndGet(int index) {
        return getAndAdd(index, 1) + 1;
    }

    private static int offset(int index) {
        if (index < 0 || index >= SIZE) {
            throw new IndexOutOfBoundsException("shared word " + index + " out of range 0.." + (SIZE - 1));
        }
        return SegmentLayout.sharedWord(index);
    }
}
