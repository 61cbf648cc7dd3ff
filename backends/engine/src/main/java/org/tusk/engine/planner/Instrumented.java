package org.tusk.engine.planner;

import org.tusk.buffer.BufferUsage;
import org.tusk.engine.executor.PlanState;

/**
 * EXPLAIN ANALYZE's per-node instrumentation (instrument.c): counts the rows a
 * plan node returns and its loops (starts and rescans that were read), and with
 * TIMING the time to its first row and in all, inclusive of its children, into
 * its {@link ExplainNode}. When a node's rows are filtered by a wrapper added
 * later (a qual pushed onto a join), the newer wrapper takes over the node.
 */
final class Instrumented implements PlanState {
    /** The EvalContext attachment key that asks the planner to instrument (value: {@link Settings}). */
    static final Object KEY = new Object();

    /** What to measure besides rows and loops: TIMING's times, BUFFERS' buffer accesses. */
    record Settings(boolean timing, boolean buffers) {}

    private final PlanState child;
    private final ExplainNode node;
    private final boolean timing;
    private final boolean buffers;
    private boolean running;
    private boolean gotFirst;
    private long rows;
    private long loops;
    private long loopStart;

    Instrumented(PlanState child, ExplainNode node, Settings settings) {
        this.child = child;
        this.node = node;
        this.timing = settings.timing();
        this.buffers = settings.buffers();
        node.instrument = this;
        node.actualRows = 0;
        node.actualLoops = 0;
        node.timed = timing;
    }

    @Override
    public Object[] next() {
        long t0 = timing ? System.nanoTime() : 0;
        if (!running) {
            running = true;
            gotFirst = false;
            loops++;
            loopStart = t0;
        }
        // InstrStartNode/InstrStopNode: the buffer accesses while the node (and its children) ran
        BufferUsage.Counts before = buffers ? BufferUsage.now() : null;
        Object[] r = child.next();
        if (buffers && node.instrument == this) {
            node.buffers = node.buffers.plus(BufferUsage.now().since(before));
        }
        if (r != null) {
            rows++;
        }
        if (node.instrument == this) {
            if (timing) {
                long now = System.nanoTime();
                if (!gotFirst) {
                    node.startupNanos += now - loopStart;
                }
                node.totalNanos += now - t0;
            }
            node.actualRows = rows;
            node.actualLoops = loops;
        }
        gotFirst = true;
        return r;
    }

    @Override
    public void rescan() {
        child.rescan();
        running = false;
    }

    @Override
    public void close() {
        child.close();
    }
}
