package org.tusk.engine;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * json(b)_to_record(set) in FROM with column definition lists (the columns' types, JSON null
 * and missing members as NULL, json/jsonb/array columns, the input functions' errors, the
 * "column definition list is required" error): golden/jsonrecord/queries.sql replayed against
 * what PostgreSQL 15 sent (expected.txt, recorded with
 * {@code python3 ../generate.py SOCKDIR PORT postgres queries.sql > expected.txt}).
 */
class JsonRecordGoldenTest {

    @TempDir
    Path tmp;

    @Test
    void matchesRealPostgres() throws Exception {
        GoldenReplay.assertMatches(tmp, "/golden/jsonrecord/expected.txt", 35);
    }
}
