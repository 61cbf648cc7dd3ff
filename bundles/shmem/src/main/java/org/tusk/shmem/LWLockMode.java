package org.tusk.shmem;

/** How an {@link LWLock} is held: many shared holders, or one exclusive holder. */
public enum LWLockMode {
    SHARED,
    EXCLUSIVE
}
