package org.tusk.engine.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.tusk.api.error.PgException;
import org.tusk.engine.access.TupleFormat;

/**
 * json and jsonb values outside the golden replay: the binary wire forms (jsonb_send's version
 * byte), the tuple storage form, equality/hash consistency, the DETAIL and CONTEXT of input
 * errors (recorded from PostgreSQL 15).
 */
class JsonbTest {
    private static final TypeContext CTX = TypeContext.DEFAULT;

    @Test
    void binaryFormIsVersionByteThenText() {
        Jsonb v = Jsonb.parse("{\"b\":[1, 2.50], \"a\":null}");
        byte[] wire = BinaryFormat.send(PgType.JSONB, v, CTX);
        assertEquals(1, wire[0]);
        assertEquals("{\"a\": null, \"b\": [1, 2.50]}", new String(wire, 1, wire.length - 1, StandardCharsets.UTF_8));
        assertEquals(v, BinaryFormat.receive(PgType.JSONB, -1, wire, CTX));
        PgException bad = assertThrows(PgException.class,
                () -> BinaryFormat.receive(PgType.JSONB, -1, "\u0002{}".getBytes(StandardCharsets.UTF_8), CTX));
        assertEquals("unsupported jsonb version number 2", bad.getMessage());
        byte[] json = " [1 ,2] ".getBytes(StandardCharsets.UTF_8);
        assertEquals(" [1 ,2] ", BinaryFormat.receive(PgType.JSON, -1, json, CTX));
        assertArrayEquals(json, BinaryFormat.send(PgType.JSON, " [1 ,2] ", CTX));
    }

    @Test
    void storedFormRoundTrips() {
        Jsonb v = Jsonb.parse("{\"k\": [true, \"x\\u00e9\", {\"n\": -1.5e3}]}");
        assertEquals(v.toString(), TupleFormat.decode(TupleFormat.encode(v)).toString());
    }

    @Test
    void equalValuesHashAlike() {
        Jsonb a = Jsonb.parse("{\"a\": [1.0, 2], \"b\": 0}");
        Jsonb b = Jsonb.parse("{\"b\": -0, \"a\": [1, 2.000]}");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, Jsonb.parse("{\"a\": [2, 1], \"b\": 0}"));
    }

    @Test
    void indexKeysOrderAsJsonbCompares() {
        String[] texts = {"1", "\"a\"", "null", "true", "false", "[]", "[1]", "{}", "{\"a\":1}", "{\"b\":0}", "[1,2]",
            "{\"a\":1,\"b\":2}", "\"b\"", "\"ab\"", "2.5", "2.50", "[[1]]", "[\"a\"]", "[null]", "{\"aa\":1}",
            "{\"a\":[1,{\"x\":null}]}", "{\"a\":[1,{\"x\":false}]}", "-3", "[1,\"a\"]", "[\"a\",1]", "\"\u00e9\""};
        for (String x : texts) {
            for (String y : texts) {
                Jsonb a = Jsonb.parse(x);
                Jsonb b = Jsonb.parse(y);
                byte[] ka = org.tusk.engine.executor.scan.IndexKeyEncoding.encode(java.util.List.of(PgType.JSONB), new Object[] {a});
                byte[] kb = org.tusk.engine.executor.scan.IndexKeyEncoding.encode(java.util.List.of(PgType.JSONB), new Object[] {b});
                assertEquals(Integer.signum(JsonbOrdering.compare(a.root(), b.root())),
                        Integer.signum(java.util.Arrays.compareUnsigned(ka, kb)), x + " vs " + y);
            }
        }
    }

    @Test
    void inputErrorsCarryDetailAndContext() {
        // select E'{"a":\n tru}'::json
        PgException e = assertThrows(PgException.class, () -> TextFormat.input(PgType.JSON, -1, "{\"a\":\n tru}", CTX));
        assertEquals("22P02", e.sqlState());
        assertEquals("invalid input syntax for type json", e.getMessage());
        assertEquals("Token \"tru\" is invalid.", e.detail());
        assertEquals("JSON data, line 2:  tru...", e.context());
        // select '{"a" 1}'::json
        e = assertThrows(PgException.class, () -> TextFormat.input(PgType.JSON, -1, "{\"a\" 1}", CTX));
        assertEquals("Expected \":\", but found \"1\".", e.detail());
        assertEquals("JSON data, line 1: {\"a\" 1...", e.context());
        // unterminated string, a bad backslash-u escape, a raw tab, a long line (recorded from PostgreSQL 15)
        String[][] cases = {
            {"\"abc", "Token \"\"abc\" is invalid.", "JSON data, line 1: \"abc"},
            {"\"\\u12zz\"", "\"\\u\" must be followed by four hexadecimal digits.", "JSON data, line 1: \"\\u12z..."},
            {"\"a\tb\"", "Character with value 0x09 must be escaped.", "JSON data, line 1: \"a..."},
            {"x".repeat(60), "Token \"" + "x".repeat(60) + "\" is invalid.", "JSON data, line 1: ..." + "x".repeat(49)},
        };
        for (String[] c : cases) {
            PgException p = assertThrows(PgException.class, () -> TextFormat.input(PgType.JSON, -1, c[0], CTX));
            assertEquals(c[1], p.detail(), c[0]);
            assertEquals(c[2], p.context(), c[0]);
        }
        // json only validates backslash-u escapes; jsonb pairs surrogates
        assertEquals("\"\\ud83d\"", TextFormat.input(PgType.JSON, -1, "\"\\ud83d\"", CTX));
        // select '"\u0000"'::jsonb
        e = assertThrows(PgException.class, () -> TextFormat.input(PgType.JSONB, -1, "\"\\u0000\"", CTX));
        assertEquals("22P05", e.sqlState());
        assertEquals("\\u0000 cannot be converted to text.", e.detail());
        assertEquals("JSON data, line 1: \"\\u0000...", e.context());
    }
}
