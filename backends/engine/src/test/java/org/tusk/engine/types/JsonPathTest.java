package org.tusk.engine.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.tusk.api.error.PgException;
import org.tusk.engine.access.TupleFormat;

/** jsonpath values outside the golden replay: the binary wire form (jsonpath_send's version byte) and the stored form. */
class JsonPathTest {
    private static final TypeContext CTX = TypeContext.DEFAULT;

    @Test
    void binaryFormIsVersionByteThenNormalisedText() {
        JsonPath p = JsonPath.parse("lax $.a[1 to 3] ? (@ > 1)");
        byte[] wire = BinaryFormat.send(PgType.JSONPATH, p, CTX);
        assertEquals(1, wire[0]);
        assertEquals("$.\"a\"[1 to 3]?(@ > 1)", new String(wire, 1, wire.length - 1, StandardCharsets.UTF_8));
        assertEquals(p.toString(), BinaryFormat.receive(PgType.JSONPATH, -1, wire, CTX).toString());
        PgException bad = assertThrows(PgException.class,
                () -> BinaryFormat.receive(PgType.JSONPATH, -1, "\u0002$".getBytes(StandardCharsets.UTF_8), CTX));
        assertEquals("unsupported jsonpath version number: 2", bad.getMessage());
    }

    @Test
    void storedFormRoundTrips() {
        JsonPath p = JsonPath.parse("strict $.\"k\\u00e9\"[*] ? (@ like_regex \"^a\" flag \"i\").keyvalue()");
        assertEquals(p.toString(), TupleFormat.decode(TupleFormat.encode(p)).toString());
    }
}
