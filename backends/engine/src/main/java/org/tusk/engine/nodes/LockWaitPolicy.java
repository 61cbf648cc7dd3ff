package org.tusk.engine.nodes;

/** LockWaitPolicy: block, SKIP LOCKED, NOWAIT. */
public enum LockWaitPolicy {
    BLOCK, SKIP, ERROR
}
