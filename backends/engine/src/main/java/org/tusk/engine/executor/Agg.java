package org.tusk.engine.executor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tusk.engine.expr.EvalContext;

/**
 * Agg (nodeAgg.c) with PostgreSQL's strategies:
 * <ul>
 * <li>PLAIN: no grouping, exactly one output row even for empty input;
 * <li>SORTED: input sorted on the group columns, a group ends when they change;
 * <li>HASHED: a hash table of groups; when it outgrows work_mem, rows of groups
 * not yet in the table are written to partition temp files and aggregated in
 * later passes (hash_agg_spill); with GROUPING SETS, one table per set.
 * </ul>
 * Output rows are {@code [a row of the group (inputWidth columns), grouping bits,
 * aggregate results...]}: the group's first input row with the group columns
 * not in the current grouping set (and their linked columns) set to NULL, the
 * GROUPING() bits of the set as an int (bit {@code n-1-i} set when group column
 * i is not in the set; 0 without grouping sets), then one column per aggregate.
 * For PLAIN aggregation over no rows the group row is all NULLs.
 */
public final class Agg implements PlanState {
    public enum Strategy { PLAIN, SORTED, HASHED }

    private static final int SPILL_PARTITIONS = 8;

    private final Strategy strategy;
    private final PlanState child;
    private final int[] groupColumns;
    private final List<int[]> groupingSets;
    private final List<AggCall> aggs;
    private final EState estate;
    private final EvalContext ctx;
    private final int inputWidth;
    private final int[][] linkedColumns;

    private Deque<Object[]> output;
    private boolean finished;
    private Object[] pendingRow;
    private boolean inputDone;
    private long spilledPartitions;

    /** groupingSets null: one set of all group columns; otherwise each set lists positions in groupColumns. */
    public Agg(Strategy strategy, PlanState child, int[] groupColumns, List<int[]> groupingSets, List<AggCall> aggs,
            EState estate) {
        this(strategy, child, groupColumns, groupingSets, aggs, estate, -1, null);
    }

    /**
     * {@code inputWidth}: columns of the input row kept in the output (-1: as many
     * as the group's row has); {@code linkedColumns[i]}: more columns to NULL with
     * group column i when it is not in a grouping set (the column a key expression
     * reads), or null.
     */
    public Agg(Strategy strategy, PlanState child, int[] groupColumns, List<int[]> groupingSets, List<AggCall> aggs,
            EState estate, int inputWidth, int[][] linkedColumns) {
        this.inputWidth = inputWidth;
        this.linkedColumns = linkedColumns;
        this.strategy = strategy;
        this.child = child;
        this.groupColumns = groupColumns;
        this.groupingSets = groupingSets;
        this.aggs = aggs;
        this.estate = estate;
        this.ctx = estate.ctx();
    }

    /** Partition files written by hash spilling (EXPLAIN ANALYZE's "Disk Usage" evidence, and tests). */
    public long spilledPartitions() {
        return spilledPartitions;
    }

    // ---- per-group state ----

    private final class GroupState {
        final Object[] states = new Object[aggs.size()];
        final List<Set<RowKey>> seen = new ArrayList<>();
        final List<List<Object[]>> ordered = new ArrayList<>();

        GroupState() {
            for (int i = 0; i < aggs.size(); i++) {
                states[i] = aggs.get(i).function().initial();
                AggCall a = aggs.get(i);
                seen.add(a.distinct() ? new HashSet<>() : null);
                ordered.add(a.orderBy().isEmpty() && !a.distinct() ? null : new ArrayList<>());
            }
        }

        void advance(Object[] row) {
            for (int i = 0; i < aggs.size(); i++) {
                AggCall a = aggs.get(i);
                ctx.setRow(row);
                if (a.filter() != null && !Boolean.TRUE.equals(a.filter().eval(ctx))) {
                    continue;
                }
                Object[] args = new Object[a.args().size() + a.orderBy().size()];
                for (int j = 0; j < a.args().size(); j++) {
                    ctx.setRow(row);
                    args[j] = a.args().get(j).eval(ctx);
                }
                for (int j = 0; j < a.orderBy().size(); j++) {
                    ctx.setRow(row);
                    args[a.args().size() + j] = a.orderBy().get(j).eval(ctx);
                }
                if (a.function().strict()) {
                    boolean hasNull = false;
                    for (int j = 0; j < a.args().size(); j++) {
                        hasNull |= args[j] == null;
                    }
                    if (hasNull) {
                        continue;
                    }
                }
                if (ordered.get(i) != null) {
                    if (a.distinct()) {
                        Object[] key = java.util.Arrays.copyOf(args, a.args().size());
                        if (!seen.get(i).add(new RowKey(key))) {
                            continue;
                        }
                    }
                    ordered.get(i).add(args);
                    continue;
                }
                transition(i, args);
            }
        }

        private void transition(int i, Object[] args) {
            AggCall a = aggs.get(i);
            Object[] callArgs = args.length == a.args().size() ? args : java.util.Arrays.copyOf(args, a.args().size());
            states[i] = a.function().transition(states[i], callArgs, ctx);
        }

        Object[] results() {
            Object[] out = new Object[aggs.size()];
            for (int i = 0; i < aggs.size(); i++) {
                List<Object[]> buffered = ordered.get(i);
                if (buffered != null) {
                    AggCall a = aggs.get(i);
                    if (!a.orderBy().isEmpty()) {
                        List<SortColumn> cols = new ArrayList<>();
                        for (int j = 0; j < a.orderDirections().size(); j++) {
                            SortColumn d = a.orderDirections().get(j);
                            cols.add(new SortColumn(a.args().size() + j, d.descending(), d.nullsFirst()));
                        }
                        buffered.sort(SortColumn.comparator(cols));
                    } else if (a.distinct()) {
                        // nodeAgg removes duplicates by sorting the inputs, so a DISTINCT aggregate sees them ascending
                        List<SortColumn> cols = new ArrayList<>();
                        for (int j = 0; j < a.args().size(); j++) {
                            cols.add(new SortColumn(j, false, false));
                        }
                        buffered.sort(SortColumn.comparator(cols));
                    }
                    for (Object[] args : buffered) {
                        transition(i, args);
                    }
                    buffered.clear();
                }
                out[i] = aggs.get(i).function().finish(states[i]);
            }
            return out;
        }
    }

    private Object[] outputRow(Object[] sample, int[] set, GroupState g) {
        int width = inputWidth >= 0 ? inputWidth : sample == null ? 0 : sample.length;
        Object[] out = new Object[width + 1 + aggs.size()];
        if (sample != null) {
            System.arraycopy(sample, 0, out, 0, Math.min(width, sample.length));
        }
        boolean[] inSet = new boolean[groupColumns.length];
        if (set == null) {
            java.util.Arrays.fill(inSet, true);
        } else {
            for (int p : set) {
                inSet[p] = true;
            }
        }
        int bits = 0;
        for (int i = 0; i < groupColumns.length; i++) {
            if (!inSet[i]) {
                bits |= 1 << (groupColumns.length - 1 - i);
                if (groupColumns[i] < width) {
                    out[groupColumns[i]] = null;
                }
                if (linkedColumns != null && linkedColumns[i] != null) {
                    for (int c : linkedColumns[i]) {
                        if (c >= 0 && c < width) {
                            out[c] = null;
                        }
                    }
                }
            }
        }
        out[width] = bits;
        Object[] r = g.results();
        System.arraycopy(r, 0, out, width + 1, r.length);
        return out;
    }

    // ---- strategies ----

    @Override
    public Object[] next() {
        if (strategy == Strategy.SORTED) {
            return nextSorted();
        }
        if (output == null) {
            output = new ArrayDeque<>();
            if (strategy == Strategy.PLAIN) {
                GroupState g = new GroupState();
                Object[] row;
                while ((row = child.next()) != null) {
                    ctx.checkForInterrupts();
                    g.advance(row);
                }
                output.add(outputRow(null, new int[0], g));
            } else {
                hashAggregate();
            }
        }
        return output.poll();
    }

    private Object[] nextSorted() {
        if (finished) {
            return null;
        }
        if (pendingRow == null && !inputDone) {
            pendingRow = child.next();
        }
        if (pendingRow == null) {
            finished = true;
            return null;
        }
        RowKey key = RowKey.of(pendingRow, groupColumns);
        Object[] first = pendingRow;
        GroupState g = new GroupState();
        while (pendingRow != null && RowKey.of(pendingRow, groupColumns).equals(key)) {
            ctx.checkForInterrupts();
            g.advance(pendingRow);
            pendingRow = child.next();
        }
        if (pendingRow == null) {
            inputDone = true;
        }
        return outputRow(first, null, g);
    }

    private void hashAggregate() {
        if (groupingSets == null) {
            hashPass(new RowSource() {
                @Override
                public Object[] next() {
                    return child.next();
                }
            }, 0);
            return;
        }
        List<Map<RowKey, Object[]>> samples = new ArrayList<>();
        List<Map<RowKey, GroupState>> tables = new ArrayList<>();
        List<int[]> setColumns = new ArrayList<>();
        for (int[] set : groupingSets) {
            samples.add(new LinkedHashMap<>());
            tables.add(new LinkedHashMap<>());
            int[] cols = new int[set.length];
            for (int i = 0; i < set.length; i++) {
                cols[i] = groupColumns[set[i]];
            }
            setColumns.add(cols);
        }
        Object[] row;
        while ((row = child.next()) != null) {
            ctx.checkForInterrupts();
            for (int s = 0; s < groupingSets.size(); s++) {
                RowKey k = RowKey.of(row, setColumns.get(s));
                GroupState g = tables.get(s).get(k);
                if (g == null) {
                    g = new GroupState();
                    tables.get(s).put(k, g);
                    samples.get(s).put(k, row);
                }
                g.advance(row);
            }
        }
        for (int s = 0; s < groupingSets.size(); s++) {
            int[] set = groupingSets.get(s);
            if (set.length == 0 && tables.get(s).isEmpty()) {
                output.add(outputRow(null, set, new GroupState()));
                continue;
            }
            for (Map.Entry<RowKey, GroupState> e : tables.get(s).entrySet()) {
                output.add(outputRow(samples.get(s).get(e.getKey()), set, e.getValue()));
            }
        }
    }

    private interface RowSource {
        Object[] next();
    }

    /** One pass of hash aggregation; groups that do not fit go to partitions processed recursively. */
    private void hashPass(RowSource input, int level) {
        Map<RowKey, GroupState> table = new LinkedHashMap<>();
        Map<RowKey, Object[]> samples = new LinkedHashMap<>();
        long bytes = 0;
        long perGroup = 64 + 48L * aggs.size();
        SpillFile[] partitions = null;
        Object[] row;
        while ((row = input.next()) != null) {
            ctx.checkForInterrupts();
            RowKey k = RowKey.of(row, groupColumns);
            GroupState g = table.get(k);
            if (g == null) {
                if (partitions == null && bytes > estate.workMemBytes() && !table.isEmpty()) {
                    partitions = new SpillFile[SPILL_PARTITIONS];
                }
                if (partitions != null) {
                    int p = Math.floorMod(k.partitionHash(level), SPILL_PARTITIONS);
                    if (partitions[p] == null) {
                        partitions[p] = new SpillFile(estate.tempFiles());
                        spilledPartitions++;
                    }
                    partitions[p].write(row);
                    continue;
                }
                g = new GroupState();
                table.put(k, g);
                samples.put(k, row);
                bytes += perGroup + RowCodec.estimateSize(row);
            }
            g.advance(row);
        }
        for (Map.Entry<RowKey, GroupState> e : table.entrySet()) {
            output.add(outputRow(samples.get(e.getKey()), null, e.getValue()));
        }
        table.clear();
        samples.clear();
        if (partitions != null) {
            for (SpillFile f : partitions) {
                if (f == null) {
                    continue;
                }
                SpillFile.Reader r = f.reader();
                hashPass(r::next, level + 1);
                r.close();
                f.delete();
            }
        }
    }

    @Override
    public void rescan() {
        output = null;
        finished = false;
        pendingRow = null;
        inputDone = false;
        child.rescan();
    }

    @Override
    public void close() {
        child.close();
    }
}
