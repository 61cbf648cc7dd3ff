package org.tusk.engine.commands.copy;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.api.error.PgException;
import org.tusk.engine.executor.modify.ResultColumn;
import org.tusk.engine.executor.modify.ResultRelation;
import org.tusk.engine.executor.modify.StorageFixture;
import org.tusk.engine.executor.modify.TableModifier;
import org.tusk.engine.executor.scan.SeqScanNode;
import org.tusk.engine.expr.EvalContext;
import org.tusk.engine.types.PgType;
import org.tusk.heapam.FakeTransactions.Txn;

/** COPY FROM/TO in text and CSV against the real heap; expected texts recorded from PostgreSQL 15. */
class CopyTest {

    @TempDir
    Path dir;
    StorageFixture storage;
    ResultRelation c;
    final EvalContext ctx = new EvalContext(null, new Object[0]);

    @BeforeEach
    void setUp() throws Exception {
        storage = new StorageFixture(dir);
        c = storage.table("c", List.of(new ResultColumn("a", PgType.INT4, -1, true),
                new ResultColumn("b", PgType.TEXT, -1, false)), List.of());
    }

    @AfterEach
    void tearDown() {
        storage.close();
    }

    private long copyIn(Txn txn, String data, CopyOptions.Option... options) {
        CopyOptions o = CopyOptions.parse(List.of(options), true);
        long n = new CopyFrom(new TableModifier(c, txn, txn.snapshot(), ctx), new int[] {0, 1}, null, o, ctx)
                .run(new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8)));
        txn.next();
        return n;
    }

    private String copyOut(Txn txn, CopyOptions.Option... options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CopyTo.run(new SeqScanNode(c.relation(), txn.snapshot(), txn, ctx, false), List.of("a", "b"),
                List.of(PgType.INT4, PgType.TEXT), CopyOptions.parse(List.of(options), false), ctx, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static CopyOptions.Option opt(String name, String value) {
        return CopyOptions.Option.of(name, value);
    }

    @Test
    void textAndCsvRoundTripsAsPostgres() {
        Txn txn = storage.xacts.begin();
        assertEquals(2, copyIn(txn, "a,b\n1,\n2,\"x\"\"y\"\n", opt("format", "csv"), opt("header", null),
                new CopyOptions.Option("force_not_null", null, List.of("b"))));
        assertEquals(2, copyIn(txn, "3\t\\N\n4\ta\\tb\\\\c\\x41\\101\n\\.\nignored after the end marker\n"));
        assertEquals("1\t\n2\tx\"y\n3\t\\N\n4\ta\\tb\\\\cAA\n", copyOut(txn));
        assertEquals("a,b\n1,\"\"\n2,\"x\"\"y\"\n3,\n4,\"a\tb\\cAA\"\n", copyOut(txn, opt("format", "csv"),
                new CopyOptions.Option("force_quote", null, List.of("b")), opt("header", null)));
        assertEquals("1;\n2;x\"y\n3;NUL\n4;a\tb\\cAA\n", copyOut(txn, opt("format", "csv"), opt("delimiter", ";"),
                opt("null", "NUL"), opt("quote", "'")));
    }

    @Test
    void errorsCarryTheLineAndRollBackTheWholeCopy() {
        Txn txn = storage.xacts.begin();
        PgException bad = assertThrows(PgException.class, () -> copyIn(txn, "1\tx\n2\ty\nz\tw\n"));
        assertEquals("22P02", bad.sqlState());
        assertEquals("invalid input syntax for type integer: \"z\"", bad.getMessage());
        assertEquals("COPY c, line 3, column a: \"z\"", bad.context());
        txn.abort();
        assertEquals("", copyOut(storage.xacts.begin()));          // the two good rows went with it

        Txn t2 = storage.xacts.begin();
        PgException extra = assertThrows(PgException.class, () -> copyIn(t2, "1\tx\ty\n"));
        assertEquals("22P04", extra.sqlState());
        assertEquals("extra data after last expected column", extra.getMessage());
        assertEquals("COPY c, line 1: \"1\tx\ty\"", extra.context());
        PgException missing = assertThrows(PgException.class, () -> copyIn(t2, "1\n"));
        assertEquals("missing data for column \"b\"", missing.getMessage());
        PgException unterminated = assertThrows(PgException.class,
                () -> copyIn(t2, "1,\"abc\n", opt("format", "csv")));
        assertEquals("unterminated CSV quoted field", unterminated.getMessage());
        PgException multi = assertThrows(PgException.class,
                () -> copyIn(t2, "1,x\nzz,\"a\nb\"\n", opt("format", "csv")));
        assertEquals("COPY c, line 3, column a: \"zz\"", multi.context());
        String longValue = "y".repeat(130);
        PgException notNull = assertThrows(PgException.class, () -> copyIn(t2, "1\tx\n\\N\t" + longValue + "\n"));
        assertEquals("23502", notNull.sqlState());
        assertEquals("Failing row contains (null, " + "y".repeat(64) + "...).", notNull.detail());
        assertEquals("COPY c, line 2: \"\\N\t" + "y".repeat(97) + "...\"", notNull.context());
    }

    @Test
    void batchedRowsAreStoredInOrderAcrossPages() {
        Txn txn = storage.xacts.begin();
        StringBuilder in = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 2500; i++) {                 // several flushes of the multi-insert buffer
            in.append(i).append('\t').append("v".repeat(30)).append('\n');
        }
        expected.append(in);
        assertEquals(2500, copyIn(txn, in.toString()));
        assertEquals(expected.toString(), copyOut(txn));
    }

    @Test
    void linesLongerThanTheReadAheadAndAcrossItsRefills() {
        Txn txn = storage.xacts.begin();
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 30; i++) {                   // 7 kB lines: most cross a 64 kB refill somewhere
            in.append(i).append('\t').append(i % 2 == 0 ? "w" : "\\w").append("w".repeat(7000)).append("\r\n");
        }
        in.append("30\t\\N");                            // no line end before EOF
        assertEquals(31, copyIn(txn, in.toString()));
        String out = copyOut(txn);
        String[] lines = out.split("\n");
        assertEquals(31, lines.length);
        java.util.Arrays.sort(lines, java.util.Comparator.comparingInt(l -> Integer.parseInt(l.split("\t")[0])));
        assertTrue(lines[1].equals("1\t" + "w".repeat(7001)), "a field with an escape (\\w is w), across lines");
        assertTrue(lines[28].equals("28\t" + "w".repeat(7001)), "a plain field");
        assertEquals("30\t\\N", lines[30]);
    }

    @Test
    void optionValidationAsPostgres() {
        assertEquals("COPY delimiter must be a single one-byte character", assertThrows(PgException.class,
                () -> CopyOptions.parse(List.of(opt("format", "csv"), opt("delimiter", "ab")), true)).getMessage());
        assertEquals("COPY quote available only in CSV mode", assertThrows(PgException.class,
                () -> CopyOptions.parse(List.of(opt("format", "text"), opt("quote", "\"")), true)).getMessage());
        assertEquals("COPY delimiter and quote must be different", assertThrows(PgException.class,
                () -> CopyOptions.parse(List.of(opt("format", "csv"), opt("delimiter", ","), opt("quote", ",")),
                        true)).getMessage());
        assertTrue(CopyOptions.parse(List.of(opt("freeze", "on")), true).freeze);
    }
}
