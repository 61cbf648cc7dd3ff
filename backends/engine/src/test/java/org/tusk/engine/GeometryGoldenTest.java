package org.tusk.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assertions;
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
        String expected;
        try (InputStream in = getClass().getResourceAsStream("/golden/geometry/expected.txt")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        EngineFixture f = new EngineFixture(tmp, Map.of("TimeZone", "UTC"));
        List<String> failures = new ArrayList<>();
        int cases = 0;
        for (String block : expected.split("\n\n")) {
            if (block.isBlank()) {
                continue;
            }
            String[] lines = block.split("\n", 2);
            String query = lines[0].substring(3);
            String want = lines[1].endsWith("\n") ? lines[1] : lines[1] + "\n";
            String got = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30), () -> f.simpleQuery(query));
            cases++;
            if (!want.equals(got)) {
                failures.add("Q: " + query + "\n--- want\n" + want + "--- got\n" + got);
            }
        }
        assertTrue(cases >= 35, "golden file too small");
        assertEquals("", String.join("\n", failures), failures.size() + " of " + cases + " cases differ");
    }
}
