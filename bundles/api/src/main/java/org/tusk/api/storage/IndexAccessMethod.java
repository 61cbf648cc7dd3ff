package org.tusk.api.storage;

import java.util.function.Predicate;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An index access method (PostgreSQL's IndexAmRoutine), registered as an
 * OSGi service with the property {@value #NAME_PROPERTY} (e.g. {@code btree});
 * {@code CREATE INDEX ... USING name} picks one. Keys are opaque byte arrays
 * ordered by the descriptor's {@link IndexKeyComparator}; entries point at
 * heap tuples by {@link TupleId}. The index never decides visibility: scans
 * return candidates the caller rechecks against the heap, and unique checks
 * ask the caller's {@link UniqueCheck}.
 *
 * <p>Implementations must stay able to read indexes written by their earlier
 * versions.
 */
@ConsumerType
public interface IndexAccessMethod {

    String NAME_PROPERTY = "tusk.am.name";

    /** The name CREATE INDEX ... USING refers to. */
    String name();

    /**
     * ambuild: creates the index's storage and fills it from {@code heapScan}.
     * For a unique index, two entries with equal keys are 23505. Returns the
     * number of entries.
     */
    long build(IndexDescriptor index, IndexBuildScan heapScan);

    /**
     * ambuildempty: writes an empty index into the relation's
     * {@link ForkNumber#INIT} fork, durably, for an index over a table whose
     * rows do not survive a restart ({@link TableAccessMethod#isDurable()}
     * false). At every start, after recovery, the startup process replaces
     * the index's other forks by a copy of it, so the index comes back as
     * empty as its table (PostgreSQL's init forks of unlogged relations).
     * Since 1.3; the default refuses.
     */
    default void buildEmpty(IndexDescriptor index) {
        throw new UnsupportedOperationException("index access method \"" + name()
                + "\" cannot index a table whose contents do not survive a restart");
    }

    /** Removes the index's storage, every fork (after the dropping transaction committed). */
    void dropStorage(RelFileLocator index);

    /**
     * aminsert: adds the entry ({@code key}, {@code heapTid}). For a unique
     * index with a non-null {@code uniqueCheck}, entries with an equal key are
     * checked first: a LIVE one is 23505 "duplicate key value violates unique
     * constraint", an IN_PROGRESS one is waited for
     * ({@link TransactionContext#waitForTransaction}) and the check repeated.
     */
    void insert(IndexDescriptor index, byte[] key, TupleId heapTid, UniqueCheck uniqueCheck,
            TransactionContext txn);

    /** ambeginscan + amrescan: a forward scan of the entries within {@code bounds}, in key order. */
    IndexScan beginScan(IndexDescriptor index, ScanBounds bounds, Snapshot snapshot, TransactionContext txn);

    /** ambulkdelete (VACUUM): removes every entry whose heap TID {@code isDead} accepts. */
    IndexVacuumResult bulkDelete(IndexDescriptor index, Predicate<TupleId> isDead);

    /** Planner estimates (relpages, reltuples). */
    RelationSize estimateSize(IndexDescriptor index);
}
