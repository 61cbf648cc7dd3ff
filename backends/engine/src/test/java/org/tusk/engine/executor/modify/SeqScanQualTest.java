package org.tusk.engine.executor.modify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.storage.Snapshot;
import org.tusk.engine.executor.scan.ScanRelation;
import org.tusk.engine.executor.scan.SeqScanNode;
import org.tusk.engine.executor.scan.TupleCodec;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.expr.Expr;
import org.tusk.engine.types.PgType;
import org.tusk.heapam.FakeTransactions.Txn;

/**
 * A sequential scan that applies its qual deforms the leading columns the qual reads for every
 * visible row and only the passing rows whole; it returns those rows whole, in the row layout a
 * filter above it would have seen, with the ctid when asked.
 */
class SeqScanQualTest {

    @TempDir
    Path dir;
    StorageFixture storage;

    /** Counts what the scan asks of the codec it wraps. */
    static final class CountingCodec implements TupleCodec {
        final TupleCodec inner;
        int whole;
        int leading;
        int leadingColumns = -1;

        CountingCodec(TupleCodec inner) {
            this.inner = inner;
        }

        @Override public byte[] form(Object[] values) { return inner.form(values); }
        @Override public Object[] deform(byte[] data) { whole++; return inner.deform(data); }
        @Override public int columnCount() { return 3; }
        @Override public Object[] deformLeading(byte[] data, Snapshot snapshot, int columns) {
            leading++;
            leadingColumns = columns;
            return java.util.Arrays.copyOf(inner.deform(data), columns);   // what a partial deform gives
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        storage = new StorageFixture(dir);
    }

    @AfterEach
    void tearDown() {
        storage.close();
    }

    @Test
    void onlyThePassingRowIsDeformedWhole() {
        ResultRelation t = storage.table("tellers", List.of(new ResultColumn("tid", PgType.INT4, -1, true),
                new ResultColumn("bid", PgType.INT4, -1, true), new ResultColumn("filler", PgType.TEXT, -1, false)),
                List.of());
        ScanRelation plain = t.relation();
        Txn txn = storage.xacts.begin();
        for (int i = 1; i <= 30; i++) {
            storage.heap.insert(plain.locator(), plain.codec().form(new Object[] {i, (i - 1) / 10 + 1, "f" + i}), txn);
        }
        txn.commit();
        CountingCodec codec = new CountingCodec(plain.codec());
        ScanRelation counted = new ScanRelation(plain.name(), plain.locator(), plain.am(), codec);
        Txn reader = storage.xacts.begin();
        EvalContext ctx = new EvalContext(null, new Object[0]);
        SeqScanNode scan = new SeqScanNode(counted, reader.snapshot(), reader, ctx, true);
        // the level's row has another relation's two columns first: this one's start at 2
        Expr tidIs17 = new Expr() {
            @Override public PgType type() { return PgType.BOOL; }
            @Override public Object eval(EvalContext c) { return Integer.valueOf(17).equals(c.row()[2]); }
        };
        scan.filterBy(tidIs17, ctx, 6, 2, 1);
        Object[] row = scan.next();
        assertEquals(List.of(17, 2, "f17"), List.of(row[0], row[1], row[2]));
        assertEquals(4, row.length, "the three columns and the ctid");
        assertEquals(null, scan.next());
        assertEquals(30, codec.leading, "every visible row's leading columns");
        assertEquals(1, codec.leadingColumns);
        assertEquals(1, codec.whole, "only the passing row whole");
    }
}
