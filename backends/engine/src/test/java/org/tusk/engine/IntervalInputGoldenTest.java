package org.tusk.engine;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interval input with a field range (SQL's {@code '1' MINUTE}, {@code '1:30' MINUTE TO SECOND},
 * numbers without a unit read right to left as DecodeInterval does):
 * golden/intervalinput/queries.sql replayed in one session against what
 * PostgreSQL 15 sent (expected.txt, recorded with
 * {@code python3 ../generate.py /var/tmp/pgref 54329 postgres queries.sql > expected.txt}).
 */
class IntervalInputGoldenTest {

    @TempDir
    Path tmp;

    @Test
    void matchesRealPostgres() throws Exception {
        GoldenReplay.assertMatches(tmp, "/golden/intervalinput/expected.txt", 10);
    }
}
