package org.tusk.engine.executor;

/** A node of the executing plan tree (PlanState): pull the next row, or null when done (ExecProcNode). */
public interface PlanState {
    Object[] next();
}
