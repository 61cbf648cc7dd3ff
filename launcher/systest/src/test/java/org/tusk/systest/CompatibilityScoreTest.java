package org.tusk.systest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.systest.compat.SqlLogicTestRunner;
import org.tusk.systest.compat.SqlLogicTestScript;

/**
 * Measures how much of PostgreSQL's own behaviour Tusk reproduces, with the
 * two yardsticks issue 4 names: the regression subset in
 * {@code ../shared/compat/regress} (files identical to PostgreSQL's expected
 * output, and matching responses) and sqllogictest's {@code select1..5}
 * (records passed). The figures go to {@code target/compat-score.txt}; the test
 * fails when any figure drops below {@code compat-baseline.properties}, so the
 * baseline is a ratchet: raise it when the engine gets better.
 */
@Isolated("its regression run and each sqllogictest file have deadlines: records not reached in time count "
        + "as failed, so a busier machine would lower the score")
class CompatibilityScoreTest {

    private static final Path REGRESS = Path.of(System.getProperty("tusk.regress",
            "../../../shared/compat/regress")).toAbsolutePath().normalize();
    /** Bounds the whole regression run, so a hang costs minutes, not the CI budget. */
    private static final long REGRESS_DEADLINE_SECONDS = 240;
    /** Bounds each sqllogictest file; records not reached count as failed. */
    private static final long SLT_FILE_SECONDS = 45;

    @Test
    void regressionSubsetAndSqlLogicTestDoNotFallBelowTheBaseline(@TempDir Path tmp) throws Exception {
        Clients.require("psql");
        Properties baseline = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/compat-baseline.properties")) {
            baseline.load(in);
        }
        List<String> report = new ArrayList<>();
        try (TuskCluster cluster = TuskCluster.start(tmp)) {
            // the suite lives beside the project (../shared), not in it; a checkout without it says so
            boolean haveRegress = Files.isRegularFile(REGRESS.resolve("run.py"));
            RegressScore regress = haveRegress ? runRegress(cluster, tmp.resolve("regress")) : null;
            report.add(regress == null ? "regress: not run, " + REGRESS + " is missing"
                    : "regress: " + regress.filesPassed + " of " + regress.files + " files identical, "
                            + regress.responsesOk + " of " + regress.responses + " responses match");
            int sltPassed = 0;
            int sltTotal = 0;
            for (int i = 1; i <= 5; i++) {
                SqlLogicTestRunner.Outcome o = runSqlLogicTest(cluster, "select" + i);
                sltPassed += o.records() - o.failed();
                sltTotal += o.records();
                report.add("sqllogictest " + o.file() + ": " + (o.records() - o.failed()) + " of " + o.records()
                        + " records pass" + (o.firstFailures().isEmpty() ? "" : "; first failure: " + o.firstFailures().get(0)));
            }
            report.add("sqllogictest: " + sltPassed + " of " + sltTotal + " records pass");
            Path out = Path.of("target", "compat-score.txt");
            Files.createDirectories(out.getParent());
            Files.write(out, report, StandardCharsets.UTF_8);
            report.forEach(System.out::println);

            if (regress != null) {
                assertAtLeast(baseline, "regress.files.identical", regress.filesPassed);
                assertAtLeast(baseline, "regress.responses.matching", regress.responsesOk);
            }
            assertAtLeast(baseline, "sqllogictest.records.passing", sltPassed);
        }
    }

    private static void assertAtLeast(Properties baseline, String key, int actual) {
        int floor = Integer.parseInt(baseline.getProperty(key, "0").strip());
        assertTrue(actual >= floor, key + " fell to " + actual + " (baseline " + floor + ")");
    }

    record RegressScore(int files, int filesPassed, int responses, int responsesOk) { }

    private static final Pattern FILE_LINE = Pattern.compile("^(\\S+)\\s+(ok|FAILED)\\s+(\\d+)/(\\d+)\\s+responses match.*");

    /** Runs run.py over the whole schedule; a run cut short by the deadline scores the files it finished. */
    private static RegressScore runRegress(TuskCluster cluster, Path out) throws Exception {
        Files.createDirectories(out);
        ProcessBuilder pb = new ProcessBuilder("python3", REGRESS.resolve("run.py").toString(),
                "--src", REGRESS.toString(), "--out", out.toString(), "--schedule", REGRESS.resolve("schedule").toString(),
                "--host", "127.0.0.1", "--port", Integer.toString(cluster.port), "--user", cluster.user,
                "--create", "--timeout", "60");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try {
                new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().forEach(lines::add);
            } catch (IOException ignored) {
                // the process was killed at the deadline
            }
        });
        reader.start();
        if (!p.waitFor(REGRESS_DEADLINE_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        reader.join(10_000);
        int files = 0;
        int passed = 0;
        int responses = 0;
        int ok = 0;
        synchronized (lines) {
            for (String line : lines) {
                Matcher m = FILE_LINE.matcher(line);
                if (m.matches()) {
                    files++;
                    passed += m.group(2).equals("ok") ? 1 : 0;
                    ok += Integer.parseInt(m.group(3));
                    responses += Integer.parseInt(m.group(4));
                }
            }
        }
        return new RegressScore(files, passed, responses, ok);
    }

    /** Runs one sqllogictest file in a database of its own (the files all use tables t1, t2, …). */
    private static SqlLogicTestRunner.Outcome runSqlLogicTest(TuskCluster cluster, String name) throws Exception {
        SqlLogicTestScript script;
        try (InputStream in = CompatibilityScoreTest.class.getResourceAsStream("/test/" + name + ".test")) {
            script = SqlLogicTestScript.load(name, in);
        }
        String database = "postgres";
        try (Connection admin = cluster.connect(); Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE slt_" + name);
            database = "slt_" + name;
        } catch (SQLException e) {
            // no CREATE DATABASE yet: the file's tables go into postgres
        }
        Properties p = new Properties();
        p.setProperty("user", cluster.user);
        p.setProperty("connectTimeout", "20");
        p.setProperty("socketTimeout", Long.toString(SLT_FILE_SECONDS));
        String url = "jdbc:postgresql://127.0.0.1:" + cluster.port + "/" + database;
        try (Connection c = DriverManager.getConnection(url, p)) {
            return SqlLogicTestRunner.run(script, c, TimeUnit.SECONDS.toNanos(SLT_FILE_SECONDS));
        } catch (SQLException e) {
            return new SqlLogicTestRunner.Outcome(name, script.records().size(), script.records().size(),
                    List.of(name + ": could not connect: " + e.getMessage()));
        }
    }
}
