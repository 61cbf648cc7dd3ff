package org.tusk.api.storage;

import java.nio.file.Path;
import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * ANALYZE for the autovacuum launcher (autovacuum.c's autovac_do_vacanalyze with
 * VACOPT_ANALYZE): statistics are computed by the SQL layer, which the storage core
 * below it cannot call, so the engine offers this service in every process that has
 * it. The launcher decides which tables need it (changes since the last ANALYZE past
 * {@code autovacuum_analyze_threshold + autovacuum_analyze_scale_factor * reltuples});
 * the analyzer finds the table stored in the given files, skips it if it is gone, a
 * TEMP table or locked, and reports the run to {@link TableStatistics} as automatic
 * (since 1.11).
 */
@ConsumerType
public interface AutoAnalyzer {

    /**
     * Analyzes the table stored in {@code table}'s files, as the cluster's bootstrap superuser;
     * false when it was skipped (no such table any more, a TEMP table, its lock not free soon, or
     * an error, which is logged). {@code dataDirectory} and {@code serverSettings} are the
     * calling process's.
     */
    boolean analyze(RelFileLocator table, Path dataDirectory, Map<String, String> serverSettings);
}
