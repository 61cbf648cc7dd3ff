package org.tusk.engine.planner;

import java.util.List;

import org.tusk.engine.catalog.RelationColumn;
import org.tusk.engine.executor.EState;
import org.tusk.engine.executor.PlanState;

/**
 * A base relation the planner can scan (what PostgreSQL's planner learns from
 * the relcache, pg_class, pg_index and pg_statistic, plus the executor's scan
 * node constructors). Storage tables (catalog/DML helpers) and virtual relations
 * (pg_stat_activity, via {@link VirtualBaseRelation}) implement it.
 *
 * <p>Rows produced by the scans are {@code Object[]} with one slot per column of
 * {@link #columns()} in attribute order (dropped columns are not listed), values
 * in the engine's Java representation.
 */
public interface BaseRelation {
    /** pg_class.oid; 0 for relations that have none (sent as the RowDescription table OID). */
    long oid();

    String schemaName();

    String name();

    /** The live user columns in attnum order; column i has attnum i + 1. */
    List<RelationColumn> columns();

    /** relpages / reltuples, or the planner's guesses when the relation was never analyzed. */
    RelationSize size();

    /** The btree indexes usable for index and index-only scans; empty when none. */
    default List<IndexInfo> indexes() {
        return List.of();
    }

    /** pg_statistic for the column with this 1-based attnum, or null when ANALYZE has not filled it. */
    default ColumnStatistics statistics(int attnum) {
        return null;
    }

    /**
     * This relation as a FROM item without ONLY names it: itself plus its inheritors
     * when it has any (expand_inherited_rtentry), else itself.
     */
    default BaseRelation withInheritors() {
        return this;
    }

    /** The relations an inheritance set's scan appends (EXPLAIN prints an Append over them); empty for one table. */
    default List<BaseRelation> appendMembers() {
        return List.of();
    }

    /** A sequential scan over all visible rows (in the query's snapshot); rescannable. */
    PlanState openSeqScan(EState estate);

    /**
     * An index scan: rows of this relation (all columns) in index order whose index
     * columns satisfy every key. The keys' value expressions are evaluated when the
     * scan starts and again at each {@link PlanState#rescan()} (they may reference
     * executor parameters set by a NestLoop for parameterized scans). With
     * {@code indexOnly}, only the slots of the index's columns need to be filled.
     */
    default PlanState openIndexScan(IndexInfo index, List<IndexScanKey> keys, boolean backward, boolean indexOnly,
            EState estate) {
        throw new UnsupportedOperationException("relation " + name() + " has no index scans");
    }

    /**
     * A TID scan: the visible versions at the TIDs {@code tids} gives when the scan starts (and at each rescan),
     * in TID order; null when the relation has no such scan (it is not stored in a table access method).
     */
    default PlanState openTidScan(java.util.function.Supplier<java.util.NavigableSet<org.tusk.api.storage.TupleId>> tids,
            EState estate) {
        return null;
    }

    /** Whether {@link #openBitmapHeapScan} works for this relation. */
    default boolean supportsBitmapScans() {
        return false;
    }

    /**
     * A bitmap heap scan: the visible rows at the TIDs the bitmap names, in TID
     * (physical) order, each once. {@code heapBlocks} receives, when the scan has
     * read its bitmap, how many heap pages it names (EXPLAIN ANALYZE's "Heap Blocks:
     * exact="). The rows are a superset of the answer: the caller rechecks them.
     */
    default PlanState openBitmapHeapScan(BitmapSpec bitmap, java.util.function.IntConsumer heapBlocks, EState estate) {
        throw new UnsupportedOperationException("relation " + name() + " has no bitmap scans");
    }

    /**
     * A partitioned table (without ONLY: with its partitions) that has no leaf
     * partition to scan: PostgreSQL's planner marks the relation dummy and plans
     * "Result / One-Time Filter: false".
     */
    default boolean hasNoStorageToScan() {
        return false;
    }
}
