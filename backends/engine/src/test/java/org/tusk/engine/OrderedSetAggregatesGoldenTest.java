package org.tusk.engine;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * percentile_cont, percentile_disc and mode WITHIN GROUP (per group, with NULLs, DESC order,
 * FILTER, an empty group, a NULL or out-of-range fraction, and the calls no pg_proc entry
 * matches): golden/orderedset/queries.sql replayed in one session against what PostgreSQL 15
 * sent (expected.txt, recorded with
 * {@code python3 ../generate.py /var/tmp/pgref 54329 postgres queries.sql > expected.txt}).
 */
class OrderedSetAggregatesGoldenTest {

    @TempDir
    Path tmp;

    @Test
    void matchesRealPostgres() throws Exception {
        GoldenReplay.assertMatches(tmp, "/golden/orderedset/expected.txt", 10);
    }
}
