package org.tusk.buffer.internal;

import java.nio.ByteBuffer;

import org.tusk.api.storage.ForkNumber;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.buffer.Buffer;
import org.tusk.shmem.LWLock;
import org.tusk.shmem.LWLockMode;

/** One pin on a shared buffer, held by one process (see {@link Buffer}). */
final class SharedBuffer implements Buffer {

    private final SharedBufferManager manager;
    private final int id;
    private final BufferTag tag;
    private LWLockMode held;
    private boolean released;

    SharedBuffer(SharedBufferManager manager, int id, BufferTag tag, LWLockMode held) {
        this.manager = manager;
        this.id = id;
        this.tag = tag;
        this.held = held;
    }

    @Override
    public int bufferId() {
        return id;
    }

    @Override
    public ByteBuffer page() {
        checkPinned();
        return manager.pageView(id);
    }

    @Override
    public void lock(LWLockMode mode) {
        checkPinned();
        if (held != null) {
            throw new IllegalStateException("content lock of buffer " + id + " is already held (" + held + ")");
        }
        manager.acquire(manager.contentLock(id), mode);
        held = mode;
    }

    @Override
    public boolean conditionalLock(LWLockMode mode) {
        checkPinned();
        if (held != null) {
            throw new IllegalStateException("content lock of buffer " + id + " is already held (" + held + ")");
        }
        if (!manager.contentLock(id).conditionalAcquire(mode, manager.self())) {
            return false;
        }
        held = mode;
        return true;
    }

    @Override
    public void unlock() {
        if (held == null) {
            throw new IllegalStateException("content lock of buffer " + id + " is not held");
        }
        held = null;
        manager.release(manager.contentLock(id));
    }

    @Override
    public void markDirty() {
        checkPinned();
        if (held != LWLockMode.EXCLUSIVE) {
            throw new IllegalStateException("buffer " + id + " marked dirty without its exclusive content lock");
        }
        manager.markDirty(id);
    }

    @Override
    public void markDirtyHint() {
        checkPinned();
        if (held == null) {
            throw new IllegalStateException("buffer " + id + " hint-dirtied without its content lock");
        }
        manager.markDirtyHint(id, tag);
    }

    @Override
    public void release() {
        checkPinned();
        if (held != null) {
            unlock();
        }
        released = true;
        manager.unpinBuffer(id);
    }

    @Override
    public void close() {
        if (!released) {
            release();
        }
    }

    @Override
    public int blockNumber() {
        return tag.block();
    }

    @Override
    public RelFileLocator locator() {
        return tag.locator();
    }

    @Override
    public ForkNumber fork() {
        return tag.fork();
    }

    @Override
    public boolean conditionalLockForCleanup() {
        checkPinned();
        if (held != null) {
            throw new IllegalStateException("content lock of buffer " + id + " is already held (" + held + ")");
        }
        LWLock content = manager.contentLock(id);
        if (!content.conditionalAcquire(LWLockMode.EXCLUSIVE, manager.self())) {
            return false;
        }
        // Our process's pin is the only shared one, and this handle is our only private one.
        int state = manager.descriptors().lockHeader(id);
        manager.descriptors().unlockHeader(id, state);
        if (BufferState.refcount(state) == 1 && manager.privateRefCount(id) == 1) {
            held = LWLockMode.EXCLUSIVE;
            return true;
        }
        manager.release(content);
        return false;
    }

    private void checkPinned() {
        if (released) {
            throw new IllegalStateException("buffer " + id + " was already released");
        }
    }

    @Override
    public String toString() {
        return "Buffer[" + id + ", " + tag + "]";
    }
}
