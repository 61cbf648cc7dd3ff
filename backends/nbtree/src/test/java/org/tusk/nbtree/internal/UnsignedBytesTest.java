package org.tusk.nbtree.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The word-at-a-time comparison orders exactly as Arrays.compareUnsigned does. */
class UnsignedBytesTest {

    private static final ByteBuffer PAGE = ByteBuffer.allocateDirect(8192);

    /** Compares {@code key} with {@code other} placed at {@code at} of a page in {@code order}. */
    private static int onPage(byte[] key, byte[] other, int at, ByteOrder order) {
        ByteBuffer page = PAGE.duplicate().order(order);
        page.put(at, other);
        return UnsignedBytes.compare(key, page, at, other.length);
    }

    private static void assertSameOrder(byte[] key, byte[] other) {
        int expected = Integer.signum(Arrays.compareUnsigned(key, other));
        // Unaligned and aligned places, both byte orders of the page view: neither may change the answer.
        for (int at : new int[] {0, 1, 3, 8, 13, 8191 - other.length}) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                assertEquals(expected, Integer.signum(onPage(key, other, Math.max(0, at), order)),
                        Arrays.toString(key) + " vs " + Arrays.toString(other) + " at " + at + " " + order);
            }
        }
    }

    @Test
    void int4KeysOrderByUnsignedBytesNotBySignedWords() {
        // pgbench's int4 keys: one word, where a signed or little-endian comparison would go wrong.
        byte[][] keys = {{0, 0, 0, 0}, {0, 0, 0, 1}, {0, 0, 1, 0}, {0, 0, (byte) 0x80, 0}, {(byte) 0x7F, -1, -1, -1},
            {(byte) 0x80, 0, 0, 0}, {(byte) 0xFF, 0, 0, 0}, {-1, -1, -1, -1}, {1, 0, 0, (byte) 0xFF}};
        for (byte[] a : keys) {
            for (byte[] b : keys) {
                assertSameOrder(a, b);
            }
        }
    }

    @Test
    void equalPrefixesOrderByLengthAndTheFirstDifferingByteDecides() {
        byte[] base = new byte[20];
        for (int i = 0; i < base.length; i++) {
            base[i] = (byte) (0x70 + 7 * i);
        }
        for (int n = 0; n <= base.length; n++) {
            byte[] a = Arrays.copyOf(base, n);
            for (int m = 0; m <= base.length; m++) {
                byte[] b = Arrays.copyOf(base, m);
                assertSameOrder(a, b);                       // equal prefix, unequal lengths
                for (int i = 0; i < m; i++) {
                    byte[] c = b.clone();
                    c[i] = (byte) (c[i] ^ 0x80);             // one byte across 0x80, in every word position
                    assertSameOrder(a, c);
                    c[i] = (byte) (b[i] + 1);
                    assertSameOrder(a, c);
                }
            }
        }
    }

    @Test
    void randomKeysOfEveryLength() {
        SplittableRandom random = new SplittableRandom(14);
        for (int i = 0; i < 20_000; i++) {
            byte[] a = new byte[random.nextInt(25)];
            random.nextBytes(a);
            byte[] b = random.nextBoolean() ? Arrays.copyOf(a, random.nextInt(25)) : new byte[random.nextInt(25)];
            if (b.length > 0 && random.nextBoolean()) {
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            } else if (b.length > a.length) {
                random.nextBytes(b);
            }
            assertSameOrder(a, b);
        }
    }
}
