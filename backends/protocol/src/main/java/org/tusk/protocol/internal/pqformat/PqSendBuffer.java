package org.tusk.protocol.internal.pqformat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that backend messages are built in place in
 * (pq_beginmessage / pq_send* / pq_endmessage without a StringInfo per message).
 * Reused for the whole session, so steady-state traffic allocates nothing here.
 */
public final class PqSendBuffer {
    private byte[] buf;
    private int pos;
    private int messageStart = -1;

    public PqSendBuffer(int initialCapacity) {
        buf = new byte[initialCapacity];
    }

    public byte[] array() { return buf; }

    public int size() { return pos; }

    /** Drops everything written; shrinks a buffer that a huge result set blew up. */
    public void clear() {
        pos = 0;
        messageStart = -1;
        if (buf.length > 1 << 20) {
            buf = new byte[8192];
        }
    }

    public PqSendBuffer begin(char type) {
        ensure(5);
        buf[pos++] = (byte) type;
        messageStart = pos;
        pos += 4;
        return this;
    }

    /** Patches the length word: it counts itself and the body, not the type byte. */
    public void end() {
        int len = pos - messageStart;
        buf[messageStart] = (byte) (len >>> 24);
        buf[messageStart + 1] = (byte) (len >>> 16);
        buf[messageStart + 2] = (byte) (len >>> 8);
        buf[messageStart + 3] = (byte) len;
        messageStart = -1;
    }

    public PqSendBuffer int8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
        return this;
    }

    public PqSendBuffer int16(int v) {
        ensure(2);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    public PqSendBuffer int32(int v) {
        ensure(4);
        buf[pos++] = (byte) (v >>> 24);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    public PqSendBuffer bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
        return this;
    }

    /** pq_sendstring: the text, then a NUL. ASCII is copied without an encoder. */
    public PqSendBuffer cstring(String s) {
        int n = s.length();
        ensure(n + 1);
        int p = pos;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || c == 0) {
                return cstringSlow(s);
            }
            buf[p++] = (byte) c;
        }
        buf[p++] = 0;
        pos = p;
        return this;
    }

    private PqSendBuffer cstringSlow(String s) {
        // An embedded NUL would cut the string short on the client side: drop it, as a C string would end there.
        int nul = s.indexOf('\0');
        byte[] b = (nul >= 0 ? s.substring(0, nul) : s).getBytes(StandardCharsets.UTF_8);
        bytes(b);
        return int8(0);
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }
}
