package org.tusk.engine;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * json of timestamptz values printed in the session's TimeZone by to_json and by the json
 * aggregates alike: golden/timezone/queries.sql replayed in one session against what
 * PostgreSQL 15 sent (expected.txt, recorded with
 * {@code python3 ../generate.py /var/tmp/pgref 54329 postgres queries.sql > expected.txt}).
 */
class SessionTimeZoneGoldenTest {

    @TempDir
    Path tmp;

    @Test
    void matchesRealPostgres() throws Exception {
        GoldenReplay.assertMatches(tmp, "/golden/timezone/expected.txt", 5);
    }
}
