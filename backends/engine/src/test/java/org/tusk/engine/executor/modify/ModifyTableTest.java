package org.tusk.engine.executor.modify;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.error.PgException;
import org.tusk.api.storage.ScanBounds;
import org.tusk.api.storage.TransactionStatus;
import org.tusk.engine.executor.PlanState;
import org.tusk.engine.executor.scan.IndexKeyEncoding;
import org.tusk.engine.executor.scan.IndexScanNode;
import org.tusk.engine.executor.scan.SeqScanNode;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.expr.VarExpr;
import org.tusk.engine.types.PgType;
import org.tusk.heapam.FakeTransactions.Txn;

/**
 * ModifyTable, SeqScan and IndexScan over the real heap and btree: the
 * constraint errors and messages of PostgreSQL 15 (recorded from it), ON
 * CONFLICT, RETURNING, and what READ COMMITTED / REPEATABLE READ do when
 * another transaction changed the row (the other transaction "commits while
 * we wait" through FakeTransactions.onWait).
 */
class ModifyTableTest {

    @TempDir
    Path dir;
    StorageFixture storage;
    ResultRelation t;
    final EvalContext ctx = new EvalContext(null, new Object[0]);

    static Expr var(int attno, PgType type) {
        return new VarExpr(attno, type, -1, "t", "c" + attno);
    }

    static Expr fn(PgType type, Function<Object[], Object> f) {
        return new Expr() {
            @Override public PgType type() { return type; }
            @Override public Object eval(EvalContext c) { return f.apply(c.row()); }
        };
    }

    static PlanState values(Object[]... rows) {
        Iterator<Object[]> it = Arrays.asList(rows).iterator();
        return () -> it.hasNext() ? it.next().clone() : null;
    }

    static List<List<Object>> drain(PlanState node) {
        List<List<Object>> out = new ArrayList<>();
        for (Object[] row = node.next(); row != null; row = node.next()) {
            out.add(Arrays.asList(row));
        }
        return out;
    }

    @BeforeEach
    void setUp() throws Exception {
        storage = new StorageFixture(dir);
        // create table t(a int primary key, b text not null, c numeric check (c > 0), d varchar(3))
        t = storage.table("t", List.of(
                        new ResultColumn("a", PgType.INT4, -1, true),
                        new ResultColumn("b", PgType.TEXT, -1, true),
                        new ResultColumn("c", PgType.NUMERIC, -1, false),
                        new ResultColumn("d", PgType.VARCHAR, 3 + 4, false)),
                List.of(new CheckConstraint("t_c_check", fn(PgType.BOOL,
                        r -> r[2] == null ? null : ((BigDecimal) r[2]).signum() > 0))),
                new int[] {0});
    }

    @AfterEach
    void tearDown() {
        storage.close();
    }

    private TableModifier modifier(Txn txn) {
        return new TableModifier(t, txn, txn.snapshot(), ctx);
    }

    private long insert(Txn txn, Object[]... rows) {
        long n = ModifyTableNode.insert(modifier(txn), values(rows), ctx, null, null).runToCompletion();
        txn.next();
        return n;
    }

    private static Object[] row(int a, String b, String c, String d) {
        return new Object[] {a, b, c == null ? null : new BigDecimal(c), d};
    }

    private List<List<Object>> selectAll(Txn txn) {
        return drain(new SeqScanNode(t.relation(), txn.snapshot(), txn, ctx, false));
    }

    private PgException error(Runnable r) {
        return assertThrows(PgException.class, r::run);
    }

    @Test
    void constraintErrorsAsPostgres() {
        Txn txn = storage.xacts.begin();
        assertEquals(1, insert(txn, row(1, "x", "1.5", "abc")));
        PgException dup = error(() -> insert(txn, row(1, "y", "2", "ab")));
        assertEquals("23505", dup.sqlState());
        assertEquals("duplicate key value violates unique constraint \"t_a_key\"", dup.getMessage());
        assertEquals("Key (a)=(1) already exists.", dup.detail());

        PgException notNull = error(() -> insert(txn, row(2, null, "2", "ab")));
        assertEquals("23502", notNull.sqlState());
        assertEquals("null value in column \"b\" of relation \"t\" violates not-null constraint",
                notNull.getMessage());
        assertEquals("Failing row contains (2, null, 2, ab).", notNull.detail());

        PgException check = error(() -> insert(txn, row(2, "x", "-2", "ab")));
        assertEquals("23514", check.sqlState());
        assertEquals("new row for relation \"t\" violates check constraint \"t_c_check\"", check.getMessage());
        assertEquals("Failing row contains (2, x, -2, ab).", check.detail());

        PgException tooLong = error(() -> insert(txn, row(2, "x", "2", "abcd")));
        assertEquals("22001", tooLong.sqlState());
        assertEquals("value too long for type character varying(3)", tooLong.getMessage());
    }

    @Test
    void multiColumnUniqueDetailAndNullsNeverConflict() throws Exception {
        ResultRelation u = storage.table("u", List.of(new ResultColumn("a", PgType.INT4, -1, false),
                new ResultColumn("b", PgType.TEXT, -1, false)), List.of(), new int[] {0, 1});
        Txn txn = storage.xacts.begin();
        TableModifier m = new TableModifier(u, txn, txn.snapshot(), ctx);
        m.insert(new Object[] {1, null});
        m.insert(new Object[] {1, null});
        m.insert(new Object[] {1, "x"});
        PgException dup = error(() -> m.insert(new Object[] {1, "x"}));
        assertEquals("duplicate key value violates unique constraint \"u_a_b_key\"", dup.getMessage());
        assertEquals("Key (a, b)=(1, x) already exists.", dup.detail());
    }

    @Test
    void updateDeleteReturningAndScans() {
        Txn txn = storage.xacts.begin();
        for (int i = 1; i <= 50; i++) {
            insert(txn, row(i, "r" + i, Integer.toString(i), null));
        }
        // UPDATE t SET c = c + 100 WHERE a % 10 = 0 RETURNING a, c
        Expr where = fn(PgType.BOOL, r -> (Integer) r[0] % 10 == 0);
        PlanState source = filter(new SeqScanNode(t.relation(), txn.snapshot(), txn, ctx, true), where);
        Expr[] set = {var(0, PgType.INT4), var(1, PgType.TEXT),
                fn(PgType.NUMERIC, r -> ((BigDecimal) r[2]).add(BigDecimal.valueOf(100))), var(3, PgType.VARCHAR)};
        ModifyTableNode update = ModifyTableNode.update(modifier(txn), source, ctx, set, 4, where,
                new Expr[] {var(0, PgType.INT4), var(2, PgType.NUMERIC)});
        List<List<Object>> returned = drain(update);
        assertEquals(5, update.processed());
        assertEquals(List.of(10, new BigDecimal("110")), returned.get(0));
        txn.next();

        // the index finds the new versions only
        List<List<Object>> viaIndex = drain(indexScan(txn, ScanBounds.equal(key(20))));
        assertEquals(List.of(List.of(20, "r20", new BigDecimal("120"))), viaIndex.stream()
                .map(r -> r.subList(0, 3)).toList());
        List<List<Object>> range = drain(indexScan(txn, ScanBounds.range(key(8), false, key(12), true)));
        assertEquals(List.of(9, 10, 11, 12), range.stream().map(r -> r.get(0)).toList());

        // DELETE FROM t WHERE a > 45 RETURNING *
        Expr gt45 = fn(PgType.BOOL, r -> (Integer) r[0] > 45);
        ModifyTableNode delete = ModifyTableNode.delete(modifier(txn),
                filter(new SeqScanNode(t.relation(), txn.snapshot(), txn, ctx, true), gt45), ctx, 4, gt45,
                new Expr[] {var(0, PgType.INT4)});
        assertEquals(List.of(List.of(46), List.of(47), List.of(48), List.of(49), List.of(50)), drain(delete));
        txn.next();
        assertEquals(45, selectAll(txn).size());
        txn.commit();
        // a key freed by a committed delete can be inserted again
        Txn next = storage.xacts.begin();
        assertEquals(1, insert(next, row(50, "again", "1", null)));
    }

    private IndexScanNode indexScan(Txn txn, ScanBounds bounds) {
        ResultIndex pk = t.indexes().get(0);
        return new IndexScanNode(t.relation(), pk.am(), pk.descriptor(), bounds, txn.snapshot(), txn, ctx, true);
    }

    private static byte[] key(int a) {
        return IndexKeyEncoding.encode(List.of(PgType.INT4), new Object[] {a});
    }

    private PlanState filter(PlanState in, Expr qual) {
        return () -> {
            for (Object[] row = in.next(); row != null; row = in.next()) {
                ctx.setRow(row);
                if (Boolean.TRUE.equals(qual.eval(ctx))) {
                    return row;
                }
            }
            return null;
        };
    }

    @Test
    void onConflictDoNothingAndDoUpdateWithExcluded() {
        Txn txn = storage.xacts.begin();
        insert(txn, row(1, "x", "1.5", "abc"));
        OnConflict nothing = OnConflict.doNothing(t.indexes());
        ModifyTableNode n1 = ModifyTableNode.insert(modifier(txn), values(row(1, "dup", null, null),
                row(2, "new", null, null)), ctx, nothing, null);
        assertEquals(1, n1.runToCompletion());
        txn.next();
        // ON CONFLICT (a) DO UPDATE SET b = excluded.b || t.b RETURNING *
        Expr[] set = {var(0, PgType.INT4), fn(PgType.TEXT, r -> (String) r[5] + r[1]), var(2, PgType.NUMERIC),
                var(3, PgType.VARCHAR)};
        OnConflict upsert = new OnConflict(true, t.indexes(), set, null);
        ModifyTableNode n2 = ModifyTableNode.insert(modifier(txn), values(row(1, "z", "1", "a")), ctx, upsert,
                new Expr[] {var(0, PgType.INT4), var(1, PgType.TEXT), var(2, PgType.NUMERIC), var(3, PgType.VARCHAR)});
        assertEquals(List.of(List.of(1, "zx", new BigDecimal("1.5"), "abc")), drain(n2));
        txn.next();
        PgException twice = error(() -> ModifyTableNode.insert(modifier(txn),
                values(row(7, "z", "1", "a"), row(7, "q", "1", "a")), ctx, upsert, null).runToCompletion());
        assertEquals("21000", twice.sqlState());
        assertEquals("ON CONFLICT DO UPDATE command cannot affect row a second time", twice.getMessage());
    }

    /** UPDATE t SET c = c + 1 WHERE a = 1, by txn, while {@code other} updated the row and commits meanwhile. */
    private long concurrentIncrement(boolean repeatableRead, boolean otherCommits) {
        Txn setup = storage.xacts.begin();
        insert(setup, row(1, "x", "10", null));
        setup.commit();

        Txn mine = storage.xacts.begin();
        mine.repeatableRead = repeatableRead;
        var snapshot = mine.snapshot();                 // taken before the other transaction's change

        Txn other = storage.xacts.begin();
        Expr[] plus5 = {var(0, PgType.INT4), var(1, PgType.TEXT),
                fn(PgType.NUMERIC, r -> ((BigDecimal) r[2]).add(BigDecimal.valueOf(5))), var(3, PgType.VARCHAR)};
        ModifyTableNode.update(modifier(other), new SeqScanNode(t.relation(), other.snapshot(), other, ctx, true), ctx,
                plus5, 4, null, null).runToCompletion();

        storage.xacts.onWait = xid -> {
            assertEquals(other.xid, xid);
            if (otherCommits) {
                other.commit();
            } else {
                other.abort();
            }
        };
        Expr aIs1 = fn(PgType.BOOL, r -> (Integer) r[0] == 1);
        Expr[] plus1 = {var(0, PgType.INT4), var(1, PgType.TEXT),
                fn(PgType.NUMERIC, r -> ((BigDecimal) r[2]).add(BigDecimal.ONE)), var(3, PgType.VARCHAR)};
        ModifyTableNode update = ModifyTableNode.update(new TableModifier(t, mine, snapshot, ctx),
                filter(new SeqScanNode(t.relation(), snapshot, mine, ctx, true), aIs1), ctx, plus1, 4, aIs1, null);
        long n = update.runToCompletion();
        mine.commit();
        return n;
    }

    private BigDecimal committedC() {
        Txn reader = storage.xacts.begin();
        List<List<Object>> rows = selectAll(reader);
        assertEquals(1, rows.size());
        return (BigDecimal) rows.get(0).get(2);
    }

    @Test
    void readCommittedFollowsTheUpdateChain() {
        assertEquals(1, concurrentIncrement(false, true));
        assertEquals(new BigDecimal("16"), committedC());    // 10 + 5 + 1: no lost update
    }

    @Test
    void readCommittedAfterTheOtherAborted() {
        assertEquals(1, concurrentIncrement(false, false));
        assertEquals(new BigDecimal("11"), committedC());
    }

    @Test
    void repeatableReadRaisesSerializationFailure() {
        PgException e = error(() -> concurrentIncrement(true, true));
        assertEquals("40001", e.sqlState());
        assertEquals("could not serialize access due to concurrent update", e.getMessage());
    }

    @Test
    void uniqueCheckWaitsForTheInserter() {
        Txn first = storage.xacts.begin();
        insert(first, row(5, "first", null, null));
        Txn second = storage.xacts.begin();
        storage.xacts.onWait = xid -> first.commit();
        PgException dup = error(() -> insert(second, row(5, "second", null, null)));
        assertEquals("23505", dup.sqlState());

        Txn third = storage.xacts.begin();
        insert(third, row(6, "third", null, null));
        Txn fourth = storage.xacts.begin();
        storage.xacts.onWait = xid -> third.abort();
        assertEquals(1, insert(fourth, row(6, "fourth", null, null)));
        assertEquals(TransactionStatus.ABORTED, storage.xacts.status(third.xid));
    }
}
