package org.tusk.engine.executor;

/**
 * Puts a scan's rows into the query level's row layout: the scanned columns go
 * to {@code [offset, offset + count)} of a {@code width}-column row, the other
 * slots stay NULL (what a scan's projection into the join tree's rows does).
 */
public final class Place implements PlanState {
    private final PlanState child;
    private final int width;
    private final int offset;
    private final int count;

    public Place(PlanState child, int width, int offset, int count) {
        this.child = child;
        this.width = width;
        this.offset = offset;
        this.count = count;
    }

    public PlanState child() {
        return child;
    }

    public int width() {
        return width;
    }

    public int offset() {
        return offset;
    }

    @Override
    public Object[] next() {
        Object[] row = child.next();
        if (row == null) {
            return null;
        }
        Object[] out = new Object[width];
        System.arraycopy(row, 0, out, offset, Math.min(count, row.length));
        return out;
    }

    @Override
    public void rescan() {
        child.rescan();
    }

    @Override
    public void close() {
        child.close();
    }
}
