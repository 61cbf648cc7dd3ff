package org.tusk.buffer;

import java.nio.ByteBuffer;

import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.shmem.LWLockMode;

/**
 * One pin on a shared buffer, as returned by {@link BufferManager#read} and
 * {@link BufferManager#extend} (PostgreSQL's Buffer plus the calls on it).
 * The page may be read only while the content lock is held (SHARED or
 * EXCLUSIVE) and changed only under EXCLUSIVE, followed by {@link #markDirty}.
 * A handle belongs to the process (and thread) that obtained it.
 * {@link #close()} unlocks if needed and releases, for try-with-resources.
 */
public interface Buffer extends AutoCloseable {

    /** The buffer's number in the pool (0-based). */
    int bufferId();

    /**
     * The 8 kB page in shared memory, little-endian, position 0, limit 8192. The view is this process's one
     * view of the buffer, shared by all its pins of it (no new object per pin): use absolute access only, and
     * {@code duplicate()} it for relative access or another byte order.
     */
    ByteBuffer page();

    /** LockBuffer: takes the content lock, sleeping while it is unavailable. */
    void lock(LWLockMode mode);

    /** ConditionalLockBuffer: takes the content lock only if that needs no wait. */
    boolean conditionalLock(LWLockMode mode);

    /** Releases the content lock. */
    void unlock();

    /** MarkBufferDirty: the page changed; requires the EXCLUSIVE content lock. */
    void markDirty();

    /**
     * MarkBufferDirtyHint: the caller set a hint bit on the page (a change
     * redo need not repeat) holding the content lock SHARED or EXCLUSIVE.
     * Marks the buffer dirty so the hint survives eviction; if this is the
     * page's first change since the last checkpoint's redo point, first logs
     * a full-page image of it (XLOG_FPI_FOR_HINT), because pages are
     * checksummed and a torn write of the hinted page must be repairable.
     * During recovery it does nothing: the hint stays in memory only.
     */
    void markDirtyHint();

    /** ReleaseBuffer: drops this pin (unlocking first if this handle holds the content lock). */
    void release();

    int blockNumber();

    RelFileLocator locator();

    ForkNumber fork();

    /**
     * ConditionalLockBufferForCleanup: takes the EXCLUSIVE content lock if it is
     * free and this handle holds the only pin on the buffer (VACUUM may then
     * move tuples); otherwise returns false holding nothing new.
     */
    boolean conditionalLockForCleanup();

    @Override
    default void close() {
        release();
    }
}
