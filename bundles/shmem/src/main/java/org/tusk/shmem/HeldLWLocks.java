package org.tusk.shmem;

import java.util.Arrays;

/**
 * The LWLocks a process holds through one slot, in acquisition order, with
 * their modes (PostgreSQL's {@code held_lwlocks} array). Plain arrays rather
 * than lists: every buffer content lock, mapping partition lock and I/O lock
 * goes through here, several times per B-tree descent. Locks are nearly always
 * released newest first, so {@link #remove} searches from the end.
 */
final class HeldLWLocks {

    /** PostgreSQL's MAX_SIMUL_LWLOCKS; grown if ever exceeded, which would be a bug elsewhere. */
    private static final int INITIAL_CAPACITY = 200;

    private LWLock[] locks = new LWLock[INITIAL_CAPACITY];
    private LWLockMode[] modes = new LWLockMode[INITIAL_CAPACITY];
    private int count;

    void add(LWLock lock, LWLockMode mode) {
        if (count == locks.length) {
            locks = Arrays.copyOf(locks, count * 2);
            modes = Arrays.copyOf(modes, count * 2);
        }
        locks[count] = lock;
        modes[count] = mode;
        count++;
    }

    /** Removes the newest hold of {@code lock} and returns its mode, or null if it is not held. */
    LWLockMode remove(LWLock lock) {
        for (int i = count - 1; i >= 0; i--) {
            if (locks[i] == lock) {
                LWLockMode mode = modes[i];
                int after = count - 1 - i;
                if (after > 0) {
                    System.arraycopy(locks, i + 1, locks, i, after);
                    System.arraycopy(modes, i + 1, modes, i, after);
                }
                count--;
                locks[count] = null;
                modes[count] = null;
                return mode;
            }
        }
        return null;
    }

    boolean contains(LWLock lock) {
        for (int i = count - 1; i >= 0; i--) {
            if (locks[i] == lock) {
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** The lock taken last among those still held; the caller checked {@link #isEmpty}. */
    LWLock newest() {
        return locks[count - 1];
    }

    void clear() {
        Arrays.fill(locks, 0, count, null);
        Arrays.fill(modes, 0, count, null);
        count = 0;
    }
}
