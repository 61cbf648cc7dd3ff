package org.tusk.engine.executor;

/** Result node without FROM: exactly one empty row. */
final class ResultScan implements PlanState {
    private boolean done;

    @Override
    public Object[] next() {
        if (done) {
            return null;
        }
        done = true;
        return new Object[0];
    }
}
