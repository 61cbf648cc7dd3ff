package org.tusk.buffer.internal;

import static org.tusk.buffer.internal.BufferLayout.*;
import static org.tusk.buffer.internal.BufferState.*;

import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.shmem.ShmemArea;

/**
 * The buffer descriptor array (buf_internals.h) over shared memory: state word
 * operations by CAS, the buffer header spinlock (BM_LOCKED, held for a few
 * instructions only, like LockBufHdr), and the tag. Every CAS loop waits while
 * BM_LOCKED is set, so a process holding the header lock may store the whole
 * word when it unlocks.
 */
public final class BufferDescriptors {

    private final ShmemArea area;
    private final BufferLayout layout;

    public BufferDescriptors(ShmemArea area, BufferLayout layout) {
        this.area = area;
        this.layout = layout;
    }

    public int state(int id) {
        return area.getIntVolatile(layout.descriptor(id) + D_STATE);
    }

    /** LockBufHdr: returns the state with BM_LOCKED set. */
    public int lockHeader(int id) {
        int offset = layout.descriptor(id) + D_STATE;
        int spins = 0;
        for (;;) {
            int old = area.getAndBitwiseOrInt(offset, BM_LOCKED);
            if ((old & BM_LOCKED) == 0) {
                return old | BM_LOCKED;
            }
            while ((area.getIntVolatile(offset) & BM_LOCKED) != 0) {
                spins = backoff(spins);
            }
        }
    }

    /** UnlockBufHdr: publishes {@code state} (BM_LOCKED cleared) with one store. */
    public void unlockHeader(int id, int state) {
        area.putIntVolatile(layout.descriptor(id) + D_STATE, state & ~BM_LOCKED);
    }

    /** Waits until the header is not locked and returns that state (WaitBufHdrUnlocked). */
    public int waitUnlocked(int id) {
        int offset = layout.descriptor(id) + D_STATE;
        int spins = 0;
        int state;
        while (((state = area.getIntVolatile(offset)) & BM_LOCKED) != 0) {
            spins = backoff(spins);
        }
        return state;
    }

    /** CAS of the state word; fails if it changed (including if somebody locked the header). */
    public boolean compareAndSet(int id, int expected, int value) {
        return area.compareAndSetInt(layout.descriptor(id) + D_STATE, expected, value);
    }

    /**
     * PinBuffer's shared part: refcount + 1 and usage count + 1 (capped).
     * Returns the new state.
     */
    public int pin(int id) {
        for (;;) {
            int old = waitUnlocked(id);
            int next = old + REFCOUNT_ONE;
            if (usageCount(old) < MAX_USAGE_COUNT) {
                next += USAGECOUNT_ONE;
            }
            if (compareAndSet(id, old, next)) {
                return next;
            }
        }
    }

    /** UnpinBuffer's shared part: refcount - 1. */
    public void unpin(int id) {
        for (;;) {
            int old = waitUnlocked(id);
            if (refcount(old) == 0) {
                throw new IllegalStateException("buffer " + id + " is not pinned");
            }
            if (compareAndSet(id, old, old - REFCOUNT_ONE)) {
                return;
            }
        }
    }

    /** The tag; stable while the caller holds a pin and the buffer has BM_TAG_VALID, or holds the header lock. */
    public BufferTag tag(int id) {
        int d = layout.descriptor(id);
        return new BufferTag(new RelFileLocator(area.getInt(d + D_SPC), area.getInt(d + D_DB), area.getInt(d + D_REL)),
                ForkNumber.of(area.getInt(d + D_FORK)), area.getInt(d + D_BLOCK));
    }

    public boolean tagMatches(int id, BufferTag tag) {
        int d = layout.descriptor(id);
        return area.getInt(d + D_BLOCK) == tag.block() && area.getInt(d + D_REL) == tag.locator().relNumber()
                && area.getInt(d + D_DB) == tag.locator().dbOid() && area.getInt(d + D_SPC) == tag.locator().spcOid()
                && area.getInt(d + D_FORK) == tag.fork().ordinal();
    }

    /** The database of the buffer's tag (unlocked read: a peek, recheck under the header lock). */
    public int dbOid(int id) {
        return area.getInt(layout.descriptor(id) + D_DB);
    }

    public boolean relationMatches(int id, RelFileLocator locator) {
        int d = layout.descriptor(id);
        return area.getInt(d + D_REL) == locator.relNumber() && area.getInt(d + D_DB) == locator.dbOid()
                && area.getInt(d + D_SPC) == locator.spcOid();
    }

    /** Sets the tag; caller holds the header lock and the new tag's mapping partition lock. */
    public void setTag(int id, BufferTag tag) {
        int d = layout.descriptor(id);
        area.putInt(d + D_SPC, tag.locator().spcOid());
        area.putInt(d + D_DB, tag.locator().dbOid());
        area.putInt(d + D_REL, tag.locator().relNumber());
        area.putInt(d + D_FORK, tag.fork().ordinal());
        area.putInt(d + D_BLOCK, tag.block());
    }

    public void clearTag(int id) {
        int d = layout.descriptor(id);
        for (int field = D_SPC; field <= D_BLOCK; field += Integer.BYTES) {
            area.putInt(d + field, 0);
        }
    }

    int hashNext(int id) {
        return area.getInt(layout.descriptor(id) + D_HASH_NEXT);
    }

    void setHashNext(int id, int next) {
        area.putInt(layout.descriptor(id) + D_HASH_NEXT, next);
    }

    private static int backoff(int spins) {
        if (spins < 100) {
            Thread.onSpinWait();
        } else {
            Thread.yield();   // the holder may be descheduled (2 cores shared by many processes)
        }
        return spins + 1;
    }
}
