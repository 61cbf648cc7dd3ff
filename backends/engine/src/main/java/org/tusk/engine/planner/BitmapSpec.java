package org.tusk.engine.planner;

import java.util.List;

/**
 * What a Bitmap Heap Scan's bitmap is built from (the executor's view of a
 * BitmapIndexScan / BitmapAnd / BitmapOr plan tree): an index leaf collects the
 * TIDs of the index entries within its keys' bounds, AND intersects and OR
 * unites its children's TID sets. The bitmap may hold more TIDs than match
 * (keys the bounds cannot express): the heap scan's rows are rechecked against
 * the original clauses by the plan above it, except those one btree index's
 * equality prefix applied exactly.
 * {@code produced} (may be null) hears how many TIDs each execution of the node
 * yielded (0 for AND/OR, as EXPLAIN ANALYZE reports them).
 */
public record BitmapSpec(Kind kind, IndexInfo index, List<IndexScanKey> keys, List<BitmapSpec> children,
        java.util.function.IntConsumer produced) {

    public enum Kind { INDEX, AND, OR }

    public static BitmapSpec index(IndexInfo index, List<IndexScanKey> keys) {
        return new BitmapSpec(Kind.INDEX, index, keys, List.of(), null);
    }

    public static BitmapSpec combine(Kind kind, List<BitmapSpec> children) {
        return new BitmapSpec(kind, null, List.of(), List.copyOf(children), null);
    }

    /** The same node reporting its TID counts to {@code produced}. */
    public BitmapSpec reporting(java.util.function.IntConsumer produced) {
        return new BitmapSpec(kind, index, keys, children, produced);
    }
}
