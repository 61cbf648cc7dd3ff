package org.tusk.engine.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.engine.EngineFixture;

/**
 * Replays golden/types/queries.sql (hand-written type edge cases plus every
 * single-line table-free SELECT of PostgreSQL's int2..arrays regression files)
 * in one session and compares each answer with what PostgreSQL 15 sent
 * (golden/types/expected.txt, recorded by golden/generate.py).
 *
 * <p>Cases Tusk does not get right yet are listed, one query per line, in
 * golden/types/known-failures.txt: the test fails when any other case differs
 * (a regression) and reports the listed cases that now pass, so the list only
 * shrinks. Set -Dtusk.golden.rewrite=true to rewrite the list from this run
 * (target/types-known-failures.txt is always written).
 */
class TypesGoldenTest {

    @TempDir
    Path tmp;

    private static String resource(String name) throws IOException {
        try (InputStream in = TypesGoldenTest.class.getResourceAsStream(name)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void matchesPostgres15() throws Exception {
        String expected = resource("/golden/types/expected.txt");
        Set<String> known = new LinkedHashSet<>();
        for (String line : resource("/golden/types/known-failures.txt").split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                known.add(line);
            }
        }
        EngineFixture f = new EngineFixture(tmp, Map.of("TimeZone", "UTC"));
        ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "types-golden");
            t.setDaemon(true);
            return t;
        });
        List<String> regressions = new ArrayList<>();
        List<String> failing = new ArrayList<>();
        List<String> fixed = new ArrayList<>();
        StringBuilder diffs = new StringBuilder();
        int cases = 0;
        try {
            for (String block : expected.split("\n\n")) {
                if (block.isBlank()) {
                    continue;
                }
                String[] lines = block.split("\n", 2);
                String query = lines[0].substring(3);
                String want = lines[1].endsWith("\n") ? lines[1] : lines[1] + "\n";
                cases++;
                String got;
                Future<String> run = runner.submit(() -> f.simpleQuery(query));
                try {
                    got = run.get(60, TimeUnit.SECONDS);     // a guard against runaway queries, not a speed test: generous for loaded machines
                } catch (TimeoutException e) {
                    run.cancel(true);
                    got = "TIMEOUT\n";
                    // a runaway query leaves the session busy: stop here rather than misreport the rest
                    failing.add(query);
                    if (!known.contains(query)) {
                        regressions.add("Q: " + query + "\n(timed out)");
                    }
                    break;
                } catch (java.util.concurrent.ExecutionException e) {
                    got = "EXCEPTION " + e.getCause() + "\n";
                    f.session.sync();
                }
                if (want.equals(got)) {
                    if (known.contains(query)) {
                        fixed.add(query);
                    }
                    continue;
                }
                failing.add(query);
                String diff = "Q: " + query + "\n--- want\n" + want + "--- got\n" + got;
                diffs.append(diff).append('\n');
                if (!known.contains(query)) {
                    regressions.add(diff);
                }
            }
        } finally {
            runner.shutdownNow();
        }
        Path report = Paths.get("target", "types-known-failures.txt");
        Files.createDirectories(report.getParent());
        String listing = "# Queries of queries.sql whose answer still differs from PostgreSQL 15 (TypesGoldenTest).\n"
                + String.join("\n", failing) + "\n";
        Files.writeString(report, listing);
        Files.writeString(Paths.get("target", "types-golden-diff.txt"), diffs.toString());
        if (Boolean.getBoolean("tusk.golden.rewrite")) {
            Files.writeString(Paths.get("src/test/resources/golden/types/known-failures.txt"), listing);
        }
        System.out.printf("TypesGoldenTest: %d of %d cases match PostgreSQL 15; %d listed cases now pass%n",
                cases - failing.size(), cases, fixed.size());
        for (String q : fixed) {
            System.out.println("  now passes (remove from known-failures.txt): " + q);
        }
        assertTrue(cases > 1000, "golden file too small");
        assertEquals("", String.join("\n", regressions), regressions.size() + " of " + cases + " cases regressed");
    }
}
