package org.tusk.engine.executor;

/**
 * A node of the executing plan tree (PlanState). {@link #next()} pulls the next
 * row or returns null when done (ExecProcNode); {@link #rescan()} restarts the
 * node from its first row, re-reading executor parameters (ExecReScan);
 * {@link #close()} releases what the node holds, such as temp files (ExecEndNode).
 */
public interface PlanState {
    Object[] next();

    default void rescan() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be rescanned");
    }

    default void close() {}
}
