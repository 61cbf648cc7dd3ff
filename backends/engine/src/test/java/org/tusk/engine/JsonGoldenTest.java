package org.tusk.engine;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * json and jsonb: input (normalisation, duplicate keys, number text, every syntax error of
 * the json lexer), output, jsonb ordering/equality in ORDER BY, DISTINCT and GROUP BY, casts,
 * the -> ->> #> #>> @> <@ ? ?| ?& || - #- operators, the accessor, editing and constructor
 * functions, the set-returning ones in FROM and target lists, and json(b)_agg /
 * json(b)_object_agg: golden/json/queries.sql replayed in one session against what
 * PostgreSQL 15 sent (expected.txt, recorded with
 * {@code python3 ../generate.py /var/tmp/pgref 54329 postgres queries.sql > expected.txt}).
 */
class JsonGoldenTest {

    @TempDir
    Path tmp;

    @Test
    void matchesRealPostgres() throws Exception {
        GoldenReplay.assertMatches(tmp, "/golden/json/expected.txt", 90);
    }
}
