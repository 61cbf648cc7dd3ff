package org.tusk.buffer.internal;

import static org.tusk.buffer.internal.BufferLayout.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.shmem.LWLock;
import org.tusk.shmem.LWLockMode;
import org.tusk.shmem.ProcSlot;
import org.tusk.shmem.ShmemArea;
import org.tusk.shmem.WaitEvent;

/**
 * The checkpointer's request queue (PostgreSQL's CheckpointerShmem->requests
 * plus the checkpointer's pendingOps): every process that writes a relation
 * segment appends "fsync (relation, fork, segment)" before the write counts as
 * done; the checkpointer drains the queue and fsyncs each file once. Entries
 * are deduplicated on insert. When the queue is full the writer sets the
 * overflow flag instead, which makes the next checkpoint fsync every relation
 * file (PostgreSQL would fsync itself; one extra global sync is simpler and
 * equally safe). All guarded by one LWLock of the area.
 *
 * <p>A per-process cache remembers segments already queued in the current
 * "cycle" (incremented at every drain), so steady-state writes skip the lock.
 */
public final class FsyncRequestQueue {

    /** One queued request. */
    public record Request(RelFileLocator locator, ForkNumber fork, int segment) {
    }

    /** What a drain returns: the requests, and whether everything must be synced. */
    public record Drained(List<Request> requests, boolean syncEverything) {
    }

    private final ShmemArea area;
    private final BufferLayout layout;
    private final LWLock lock;
    private final ProcSlot self;
    private final java.util.Set<Request> queuedThisCycle = new java.util.HashSet<>();
    private int cachedCycle = -1;

    public FsyncRequestQueue(ShmemArea area, BufferLayout layout, ProcSlot self) {
        this.area = area;
        this.layout = layout;
        this.lock = area.lwlock(layout.fsyncQueueLock()).tranche(WaitEvent.LWLOCK_CHECKPOINTER_COMM);
        this.self = self;
    }

    /** RegisterSyncRequest: the segment was written and needs an fsync before the next checkpoint completes. */
    public void register(RelFileLocator locator, ForkNumber fork, int segment) {
        Request request = new Request(locator, fork, segment);
        int cycle = area.getIntVolatile(CTL_FSYNC_CYCLE);
        if (cycle != cachedCycle) {
            queuedThisCycle.clear();
            cachedCycle = cycle;
        } else if (queuedThisCycle.contains(request)) {
            return;
        }
        acquire(LWLockMode.EXCLUSIVE);
        try {
            // Re-read under the lock: a drain in between starts a new cycle.
            if (area.getInt(CTL_FSYNC_CYCLE) != cachedCycle) {
                queuedThisCycle.clear();
                cachedCycle = area.getInt(CTL_FSYNC_CYCLE);
            }
            int count = area.getInt(CTL_FSYNC_COUNT);
            for (int i = 0; i < count; i++) {
                if (matches(i, request)) {
                    queuedThisCycle.add(request);
                    return;
                }
            }
            if (count >= layout.fsyncCapacity) {
                area.putInt(CTL_FSYNC_OVERFLOW, 1);
            } else {
                int e = layout.fsyncEntry(count);
                area.putInt(e, locator.spcOid());
                area.putInt(e + 4, locator.dbOid());
                area.putInt(e + 8, locator.relNumber());
                area.putInt(e + 12, fork.ordinal());
                area.putInt(e + 16, segment);
                area.putInt(CTL_FSYNC_COUNT, count + 1);
            }
            queuedThisCycle.add(request);
        } finally {
            release();
        }
    }

    /** The checkpointer takes every queued request and starts a new cycle. */
    public Drained drain() {
        acquire(LWLockMode.EXCLUSIVE);
        try {
            int count = area.getInt(CTL_FSYNC_COUNT);
            List<Request> requests = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int e = layout.fsyncEntry(i);
                requests.add(new Request(new RelFileLocator(area.getInt(e), area.getInt(e + 4), area.getInt(e + 8)),
                        ForkNumber.of(area.getInt(e + 12)), area.getInt(e + 16)));
            }
            boolean overflow = area.getInt(CTL_FSYNC_OVERFLOW) != 0;
            area.putInt(CTL_FSYNC_COUNT, 0);
            area.putInt(CTL_FSYNC_OVERFLOW, 0);
            area.putIntVolatile(CTL_FSYNC_CYCLE, area.getInt(CTL_FSYNC_CYCLE) + 1);
            return new Drained(requests, overflow);
        } finally {
            release();
        }
    }

    /** Puts requests back after a failed sync, so the next checkpoint retries them. */
    public void requeue(List<Request> requests, boolean syncEverything) {
        if (syncEverything) {
            acquire(LWLockMode.EXCLUSIVE);
            try {
                area.putInt(CTL_FSYNC_OVERFLOW, 1);
            } finally {
                release();
            }
        }
        cachedCycle = -1;
        for (Request r : requests) {
            register(r.locator(), r.fork(), r.segment());
        }
    }

    /** Requests queued now (for tests and monitoring). */
    public int pending() {
        return area.getIntVolatile(CTL_FSYNC_COUNT);
    }

    private boolean matches(int index, Request r) {
        int e = layout.fsyncEntry(index);
        return area.getInt(e + 8) == r.locator().relNumber() && area.getInt(e + 16) == r.segment()
                && area.getInt(e + 12) == r.fork().ordinal() && area.getInt(e + 4) == r.locator().dbOid()
                && area.getInt(e) == r.locator().spcOid();
    }

    private void acquire(LWLockMode mode) {
        try {
            lock.acquire(mode, self);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void release() {
        try {
            lock.release(self);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
