package org.tusk.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MERGE between two backends through pgjdbc: a session's MERGE waits for the row another
 * session updated, then in READ COMMITTED takes the MATCHED path over the newest version (or NOT
 * MATCHED when the row was deleted), and in REPEATABLE READ fails with 40001, as PostgreSQL 15.
 */
class MergeSystemTest {

    @TempDir
    Path root;

    private static final String MERGE = "MERGE INTO acct USING (VALUES (1, ?)) AS s(id, delta) ON acct.id = s.id"
            + " WHEN MATCHED AND acct.balance > 150 THEN UPDATE SET balance = 0"
            + " WHEN MATCHED THEN UPDATE SET balance = acct.balance + s.delta"
            + " WHEN NOT MATCHED THEN INSERT VALUES (s.id, -s.delta)";

    @Test
    void concurrentChangeOfAMatchedRow() throws Exception {
        try (TuskCluster c = TuskCluster.start(root); Connection a = c.connect(); Connection b = c.connect()) {
            assertEquals(List.of("1|111"), race(a, b, Connection.TRANSACTION_READ_COMMITTED,
                    "UPDATE acct SET balance = balance + 10"));
            assertEquals(List.of("1|0"), race(a, b, Connection.TRANSACTION_READ_COMMITTED,
                    "UPDATE acct SET balance = balance + 100"));
            assertEquals(List.of("1|-1"), race(a, b, Connection.TRANSACTION_READ_COMMITTED, "DELETE FROM acct"));
            SQLException e = assertThrows(SQLException.class, () -> race(a, b,
                    Connection.TRANSACTION_REPEATABLE_READ, "UPDATE acct SET balance = balance + 10"));
            assertEquals("40001", e.getSQLState(), e.getMessage());
        }
    }

    /** a changes row 1 in an open transaction; b's MERGE (delta 1) waits; a commits; the table after b commits. */
    private static List<String> race(Connection a, Connection b, int isolation, String change) throws Exception {
        try (Statement s = a.createStatement()) {
            s.execute("DROP TABLE IF EXISTS acct");
            s.execute("CREATE TABLE acct (id int PRIMARY KEY, balance int)");
            s.execute("INSERT INTO acct VALUES (1, 100)");
        }
        b.setAutoCommit(false);
        b.setTransactionIsolation(isolation);
        try (Statement s = b.createStatement()) {
            s.executeQuery("SELECT count(*) FROM acct").close();     // the snapshot (REPEATABLE READ)
        }
        a.setAutoCommit(false);
        try (Statement s = a.createStatement()) {
            s.execute(change);
        }
        CompletableFuture<Integer> merged = CompletableFuture.supplyAsync(() -> {
            try (PreparedStatement ps = b.prepareStatement(MERGE)) {
                ps.setInt(1, 1);
                return ps.executeUpdate();
            } catch (SQLException e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(500);
        assertFalse(merged.isDone(), "the MERGE must wait for the other session's row lock");
        a.commit();
        a.setAutoCommit(true);
        try {
            assertEquals(1, merged.get(60, TimeUnit.SECONDS));
            b.commit();
        } catch (java.util.concurrent.ExecutionException e) {
            b.rollback();
            throw (SQLException) e.getCause().getCause();
        } finally {
            b.setAutoCommit(true);
        }
        List<String> rows = new ArrayList<>();
        try (Statement s = a.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM acct ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + "|" + rs.getInt(2));
            }
        }
        return rows;
    }
}
