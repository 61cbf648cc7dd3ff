package org.tusk.engine;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The geometric types (point, lseg, line, box, path, polygon, circle): text
 * I/O with float8out's digits, the operators create_index and geometry use,
 * conversions, fixed-length subscripts (point[0], box[1][0]) in SELECT and
 * UPDATE: golden/geometry/queries.sql replayed in one session against what
 * PostgreSQL 15 sent (expected.txt, recorded with
 * {@code python3 ../generate.py /var/tmp/pgref 54329 postgres queries.sql > expected.txt}).
 */
class GeometryGoldenTest {

    @TempDir
    Path tmp;

    @Test
    void matchesRealPostgres() throws Exception {
        GoldenReplay.assertMatches(tmp, "/golden/geometry/expected.txt", 35);
    }
}
