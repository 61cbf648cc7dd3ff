package org.tusk.protocol.internal.pqformat;

import java.nio.charset.StandardCharsets;

import org.tusk.api.error.PgException;

/**
 * Decodes client strings (client_encoding is always UTF8 here) the way
 * PostgreSQL's pg_client_to_server verifies them: an illegal byte sequence is
 * ERROR 22021, never a silent replacement character.
 */
public final class Utf8 {
    private static final String CHARACTER_NOT_IN_REPERTOIRE = "22021";

    private Utf8() {}

    /** Decodes {@code len} bytes at {@code off}; pure ASCII (the common case) takes the cheap path. */
    public static String decode(byte[] buf, int off, int len) {
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (buf[i] < 0) {
                verify(buf, i, end);
                return new String(buf, off, len, StandardCharsets.UTF_8);
            }
        }
        return new String(buf, off, len, StandardCharsets.ISO_8859_1);
    }

    /** Checks RFC 3629 legality as pg_utf8_islegal does: no overlongs, surrogates or code points above U+10FFFF. */
    private static void verify(byte[] buf, int from, int end) {
        int i = from;
        while (i < end) {
            int b0 = buf[i] & 0xff;
            int need;
            if (b0 < 0x80) {
                i++;
                continue;
            } else if (b0 >= 0xc2 && b0 <= 0xdf) {
                need = 2;
            } else if (b0 >= 0xe0 && b0 <= 0xef) {
                need = 3;
            } else if (b0 >= 0xf0 && b0 <= 0xf4) {
                need = 4;
            } else {
                throw invalid(buf, i, end, 1);
            }
            if (i + need > end) {
                throw invalid(buf, i, end, need);
            }
            int b1 = buf[i + 1] & 0xff;
            boolean ok;
            switch (b0) {
                case 0xe0: ok = b1 >= 0xa0 && b1 <= 0xbf; break;
                case 0xed: ok = b1 >= 0x80 && b1 <= 0x9f; break;
                case 0xf0: ok = b1 >= 0x90 && b1 <= 0xbf; break;
                case 0xf4: ok = b1 >= 0x80 && b1 <= 0x8f; break;
                default: ok = b1 >= 0x80 && b1 <= 0xbf; break;
            }
            for (int k = 2; ok && k < need; k++) {
                int b = buf[i + k] & 0xff;
                ok = b >= 0x80 && b <= 0xbf;
            }
            if (!ok) {
                throw invalid(buf, i, end, need);
            }
            i += need;
        }
    }

    /** PostgreSQL's report_invalid_encoding: shows the bytes of the offending character. */
    private static PgException invalid(byte[] buf, int at, int end, int charLen) {
        StringBuilder sb = new StringBuilder("invalid byte sequence for encoding \"UTF8\": ");
        int n = Math.min(charLen, end - at);
        for (int k = 0; k < n; k++) {
            if (k > 0) {
                sb.append(' ');
            }
            sb.append(String.format("0x%02x", buf[at + k] & 0xff));
        }
        return PgException.error(CHARACTER_NOT_IN_REPERTOIRE, sb.toString());
    }
}
