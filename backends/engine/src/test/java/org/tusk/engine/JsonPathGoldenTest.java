package org.tusk.engine;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jsonpath type and the SQL/JSON path functions: input (every construct of the path
 * language, normalised output, lexer and grammar errors), then jsonb_path_query and friends over
 * documents in lax and strict mode (unwrapping, wrapping, structural errors and their
 * SQLSTATEs), vars, silent, @? and @@, .keyvalue() ids and .datetime() on ISO forms:
 * golden/jsonpath/queries.sql replayed against what PostgreSQL 15 sent (expected.txt, recorded
 * with {@code python3 ../generate.py SOCKDIR PORT postgres queries.sql > expected.txt}).
 */
class JsonPathGoldenTest {

    @TempDir
    Path tmp;

    @Test
    void matchesRealPostgres() throws Exception {
        GoldenReplay.assertMatches(tmp, "/golden/jsonpath/expected.txt", 630);
    }
}
