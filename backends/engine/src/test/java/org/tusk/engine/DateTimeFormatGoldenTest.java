package org.tusk.engine;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * to_char of timestamp, timestamptz and interval (formatting.c's DCH_to_char: every
 * keyword, FM, TH/th, quoted text, time zones with and without daylight saving and a
 * half-hour offset, BC and five-digit years) and generate_series over timestamp and
 * timestamptz (months, negative steps, a DST change): golden/datetime/queries.sql replayed in one
 * session against what PostgreSQL 15 sent (expected.txt, recorded with
 * {@code python3 ../generate.py /var/tmp/pgref 54329 postgres queries.sql > expected.txt}).
 */
class DateTimeFormatGoldenTest {

    @TempDir
    Path tmp;

    @Test
    void matchesRealPostgres() throws Exception {
        GoldenReplay.assertMatches(tmp, "/golden/datetime/expected.txt", 25);
    }
}
