package org.tusk.engine.types;

import java.io.ByteArrayOutputStream;

import org.tusk.api.error.SqlState;
import org.tusk.engine.error.Ereport;

/** byteain / byteaout (varlena.c): the hex format (\x...) and the traditional escape format. */
public final class ByteaFormat {
    private ByteaFormat() {}

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    public static String output(byte[] b, boolean escape) {
        if (!escape) {
            StringBuilder sb = new StringBuilder(2 + 2 * b.length).append("\\x");
            for (byte x : b) {
                sb.append(HEX[(x >> 4) & 0xF]).append(HEX[x & 0xF]);
            }
            return sb.toString();
        }
        StringBuilder sb = new StringBuilder(b.length);
        for (byte x : b) {
            int v = x & 0xFF;
            if (v == '\\') {
                sb.append("\\\\");
            } else if (v < 0x20 || v > 0x7e) {
                sb.append('\\').append((char) ('0' + (v >> 6))).append((char) ('0' + ((v >> 3) & 7)))
                        .append((char) ('0' + (v & 7)));
            } else {
                sb.append((char) v);
            }
        }
        return sb.toString();
    }

    /** byteain: "\x" then hex digit pairs (blanks between pairs allowed), else escape format. */
    public static byte[] input(String s) {
        if (s.startsWith("\\x")) {
            return hexDecode(s, 2);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < utf8.length; i++) {
            byte c = utf8[i];
            if (c != '\\') {
                out.write(c);
                continue;
            }
            if (i + 1 < utf8.length && utf8[i + 1] == '\\') {
                out.write('\\');
                i++;
            } else if (i + 3 < utf8.length && isOctal(utf8[i + 1], '3') && isOctal(utf8[i + 2], '7')
                    && isOctal(utf8[i + 3], '7')) {
                out.write(((utf8[i + 1] - '0') << 6) | ((utf8[i + 2] - '0') << 3) | (utf8[i + 3] - '0'));
                i += 3;
            } else {
                throw Ereport.error(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type bytea");
            }
        }
        return out.toByteArray();
    }

    private static boolean isOctal(byte c, char max) {
        return c >= '0' && c <= max;
    }

    /** hex_decode: pairs of hex digits, blanks skipped between pairs. */
    public static byte[] hexDecode(String s, int from) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() / 2);
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
                i++;
                continue;
            }
            int hi = hexValue(c);
            if (i + 1 >= s.length()) {
                throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "invalid hexadecimal data: odd number of digits");
            }
            int lo = hexValue(s.charAt(i + 1));
            out.write((hi << 4) | lo);
            i += 2;
        }
        return out.toByteArray();
    }

    private static int hexValue(char c) {
        int v = Character.digit(c, 16);
        if (v < 0 || c > 0x7f) {
            throw Ereport.error(SqlState.INVALID_PARAMETER_VALUE, "invalid hexadecimal digit: \"" + c + "\"");
        }
        return v;
    }
}
