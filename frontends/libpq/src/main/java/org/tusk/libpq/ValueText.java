package org.tusk.libpq;

import java.io.ByteArrayOutputStream;

/** Parsing and printing of PostgreSQL's text representations of bool, float and bytea. */
final class ValueText {
    private ValueText() {}

    static double parseDouble(String s) {
        String t = s.trim();
        switch (t) {
            case "NaN": return Double.NaN;
            case "Infinity": return Double.POSITIVE_INFINITY;
            case "-Infinity": return Double.NEGATIVE_INFINITY;
            default: return Double.parseDouble(t);
        }
    }

    static boolean parseBoolean(String s) {
        String t = s.trim().toLowerCase();
        switch (t) {
            case "t": case "true": case "y": case "yes": case "on": case "1": return true;
            case "f": case "false": case "n": case "no": case "off": case "0": return false;
            default: throw new IllegalArgumentException("invalid input syntax for type boolean: \"" + s + "\"");
        }
    }

    /** Decodes bytea output: hex format (\x...) or the old escape format. */
    static byte[] decodeBytea(String s) {
        if (s.startsWith("\\x")) {
            int n = (s.length() - 2) / 2;
            byte[] out = new byte[n];
            for (int i = 0; i < n; i++) {
                out[i] = (byte) Integer.parseInt(s.substring(2 + 2 * i, 4 + 2 * i), 16);
            }
            return out;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '\\') {
                out.write('\\');
                i++;
            } else if (c == '\\' && i + 3 < s.length()) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    static String byteaHex(byte[] b) {
        StringBuilder sb = new StringBuilder(2 + 2 * b.length).append("\\x");
        for (byte x : b) sb.append(String.format("%02x", x & 0xff));
        return sb.toString();
    }
}
