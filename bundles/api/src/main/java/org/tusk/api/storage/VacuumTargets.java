package org.tusk.api.storage;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * What autovacuum needs to know about a table beyond its counters: the
 * indexes whose entries must be removed with its dead tuples (PostgreSQL
 * reads pg_index). The catalog implements it as a service; until it does,
 * autovacuum vacuums tables without their indexes (since 1.2).
 */
@ConsumerType
public interface VacuumTargets {

    /** An index of the table, with the access method that maintains it. */
    record IndexTarget(IndexDescriptor index, IndexAccessMethod accessMethod) {
    }

    /** The indexes of {@code table} (empty when none or unknown). */
    List<IndexTarget> indexesOf(RelFileLocator table);
}
