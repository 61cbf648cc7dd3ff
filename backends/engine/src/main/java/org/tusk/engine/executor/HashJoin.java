package org.tusk.engine.executor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;

/**
 * HashJoin (nodeHashjoin.c): builds a hash table on the inner input's join keys
 * and probes it with each outer row. Keys compare with SQL equality, and a NULL
 * key matches nothing. When the inner input outgrows work_mem, both inputs are
 * split by key hash into batch temp files and joined one batch at a time
 * (hybrid hash join's batching); the files are deleted as each batch finishes.
 * All join types: unmatched inner rows for RIGHT/FULL are emitted after each
 * batch. Output rows are {@code outer ++ inner}.
 */
public final class HashJoin implements PlanState {
    static final int BATCHES = 32;

    private final JoinType type;
    private final PlanState outer;
    private final PlanState inner;
    private final int outerWidth;
    private final int innerWidth;
    private final List<Expr> outerKeys;
    private final List<Expr> innerKeys;
    private final Expr joinQual;
    private final Expr otherQual;
    private final EState estate;
    private final EvalContext ctx;

    private boolean built;
    private Map<RowKey, List<Entry>> table;
    private final List<Entry> nullKeyInner = new ArrayList<>();
    private SpillFile[] innerBatches;
    private SpillFile[] outerBatches;
    private int batch;
    private SpillFile.Reader outerReader;
    private boolean outerDone;
    private final Deque<Object[]> pending = new ArrayDeque<>();
    private int batchesUsed = 1;

    private static final class Entry {
        final Object[] row;
        boolean matched;

        Entry(Object[] row) {
            this.row = row;
        }
    }

    public HashJoin(JoinType type, PlanState outer, int outerWidth, PlanState inner, int innerWidth, List<Expr> outerKeys,
            List<Expr> innerKeys, Expr joinQual, Expr otherQual, EState estate) {
        this.type = type;
        this.outer = outer;
        this.inner = inner;
        this.outerWidth = outerWidth;
        this.innerWidth = innerWidth;
        this.outerKeys = outerKeys;
        this.innerKeys = innerKeys;
        this.joinQual = joinQual;
        this.otherQual = otherQual;
        this.estate = estate;
        this.ctx = estate.ctx();
    }

    /** Batches used (1 when the inner side fit in work_mem), as EXPLAIN ANALYZE's "Batches:". */
    public int batches() {
        return batchesUsed;
    }

    private RowKey key(Object[] row, List<Expr> exprs) {
        Object[] v = new Object[exprs.size()];
        for (int i = 0; i < v.length; i++) {
            ctx.setRow(row);
            v[i] = exprs.get(i).eval(ctx);
        }
        return new RowKey(v);
    }

    private int batchOf(RowKey k) {
        return Math.floorMod(k.partitionHash(1), BATCHES);
    }

    private void build() {
        built = true;
        table = new HashMap<>();
        long bytes = 0;
        Object[] row;
        while ((row = inner.next()) != null) {
            ctx.checkForInterrupts();
            RowKey k = key(row, innerKeys);
            if (k.hasNull()) {
                if (type.emitsUnmatchedInner()) {
                    nullKeyInner.add(new Entry(row));
                }
                continue;
            }
            if (innerBatches != null) {
                innerBatches[batchOf(k)].write(row);
                continue;
            }
            table.computeIfAbsent(k, x -> new ArrayList<>()).add(new Entry(row));
            bytes += RowCodec.estimateSize(row) + 48;
            if (bytes > estate.workMemBytes()) {
                innerBatches = new SpillFile[BATCHES];
                for (int i = 0; i < BATCHES; i++) {
                    innerBatches[i] = new SpillFile(estate.tempFiles());
                }
                for (Map.Entry<RowKey, List<Entry>> e : table.entrySet()) {
                    for (Entry en : e.getValue()) {
                        innerBatches[batchOf(e.getKey())].write(en.row);
                    }
                }
                table = null;
            }
        }
        if (innerBatches != null) {
            batchesUsed = BATCHES;
            outerBatches = new SpillFile[BATCHES];
            for (int i = 0; i < BATCHES; i++) {
                outerBatches[i] = new SpillFile(estate.tempFiles());
            }
            while ((row = outer.next()) != null) {
                ctx.checkForInterrupts();
                RowKey k = key(row, outerKeys);
                if (k.hasNull()) {
                    probe(row, null);
                    continue;
                }
                outerBatches[batchOf(k)].write(row);
            }
            batch = -1;
            loadNextBatch();
        }
    }

    /** Loads inner batch {@code batch + 1} into the table; false when no batches remain. */
    private boolean loadNextBatch() {
        batch++;
        if (batch >= BATCHES) {
            return false;
        }
        table = new HashMap<>();
        try (SpillFile.Reader r = innerBatches[batch].reader()) {
            Object[] row;
            while ((row = r.next()) != null) {
                table.computeIfAbsent(key(row, innerKeys), x -> new ArrayList<>()).add(new Entry(row));
            }
        }
        innerBatches[batch].delete();
        outerReader = outerBatches[batch].reader();
        return true;
    }

    /** Joins one outer row against the table (key null: no match possible), queuing output rows. */
    private void probe(Object[] outerRow, RowKey k) {
        boolean matched = false;
        List<Entry> candidates = k == null || table == null ? null : table.get(k);
        if (candidates != null) {
            for (Entry e : candidates) {
                Object[] joined = combine(outerRow, e.row, outerWidth, innerWidth);
                if (!JoinSupport.passes(joinQual, joined, ctx)) {
                    continue;
                }
                matched = true;
                e.matched = true;
                if (type == JoinType.ANTI) {
                    break;
                }
                if (JoinSupport.passes(otherQual, joined, ctx)) {
                    // a semi join returns the outer row once, without inner columns
                    pending.add(type == JoinType.SEMI ? combine(outerRow, null, outerWidth, innerWidth) : joined);
                }
                if (type == JoinType.SEMI) {
                    break;
                }
            }
        }
        if (!matched && type.emitsUnmatchedOuter()) {
            Object[] out = combine(outerRow, null, outerWidth, innerWidth);
            if (JoinSupport.passes(otherQual, out, ctx)) {
                pending.add(out);
            }
        }
    }

    private void emitUnmatchedInner(Iterable<Entry> entries) {
        for (Entry e : entries) {
            if (!e.matched) {
                Object[] out = combine(null, e.row, outerWidth, innerWidth);
                if (JoinSupport.passes(otherQual, out, ctx)) {
                    pending.add(out);
                }
            }
        }
    }

    private void finishBatch() {
        if (type.emitsUnmatchedInner() && table != null) {
            for (List<Entry> l : table.values()) {
                emitUnmatchedInner(l);
            }
        }
        table = null;
    }

    @Override
    public Object[] next() {
        if (!built) {
            build();
        }
        while (pending.isEmpty()) {
            if (outerDone) {
                return null;
            }
            ctx.checkForInterrupts();
            Object[] row;
            if (innerBatches == null) {
                row = outer.next();
            } else {
                row = outerReader.next();
            }
            if (row == null) {
                finishBatch();
                if (innerBatches != null) {
                    outerReader.close();
                    outerBatches[batch].delete();
                    if (loadNextBatch()) {
                        continue;
                    }
                }
                if (type.emitsUnmatchedInner()) {
                    emitUnmatchedInner(nullKeyInner);
                }
                outerDone = true;
                continue;
            }
            RowKey k = key(row, outerKeys);
            probe(row, k.hasNull() ? null : k);
        }
        return pending.poll();
    }

    private void deleteBatches() {
        for (SpillFile[] files : new SpillFile[][] {innerBatches, outerBatches}) {
            if (files != null) {
                for (SpillFile f : files) {
                    f.delete();
                }
            }
        }
        if (outerReader != null) {
            outerReader.close();
        }
        innerBatches = null;
        outerBatches = null;
        outerReader = null;
    }

    private int[] innerSlots;

    /**
     * Joins rows of one query level's layout (both sides {@code outerWidth} wide):
     * output rows are the outer row with the inner side's slots copied in.
     */
    public HashJoin mergingSlots(int[] innerSlots) {
        this.innerSlots = innerSlots;
        return this;
    }

    private Object[] combine(Object[] o, Object[] i, int ow, int iw) {
        return innerSlots != null ? JoinSupport.merge(o, i, ow, innerSlots) : JoinSupport.combine(o, i, ow, iw);
    }

    @Override
    public void rescan() {
        deleteBatches();
        built = false;
        outerDone = false;
        pending.clear();
        nullKeyInner.clear();
        batchesUsed = 1;
        outer.rescan();
        inner.rescan();
    }

    @Override
    public void close() {
        deleteBatches();
        outer.close();
        inner.close();
    }
}
