package org.tusk.engine.access;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/**
 * {@link TupleFormat#form} sizes its buffer from the values (exactly for ints and ASCII
 * strings, a guess otherwise): whatever the guess, the stored form reads back the same.
 */
class TupleFormatSizeTest {

    private static void roundTrip(Object... values) {
        byte[] data = TupleFormat.form(values);
        assertArrayEquals(values, TupleFormat.deform(data, values.length));
    }

    @Test
    void valuesOfEverySizeReadBack() {
        roundTrip(1, 2, 0, " ".repeat(84));                        // a pgbench_accounts row
        roundTrip(1, null, "x".repeat(127), "y".repeat(128), "");  // the one- and four-byte length forms
        roundTrip("äöü€𝄞".repeat(40), 7L, (short) 3, 1.5f, 2.5d, true);     // multi-byte UTF-8 grows the buffer
        roundTrip(new BigDecimal("12345678901234567890.5"), (Object) null);
        roundTrip();
    }

    @Test
    void exactGuessGivesTheBufferItself() {
        byte[] data = TupleFormat.form(new Object[] {1, 2, 3, "abc"});
        // natts (2) + bitmap (1) + three ints (5 each) + a short string (1 type + 1 length + 3)
        assertEquals(2 + 1 + 15 + 5, data.length);
    }
}
