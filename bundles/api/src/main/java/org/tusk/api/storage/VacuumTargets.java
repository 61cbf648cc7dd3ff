package org.tusk.api.storage;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * What a VACUUM started from below the SQL layer (autovacuum) needs from the
 * catalogs: the table's lock and the indexes whose entries must be removed
 * with its dead tuples (PostgreSQL's autovacuum worker opens the relation
 * with ConditionalLockRelationOid and reads pg_index). The engine implements
 * it as a service; without one, autovacuum vacuums tables without their
 * indexes and reclaims no line pointers (since 1.2).
 */
@ConsumerType
public interface VacuumTargets {

    /** An index of the table, with the access method that maintains it. */
    record IndexTarget(IndexDescriptor index, IndexAccessMethod accessMethod) {
    }

    /**
     * A table opened for VACUUM: it holds ShareUpdateExclusiveLock on the
     * table (no other VACUUM, no DDL that changes its files or indexes)
     * until {@link #close}.
     */
    interface OpenTable extends AutoCloseable {

        /** The table's indexes (empty when it has none). */
        List<IndexTarget> indexes();

        /** Releases the lock (ends the transaction that holds it). */
        @Override
        void close();
    }

    /**
     * Opens the table stored in {@code table} for VACUUM without waiting for
     * its lock; null when no table is stored there any more (dropped,
     * truncated into new files) or when the lock is not free now (autovacuum
     * skips it this round, as PostgreSQL's does).
     */
    OpenTable open(RelFileLocator table);
}
