package org.tusk.engine.executor;

import java.util.List;

/** Append: the rows of each child in turn (UNION ALL, and the input of set operations). */
public final class Append implements PlanState {
    private final List<PlanState> children;
    private int current;

    public Append(List<PlanState> children) {
        this.children = children;
    }

    @Override
    public Object[] next() {
        while (current < children.size()) {
            Object[] row = children.get(current).next();
            if (row != null) {
                return row;
            }
            current++;
        }
        return null;
    }

    @Override
    public void rescan() {
        current = 0;
        for (PlanState c : children) {
            c.rescan();
        }
    }

    @Override
    public void close() {
        for (PlanState c : children) {
            c.close();
        }
    }
}
