package org.tusk.engine.access;

import java.util.Arrays;

/**
 * PostgreSQL's pglz compression format (common/pg_lzcompress.c's format,
 * our own implementation): a stream of control bytes, each governing the
 * next eight items from its lowest bit up. A clear bit is one literal byte;
 * a set bit is a back reference of two or three bytes:
 *
 * <pre>
 *   byte 0: high nibble = offset bits 8..11, low nibble = length - 3 (0x0F: extended)
 *   byte 1: offset bits 0..7
 *   byte 2: (only when the low nibble is 0x0F) length - 18
 * </pre>
 *
 * so matches are 3..273 bytes long at offsets 1..4095 back into the output
 * already produced (a match may overlap the bytes it produces).
 *
 * <p>The compressor follows PGLZ_strategy_default: inputs under 32 bytes are
 * not compressed, the result must save at least 25 %, and an input without
 * any match in its first 1024 bytes is given up on (it is probably already
 * compressed). It looks matches up in a hash table of the last occurrences of
 * each 4-byte prefix, chained back through earlier positions.
 */
public final class Pglz {

    static final int MIN_INPUT_SIZE = 32;
    static final int MIN_COMP_RATE = 25;
    static final int FIRST_SUCCESS_BY = 1024;
    static final int MATCH_SIZE_GOOD = 128;
    static final int MAX_MATCH = 273;
    static final int MAX_OFFSET = 4095;
    private static final int HASH_SIZE = 1 << 13;
    private static final int MAX_CHAIN = 32;

    private Pglz() {
    }

    /** The compressed form of {@code source}, or null when the strategy says it does not pay. */
    public static byte[] compress(byte[] source) {
        int slen = source.length;
        if (slen < MIN_INPUT_SIZE) {
            return null;
        }
        long resultMax = (long) slen * (100 - MIN_COMP_RATE) / 100;
        byte[] out = new byte[(int) resultMax + 4 + 1];   // room to overshoot once before the check
        int op = 0;
        int ctrlPos = -1;
        int ctrlBit = 8;
        boolean found = false;
        int[] head = new int[HASH_SIZE];
        Arrays.fill(head, -1);
        int[] prev = new int[slen];
        int ip = 0;
        while (ip < slen) {
            if (op >= resultMax) {
                return null;
            }
            if (!found && op >= FIRST_SUCCESS_BY) {
                return null;
            }
            if (ctrlBit == 8) {
                ctrlPos = op++;
                out[ctrlPos] = 0;
                ctrlBit = 0;
            }
            int bestLen = 0;
            int bestOff = 0;
            if (ip + 3 < slen) {
                int h = hash(source, ip);
                int candidate = head[h];
                int chain = 0;
                int limit = Math.min(MAX_MATCH, slen - ip);
                while (candidate >= 0 && ip - candidate <= MAX_OFFSET && chain++ < MAX_CHAIN) {
                    int len = 0;
                    while (len < limit && source[candidate + len] == source[ip + len]) {
                        len++;
                    }
                    if (len > bestLen) {
                        bestLen = len;
                        bestOff = ip - candidate;
                        if (len >= MATCH_SIZE_GOOD) {
                            break;
                        }
                    }
                    candidate = prev[candidate];
                }
            }
            if (bestLen >= 3) {
                found = true;
                out[ctrlPos] |= (byte) (1 << ctrlBit);
                if (bestLen > 17) {
                    out[op++] = (byte) (((bestOff & 0xF00) >> 4) | 0x0F);
                    out[op++] = (byte) bestOff;
                    out[op++] = (byte) (bestLen - 18);
                } else {
                    out[op++] = (byte) (((bestOff & 0xF00) >> 4) | (bestLen - 3));
                    out[op++] = (byte) bestOff;
                }
                for (int i = 0; i < bestLen; i++) {
                    remember(source, ip + i, head, prev, slen);
                }
                ip += bestLen;
            } else {
                out[op++] = source[ip];
                remember(source, ip, head, prev, slen);
                ip++;
            }
            ctrlBit++;
        }
        if (op >= resultMax) {
            return null;
        }
        return Arrays.copyOf(out, op);
    }

    /** The {@code rawSize} bytes {@code compressed} stands for; corrupt input is an IllegalStateException. */
    public static byte[] decompress(byte[] compressed, int rawSize) {
        byte[] out = new byte[rawSize];
        int sp = 0;
        int dp = 0;
        int send = compressed.length;
        while (sp < send && dp < rawSize) {
            int ctrl = compressed[sp++] & 0xFF;
            for (int bit = 0; bit < 8 && sp < send && dp < rawSize; bit++) {
                if ((ctrl & (1 << bit)) != 0) {
                    if (sp + 1 >= send) {
                        throw new IllegalStateException("compressed data is corrupted");
                    }
                    int b0 = compressed[sp] & 0xFF;
                    int len = (b0 & 0x0F) + 3;
                    int off = ((b0 & 0xF0) << 4) | (compressed[sp + 1] & 0xFF);
                    sp += 2;
                    if (len == 18) {
                        if (sp >= send) {
                            throw new IllegalStateException("compressed data is corrupted");
                        }
                        len += compressed[sp++] & 0xFF;
                    }
                    if (off == 0 || off > dp || dp + len > rawSize) {
                        throw new IllegalStateException("compressed data is corrupted");
                    }
                    for (int i = 0; i < len; i++) {
                        out[dp] = out[dp - off];
                        dp++;
                    }
                } else {
                    out[dp++] = compressed[sp++];
                }
            }
        }
        if (dp != rawSize || sp != send) {
            throw new IllegalStateException("compressed data is corrupted");
        }
        return out;
    }

    private static void remember(byte[] s, int pos, int[] head, int[] prev, int slen) {
        if (pos + 3 < slen) {
            int h = hash(s, pos);
            prev[pos] = head[h];
            head[h] = pos;
        }
    }

    private static int hash(byte[] s, int i) {
        int v = (s[i] & 0xFF) << 24 | (s[i + 1] & 0xFF) << 16 | (s[i + 2] & 0xFF) << 8 | (s[i + 3] & 0xFF);
        return (v * 0x9E3779B1) >>> (32 - 13);
    }
}
