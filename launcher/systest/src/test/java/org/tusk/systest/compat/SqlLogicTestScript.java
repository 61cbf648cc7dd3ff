package org.tusk.systest.compat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One sqllogictest file (SQLite's format, as published in the
 * {@code net.hydromatic:sql-logic-test} artifact): a list of records, each a
 * {@code statement ok|error} or a {@code query <types> <sortmode>} with its
 * expected values, either listed one per line or as {@code N values hashing to
 * <md5>}. Records guarded by {@code skipif postgresql} or {@code onlyif <other
 * engine>} are dropped here, so what remains is what PostgreSQL is expected
 * to answer.
 */
public record SqlLogicTestScript(String name, List<SqlLogicTestScript.Record> records) {

    /** The engine name the files' conditions use for PostgreSQL. */
    static final String ENGINE = "postgresql";

    private static final Pattern HASHED = Pattern.compile("(\\d+) values hashing to ([0-9a-f]{32})");

    public sealed interface Record permits Statement, Query {
        String sql();
        int line();
    }

    public record Statement(String sql, boolean expectError, int line) implements Record { }

    /**
     * A query: {@code types} has one letter per column (T text, I integer, R real);
     * the expectation is either {@code values} or ({@code hashedCount}, {@code md5}).
     */
    public record Query(String sql, String types, SortMode sortMode, List<String> values, int hashedCount,
            String md5, int line) implements Record {
        boolean hashed() {
            return md5 != null;
        }
    }

    public enum SortMode { NOSORT, ROWSORT, VALUESORT }

    public static SqlLogicTestScript load(String name, InputStream in) throws IOException {
        List<Record> records = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> block = new ArrayList<>();
            int blockLine = 0;
            int lineNo = 0;
            String line;
            while (true) {
                line = reader.readLine();
                lineNo++;
                if (line == null || line.isBlank()) {
                    if (!block.isEmpty()) {
                        Record r = parseBlock(block, blockLine);
                        if (r == HALT) {
                            break;
                        }
                        if (r != null) {
                            records.add(r);
                        }
                        block.clear();
                    }
                    if (line == null) {
                        break;
                    }
                    continue;
                }
                if (block.isEmpty()) {
                    if (line.startsWith("#")) {
                        continue;
                    }
                    blockLine = lineNo;
                }
                block.add(line);
            }
        }
        return new SqlLogicTestScript(name, List.copyOf(records));
    }

    private static final Record HALT = new Statement("", false, -1);

    /** Parses one blank-line-separated record, or returns null for records that don't apply. */
    private static Record parseBlock(List<String> block, int line) {
        int i = 0;
        while (i < block.size()) {
            String[] words = block.get(i).trim().split("\\s+");
            if (words[0].equals("skipif") && words.length > 1 && words[1].equals(ENGINE)) {
                return null;
            }
            if (words[0].equals("onlyif") && words.length > 1 && !words[1].equals(ENGINE)) {
                return null;
            }
            if (!words[0].equals("skipif") && !words[0].equals("onlyif")) {
                break;
            }
            i++;
        }
        String[] head = block.get(i).trim().split("\\s+");
        switch (head[0]) {
            case "halt":
                return HALT;
            case "hash-threshold":
                return null;   // the expected values already say whether they are hashed
            case "statement": {
                String sql = String.join("\n", block.subList(i + 1, block.size()));
                return new Statement(sql, head.length > 1 && head[1].equals("error"), line);
            }
            case "query": {
                int sep = block.indexOf("----");
                List<String> sqlLines = block.subList(i + 1, sep < 0 ? block.size() : sep);
                List<String> expected = sep < 0 ? List.of() : block.subList(sep + 1, block.size());
                SortMode mode = head.length > 2 ? SortMode.valueOf(head[2].toUpperCase()) : SortMode.NOSORT;
                if (expected.size() == 1) {
                    Matcher m = HASHED.matcher(expected.get(0).trim());
                    if (m.matches()) {
                        return new Query(String.join("\n", sqlLines), head[1], mode, null,
                                Integer.parseInt(m.group(1)), m.group(2), line);
                    }
                }
                List<String> values = new ArrayList<>();
                for (String e : expected) {
                    values.add(e.trim());
                }
                return new Query(String.join("\n", sqlLines), head[1], mode, values, values.size(), null, line);
            }
            default:
                throw new IllegalArgumentException("unknown sqllogictest record at line " + line + ": " + block.get(i));
        }
    }
}
