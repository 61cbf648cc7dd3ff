package org.tusk.engine.commands.sequence;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.error.PgException;
import org.tusk.api.storage.RelFileLocator;
import org.tusk.engine.commands.sequence.SequenceParameters.Option;
import org.tusk.engine.executor.modify.StorageFixture;
import org.tusk.engine.types.PgType;
import org.tusk.heapam.FakeTransactions.Txn;

/** Sequences: PostgreSQL 15's defaults, checks and messages (recorded from it), and nextval on the heap. */
class SequenceTest {

    @TempDir
    Path dir;

    private static SequenceParameters params(Option... options) {
        return SequenceParameters.from(List.of(options), null);
    }

    private static String error(Runnable r) {
        return assertThrows(PgException.class, r::run).getMessage();
    }

    @Test
    void parameterDefaultsAndChecks() {
        assertEquals(new SequenceParameters(PgType.INT8, 1, 1, Long.MAX_VALUE, 1, 1, false), params());
        assertEquals(new SequenceParameters(PgType.INT4, 1, 1, Integer.MAX_VALUE, 1, 1, false),
                params(new Option("as", PgType.INT4)));
        assertEquals(new SequenceParameters(PgType.INT8, -1, -1, -1, Long.MIN_VALUE, 1, false),
                params(new Option("increment", -1L)));
        assertEquals("INCREMENT must not be zero", error(() -> params(new Option("increment", 0L))));
        assertEquals("MINVALUE (5) must be less than MAXVALUE (1)",
                error(() -> params(new Option("minvalue", 5L), new Option("maxvalue", 1L))));
        assertEquals("START value (0) cannot be less than MINVALUE (1)", error(() -> params(new Option("start", 0L))));
        assertEquals("START value (100) cannot be greater than MAXVALUE (10)",
                error(() -> params(new Option("start", 100L), new Option("maxvalue", 10L))));
        assertEquals("MAXVALUE (100000) is out of range for sequence data type smallint",
                error(() -> params(new Option("as", PgType.INT2), new Option("maxvalue", 100000L))));
        assertEquals("sequence type must be smallint, integer, or bigint",
                error(() -> params(new Option("as", PgType.TEXT))));
        assertEquals("CACHE (0) must be greater than zero", error(() -> params(new Option("cache", 0L))));
    }

    @Test
    void nextvalLimitsCycleAndSetval() {
        SequenceParameters max3 = params(new Option("maxvalue", 3L));
        SequenceValue v = SequenceValue.initial(1);
        for (long expected = 1; expected <= 3; expected++) {
            SequenceValue.Next n = v.next(max3, "s1");
            assertEquals(expected, n.value());
            v = n.row();
        }
        SequenceValue last = v;
        PgException limit = assertThrows(PgException.class, () -> last.next(max3, "s1"));
        assertEquals("2200H", limit.sqlState());
        assertEquals("nextval: reached maximum value of sequence \"s1\" (3)", limit.getMessage());

        SequenceParameters down = params(new Option("increment", -1L), new Option("minvalue", -2L),
                new Option("maxvalue", 0L));
        SequenceValue d = SequenceValue.initial(down.start());
        d = d.next(down, "s2").row();
        d = d.next(down, "s2").row();
        d = d.next(down, "s2").row();
        assertEquals(-2, d.lastValue());
        SequenceValue dl = d;
        assertEquals("nextval: reached minimum value of sequence \"s2\" (-2)",
                error(() -> dl.next(down, "s2")));

        SequenceParameters cyc = params(new Option("cycle", null), new Option("maxvalue", 2L));
        SequenceValue c = SequenceValue.initial(1);
        long[] got = new long[3];
        for (int i = 0; i < 3; i++) {
            SequenceValue.Next n = c.next(cyc, "s11");
            got[i] = n.value();
            c = n.row();
        }
        assertArrayEquals(new long[] {1, 2, 1}, got);

        assertEquals("setval: value 10 is out of bounds for sequence \"s1\" (1..3)",
                error(() -> SequenceValue.set(max3, "s1", 10, true)));
        SequenceValue notCalled = SequenceValue.set(max3, "s1", 2, false);
        assertEquals(2, notCalled.next(max3, "s1").value());

        SessionSequences session = new SessionSequences();
        PgException undefined = assertThrows(PgException.class, () -> session.currval(42, "s3"));
        assertEquals("55000", undefined.sqlState());
        assertEquals("currval of sequence \"s3\" is not yet defined in this session", undefined.getMessage());
        assertEquals("lastval is not yet defined in this session", error(() -> session.lastval(oid -> true)));
        session.remember(42, 7);
        assertEquals(7, session.currval(42, "s3"));
        assertEquals(7, session.lastval(oid -> true));
    }

    @Test
    void nextvalIsNotUndoneByAbortAndIsWalLogged() throws Exception {
        try (StorageFixture storage = new StorageFixture(dir)) {
            RelFileLocator seq = RelFileLocator.of(5, 20000);
            storage.heap.createStorage(seq);
            SequenceParameters p = params();
            Txn create = storage.xacts.begin();
            SequenceStorage.initialize(storage.heap, seq, p, create);
            create.commit();

            Txn aborted = storage.xacts.begin();
            assertEquals(1, SequenceStorage.nextval(storage.heap, seq, p, "s"));
            assertEquals(2, SequenceStorage.nextval(storage.heap, seq, p, "s"));
            aborted.abort();
            Txn next = storage.xacts.begin();
            assertEquals(3, SequenceStorage.nextval(storage.heap, seq, p, "s"));
            assertEquals(new SequenceValue(3, 30, true), SequenceStorage.read(storage.heap, seq, next.snapshot(), next));
            long inplace = storage.wal.records.stream().filter(r -> (r.info() & 0x70) == 0x70).count();
            assertEquals(3, inplace);
        }
    }
}
