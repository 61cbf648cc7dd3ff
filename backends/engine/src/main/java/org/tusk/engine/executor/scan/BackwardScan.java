package org.tusk.engine.executor.scan;

import java.util.ArrayList;
import java.util.List;

import org.tusk.engine.executor.PlanState;

/**
 * An index scan read backward (ScanDirection BackwardScanDirection): the
 * access method only walks its leaves forward, so the forward scan's rows
 * are collected at the first fetch and returned last to first.
 */
final class BackwardScan implements PlanState {

    private final PlanState forward;
    private List<Object[]> rows;
    private int next;

    BackwardScan(PlanState forward) {
        this.forward = forward;
    }

    @Override
    public Object[] next() {
        if (rows == null) {
            rows = new ArrayList<>();
            for (Object[] row = forward.next(); row != null; row = forward.next()) {
                rows.add(row);
            }
            next = rows.size() - 1;
        }
        return next >= 0 ? rows.get(next--) : null;
    }

    @Override
    public void rescan() {
        forward.rescan();
        rows = null;
    }

    @Override
    public void close() {
        forward.close();
    }
}
