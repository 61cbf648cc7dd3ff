package org.tusk.engine.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.tusk.engine.types.ArrayValue;
import org.tusk.engine.types.PgType;

/** Spill files keep array values (a hash join over pg_proc spills its proargtypes/proallargtypes). */
class RowCodecArrayTest {

    private static Object[] roundTrip(Object[] row) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RowCodec.write(new DataOutputStream(bytes), row);
        return RowCodec.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    }

    @Test
    void arraysSurviveASpill() throws IOException {
        ArrayValue vector = new ArrayValue(PgType.OID, new int[] {3}, new int[] {0}, new Object[] {23L, null, 25L});
        ArrayValue matrix = new ArrayValue(PgType.TEXT, new int[] {2, 2}, new int[] {1, 1}, new Object[] {"a", "b", null, "d"});
        Object[] back = roundTrip(new Object[] {1, vector, matrix, ArrayValue.empty(PgType.INT4), null});
        assertEquals(5, back.length);
        assertEquals(1, back[0]);
        for (int i = 1; i <= 3; i++) {
            ArrayValue in = (ArrayValue) new Object[] {null, vector, matrix, ArrayValue.empty(PgType.INT4)}[i];
            ArrayValue out = (ArrayValue) back[i];
            assertEquals(in.elementType(), out.elementType());
            assertEquals(java.util.Arrays.toString(in.lengths()), java.util.Arrays.toString(out.lengths()));
            assertEquals(java.util.Arrays.toString(in.lowerBounds()), java.util.Arrays.toString(out.lowerBounds()));
            assertEquals(java.util.Arrays.asList(in.elements()), java.util.Arrays.asList(out.elements()));
        }
        assertEquals(null, back[4]);
    }
}
