package org.tusk.engine.executor;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.tusk.engine.error.Ereport;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.func.Arithmetic;
import org.tusk.engine.func.Comparisons;
import org.tusk.engine.types.PgType;

/**
 * WindowAgg (nodeWindowAgg.c) for one window: the input arrives sorted on the
 * partition columns and then the ORDER BY columns. Each partition is buffered,
 * peer groups (rows equal under ORDER BY) are found, and every window function
 * is computed per row: ranking functions from positions and peers, lag/lead
 * within the partition, first/last/nth_value and aggregates over the row's
 * frame (ROWS, RANGE or GROUPS; offsets; EXCLUDE CURRENT ROW / GROUP / TIES).
 * Output rows are {@code input row ++ one column per window function}.
 */
public final class WindowAgg implements PlanState {
    private final PlanState child;
    private final int[] partitionColumns;
    private final List<SortColumn> orderColumns;
    private final WindowFrame frame;
    private final List<WindowCall> calls;
    private final EvalContext ctx;
    private int[] resultPositions;

    private Object[] lookahead;
    private boolean inputDone;
    private List<Object[]> partition;
    private Object[][] results;
    private int position;

    public WindowAgg(PlanState child, int[] partitionColumns, List<SortColumn> orderColumns, WindowFrame frame,
            List<WindowCall> calls, EvalContext ctx) {
        this.child = child;
        this.partitionColumns = partitionColumns;
        this.orderColumns = orderColumns;
        this.frame = frame;
        this.calls = calls;
        this.ctx = ctx;
    }

    /** Writes the results into these columns of (a copy of) the input row instead of appending them. */
    public WindowAgg atPositions(int[] positions) {
        this.resultPositions = positions;
        return this;
    }

    @Override
    public Object[] next() {
        while (partition == null || position >= partition.size()) {
            if (!readPartition()) {
                return null;
            }
        }
        Object[] in = partition.get(position);
        if (resultPositions != null) {
            int width = in.length;
            for (int p : resultPositions) {
                width = Math.max(width, p + 1);
            }
            Object[] out = java.util.Arrays.copyOf(in, width);
            for (int c = 0; c < calls.size(); c++) {
                out[resultPositions[c]] = results[position][c];
            }
            position++;
            return out;
        }
        Object[] out = new Object[in.length + calls.size()];
        System.arraycopy(in, 0, out, 0, in.length);
        System.arraycopy(results[position], 0, out, in.length, calls.size());
        position++;
        return out;
    }

    private boolean readPartition() {
        if (lookahead == null && !inputDone) {
            lookahead = child.next();
        }
        if (lookahead == null) {
            inputDone = true;
            return false;
        }
        partition = new ArrayList<>();
        RowKey key = RowKey.of(lookahead, partitionColumns);
        while (lookahead != null && RowKey.of(lookahead, partitionColumns).equals(key)) {
            ctx.checkForInterrupts();
            partition.add(lookahead);
            lookahead = child.next();
        }
        if (lookahead == null) {
            inputDone = true;
        }
        compute();
        position = 0;
        return true;
    }

    // ---- per-partition computation ----

    private int n;
    private int[] peerStart;
    private int[] peerEnd;
    private int[] groupNo;
    private int[] groupFirstRow;

    private boolean peers(Object[] a, Object[] b) {
        for (SortColumn c : orderColumns) {
            if (SortColumn.compareValues(a[c.column()], b[c.column()], false, false) != 0) {
                return false;
            }
        }
        return true;
    }

    private void compute() {
        n = partition.size();
        peerStart = new int[n];
        peerEnd = new int[n];
        groupNo = new int[n];
        List<Integer> firsts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i > 0 && peers(partition.get(i - 1), partition.get(i))) {
                peerStart[i] = peerStart[i - 1];
                groupNo[i] = groupNo[i - 1];
            } else {
                peerStart[i] = i;
                groupNo[i] = firsts.size();
                firsts.add(i);
            }
        }
        groupFirstRow = firsts.stream().mapToInt(Integer::intValue).toArray();
        for (int i = n - 1; i >= 0; i--) {
            peerEnd[i] = i < n - 1 && peerStart[i + 1] == peerStart[i] ? peerEnd[i + 1] : i;
        }
        Object startOffset = offsetValue(frame.startOffset(), "starting");
        Object endOffset = offsetValue(frame.endOffset(), "ending");
        results = new Object[n][calls.size()];
        for (int c = 0; c < calls.size(); c++) {
            WindowCall call = calls.get(c);
            for (int i = 0; i < n; i++) {
                results[i][c] = evaluate(call, i, startOffset, endOffset);
            }
        }
    }

    private Object offsetValue(Expr e, String which) {
        if (e == null) {
            return null;
        }
        Object v = e.eval(ctx);
        if (v == null) {
            throw Ereport.error("22004", "frame " + which + " offset must not be null");
        }
        if (Comparisons.compare(v, 0L) < 0) {
            throw Ereport.error("22013", frame.mode() == WindowFrame.Mode.RANGE
                    ? "invalid preceding or following size in window function" : "frame " + which + " offset must not be negative");
        }
        return v;
    }

    private Object argAt(WindowCall call, int arg, int row) {
        ctx.setRow(partition.get(row));
        return call.args().get(arg).eval(ctx);
    }

    private Object evaluate(WindowCall call, int i, Object startOffset, Object endOffset) {
        switch (call.kind()) {
            case ROW_NUMBER:
                return (long) (i + 1);
            case RANK:
                return (long) (peerStart[i] + 1);
            case DENSE_RANK:
                return (long) (groupNo[i] + 1);
            case PERCENT_RANK:
                return n <= 1 ? 0.0 : (double) peerStart[i] / (n - 1);
            case CUME_DIST:
                return (double) (peerEnd[i] + 1) / n;
            case NTILE: {
                Object b = argAt(call, 0, i);
                if (b == null) {
                    return null;
                }
                long buckets = ((Number) b).longValue();
                if (buckets <= 0) {
                    throw Ereport.error("22014", "argument of ntile must be greater than zero");
                }
                long per = n / buckets;
                long extra = n % buckets;
                // the first `extra` buckets hold per + 1 rows
                long bigRows = extra * (per + 1);
                return (int) (i < bigRows ? i / (per + 1) + 1 : per == 0 ? i + 1 : extra + (i - bigRows) / per + 1);
            }
            case LAG:
            case LEAD: {
                long offset = 1;
                if (call.args().size() > 1) {
                    Object o = argAt(call, 1, i);
                    if (o == null) {
                        return null;
                    }
                    offset = ((Number) o).longValue();
                }
                long target = call.kind() == WindowCall.Kind.LAG ? i - offset : i + offset;
                if (target < 0 || target >= n) {
                    return call.args().size() > 2 ? argAt(call, 2, i) : null;
                }
                return argAt(call, 0, (int) target);
            }
            default:
                break;
        }
        int[] rows = frameRows(i, startOffset, endOffset);
        switch (call.kind()) {
            case FIRST_VALUE:
                return rows.length == 0 ? null : argAt(call, 0, rows[0]);
            case LAST_VALUE:
                return rows.length == 0 ? null : argAt(call, 0, rows[rows.length - 1]);
            case NTH_VALUE: {
                Object k = argAt(call, 1, i);
                if (k == null) {
                    return null;
                }
                long nth = ((Number) k).longValue();
                if (nth <= 0) {
                    throw Ereport.error("22016", "argument of nth_value must be greater than zero");
                }
                return nth > rows.length ? null : argAt(call, 0, rows[(int) nth - 1]);
            }
            default: {
                AggregateFunction f = call.aggregate();
                Object state = f.initial();
                for (int r : rows) {
                    ctx.setRow(partition.get(r));
                    if (call.filter() != null && !Boolean.TRUE.equals(call.filter().eval(ctx))) {
                        continue;
                    }
                    Object[] args = new Object[call.args().size()];
                    boolean hasNull = false;
                    for (int a = 0; a < args.length; a++) {
                        args[a] = argAt(call, a, r);
                        hasNull |= args[a] == null;
                    }
                    if (hasNull && f.strict()) {
                        continue;
                    }
                    state = f.transition(state, args, ctx);
                }
                return f.finish(state);
            }
        }
    }

    /** The partition row indexes in row i's frame, in order, after exclusion. */
    private int[] frameRows(int i, Object startOffset, Object endOffset) {
        int start = boundIndex(i, frame.start(), startOffset, true);
        int end = boundIndex(i, frame.end(), endOffset, false);
        List<Integer> rows = new ArrayList<>();
        for (int r = Math.max(start, 0); r <= Math.min(end, n - 1); r++) {
            switch (frame.exclusion()) {
                case CURRENT_ROW:
                    if (r == i) {
                        continue;
                    }
                    break;
                case GROUP:
                    if (peerStart[r] == peerStart[i]) {
                        continue;
                    }
                    break;
                case TIES:
                    if (r != i && peerStart[r] == peerStart[i]) {
                        continue;
                    }
                    break;
                default:
                    break;
            }
            rows.add(r);
        }
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    private int boundIndex(int i, WindowFrame.Bound bound, Object offset, boolean isStart) {
        switch (bound) {
            case UNBOUNDED_PRECEDING:
                return 0;
            case UNBOUNDED_FOLLOWING:
                return n - 1;
            case CURRENT_ROW:
                if (frame.mode() == WindowFrame.Mode.ROWS) {
                    return i;
                }
                return isStart ? peerStart[i] : peerEnd[i];
            default:
                break;
        }
        boolean preceding = bound == WindowFrame.Bound.OFFSET_PRECEDING;
        switch (frame.mode()) {
            case ROWS: {
                long off = ((Number) offset).longValue();
                long idx = preceding ? i - off : i + off;
                return (int) Math.max(-1, Math.min(n, idx));
            }
            case GROUPS: {
                long off = ((Number) offset).longValue();
                long g = preceding ? groupNo[i] - off : groupNo[i] + off;
                if (g < 0) {
                    return isStart ? 0 : -1;
                }
                if (g >= groupFirstRow.length) {
                    return isStart ? n : n - 1;
                }
                int first = groupFirstRow[(int) g];
                return isStart ? first : peerEnd[first];
            }
            default:
                return rangeBound(i, preceding, offset, isStart);
        }
    }

    /** RANGE offset PRECEDING/FOLLOWING over the single ORDER BY column (numeric types). */
    private int rangeBound(int i, boolean preceding, Object offset, boolean isStart) {
        SortColumn key = orderColumns.get(0);
        Object v = partition.get(i)[key.column()];
        if (v == null) {
            // NULLs are peers of each other only
            return isStart ? peerStart[i] : peerEnd[i];
        }
        boolean subtract = preceding != key.descending();
        PgType t = v instanceof BigDecimal ? PgType.NUMERIC : v instanceof Double || v instanceof Float ? PgType.FLOAT8
                : PgType.INT8;
        Object limit = Arithmetic.binary(subtract ? "-" : "+", t, v, offset);
        if (isStart) {
            for (int r = 0; r < n; r++) {
                Object x = partition.get(r)[key.column()];
                if (x != null && inRangeFromStart(x, limit, key.descending())) {
                    return r;
                }
                if (x == null && !key.nullsFirst()) {
                    return n;
                }
            }
            return n;
        }
        int last = -1;
        for (int r = 0; r < n; r++) {
            Object x = partition.get(r)[key.column()];
            if (x == null) {
                continue;
            }
            int c = Comparisons.compare(x, limit);
            if (key.descending() ? c >= 0 : c <= 0) {
                last = r;
            }
        }
        return last;
    }

    private static boolean inRangeFromStart(Object x, Object limit, boolean descending) {
        int c = Comparisons.compare(x, limit);
        return descending ? c <= 0 : c >= 0;
    }

    @Override
    public void rescan() {
        partition = null;
        lookahead = null;
        inputDone = false;
        child.rescan();
    }

    @Override
    public void close() {
        child.close();
    }
}
