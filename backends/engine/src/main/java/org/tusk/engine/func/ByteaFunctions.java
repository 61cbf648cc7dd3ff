package org.tusk.engine.func;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;
import org.tusk.engine.types.ByteaFormat;

/**
 * bytea functions (varlena.c, encode.c): comparison (unsigned bytes, then
 * length), ||, length, substring, trim, position, get/set_byte, bit_count,
 * sha2 digests, LIKE, and encode/decode in hex, escape and base64.
 */
final class ByteaFunctions {
    private ByteaFunctions() {}

    static void register() {
        FunctionRegistry.bind("byteaeq", (a, c) -> compare((byte[]) a[0], (byte[]) a[1]) == 0);
        FunctionRegistry.bind("byteane", (a, c) -> compare((byte[]) a[0], (byte[]) a[1]) != 0);
        FunctionRegistry.bind("bytealt", (a, c) -> compare((byte[]) a[0], (byte[]) a[1]) < 0);
        FunctionRegistry.bind("byteale", (a, c) -> compare((byte[]) a[0], (byte[]) a[1]) <= 0);
        FunctionRegistry.bind("byteagt", (a, c) -> compare((byte[]) a[0], (byte[]) a[1]) > 0);
        FunctionRegistry.bind("byteage", (a, c) -> compare((byte[]) a[0], (byte[]) a[1]) >= 0);
        FunctionRegistry.bind("byteacmp", (a, c) -> Integer.signum(compare((byte[]) a[0], (byte[]) a[1])));
        FunctionRegistry.bind("byteacat", (a, c) -> cat((byte[]) a[0], (byte[]) a[1]));
        FunctionRegistry.bind("byteaoctetlen", (a, c) -> ((byte[]) a[0]).length);
        FunctionRegistry.bind("byteaoverlay", (a, c) -> overlay((byte[]) a[0], (byte[]) a[1], (Integer) a[2], (Integer) a[3]));
        FunctionRegistry.bind("byteaoverlay_no_len", (a, c) -> overlay((byte[]) a[0], (byte[]) a[1], (Integer) a[2],
                ((byte[]) a[1]).length));
        FunctionRegistry.bind("bytea_substr", (a, c) -> substr((byte[]) a[0], (Integer) a[1], (Integer) a[2]));
        FunctionRegistry.bind("bytea_substr_no_len", (a, c) -> substr((byte[]) a[0], (Integer) a[1], null));
        FunctionRegistry.bind("byteatrim", (a, c) -> trim((byte[]) a[0], (byte[]) a[1], true, true));
        FunctionRegistry.bind("bytealtrim", (a, c) -> trim((byte[]) a[0], (byte[]) a[1], true, false));
        FunctionRegistry.bind("byteartrim", (a, c) -> trim((byte[]) a[0], (byte[]) a[1], false, true));
        FunctionRegistry.bind("byteapos", (a, c) -> position((byte[]) a[0], (byte[]) a[1]));
        FunctionRegistry.bind("byteaGetByte", (a, c) -> ((byte[]) a[0])[index((byte[]) a[0], (Integer) a[1], 1)] & 0xFF);
        FunctionRegistry.bind("byteaSetByte", (a, c) -> {
            byte[] b = ((byte[]) a[0]).clone();
            b[index(b, (Integer) a[1], 1)] = (byte) (int) (Integer) a[2];
            return b;
        });
        FunctionRegistry.bind("bytea_bit_count", (a, c) -> {
            long n = 0;
            for (byte x : (byte[]) a[0]) {
                n += Integer.bitCount(x & 0xFF);
            }
            return n;
        });
        FunctionRegistry.bind("sha224_bytea", (a, c) -> digest("SHA-224", (byte[]) a[0]));
        FunctionRegistry.bind("sha256_bytea", (a, c) -> digest("SHA-256", (byte[]) a[0]));
        FunctionRegistry.bind("sha384_bytea", (a, c) -> digest("SHA-384", (byte[]) a[0]));
        FunctionRegistry.bind("sha512_bytea", (a, c) -> digest("SHA-512", (byte[]) a[0]));
        FunctionRegistry.bind("bytealike", (a, c) -> LikeMatcher.matches(latin1((byte[]) a[0]), latin1((byte[]) a[1]), false));
        FunctionRegistry.bind("byteanlike", (a, c) -> !LikeMatcher.matches(latin1((byte[]) a[0]), latin1((byte[]) a[1]), false));
        FunctionRegistry.bind("like_escape_bytea", (a, c) -> StringFunctions.likeEscape(latin1((byte[]) a[0]), latin1((byte[]) a[1]))
                .getBytes(StandardCharsets.ISO_8859_1));
        FunctionRegistry.bind("byteaGetBit", (a, c) -> {
            byte[] b = (byte[]) a[0];
            long n = bitIndex(b, (Long) a[1]);
            return (b[(int) (n / 8)] >> (n % 8)) & 1;
        });
        FunctionRegistry.bind("byteaSetBit", (a, c) -> {
            byte[] b = ((byte[]) a[0]).clone();
            long n = bitIndex(b, (Long) a[1]);
            int v = (Integer) a[2];
            if (v != 0 && v != 1) {
                throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "new bit must be 0 or 1");
            }
            int i = (int) (n / 8);
            b[i] = (byte) (v == 1 ? b[i] | (1 << (n % 8)) : b[i] & ~(1 << (n % 8)));
            return b;
        });
        FunctionRegistry.bind("binary_encode", (a, c) -> encode((byte[]) a[0], (String) a[1]));
        FunctionRegistry.bind("binary_decode", (a, c) -> decode((String) a[0], (String) a[1]));
    }

    /** Bytes as chars 0..255, so character-wise matching is byte-wise. */
    private static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static int compare(byte[] x, byte[] y) {
        int c = Arrays.compareUnsigned(x, y);
        return c;
    }

    private static byte[] cat(byte[] x, byte[] y) {
        byte[] r = Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, r, x.length, y.length);
        return r;
    }

    private static long bitIndex(byte[] b, long n) {
        if (n < 0 || n >= (long) b.length * 8) {
            throw Ereport.error("2202E", "index " + n + " out of valid range, 0.." + ((long) b.length * 8 - 1));
        }
        return n;
    }

    private static int index(byte[] b, int n, int width) {
        if (n < 0 || n >= b.length) {
            throw Ereport.error("2202E", "index " + n + " out of valid range, 0.." + (b.length - 1));
        }
        return n;
    }

    /** overlay(b1 placing b2 from sp for sl), as bytea_overlay. */
    static byte[] overlay(byte[] b1, byte[] b2, int sp, int sl) {
        int spPlusSl;
        try {
            spPlusSl = Math.addExact(sp, sl);
        } catch (ArithmeticException e) {
            throw Ereport.error(org.tusk.api.error.SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range");
        }
        byte[] head = substr(b1, 1, sp - 1);
        byte[] tail = substr(b1, spPlusSl, null);
        byte[] out = new byte[head.length + b2.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(b2, 0, out, head.length, b2.length);
        System.arraycopy(tail, 0, out, head.length + b2.length, tail.length);
        return out;
    }

    /** bytea_substr: 1-based start, negative length an error, start before 1 eats into the length. */
    private static byte[] substr(byte[] b, int start, Integer length) {
        long s = start;
        long e;
        if (length == null) {
            e = Long.MAX_VALUE;
        } else {
            if (length < 0) {
                throw Ereport.error("22011", "negative substring length not allowed");
            }
            e = s + length;
        }
        long from = Math.max(s, 1) - 1;
        long to = Math.min(e - 1, b.length);
        if (from >= b.length || to <= from) {
            return new byte[0];
        }
        return Arrays.copyOfRange(b, (int) from, (int) to);
    }

    private static byte[] trim(byte[] b, byte[] set, boolean left, boolean right) {
        int from = 0;
        int to = b.length;
        if (left) {
            while (from < to && contains(set, b[from])) {
                from++;
            }
        }
        if (right) {
            while (to > from && contains(set, b[to - 1])) {
                to--;
            }
        }
        return Arrays.copyOfRange(b, from, to);
    }

    private static boolean contains(byte[] set, byte x) {
        for (byte s : set) {
            if (s == x) {
                return true;
            }
        }
        return false;
    }

    private static int position(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i + 1;
        }
        return 0;
    }

    private static byte[] digest(String algorithm, byte[] b) {
        try {
            return MessageDigest.getInstance(algorithm).digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** encode(bytea, 'hex'|'escape'|'base64'); base64 lines wrap at 76 characters as PostgreSQL's do. */
    static String encode(byte[] b, String format) {
        switch (format.toLowerCase(Locale.ROOT)) {
            case "hex":
                return ByteaFormat.output(b, false).substring(2);
            case "escape": {
                StringBuilder sb = new StringBuilder();
                for (byte x : b) {
                    int v = x & 0xFF;
                    if (v == '\\') {
                        sb.append("\\\\");
                    } else if (v == 0 || v >= 0x80) {
                        sb.append('\\').append((char) ('0' + (v >> 6))).append((char) ('0' + ((v >> 3) & 7)))
                                .append((char) ('0' + (v & 7)));
                    } else {
                        sb.append((char) v);
                    }
                }
                return sb.toString();
            }
            case "base64":
                return Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(b);
            default:
                throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "unrecognized encoding: \"" + format + "\"");
        }
    }

    static byte[] decode(String s, String format) {
        switch (format.toLowerCase(Locale.ROOT)) {
            case "hex":
                return ByteaFormat.hexDecode(s, 0);
            case "escape":
                return ByteaFormat.input(s.startsWith("\\x") ? "\\\\" + s.substring(1) : s);
            case "base64": {
                ByteArrayOutputStream clean = new ByteArrayOutputStream();
                for (char ch : s.toCharArray()) {
                    if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') {
                        continue;
                    }
                    if (!(Character.isLetterOrDigit(ch) && ch < 128 || ch == '+' || ch == '/' || ch == '=')) {
                        throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "invalid symbol \"" + ch
                                + "\" found while decoding base64 sequence");
                    }
                    clean.write(ch);
                }
                try {
                    return Base64.getDecoder().decode(clean.toByteArray());
                } catch (IllegalArgumentException e) {
                    throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "invalid base64 end sequence");
                }
            }
            default:
                throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "unrecognized encoding: \"" + format + "\"");
        }
    }
}
