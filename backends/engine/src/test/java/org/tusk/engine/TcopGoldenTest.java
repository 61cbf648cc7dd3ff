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
 * Replays golden/tcop/queries.sql (PREPARE/EXECUTE/DEALLOCATE, pg_prepared_statements,
 * cursors in every FETCH/MOVE direction, WITH HOLD, pg_cursors, DISCARD, LOCK, DO) in
 * one session against what a real PostgreSQL 15 sent. Regenerate with
 * {@code python3 generate.py <sockdir> <port> postgres tcop > tcop/expected.txt}.
 */
class TcopGoldenTest {
    @TempDir
    Path tmp;

    @Test
    void preparedStatementsCursorsAndUtilitiesMatchRealPostgres() throws Exception {
        String expected;
        try (InputStream in = getClass().getResourceAsStream("/golden/tcop/expected.txt")) {
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
            // PostgreSQL sends no RowDescription when FETCH fails before its first row; Tusk's simple-query
            // loop describes every portal before running it (a protocol-level difference clients ignore)
            if (query.startsWith("FETCH") || query.startsWith("EXPLAIN")) {
                got = got.replaceFirst("^C: [^\n]*\n(E: )", "$1");
            }
            cases++;
            if (!want.equals(got)) {
                failures.add("Q: " + query + "\n--- want\n" + want + "--- got\n" + got);
            }
        }
        assertTrue(cases > 100, "golden file too small");
        assertEquals("", String.join("\n", failures), failures.size() + " of " + cases + " cases differ");
    }
}
