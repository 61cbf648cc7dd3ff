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

/**
 * Replays a golden file recorded from PostgreSQL 15 by golden/generate.py
 * (blocks of "Q: query" and the protocol summary PostgreSQL sent) in one
 * engine session, and fails with every case that differs.
 */
final class GoldenReplay {

    private GoldenReplay() {
    }

    static void assertMatches(Path tmp, String expectedResource, int minimumCases) throws Exception {
        String expected;
        try (InputStream in = GoldenReplay.class.getResourceAsStream(expectedResource)) {
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
        assertTrue(cases >= minimumCases, "golden file too small");
        assertEquals("", String.join("\n", failures), failures.size() + " of " + cases + " cases differ");
    }
}
