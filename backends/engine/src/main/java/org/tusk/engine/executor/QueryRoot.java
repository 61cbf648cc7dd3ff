package org.tusk.engine.executor;

/**
 * The top of an executing query: ExecutorEnd ({@code executorEnd}) runs once, when the
 * plan is exhausted, closed or fails. A one-off plan's end closes its EState; a cached
 * plan's end ({@link ReusablePlan}) releases only what belongs to that execution.
 */
final class QueryRoot implements PlanState {
    private final PlanState plan;
    private final Runnable executorEnd;
    private boolean closed;

    QueryRoot(PlanState plan, Runnable executorEnd) {
        this.plan = plan;
        this.executorEnd = executorEnd;
    }

    @Override
    public Object[] next() {
        if (closed) {
            return null;
        }
        try {
            Object[] row = plan.next();
            if (row == null) {
                close();
            }
            return row;
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                plan.close();
            } finally {
                executorEnd.run();
            }
        }
    }
}
