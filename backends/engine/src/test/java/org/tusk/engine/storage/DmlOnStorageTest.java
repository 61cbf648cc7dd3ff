package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tusk.api.engine.CopyChannel;
import org.tusk.api.engine.EngineSession;
import org.tusk.api.engine.Portal;
import org.tusk.api.engine.PreparedStatement;
import org.tusk.api.engine.RawStatement;
import org.tusk.api.engine.RowReceiver;
import org.tusk.api.error.PgException;

/**
 * INSERT, UPDATE, DELETE and COPY through SQL on the real heap and btree
 * (two backends of an in-process cluster): constraint errors with
 * PostgreSQL 15's messages and details, RETURNING, ON CONFLICT, index scans,
 * COPY with error context and rollback, and two sessions updating one row
 * (READ COMMITTED waits and sees the new value, REPEATABLE READ gets 40001).
 */
@Timeout(120)
class DmlOnStorageTest extends TwoSessionsOnStorage {

    /** A receiver that records rows and plays the client's side of COPY. */
    static final class Client implements RowReceiver, CopyChannel {
        final List<String> rows = new ArrayList<>();
        String copyInData = "";
        final ByteArrayOutputStream copyOut = new ByteArrayOutputStream();

        @Override
        public void row(byte[][] values) {
            List<String> vals = new ArrayList<>();
            for (byte[] v : values) {
                vals.add(v == null ? "\\N" : new String(v, StandardCharsets.UTF_8));
            }
            rows.add(String.join("|", vals));
        }

        @Override
        public CopyChannel copyChannel() {
            return this;
        }

        @Override
        public InputStream copyIn(boolean binary, int columns) {
            return new ByteArrayInputStream(copyInData.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public OutputStream copyOut(boolean binary, int columns) {
            return copyOut;
        }
    }

    /** One Query message: rows, "TAG" lines, or "E: sqlstate message [| detail] [| context]". */
    static List<String> query(EngineSession s, String sql, Client client) {
        List<String> out = client.rows;
        try {
            for (RawStatement st : s.parse(sql)) {
                PreparedStatement ps = s.prepare(st, new int[0]);
                Portal portal = ps.bind(List.of(), new short[0], new short[0]);
                String tag = portal.execute(0, client);
                if (tag.startsWith("INSERT") || tag.startsWith("UPDATE") || tag.startsWith("DELETE")
                        || tag.startsWith("COPY")) {
                    out.add(tag);
                }
            }
        } catch (PgException e) {
            out.add("E: " + e.sqlState() + " " + e.getMessage() + (e.detail() == null ? "" : " | " + e.detail())
                    + (e.context() == null ? "" : " | " + e.context()));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        s.sync();
        return out;
    }

    static List<String> query(EngineSession s, String sql) {
        return query(s, sql, new Client());
    }

    @Test
    void insertConstraintsAndReturning() {
        query(a, "CREATE TABLE t (a int PRIMARY KEY, b text NOT NULL, c numeric CHECK (c > 0), d varchar(3))");
        assertEquals(List.of("INSERT 0 1"), query(a, "INSERT INTO t VALUES (1, 'x', 1.5, 'abc')"));
        assertEquals(List.of("E: 23505 duplicate key value violates unique constraint \"t_pkey\" | Key (a)=(1) already exists."),
                query(a, "INSERT INTO t VALUES (1, 'y', 2, 'ab')"));
        assertEquals(List.of("E: 23502 null value in column \"b\" of relation \"t\" violates not-null constraint"
                + " | Failing row contains (2, null, 2, ab)."), query(a, "INSERT INTO t VALUES (2, null, 2, 'ab')"));
        assertEquals(List.of("E: 23514 new row for relation \"t\" violates check constraint \"t_c_check\""
                + " | Failing row contains (2, x, -2, ab)."), query(a, "INSERT INTO t VALUES (2, 'x', -2, 'ab')"));
        assertEquals(List.of("E: 22001 value too long for type character varying(3)"),
                query(a, "INSERT INTO t VALUES (2, 'x', 2, 'abcd')"));
        assertEquals(List.of("2|y", "3|z", "INSERT 0 2"),
                query(a, "INSERT INTO t (b, a) VALUES ('y', 2), ('z', 3) RETURNING a, b"));
        assertEquals(List.of("E: 42703 column \"nope\" of relation \"t\" does not exist"),
                query(a, "INSERT INTO t (nope) VALUES (1)"));
        assertEquals(List.of("E: 42601 INSERT has more expressions than target columns"),
                query(a, "INSERT INTO t (a, b) VALUES (1, 'x', 3)"));
        // UPDATE through the primary key index, DELETE with RETURNING
        assertEquals(List.of("2|y!", "UPDATE 1"), query(a, "UPDATE t SET b = b || '!' WHERE a = 2 RETURNING a, b"));
        assertEquals(List.of("UPDATE 3"), query(a, "UPDATE t SET c = 7"));
        assertEquals(List.of("1|x|7|abc", "2|y!|7|\\N", "3|z|7|\\N"), query(a, "SELECT * FROM t ORDER BY a"));
        assertEquals(List.of("3", "DELETE 1"), query(a, "DELETE FROM t WHERE a = 3 RETURNING a"));
        assertEquals(List.of("INSERT 0 1"), query(a, "INSERT INTO t VALUES (3, 'again', 1, null)"));
        // ON CONFLICT
        assertEquals(List.of("INSERT 0 0"), query(a, "INSERT INTO t VALUES (1, 'dup') ON CONFLICT DO NOTHING"));
        assertEquals(List.of("1|zx", "INSERT 0 1"), query(a,
                "INSERT INTO t VALUES (1, 'z') ON CONFLICT (a) DO UPDATE SET b = excluded.b || t.b RETURNING a, b"));
        assertEquals(List.of("E: 21000 ON CONFLICT DO UPDATE command cannot affect row a second time"), query(a,
                "INSERT INTO t VALUES (9, 'p'), (9, 'q') ON CONFLICT (a) DO UPDATE SET b = excluded.b"));
        query(a, "DROP TABLE t");
    }

    @Test
    void copyInAndOutWithErrorContextAndRollback() {
        query(a, "CREATE TABLE c (a int NOT NULL, b text)");
        Client bad = new Client();
        bad.copyInData = "1\tx\n2\ty\nz\tw\n";
        assertEquals(List.of("E: 22P02 invalid input syntax for type integer: \"z\" | COPY c, line 3, column a: \"z\""),
                query(a, "COPY c FROM STDIN", bad));
        assertEquals(List.of("0"), query(a, "SELECT count(*) FROM c"));
        Client good = new Client();
        good.copyInData = "a,b\n1,\"x,y\"\n2,\n\\.\n";
        assertEquals(List.of("COPY 2"), query(a, "COPY c FROM STDIN WITH (FORMAT csv, HEADER)", good));
        Client out = new Client();
        assertEquals(List.of("COPY 2"), query(a, "COPY c TO STDOUT WITH CSV", out));
        assertEquals("1,\"x,y\"\n2,\n", out.copyOut.toString(StandardCharsets.UTF_8));
        Client q = new Client();
        assertEquals(List.of("COPY 1"), query(a, "COPY (SELECT b, a FROM c WHERE a = 2) TO STDOUT", q));
        assertEquals("\\N\t2\n", q.copyOut.toString(StandardCharsets.UTF_8));
        query(a, "DROP TABLE c");
    }

    /** Session a updates the row in an open transaction; b's UPDATE waits; a commits; b's result. */
    private List<String> concurrentUpdate(String isolation) throws Exception {
        query(a, "CREATE TABLE acct (id int PRIMARY KEY, balance int)");
        query(a, "INSERT INTO acct VALUES (1, 100)");
        query(b, "BEGIN ISOLATION LEVEL " + isolation);
        query(b, "SELECT balance FROM acct WHERE id = 1");       // takes the snapshot (REPEATABLE READ)
        query(a, "BEGIN");
        assertEquals(List.of("UPDATE 1"), query(a, "UPDATE acct SET balance = balance + 10 WHERE id = 1"));
        CompletableFuture<List<String>> waiting = CompletableFuture.supplyAsync(
                () -> query(b, "UPDATE acct SET balance = balance + 1 WHERE id = 1"));
        Thread.sleep(300);
        assertFalse(waiting.isDone(), "b must wait for a's row lock");
        query(a, "COMMIT");
        List<String> result = new ArrayList<>(waiting.get(30, TimeUnit.SECONDS));
        query(b, "COMMIT");
        result.addAll(query(a, "SELECT balance FROM acct"));
        query(a, "DROP TABLE acct");
        return result;
    }

    @Test
    void readCommittedWaitsAndUpdatesTheNewestVersion() throws Exception {
        assertEquals(List.of("UPDATE 1", "111"), concurrentUpdate("READ COMMITTED"));
    }

    @Test
    void repeatableReadGetsSerializationFailure() throws Exception {
        assertEquals(List.of("E: 40001 could not serialize access due to concurrent update", "110"),
                concurrentUpdate("REPEATABLE READ"));
    }

    @Test
    void vacuumAnalyzeAndIndexLookups() {
        query(a, "CREATE TABLE v (id int PRIMARY KEY, x int)");
        assertEquals(List.of("INSERT 0 3"), query(a, "INSERT INTO v VALUES (1, 10), (2, 20), (3, 30)"));
        assertEquals(List.of("DELETE 1"), query(a, "DELETE FROM v WHERE id = 2"));
        assertEquals(List.of(), query(a, "VACUUM v"));
        query(a, "BEGIN");
        assertEquals(List.of("E: 25001 VACUUM cannot run inside a transaction block"), query(a, "VACUUM v"));
        query(a, "ROLLBACK");
        assertEquals(List.of(), query(a, "VACUUM ANALYZE"));
        assertEquals(List.of("2"), query(a, "SELECT reltuples FROM pg_class WHERE relname = 'v'"));
        assertEquals(List.of("30"), query(a, "SELECT x FROM v WHERE id = 3"));
        assertEquals(List.of(), query(a, "SELECT x FROM v WHERE id = 2"));
        assertEquals(List.of("INSERT 0 1"), query(a, "INSERT INTO v VALUES (2, 22)"));
        assertEquals(List.of("22"), query(a, "SELECT x FROM v WHERE id = 2 AND x > 0"));
        query(a, "DROP TABLE v");
    }
}
