package org.tusk.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.tusk.engine.storage.DmlOnStorageTest.query;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tusk.api.engine.EngineSession;
import org.tusk.api.engine.Portal;
import org.tusk.api.engine.PreparedStatement;
import org.tusk.api.engine.RawStatement;
import org.tusk.api.error.PgException;

/**
 * MERGE (PostgreSQL 15): the WHEN clauses in order over source LEFT JOIN target, the command tag,
 * PostgreSQL's errors for a bad MERGE, triggers, privileges, parameters, EXPLAIN, and a
 * concurrent update of a matched row (READ COMMITTED re-checks the newest version, REPEATABLE READ
 * fails with 40001). Expected results were taken from PostgreSQL 15.
 */
@Timeout(120)
class MergeOnStorageTest extends TwoSessionsOnStorage {

    /** Rows, then the command tag of every statement; or "E: sqlstate message [| detail]". */
    private static List<String> run(EngineSession s, String sql, Object... params) {
        DmlOnStorageTest.Client client = new DmlOnStorageTest.Client();
        List<String> out = client.rows;
        try {
            for (RawStatement st : s.parse(sql)) {
                PreparedStatement ps = s.prepare(st, new int[params.length]);
                List<byte[]> values = new ArrayList<>();
                for (Object p : params) {
                    values.add(String.valueOf(p).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                Portal portal = ps.bind(values, new short[0], new short[0]);
                out.add(portal.execute(0, client));
            }
        } catch (PgException e) {
            out.add("E: " + e.sqlState() + " " + e.getMessage() + (e.detail() == null ? "" : " | " + e.detail()));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        s.sync();
        return out;
    }

    private static void load(String target, String source) {
        query(a, "DROP TABLE IF EXISTS " + target + ", " + source);
        query(a, "CREATE TABLE " + target + " (a int PRIMARY KEY, b text DEFAULT 'dflt', c serial)");
        query(a, "CREATE TABLE " + source + " (a int, b text)");
        query(a, "INSERT INTO " + target + " VALUES (1, 'one'), (2, 'two'), (3, 'three')");
        query(a, "INSERT INTO " + source + " VALUES (1, 'uno'), (2, 'dos'), (4, 'cuatro'), (5, null)");
    }

    @Test
    void whenClausesInOrder() {
        load("t", "s");
        assertEquals(List.of("MERGE 4"), run(a, "MERGE INTO t USING s ON t.a = s.a"
                + " WHEN MATCHED AND s.a = 1 THEN UPDATE SET b = s.b"
                + " WHEN MATCHED THEN DELETE"
                + " WHEN NOT MATCHED AND s.b IS NOT NULL THEN INSERT VALUES (s.a, s.b)"
                + " WHEN NOT MATCHED THEN INSERT (a) VALUES (s.a)"));
        assertEquals(List.of("1|uno|1", "3|three|3", "4|cuatro|4", "5|dflt|5", "SELECT 4"),
                run(a, "SELECT * FROM t ORDER BY a"));
        // an inner join without NOT MATCHED; a sub-SELECT in SET; DO NOTHING counts nothing
        assertEquals(List.of("MERGE 3"), run(a,
                "MERGE INTO t USING s ON t.a = s.a WHEN MATCHED THEN UPDATE SET b = (SELECT 'sub')"));
        assertEquals(List.of("MERGE 0"), run(a, "MERGE INTO t USING s ON t.a = s.a"
                + " WHEN MATCHED AND s.b = 'x' THEN DO NOTHING WHEN NOT MATCHED THEN DO NOTHING"));
        // a source subquery, VALUES, WITH; DEFAULT in VALUES and DEFAULT VALUES
        assertEquals(List.of("MERGE 2"), run(a, "WITH w AS (SELECT a + 100 AS a, b FROM s WHERE a < 3)"
                + " MERGE INTO t AS tt USING (SELECT * FROM w) AS src ON tt.a = src.a"
                + " WHEN NOT MATCHED THEN INSERT (b, a) VALUES (DEFAULT, src.a)"));
        assertEquals(List.of("MERGE 1"), run(a, "MERGE INTO t USING (VALUES (1, 'x'), (7, 'seven')) AS v(k, name)"
                + " ON t.a = v.k WHEN NOT MATCHED THEN INSERT VALUES (v.k, v.name, DEFAULT)"));
        assertEquals(List.of("1|sub", "3|three", "4|sub", "5|sub", "7|seven", "101|dflt", "102|dflt", "SELECT 7"),
                run(a, "SELECT a, b FROM t ORDER BY a"));
        assertEquals(List.of("E: 23502 null value in column \"a\" of relation \"t\" violates not-null constraint"
                + " | Failing row contains (null, dflt, 9)."), run(a, "MERGE INTO t USING (VALUES (10, 'ten')) AS s(a, b)"
                        + " ON t.a = s.a WHEN NOT MATCHED THEN INSERT DEFAULT VALUES"));
        assertEquals(List.of("E: 23505 duplicate key value violates unique constraint \"t_pkey\""
                + " | Key (a)=(1) already exists."), run(a, "MERGE INTO t USING s ON t.a = s.a + 100"
                        + " WHEN NOT MATCHED THEN INSERT VALUES (1)"));
    }

    @Test
    void aTargetRowMatchedTwice() {
        load("t2", "s2");
        assertEquals(List.of("E: 21000 MERGE command cannot affect row a second time"), run(a,
                "MERGE INTO t2 USING (SELECT 1 AS a UNION ALL SELECT 1) s ON t2.a = s.a"
                        + " WHEN MATCHED THEN UPDATE SET b = 'x'"));
        assertEquals(List.of("E: 21000 MERGE command cannot affect row a second time"), run(a,
                "MERGE INTO t2 USING s2 ON true WHEN MATCHED THEN DELETE"));
        assertEquals(List.of("MERGE 0"), run(a, "MERGE INTO t2 USING (SELECT 1 AS a UNION ALL SELECT 1) s"
                + " ON t2.a = s.a WHEN MATCHED THEN DO NOTHING"));
        assertEquals(List.of("1|one", "2|two", "3|three", "SELECT 3"), run(a, "SELECT a, b FROM t2 ORDER BY a"));
    }

    @Test
    void errorsOfABadMerge() {
        load("t3", "s3");
        query(a, "CREATE VIEW v3 AS SELECT * FROM t3");
        assertEquals(List.of("E: 42601 unreachable WHEN clause specified after unconditional WHEN clause"), run(a,
                "MERGE INTO t3 USING s3 ON t3.a = s3.a WHEN MATCHED THEN UPDATE SET b = 'x' WHEN MATCHED THEN DELETE"));
        assertEquals(List.of("E: 42P01 invalid reference to FROM-clause entry for table \"t3\""), run(a,
                "MERGE INTO t3 USING s3 ON t3.a = s3.a WHEN NOT MATCHED THEN INSERT VALUES (s3.a, t3.b)"));
        assertEquals(List.of("E: 42809 cannot execute MERGE on relation \"v3\""
                + " | This operation is not supported for views."),
                run(a, "MERGE INTO v3 USING s3 ON v3.a = s3.a WHEN MATCHED THEN DELETE"));
        assertEquals(List.of("E: 0A000 MERGE not supported in WITH query"), run(a,
                "WITH x AS (MERGE INTO t3 USING s3 ON t3.a = s3.a WHEN MATCHED THEN DELETE) SELECT 1"));
        assertEquals(List.of("E: 42712 name \"t3\" specified more than once"
                + " | The name is used both as MERGE target table and data source."),
                run(a, "MERGE INTO t3 USING t3 ON t3.a = t3.a WHEN MATCHED THEN DELETE"));
        assertEquals(List.of("E: 42803 aggregate functions are not allowed in MERGE WHEN conditions"), run(a,
                "MERGE INTO t3 USING s3 ON t3.a = s3.a WHEN MATCHED AND count(*) > 1 THEN DELETE"));
        assertEquals(List.of("E: 42601 multiple assignments to same column \"a\""), run(a,
                "MERGE INTO t3 USING s3 ON t3.a = s3.a WHEN MATCHED THEN UPDATE SET a = 7, a = 8"));
        assertEquals(List.of("E: 42601 syntax error at or near \"INSERT\""), run(a,
                "MERGE INTO t3 USING s3 ON t3.a = s3.a WHEN MATCHED THEN INSERT VALUES (1)"));
        assertEquals(List.of("E: 42601 syntax error at or near \"UPDATE\""), run(a,
                "MERGE INTO t3 USING s3 ON t3.a = s3.a WHEN NOT MATCHED THEN UPDATE SET b = 'x'"));
        assertEquals(List.of("E: 42701 column \"a\" specified more than once"), run(a,
                "MERGE INTO t3 USING s3 ON t3.a = s3.a WHEN NOT MATCHED THEN INSERT (a, a) VALUES (1, 2)"));
        assertEquals(List.of("E: 42601 INSERT has more expressions than target columns"), run(a,
                "MERGE INTO t3 USING s3 ON t3.a = s3.a WHEN NOT MATCHED THEN INSERT (a) VALUES (1, 2)"));
        assertEquals(List.of("E: 42601 INSERT has more target columns than expressions"), run(a,
                "MERGE INTO t3 USING s3 ON t3.a = s3.a WHEN NOT MATCHED THEN INSERT (a, b) VALUES (1)"));
        assertEquals(List.of("E: 42703 column \"zz\" of relation \"t3\" does not exist"), run(a,
                "MERGE INTO t3 USING s3 ON t3.a = s3.a WHEN MATCHED THEN UPDATE SET zz = 1"));
        assertEquals(List.of("E: 42703 column \"t2\" of relation \"t3\" does not exist"), run(a,
                "MERGE INTO t3 t2 USING s3 ON t2.a = s3.a WHEN MATCHED THEN UPDATE SET t2.b = 'x'"));
        query(a, "CREATE TABLE rt (a int)");
        query(a, "CREATE RULE rr AS ON INSERT TO rt DO INSTEAD NOTHING");
        assertEquals(List.of("E: 0A000 cannot execute MERGE on relation \"rt\""
                + " | MERGE is not supported for relations with rules."),
                run(a, "MERGE INTO rt USING s3 ON rt.a = s3.a WHEN MATCHED THEN DELETE"));
        query(a, "CREATE MATERIALIZED VIEW mv AS SELECT 1 AS a");
        assertEquals(List.of("E: 42809 cannot execute MERGE on relation \"mv\""
                + " | This operation is not supported for materialized views."),
                run(a, "MERGE INTO mv USING s3 ON mv.a = s3.a WHEN MATCHED THEN DELETE"));
        query(a, "CREATE SEQUENCE sq");
        assertEquals(List.of("E: 42809 cannot execute MERGE on relation \"sq\""
                + " | This operation is not supported for sequences."),
                run(a, "MERGE INTO sq USING s3 ON true WHEN MATCHED THEN DELETE"));
        query(a, "BEGIN READ ONLY");
        assertEquals(List.of("E: 25006 cannot execute MERGE in a read-only transaction"),
                run(a, "MERGE INTO t3 USING s3 ON t3.a = s3.a WHEN MATCHED THEN DELETE"));
        query(a, "ROLLBACK");
        assertEquals(List.of("MERGE 0"), run(a, "MERGE INTO ONLY t3 USING s3 ON t3.a = s3.a + 10 WHEN MATCHED THEN DELETE"));
    }

    @Test
    void partitionedAndInheritanceTargets() {
        query(a, "CREATE TABLE pt (a int, b text) PARTITION BY RANGE (a)");
        query(a, "CREATE TABLE pt1 PARTITION OF pt FOR VALUES FROM (0) TO (10)");
        query(a, "CREATE TABLE pt2 PARTITION OF pt FOR VALUES FROM (10) TO (20)");
        query(a, "INSERT INTO pt VALUES (1, 'p1'), (2, 'p2'), (11, 'p11')");
        query(a, "CREATE TABLE ps (a int, b text)");
        query(a, "INSERT INTO ps VALUES (1, 'move'), (2, 'del'), (11, 'stay'), (15, 'new'), (5, 'new5')");
        // a row moving to another partition, a delete, an update in place, inserts routed
        assertEquals(List.of("MERGE 5"), run(a, "MERGE INTO pt USING ps ON pt.a = ps.a"
                + " WHEN MATCHED AND ps.b = 'move' THEN UPDATE SET a = 12, b = ps.b"
                + " WHEN MATCHED AND ps.b = 'del' THEN DELETE"
                + " WHEN MATCHED THEN UPDATE SET b = ps.b || '!'"
                + " WHEN NOT MATCHED THEN INSERT VALUES (ps.a, ps.b)"));
        assertEquals(List.of("pt1|5|new5", "pt2|11|stay!", "pt2|12|move", "pt2|15|new", "SELECT 4"),
                run(a, "SELECT tableoid::regclass, * FROM pt ORDER BY a"));
        assertEquals(List.of("E: 23514 no partition of relation \"pt\" found for row"
                + " | Partition key of the failing row contains (a) = (30)."),
                run(a, "MERGE INTO pt USING (VALUES (30)) s(a) ON pt.a = s.a WHEN NOT MATCHED THEN INSERT VALUES (s.a)"));
        // an inheritance parent: matched rows of parent and child, inserts into the parent
        query(a, "CREATE TABLE ih (a int, b text)");
        query(a, "CREATE TABLE ihc (c int) INHERITS (ih)");
        query(a, "INSERT INTO ih VALUES (1, 'parent')");
        query(a, "INSERT INTO ihc VALUES (2, 'child', 0)");
        assertEquals(List.of("MERGE 5"), run(a, "MERGE INTO ih USING ps ON ih.a = ps.a"
                + " WHEN MATCHED THEN UPDATE SET b = ps.b WHEN NOT MATCHED THEN INSERT VALUES (ps.a, ps.b)"));
        assertEquals(List.of("ih|1|move", "ihc|2|del", "ih|5|new5", "ih|11|stay", "ih|15|new", "SELECT 5"),
                run(a, "SELECT tableoid::regclass, * FROM ih ORDER BY a"));
    }

    /** The error's cursor position (1-based), or 0 when the statement succeeded or the error has none. */
    private static String errorAt(String sql) {
        try {
            for (RawStatement st : a.parse(sql)) {
                a.prepare(st, new int[0]).bind(List.of(), new short[0], new short[0])
                        .execute(0, new DmlOnStorageTest.Client());
            }
            return "ok";
        } catch (PgException e) {
            return e.getMessage() + (e.hint() == null ? "" : " | " + e.hint()) + " @" + e.position();
        } catch (IOException e) {
            throw new AssertionError(e);
        } finally {
            a.sync();
        }
    }

    @Test
    void errorPositionsAndHints() {
        load("t4", "s4");
        // positions as PostgreSQL's cursor: at the column name (UPDATE's and INSERT's too), at the aggregate
        assertEquals("column \"nope\" of relation \"t4\" does not exist @15", errorAt("UPDATE t4 SET nope = 1"));
        assertEquals("column \"nope\" of relation \"t4\" does not exist @17",
                errorAt("INSERT INTO t4 (nope) VALUES (1)"));
        assertEquals("column \"a\" specified more than once @20", errorAt("INSERT INTO t4 (a, a) VALUES (1, 1)"));
        assertEquals("aggregate functions are not allowed in UPDATE @19", errorAt("UPDATE t4 SET b = sum(a)"));
        assertEquals("window functions are not allowed in UPDATE @19",
                errorAt("UPDATE t4 SET a = row_number() over ()"));
        String merge = "MERGE INTO t4 USING s4 ON t4.a = s4.a ";
        assertEquals("aggregate functions are not allowed in UPDATE @72",
                errorAt(merge + "WHEN MATCHED THEN UPDATE SET b = sum(s4.a)"));
        assertEquals("aggregate functions are not allowed in VALUES @76",
                errorAt(merge + "WHEN NOT MATCHED THEN INSERT VALUES (sum(s4.a))"));
        assertEquals("invalid reference to FROM-clause entry for table \"t4\" | There is an entry for table \"t4\","
                + " but it cannot be referenced from this part of the query. @76",
                errorAt(merge + "WHEN NOT MATCHED THEN INSERT VALUES (t4.a)"));
        assertEquals("column \"c\" does not exist | There is a column named \"c\" in table \"t4\", but it cannot be"
                + " referenced from this part of the query. @84",
                errorAt(merge + "WHEN NOT MATCHED THEN INSERT VALUES (1, 'x', c)"));
    }

    @Test
    void statementAndRowTriggers() {
        query(a, "CREATE TABLE tt (a int PRIMARY KEY, b int)");
        query(a, "CREATE TABLE ss (a int, b int)");
        query(a, "INSERT INTO tt VALUES (1, 10), (2, 20)");
        query(a, "INSERT INTO ss VALUES (1, 100), (3, 300)");
        query(a, "CREATE TABLE log (n serial, what text)");
        query(a, "CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " INSERT INTO log (what) VALUES (tg_name || ' ' || tg_op);"
                + " IF tg_level = 'ROW' THEN IF tg_op = 'DELETE' THEN RETURN old; END IF; RETURN new; END IF;"
                + " RETURN NULL; END $$");
        for (String when : new String[] {"before", "after"}) {
            for (String op : new String[] {"insert", "update", "delete"}) {
                query(a, "CREATE TRIGGER " + when.charAt(0) + "s_" + op.charAt(0) + " " + when + " " + op
                        + " ON tt FOR EACH STATEMENT EXECUTE FUNCTION trg()");
            }
            for (String op : new String[] {"insert", "update"}) {
                query(a, "CREATE TRIGGER " + when.charAt(0) + "r_" + op.charAt(0) + " " + when + " " + op
                        + " ON tt FOR EACH ROW EXECUTE FUNCTION trg()");
            }
        }
        assertEquals(List.of("MERGE 2"), run(a, "MERGE INTO tt USING ss ON tt.a = ss.a"
                + " WHEN MATCHED THEN UPDATE SET b = ss.b WHEN NOT MATCHED THEN INSERT VALUES (ss.a, ss.b)"));
        assertEquals(List.of("MERGE 0"), run(a, "MERGE INTO tt USING ss ON tt.a = ss.a"
                + " WHEN MATCHED AND false THEN DELETE WHEN NOT MATCHED AND false THEN INSERT VALUES (ss.a, ss.b)"));
        assertEquals(List.of("bs_i INSERT", "bs_u UPDATE", "br_u UPDATE", "br_i INSERT", "ar_u UPDATE", "ar_i INSERT",
                "as_u UPDATE", "as_i INSERT", "bs_i INSERT", "bs_d DELETE", "as_d DELETE", "as_i INSERT", "SELECT 12"),
                run(a, "SELECT what FROM log ORDER BY n"));
        assertEquals(List.of("1|100", "2|20", "3|300", "SELECT 3"), run(a, "SELECT * FROM tt ORDER BY a"));
    }

    @Test
    void privilegesOfTargetAndSource() {
        load("tp", "sp");
        query(a, "CREATE ROLE mr");
        query(a, "GRANT SELECT ON sp TO mr");
        query(a, "SET ROLE mr");
        try {
            checkPrivileges();
        } finally {
            query(a, "RESET ROLE");
        }
    }

    private static void checkPrivileges() {
        assertEquals(List.of("E: 42501 permission denied for table tp"), run(a,
                "MERGE INTO tp USING sp ON tp.a = sp.a WHEN MATCHED THEN DO NOTHING"));
        query(a, "RESET ROLE");
        query(a, "GRANT SELECT, INSERT ON tp TO mr");
        query(a, "GRANT USAGE ON SEQUENCE tp_c_seq TO mr");      // the serial column's nextval
        query(a, "SET ROLE mr");
        assertEquals(List.of("E: 42501 permission denied for table tp"), run(a,
                "MERGE INTO tp USING sp ON tp.a = sp.a WHEN MATCHED THEN DELETE"));
        assertEquals(List.of("E: 42501 permission denied for table tp"), run(a,
                "MERGE INTO tp USING sp ON tp.a = sp.a WHEN MATCHED THEN UPDATE SET b = 'x'"));
        assertEquals(List.of("MERGE 2"), run(a,
                "MERGE INTO tp USING sp ON tp.a = sp.a WHEN NOT MATCHED THEN INSERT VALUES (sp.a, sp.b)"));
        query(a, "RESET ROLE");
        query(a, "REVOKE SELECT ON sp FROM mr");
        query(a, "SET ROLE mr");
        assertEquals(List.of("E: 42501 permission denied for table sp"), run(a,
                "MERGE INTO tp USING sp ON tp.a = sp.a WHEN NOT MATCHED THEN INSERT VALUES (sp.a, sp.b)"));
    }

    @Test
    void parametersAndExplain() {
        load("tx", "sx");
        String merge = "MERGE INTO tx USING (SELECT $1::int AS a) s ON tx.a = s.a"
                + " WHEN MATCHED AND $1 > 0 THEN UPDATE SET b = 'u' || $1"
                + " WHEN NOT MATCHED THEN INSERT (a, b) VALUES ($1, 'i' || $1)";
        assertEquals(List.of("MERGE 1"), run(a, merge, 7));
        assertEquals(List.of("MERGE 1"), run(a, merge, 7));
        assertEquals(List.of("7|u7", "SELECT 1"), run(a, "SELECT a, b FROM tx WHERE a = 7"));
        assertEquals(List.of("Merge on tx", "  ->  Hash Left Join", "        Hash Cond: (sx.a = tx.a)",
                "        ->  Seq Scan on sx", "        ->  Hash", "              ->  Seq Scan on tx", "EXPLAIN"),
                run(a, "EXPLAIN (COSTS OFF) MERGE INTO tx USING sx ON tx.a = sx.a WHEN MATCHED THEN DELETE"
                        + " WHEN NOT MATCHED THEN INSERT VALUES (sx.a + 200)"));
        assertEquals(List.of("Merge on tx", "  ->  Hash Join", "        Hash Cond: (sx.a = tx.a)",
                "        ->  Seq Scan on sx", "        ->  Hash", "              ->  Seq Scan on tx", "EXPLAIN"),
                run(a, "EXPLAIN (COSTS OFF) MERGE INTO tx USING sx ON tx.a = sx.a WHEN MATCHED THEN DELETE"));
        // EXPLAIN ANALYZE runs it: what became of each source row
        // (the Hash node's lines are left out: Tusk's EXPLAIN ANALYZE does not print Buckets/Memory Usage)
        assertEquals(List.of("Merge on tx (actual rows=0 loops=1)", "  Tuples: inserted=1 updated=1 deleted=1 skipped=1",
                "  ->  Hash Left Join (actual rows=4 loops=1)", "        Hash Cond: (sx.a = tx.a)",
                "        ->  Seq Scan on sx (actual rows=4 loops=1)"),
                run(a, "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) MERGE INTO tx USING sx ON tx.a = sx.a"
                        + " WHEN MATCHED AND sx.a = 2 THEN DELETE WHEN MATCHED THEN UPDATE SET b = 'e'"
                        + " WHEN NOT MATCHED AND sx.b IS NOT NULL THEN INSERT VALUES (sx.a)").subList(0, 5));
        assertEquals(List.of("1|e", "3|three", "4|dflt", "7|u7", "SELECT 4"), run(a, "SELECT a, b FROM tx ORDER BY a"));
        // no source row: no Tuples line
        List<String> none = run(a, "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) MERGE INTO tx"
                + " USING (SELECT * FROM sx WHERE false) s ON tx.a = s.a WHEN MATCHED THEN DELETE");
        assertEquals("Merge on tx (actual rows=0 loops=1)", none.get(0));
        assertFalse(none.get(1).contains("Tuples:"), none.toString());
    }

    /**
     * Session a changes the target row in an open transaction; b's MERGE waits for it; a commits:
     * b's outcome, then the table.
     */
    private List<String> concurrentMerge(String isolation, String change) throws Exception {
        query(a, "DROP TABLE IF EXISTS acct");
        query(a, "CREATE TABLE acct (id int PRIMARY KEY, balance int)");
        query(a, "INSERT INTO acct VALUES (1, 100)");
        query(b, "BEGIN ISOLATION LEVEL " + isolation);
        query(b, "SELECT count(*) FROM acct");                    // takes the snapshot (REPEATABLE READ)
        query(a, "BEGIN");
        query(a, change);
        CompletableFuture<List<String>> waiting = CompletableFuture.supplyAsync(() -> run(b,
                "MERGE INTO acct USING (VALUES (1, 1)) AS s(id, delta) ON acct.id = s.id"
                        + " WHEN MATCHED AND acct.balance > 150 THEN UPDATE SET balance = 0"
                        + " WHEN MATCHED THEN UPDATE SET balance = acct.balance + s.delta"
                        + " WHEN NOT MATCHED THEN INSERT VALUES (s.id, -s.delta)"));
        Thread.sleep(300);
        assertFalse(waiting.isDone(), "b must wait for a's row lock");
        query(a, "COMMIT");
        List<String> result = new ArrayList<>(waiting.get(30, TimeUnit.SECONDS));
        query(b, "COMMIT");
        result.addAll(run(a, "SELECT * FROM acct ORDER BY id"));
        return result;
    }

    @Test
    void readCommittedRechecksTheNewestVersion() throws Exception {
        // still matching: the MATCHED clauses again from the top, over the new balance
        assertEquals(List.of("MERGE 1", "1|111", "SELECT 1"),
                concurrentMerge("READ COMMITTED", "UPDATE acct SET balance = balance + 10"));
        assertEquals(List.of("MERGE 1", "1|0", "SELECT 1"),
                concurrentMerge("READ COMMITTED", "UPDATE acct SET balance = balance + 100"));
        // no longer joining (the key changed) or deleted: NOT MATCHED
        assertEquals(List.of("MERGE 1", "1|-1", "2|100", "SELECT 2"),
                concurrentMerge("READ COMMITTED", "UPDATE acct SET id = 2"));
        assertEquals(List.of("MERGE 1", "1|-1", "SELECT 1"),
                concurrentMerge("READ COMMITTED", "DELETE FROM acct"));
    }

    @Test
    void repeatableReadGetsSerializationFailure() throws Exception {
        assertEquals(List.of("E: 40001 could not serialize access due to concurrent update", "1|110", "SELECT 1"),
                concurrentMerge("REPEATABLE READ", "UPDATE acct SET balance = balance + 10"));
    }
}
