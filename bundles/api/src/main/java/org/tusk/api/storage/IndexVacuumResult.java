package org.tusk.api.storage;

/** What one bulk delete of an index did (IndexBulkDeleteResult). */
public record IndexVacuumResult(long pages, long tuplesRemoved, long tuplesRemaining) {
}
