package org.tusk.engine.executor;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.tusk.engine.expr.EvalContext;

/**
 * ProjectSet: set-returning functions of a target list. For each input row the
 * functions run in lockstep; each output row is the input row with the
 * functions' current values in their columns (NULL for functions already
 * exhausted), until all are exhausted. An input row for which every function
 * returns no rows produces nothing.
 */
public final class ProjectSet implements PlanState {
    private final PlanState child;
    private final int width;
    private final List<FunctionScan.Call> calls;
    private final int[] positions;
    private final EvalContext ctx;
    private Object[] current;
    private List<Iterator<Object[]>> iterators;

    public ProjectSet(PlanState child, int width, List<FunctionScan.Call> calls, int[] positions, EvalContext ctx) {
        this.child = child;
        this.width = width;
        this.calls = calls;
        this.positions = positions;
        this.ctx = ctx;
    }

    @Override
    public Object[] next() {
        while (true) {
            if (current == null) {
                current = child.next();
                if (current == null) {
                    return null;
                }
                iterators = new ArrayList<>();
                for (FunctionScan.Call c : calls) {
                    Object[] args = new Object[c.args().size()];
                    boolean hasNull = false;
                    for (int i = 0; i < args.length; i++) {
                        ctx.setRow(current);
                        args[i] = c.args().get(i).eval(ctx);
                        hasNull |= args[i] == null;
                    }
                    iterators.add(hasNull && c.function().strict() ? java.util.Collections.emptyIterator()
                            : c.function().call(args, ctx));
                }
            }
            Object[] out = java.util.Arrays.copyOf(current, Math.max(width, current.length));
            boolean any = false;
            for (int i = 0; i < calls.size(); i++) {
                Iterator<Object[]> it = iterators.get(i);
                if (it.hasNext()) {
                    out[positions[i]] = it.next()[0];
                    any = true;
                } else {
                    out[positions[i]] = null;
                }
            }
            if (any) {
                return out;
            }
            current = null;
        }
    }

    @Override
    public void rescan() {
        current = null;
        child.rescan();
    }

    @Override
    public void close() {
        child.close();
    }
}
