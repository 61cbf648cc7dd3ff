package org.tusk.shmem;

import org.tusk.shmem.internal.SegmentLayout;
import org.tusk.shmem.internal.SharedMemory;
import org.tusk.shmem.internal.SpinBackoff;

/**
 * A test-and-set lock on one shared word (PostgreSQL's slock_t). For critical
 * sections of a few instructions only: a waiter spins, then yields, then takes
 * short sleeps, and nothing queues it. Not reentrant. A process that dies
 * holding one leaves it held until the postmaster reinitializes the segment.
 */
public final class Spinlock {

    private final SharedMemory memory;
    private final int id;
    private final int offset;

    Spinlock(SharedMemory memory, int id) {
        this.memory = memory;
        this.id = id;
        this.offset = SegmentLayout.spinlock(id);
    }

    public int id() {
        return id;
    }

    public void lock() {
        if (tryLock()) {
            return;
        }
        SpinBackoff backoff = new SpinBackoff("spinlock " + id);
        for (;;) {
            // test-and-test-and-set: wait with plain reads so the line is not bounced by failing CASes
            while (memory.getIntVolatile(offset) != 0) {
                backoff.pause();
            }
            if (tryLock()) {
                return;
            }
        }
    }

    public boolean tryLock() {
        return memory.compareAndSetInt(offset, 0, 1);
    }

    public void unlock() {
        memory.putIntRelease(offset, 0);
    }

    /** Whether somebody holds it right now (for diagnostics and tests). */
    boolean isLocked() {
        return memory.getIntVolatile(offset) != 0;
    }
}
