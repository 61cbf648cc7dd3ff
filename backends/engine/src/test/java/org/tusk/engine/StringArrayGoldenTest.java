package org.tusk.engine;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * String and array functions of the strings/arrays regression files
 * (set-returning regexp_matches, regexp_split_to_table, string_to_table in the
 * target list and FROM; overlay, trim_array, regexp_replace's start/N forms):
 * golden/strings/queries.sql replayed in one session against what PostgreSQL 15
 * sent (expected.txt, recorded with
 * {@code python3 ../generate.py /var/tmp/pgref 54329 postgres queries.sql > expected.txt}).
 */
class StringArrayGoldenTest {

    @TempDir
    Path tmp;

    @Test
    void matchesRealPostgres() throws Exception {
        GoldenReplay.assertMatches(tmp, "/golden/strings/expected.txt", 25);
    }
}
