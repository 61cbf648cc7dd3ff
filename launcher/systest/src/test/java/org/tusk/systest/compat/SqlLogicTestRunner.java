package org.tusk.systest.compat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * Runs a {@link SqlLogicTestScript} over JDBC as sqllogictest's reference
 * runner does: values are rendered per the declared column type (I as an
 * integer, R with three decimals, T as text, NULL as "NULL", the empty string as
 * "(empty)", unprintable characters as '@'), sorted per the record's sort mode,
 * then compared with the listed values or with the MD5 of all values each
 * followed by a newline.
 */
public final class SqlLogicTestRunner {

    /** The outcome of one file: how many records ran and which failed (first few kept). */
    public record Outcome(String file, int records, int failed, List<String> firstFailures) {
        public boolean passed() {
            return failed == 0;
        }
    }

    private SqlLogicTestRunner() {
    }

    /**
     * Runs every record; once {@code budgetNanos} have passed, the records not
     * yet run count as failed (a slow engine must not hold CI hostage).
     */
    public static Outcome run(SqlLogicTestScript script, Connection connection, long budgetNanos) throws SQLException {
        int failed = 0;
        List<String> failures = new ArrayList<>();
        long deadline = System.nanoTime() + budgetNanos;
        try (Statement statement = connection.createStatement()) {
            for (SqlLogicTestScript.Record record : script.records()) {
                if (System.nanoTime() - deadline > 0) {
                    failed++;
                    if (failures.size() < 5) {
                        failures.add(script.name() + ":" + record.line() + ": not run, the time budget was spent");
                    }
                    continue;
                }
                String problem = runRecord(record, statement);
                if (problem != null) {
                    failed++;
                    if (failures.size() < 5) {
                        failures.add(script.name() + ":" + record.line() + ": " + problem);
                    }
                }
            }
        }
        return new Outcome(script.name(), script.records().size(), failed, failures);
    }

    private static String runRecord(SqlLogicTestScript.Record record, Statement statement) {
        if (record instanceof SqlLogicTestScript.Statement s) {
            try {
                statement.execute(s.sql());
                return s.expectError() ? "statement succeeded but an error was expected" : null;
            } catch (SQLException e) {
                return s.expectError() ? null : "statement failed: " + e.getMessage();
            }
        }
        SqlLogicTestScript.Query q = (SqlLogicTestScript.Query) record;
        List<String> actual;
        try (ResultSet rs = statement.executeQuery(q.sql())) {
            actual = render(rs, q);
        } catch (SQLException e) {
            return "query failed: " + e.getMessage();
        }
        if (q.hashed()) {
            String md5 = md5(actual);
            if (actual.size() != q.hashedCount() || !md5.equals(q.md5())) {
                return "expected " + q.hashedCount() + " values hashing to " + q.md5() + ", got " + actual.size()
                        + " hashing to " + md5;
            }
            return null;
        }
        return actual.equals(q.values()) ? null : "expected " + q.values() + ", got " + actual;
    }

    static List<String> render(ResultSet rs, SqlLogicTestScript.Query q) throws SQLException {
        int columns = rs.getMetaData().getColumnCount();
        if (columns != q.types().length()) {
            throw new SQLException("query returned " + columns + " columns, the test declares " + q.types().length());
        }
        List<List<String>> rows = new ArrayList<>();
        while (rs.next()) {
            List<String> row = new ArrayList<>(columns);
            for (int c = 1; c <= columns; c++) {
                row.add(value(rs.getString(c), q.types().charAt(c - 1)));
            }
            rows.add(row);
        }
        if (q.sortMode() == SqlLogicTestScript.SortMode.ROWSORT) {
            rows.sort(SqlLogicTestRunner::compareRows);
        }
        List<String> values = new ArrayList<>();
        rows.forEach(values::addAll);
        if (q.sortMode() == SqlLogicTestScript.SortMode.VALUESORT) {
            Collections.sort(values);
        }
        return values;
    }

    private static int compareRows(List<String> a, List<String> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** A value as sqllogictest prints it for a column declared {@code type}. */
    static String value(String text, char type) {
        if (text == null) {
            return "NULL";
        }
        switch (type) {
            case 'I':
                try {
                    return new BigDecimal(text.trim()).setScale(0, RoundingMode.DOWN).toPlainString();
                } catch (NumberFormatException e) {
                    return "0";   // the reference runner prints a non-number in an integer column as 0
                }
            case 'R':
                try {
                    return new BigDecimal(text.trim()).setScale(3, RoundingMode.HALF_UP).toPlainString();
                } catch (NumberFormatException e) {
                    return text;
                }
            default:
                if (text.isEmpty()) {
                    return "(empty)";
                }
                StringBuilder printable = new StringBuilder(text.length());
                for (char ch : text.toCharArray()) {
                    printable.append(ch < ' ' || ch > '~' ? '@' : ch);
                }
                return printable.toString();
        }
    }

    static String md5(List<String> values) {
        try {
            MessageDigest digest = MessageDigest.getInstance("MD5");
            for (String v : values) {
                digest.update(v.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) '\n');
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
