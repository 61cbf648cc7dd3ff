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

    @Test
    void asciiStringsAreCopiedInWithoutAnArrayOfTheirOwn() {
        Object[] row = {1, 2, 0, " ".repeat(84)};                // a pgbench_accounts row
        int size = TupleFormat.form(row).length;
        roundTrip("ab\u0141c", "x".repeat(200), "é");           // non-ASCII (Ł's low byte is 'A') and long ASCII
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) {
            TupleFormat.form(row);                               // warm
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10_000; i++) {
            TupleFormat.form(row);
        }
        long perRow = (threads.getCurrentThreadAllocatedBytes() - before) / 10_000;
        // the tuple's array (16-byte header, 8-byte aligned) and the writer: no copy of the filler's bytes
        org.junit.jupiter.api.Assertions.assertTrue(perRow <= size + 16 + 8 + 32,
                "form allocated " + perRow + " bytes per row of " + size);
    }
}
