package org.tusk.protocol.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One backend message as the test client received it. */
record Msg(char type, byte[] body) {

    /** ErrorResponse / NoticeResponse fields by code. */
    Map<Character, String> fields() {
        Map<Character, String> f = new LinkedHashMap<>();
        int i = 0;
        while (i < body.length && body[i] != 0) {
            char code = (char) body[i++];
            int end = i;
            while (body[end] != 0) {
                end++;
            }
            f.put(code, new String(body, i, end - i, StandardCharsets.UTF_8));
            i = end + 1;
        }
        return f;
    }

    String field(char code) { return fields().get(code); }

    /** The body as one C string (CommandComplete). */
    String text() {
        int n = body.length > 0 && body[body.length - 1] == 0 ? body.length - 1 : body.length;
        return new String(body, 0, n, StandardCharsets.UTF_8);
    }

    int int32(int offset) { return ByteBuffer.wrap(body).getInt(offset); }

    /** Compact rendering for assertions on message sequences: type, and for some types the payload. */
    String brief() {
        return switch (type) {
            case 'C' -> "C:" + text();
            case 'E', 'N' -> type + ":" + field('S') + ":" + field('C');
            case 'Z' -> "Z:" + (char) body[0];
            case 'D' -> "D:" + dataRow();
            default -> String.valueOf(type);
        };
    }

    private String dataRow() {
        ByteBuffer b = ByteBuffer.wrap(body);
        int n = b.getShort();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int len = b.getInt();
            if (i > 0) {
                sb.append(',');
            }
            if (len < 0) {
                sb.append("NULL");
            } else {
                byte[] v = new byte[len];
                b.get(v);
                sb.append(new String(v, StandardCharsets.ISO_8859_1));
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() { return brief(); }
}
