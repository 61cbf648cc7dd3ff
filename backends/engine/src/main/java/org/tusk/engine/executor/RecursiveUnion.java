package org.tusk.engine.executor;

import java.util.HashSet;
import java.util.Set;

/**
 * RecursiveUnion (WITH RECURSIVE): returns the non-recursive term's rows, then
 * repeatedly runs the recursive term over the previous iteration's rows (the
 * {@link WorkTable}) until an iteration produces nothing. With UNION (not ALL)
 * rows already returned are discarded. Rows are returned as they are produced,
 * so a LIMIT above stops an unbounded recursion.
 */
public final class RecursiveUnion implements PlanState {
    private final PlanState nonRecursive;
    private final PlanState recursive;
    private final WorkTable workTable;
    private final boolean distinct;
    private final EState estate;
    private TupleStore intermediate;
    private boolean inRecursive;
    private boolean recursiveStarted;
    private Set<RowKey> seen;

    public RecursiveUnion(PlanState nonRecursive, PlanState recursive, WorkTable workTable, boolean distinct,
            EState estate) {
        this.nonRecursive = nonRecursive;
        this.recursive = recursive;
        this.workTable = workTable;
        this.distinct = distinct;
        this.estate = estate;
    }

    @Override
    public Object[] next() {
        if (intermediate == null) {
            intermediate = new TupleStore(estate);
            seen = distinct ? new HashSet<>() : null;
        }
        while (true) {
            estate.ctx().checkForInterrupts();
            Object[] row = inRecursive ? recursive.next() : nonRecursive.next();
            if (row != null) {
                if (seen != null && !seen.add(new RowKey(row))) {
                    continue;
                }
                intermediate.add(row);
                return row;
            }
            if (intermediate.size() == 0) {
                return null;
            }
            // the next iteration reads what this one produced
            if (workTable.current != null) {
                workTable.current.clear();
            }
            workTable.current = intermediate;
            intermediate = new TupleStore(estate);
            inRecursive = true;
            if (recursiveStarted) {
                recursive.rescan();
            }
            recursiveStarted = true;
        }
    }

    @Override
    public void rescan() {
        clearStores();
        intermediate = null;
        inRecursive = false;
        nonRecursive.rescan();
        recursive.rescan();
        recursiveStarted = false;
    }

    @Override
    public void close() {
        clearStores();
        nonRecursive.close();
        recursive.close();
    }

    private void clearStores() {
        if (intermediate != null) {
            intermediate.clear();
        }
        if (workTable.current != null) {
            workTable.current.clear();
            workTable.current = null;
        }
    }
}
