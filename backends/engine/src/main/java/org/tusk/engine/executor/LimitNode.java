package org.tusk.engine.executor;

/** OFFSET/LIMIT (a negative count means no limit). */
final class LimitNode implements PlanState {
    private final PlanState child;
    private long toSkip;
    private long remaining;

    LimitNode(PlanState child, long offset, long count) {
        this.child = child;
        this.toSkip = offset;
        this.remaining = count;
    }

    @Override
    public Object[] next() {
        while (toSkip > 0) {
            if (child.next() == null) {
                return null;
            }
            toSkip--;
        }
        if (remaining == 0) {
            return null;
        }
        Object[] row = child.next();
        if (row != null && remaining > 0) {
            remaining--;
        }
        return row;
    }
}
