package org.tusk.engine.access;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** pglz: the stream format by hand, round trips, and the default strategy's refusals. */
class PglzTest {

    @Test
    void decodesTheFormatByHand() {
        // control byte 0b1000: three literals, then a tag (offset 3, length 9: low nibble 9 - 3)
        byte[] stream = {0x08, 'a', 'b', 'c', 0x06, 0x03};
        assertArrayEquals("abcabcabcabc".getBytes(StandardCharsets.US_ASCII), Pglz.decompress(stream, 12));
        // an extended tag: low nibble 0x0F, third byte length - 18 (offset 1, length 20 + 18 = 38 after one literal)
        byte[] run = {0x02, 'z', 0x0F, 0x01, 20};
        assertArrayEquals("z".repeat(39).getBytes(StandardCharsets.US_ASCII), Pglz.decompress(run, 39));
    }

    @Test
    void roundTripsCompressibleData() {
        byte[] x = "x".repeat(10000).getBytes(StandardCharsets.US_ASCII);
        byte[] c = Pglz.compress(x);
        assertNotNull(c);
        assertTrue(c.length < 200, "10000 x's take " + c.length + " bytes");
        assertArrayEquals(x, Pglz.decompress(c, x.length));

        StringBuilder text = new StringBuilder();
        Random r = new Random(7);
        while (text.length() < 100_000) {
            text.append("word").append(r.nextInt(500)).append(' ');
        }
        byte[] t = text.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] ct = Pglz.compress(t);
        assertNotNull(ct);
        assertArrayEquals(t, Pglz.decompress(ct, t.length));
    }

    @Test
    void refusesWhatDoesNotPay() {
        assertNull(Pglz.compress("short".getBytes(StandardCharsets.US_ASCII)));
        byte[] noise = new byte[5000];
        new Random(1).nextBytes(noise);
        assertNull(Pglz.compress(noise));
    }

    @Test
    void rejectsCorruptInput() {
        assertThrows(IllegalStateException.class, () -> Pglz.decompress(new byte[] {0x01, 0x00, 0x05}, 10));
    }

    @Test
    void toasterCompressesWithoutAToastTable() {
        Object[] row = {1, "y".repeat(20000)};
        byte[] formed = Toast.form(row, new char[] {'p', 'x'}, null);
        assertTrue(formed.length < 2000, "formed " + formed.length);
        assertArrayEquals(row, TupleFormat.deform(formed, 2));
        // attstorage external: not compressed, and without a TOAST table it stays inline
        byte[] plain = Toast.form(row, new char[] {'p', 'e'}, null);
        assertTrue(plain.length > 20000);
    }
}
