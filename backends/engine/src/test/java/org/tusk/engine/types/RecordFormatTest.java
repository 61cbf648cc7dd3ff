package org.tusk.engine.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.api.error.PgException;
import org.tusk.engine.access.TupleFormat;

/** record_in/out/send/recv; expected texts recorded from PostgreSQL 15. */
class RecordFormatTest {
    private static final TypeContext CTX = TypeContext.DEFAULT;
    private static final RowType CT = new RowType(16500, List.of(RowType.Field.of("a", PgType.INT4, -1),
            RowType.Field.of("b", PgType.TEXT, -1)));

    @Test
    void outputQuotesLikeRecordOut() {
        RowType inner = RowType.anonymous(List.of(RowType.Field.of("f1", PgType.INT4, -1),
                RowType.Field.of("f2", PgType.TEXT, -1)));
        RowType outer = RowType.anonymous(List.of(RowType.Field.of("f1", PgType.INT4, -1),
                RowType.Field.of("f2", PgType.TEXT, -1), RowType.Field.of("f3", PgType.TEXT, -1),
                RowType.Field.of("f4", PgType.TEXT, -1), RowType.Field.of("f5", PgType.TEXT, -1),
                RowType.Field.of("f6", PgType.RECORD, -1), RowType.Field.of("f7", PgType.INT4_ARRAY, -1)));
        RecordValue v = new RecordValue(outer, new Object[] {1, "a b", null, "", "q\"\\",
            new RecordValue(inner, new Object[] {2, "(x)"}),
            new ArrayValue(PgType.INT4, new int[] {2}, new int[] {1}, new Object[] {1, 2})});
        // select row(1,'a b',null,'',E'q"\\',row(2,'(x)'), array[1,2]);
        assertEquals("(1,\"a b\",,\"\",\"q\"\"\\\\\",\"(2,\"\"(x)\"\")\",\"{1,2}\")", TextFormat.output(PgType.RECORD, v, CTX));
    }

    @Test
    void arrayOfRecordsQuotesElements() {
        RowType t = RowType.anonymous(List.of(RowType.Field.of("f1", PgType.INT4, -1),
                RowType.Field.of("f2", PgType.TEXT, -1)));
        ArrayValue a = new ArrayValue(PgType.RECORD, new int[] {2}, new int[] {1},
                new Object[] {new RecordValue(t, new Object[] {1, "a"}), new RecordValue(t, new Object[] {2, null})});
        assertEquals("{\"(1,a)\",\"(2,)\"}", TextFormat.output(PgType._RECORD, a, CTX));
    }

    @Test
    void inputAcceptsQuotesEscapesAndBlanks() {
        int typmod = RecordTypmods.register(CT);
        assertEquals("(1,\" x y \")", RecordFormat.output((RecordValue) TextFormat.input(PgType.RECORD, typmod,
                "( 1 , x y )", CTX), CTX));
        assertEquals("(1,\"a\"\"b\\\\c\")", RecordFormat.output(RecordFormat.input(CT, "(1,\"a\"\"b\\\\c\")", CTX), CTX));
        RecordValue nulls = RecordFormat.input(CT, "(,)", CTX);
        assertArrayEquals(new Object[] {null, null}, nulls.fields());
        assertEquals("", RecordFormat.input(CT, "(1,\"\")", CTX).fields()[1]);
    }

    @Test
    void malformedLiteralsReportPostgresDetails() {
        assertDetail("(1)", "Too few columns.");
        assertDetail("(1,2,3)", "Too many columns.");
        assertDetail("1,2", "Missing left parenthesis.");
        assertDetail("(1,2) x", "Junk after right parenthesis.");
        assertDetail("(1,\"2", "Unexpected end of input.");
    }

    private static void assertDetail(String text, String detail) {
        PgException e = assertThrows(PgException.class, () -> RecordFormat.input(CT, text, CTX));
        assertEquals("22P02", e.sqlState());
        assertEquals("malformed record literal: \"" + text + "\"", e.getMessage());
        assertEquals(detail, e.detail());
    }

    @Test
    void binaryRoundTripIsRecordSend() {
        RecordValue v = new RecordValue(CT, new Object[] {7, null});
        byte[] b = BinaryFormat.send(PgType.RECORD, v, CTX);
        // ncols 2 | oid 23, len 4, 7 | oid 25, len -1
        assertArrayEquals(new byte[] {0, 0, 0, 2, 0, 0, 0, 23, 0, 0, 0, 4, 0, 0, 0, 7, 0, 0, 0, 25, -1, -1, -1, -1}, b);
        assertEquals(v, BinaryFormat.receive(PgType.RECORD, RecordTypmods.register(CT), b, CTX));
        PgException e = assertThrows(PgException.class, () -> RecordFormat.receive(CT, new byte[] {0, 0, 0, 1}, CTX));
        assertEquals("wrong number of columns: 1, expected 2", e.getMessage());
    }

    @Test
    void storedRecordsKeepTheirShape() {
        RecordValue v = new RecordValue(CT, new Object[] {3, "x"});
        Object[] back = TupleFormat.deform(TupleFormat.form(new Object[] {v, null}), 2);
        RecordValue r = (RecordValue) back[0];
        assertEquals(v, r);
        assertEquals(CT, r.type());
    }
}
