package org.tusk.api.storage;

/** What one VACUUM of a table did (the counts VACUUM VERBOSE reports). */
public record VacuumResult(long pagesScanned, long tuplesRemoved, long tuplesRemaining, long tuplesFrozen,
        long pagesAllVisible) {
}
