package org.tusk.engine.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tusk.api.error.PgException;

/** Array and uuid I/O; expected texts recorded from PostgreSQL 15 (see comments). */
class TypesArrayUuidTest {
    private static final TypeContext CTX = TypeContext.DEFAULT;

    @Test
    void pgTypeHasPgTypeFacts() {
        assertEquals(1007, PgType.INT4_ARRAY.oid());
        assertEquals(PgType.INT4, PgType.INT4_ARRAY.elementType());
        assertEquals(PgType.INT4_ARRAY, PgType.INT4.arrayType());
        assertEquals("integer[]", PgType.INT4_ARRAY.displayName());
        assertEquals(';', PgType.BOX.delimiter());
        assertEquals(PgType.UUID, PgType.byTypname("uuid"));
        assertEquals("numeric(10,2)", PgType.NUMERIC.displayName((10 << 16 | 2) + 4));
    }

    @Test
    void arrayOutputQuotesAndDecorates() {
        // select '{1,NULL,3}'::int[], array['a b','','null','x"y',NULL], '[0:1]={7,8}'::int[], '{{1,2},{3,4}}'::int[], '{}'::int[]
        assertEquals("{1,NULL,3}", TextFormat.output(PgType.INT4_ARRAY, ArrayValue.of(PgType.INT4, 1, null, 3), CTX));
        assertEquals("{\"a b\",\"\",\"null\",\"x\\\"y\",NULL}",
                TextFormat.output(PgType.TEXT_ARRAY, ArrayValue.of(PgType.TEXT, "a b", "", "null", "x\"y", null), CTX));
        assertEquals("[0:1]={7,8}", TextFormat.output(PgType.INT4_ARRAY,
                new ArrayValue(PgType.INT4, new int[] {2}, new int[] {0}, new Object[] {7, 8}), CTX));
        assertEquals("{{1,2},{3,4}}", TextFormat.output(PgType.INT4_ARRAY,
                new ArrayValue(PgType.INT4, new int[] {2, 2}, new int[] {1, 1}, new Object[] {1, 2, 3, 4}), CTX));
        assertEquals("{}", TextFormat.output(PgType.INT4_ARRAY, ArrayValue.empty(PgType.INT4), CTX));
    }

    @Test
    void arrayBinaryRoundTrip() {
        ArrayValue a = new ArrayValue(PgType.TEXT, new int[] {2, 2}, new int[] {0, 1}, new Object[] {"a", null, "", "d"});
        byte[] wire = BinaryFormat.send(PgType.TEXT_ARRAY, a, CTX);
        assertEquals(a, BinaryFormat.receive(PgType.TEXT_ARRAY, -1, wire, CTX));
        ArrayValue empty = ArrayValue.empty(PgType.INT8);
        assertEquals(empty, BinaryFormat.receive(PgType.INT8_ARRAY, -1, BinaryFormat.send(PgType.INT8_ARRAY, empty, CTX), CTX));
        PgException e = assertThrows(PgException.class, () -> BinaryFormat.receive(PgType.INT4_ARRAY, -1, wire, CTX));
        assertEquals("42804", e.sqlState());
    }

    @Test
    void uuidInputForms() {
        UUID u = UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        assertEquals(u, TextFormat.input(PgType.UUID, -1, "{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11}", CTX));
        assertEquals(u, TextFormat.input(PgType.UUID, -1, "a0eebc999c0b4ef8bb6d6bb9bd380a11", CTX));
        assertEquals(u, TextFormat.input(PgType.UUID, -1, "a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11", CTX));
        assertEquals("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", TextFormat.output(PgType.UUID, u, CTX));
        PgException e = assertThrows(PgException.class,
                () -> TextFormat.input(PgType.UUID, -1, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1", CTX));
        assertEquals("22P02", e.sqlState());
        assertEquals("invalid input syntax for type uuid: \"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1\"", e.getMessage());
        assertEquals(u, BinaryFormat.receive(PgType.UUID, -1, BinaryFormat.send(PgType.UUID, u, CTX), CTX));
    }

    @Test
    void byteaTextFormatsAndBinaryRoundTrip() {
        byte[] b = (byte[]) TextFormat.input(PgType.BYTEA, -1, "\\x00415c7f80", TypeContext.DEFAULT);
        assertEquals("\\x00415c7f80", TextFormat.output(PgType.BYTEA, b, TypeContext.DEFAULT));
        TypeContext escape = new TypeContext(TypeContext.DEFAULT.timeZone(), 1, 0L, true);
        // recorded from PostgreSQL 15 with bytea_output = escape
        assertEquals("\\000A\\\\\\177\\200", TextFormat.output(PgType.BYTEA, b, escape));
        assertArrayEquals(b, (byte[]) TextFormat.input(PgType.BYTEA, -1, "\\000A\\\\\\177\\200", escape));
        assertArrayEquals(b, (byte[]) BinaryFormat.receive(PgType.BYTEA, -1, BinaryFormat.send(PgType.BYTEA, b, escape), escape));
    }

    @Test
    void arrayInputReadsWhatArrayOutputWrites() {
        for (String text : new String[] {"{1,2,3}", "[0:1]={7,NULL}", "{{1,2},{3,4}}", "{}"}) {
            Object v = TextFormat.input(PgType.INT4_ARRAY, -1, text, TypeContext.DEFAULT);
            assertEquals(text, TextFormat.output(PgType.INT4_ARRAY, v, TypeContext.DEFAULT));
        }
        Object t = TextFormat.input(PgType.TEXT_ARRAY, -1, "{\"a b\",\"NULL\",NULL,\"x\\\\y\"}", TypeContext.DEFAULT);
        assertEquals("{\"a b\",\"NULL\",NULL,\"x\\\\y\"}", TextFormat.output(PgType.TEXT_ARRAY, t, TypeContext.DEFAULT));
    }
}
