package org.tusk.engine.executor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Sort (tuplesort.c): collects the input in memory while it fits in work_mem;
 * past that, each full batch is sorted and written to a temp file as a run, and
 * the runs are merged with a heap at output time (external merge sort). Run
 * files are deleted as soon as the sort is exhausted, rescanned or closed. In
 * memory the rows are sorted by PostgreSQL's quicksort ({@link PgQsort}), so
 * rows with equal keys come out in the order PostgreSQL gives them; runs are
 * sorted stably and merged in run order.
 */
public final class Sort implements PlanState {
    private final PlanState child;
    private final Comparator<Object[]> order;
    private final EState estate;
    private List<Object[]> memory;
    private int memoryIndex;
    private List<SpillFile> runs;
    private PriorityQueue<RunHead> merge;
    private boolean sorted;
    private String method = "quicksort";
    private long spaceUsedKb;

    public Sort(PlanState child, List<SortColumn> keys, EState estate) {
        this.child = child;
        this.order = SortColumn.comparator(keys);
        this.estate = estate;
    }

    /** "quicksort" or "external merge", as EXPLAIN ANALYZE's "Sort Method:". */
    public String method() {
        return method;
    }

    public long spaceUsedKb() {
        return spaceUsedKb;
    }

    private void performSort() {
        List<Object[]> batch = new ArrayList<>();
        long bytes = 0;
        Object[] row;
        while ((row = child.next()) != null) {
            estate.ctx().checkForInterrupts();
            batch.add(row);
            bytes += RowCodec.estimateSize(row);
            if (bytes > estate.workMemBytes()) {
                writeRun(batch);
                spaceUsedKb += (bytes + 1023) / 1024;
                batch = new ArrayList<>();
                bytes = 0;
            }
        }
        if (runs == null) {
            PgQsort.sort(batch, order);     // tuplesort's quicksort: ties come out as PostgreSQL's do
            memory = batch;
            spaceUsedKb = Math.max(spaceUsedKb, (bytes + 1023) / 1024);
        } else {
            if (!batch.isEmpty()) {
                writeRun(batch);
            }
            method = "external merge";
            merge = new PriorityQueue<>((a, b) -> {
                int c = order.compare(a.row, b.row);
                return c != 0 ? c : Integer.compare(a.run, b.run);
            });
            for (int i = 0; i < runs.size(); i++) {
                SpillFile.Reader r = runs.get(i).reader();
                Object[] first = r.next();
                if (first != null) {
                    merge.add(new RunHead(first, r, i));
                }
            }
        }
        sorted = true;
    }

    private void writeRun(List<Object[]> batch) {
        batch.sort(order);
        if (runs == null) {
            runs = new ArrayList<>();
        }
        SpillFile f = new SpillFile(estate.tempFiles());
        for (Object[] r : batch) {
            f.write(r);
        }
        runs.add(f);
    }

    @Override
    public Object[] next() {
        if (!sorted) {
            performSort();
        }
        if (memory != null) {
            return memoryIndex < memory.size() ? memory.get(memoryIndex++) : null;
        }
        if (merge == null) {
            return null;
        }
        RunHead head = merge.poll();
        if (head == null) {
            deleteRuns();
            return null;
        }
        Object[] next = head.reader.next();
        if (next != null) {
            merge.add(new RunHead(next, head.reader, head.run));
        } else {
            head.reader.close();
        }
        return head.row;
    }

    @Override
    public void rescan() {
        // the input may depend on executor parameters that changed: sort again
        deleteRuns();
        memory = null;
        memoryIndex = 0;
        child.rescan();
        sorted = false;
    }

    private void deleteRuns() {
        if (merge != null) {
            for (RunHead h : merge) {
                h.reader.close();
            }
            merge = null;
        }
        if (runs != null) {
            for (SpillFile f : runs) {
                f.delete();
            }
            runs = null;
        }
    }

    @Override
    public void close() {
        deleteRuns();
        memory = null;
        child.close();
    }

    private record RunHead(Object[] row, SpillFile.Reader reader, int run) {}
}
