package org.tusk.protocol.internal.pqformat;

import org.tusk.api.error.PgException;
import org.tusk.api.error.Severity;
import org.tusk.api.error.SqlState;

/**
 * A cursor over the body of one frontend message (PostgreSQL's StringInfo read
 * with pqformat.c's pq_getmsg* functions). Reading past the declared length
 * raises the same ERRORs as PostgreSQL, so a malformed message aborts only the
 * current command: the framing is intact and the session goes on.
 */
public final class PqMessage {
    private byte type;
    private byte[] data;
    private int start;
    private int cursor;
    /** Where the body ends in {@code data} (exclusive). */
    private int len;

    /** Points this cursor at a new message body; the array is owned by the receiver and reused. */
    public void reset(byte messageType, byte[] body, int length) {
        reset(messageType, body, 0, length);
    }

    /** A body at {@code offset} in the receiver's read buffer (valid until the next message is read). */
    public void reset(byte messageType, byte[] body, int offset, int length) {
        this.type = messageType;
        this.data = body;
        this.start = offset;
        this.cursor = offset;
        this.len = offset + length;
    }

    public byte type() { return type; }

    public int length() { return len - start; }

    /** The bytes not read yet. */
    public int remaining() { return len - cursor; }

    /**
     * pq_copymsgbytes: the next {@code n} bytes into {@code dst} (COPY's data goes
     * straight into the reader's buffer, without an array per CopyData message).
     */
    public void copyBytes(byte[] dst, int offset, int n) {
        if (n < 0 || n > len - cursor) {
            throw insufficient();
        }
        System.arraycopy(data, cursor, dst, offset, n);
        cursor += n;
    }

    /** pq_getmsgbyte: elog(ERROR), hence XX000, when nothing is left. */
    public int getByte() {
        if (cursor >= len) {
            throw new PgException(Severity.ERROR, SqlState.INTERNAL_ERROR, "no data left in message", null, null, 0, null);
        }
        return data[cursor++] & 0xff;
    }

    /** pq_getmsgint(msg, 2) as an unsigned value, as PostgreSQL reads counts. */
    public int getUInt16() {
        need(2);
        int v = ((data[cursor] & 0xff) << 8) | (data[cursor + 1] & 0xff);
        cursor += 2;
        return v;
    }

    /** pq_getmsgint(msg, 2) stored into a signed int16 (format codes). */
    public short getInt16() {
        return (short) getUInt16();
    }

    public int getInt32() {
        need(4);
        int v = ((data[cursor] & 0xff) << 24) | ((data[cursor + 1] & 0xff) << 16)
                | ((data[cursor + 2] & 0xff) << 8) | (data[cursor + 3] & 0xff);
        cursor += 4;
        return v;
    }

    /** pq_getmsgbytes: a copy, since the body buffer is reused for the next message. */
    public byte[] getBytes(int n) {
        if (n < 0 || n > len - cursor) {
            throw insufficient();
        }
        byte[] out = new byte[n];
        System.arraycopy(data, cursor, out, 0, n);
        cursor += n;
        return out;
    }

    /** pq_getmsgstring: a NUL-terminated string, verified as UTF8. */
    public String getString() {
        int end = cursor;
        while (end < len && data[end] != 0) {
            end++;
        }
        if (end >= len) {
            throw PgException.error(SqlState.PROTOCOL_VIOLATION, "invalid string in message");
        }
        String s = end == cursor ? "" : Utf8.decode(data, cursor, end - cursor);
        cursor = end + 1;
        return s;
    }

    /**
     * pq_getmsgstring for a prepared statement's or portal's name: a name {@code recent} has seen comes back
     * as the String it was decoded to then, without decoding it again.
     */
    public String getName(RecentNames recent) {
        int end = cursor;
        int hash = 0;
        while (end < len && data[end] != 0) {
            hash = 31 * hash + data[end];
            end++;
        }
        if (end >= len) {
            throw PgException.error(SqlState.PROTOCOL_VIOLATION, "invalid string in message");
        }
        String s = end == cursor ? "" : recent.name(data, cursor, end - cursor, hash);
        cursor = end + 1;
        return s;
    }

    /** pq_getmsgend: the message must be consumed exactly. */
    public void end() {
        if (cursor != len) {
            throw PgException.error(SqlState.PROTOCOL_VIOLATION, "invalid message format");
        }
    }

    private void need(int n) {
        if (n > len - cursor) {
            throw insufficient();
        }
    }

    private static PgException insufficient() {
        return PgException.error(SqlState.PROTOCOL_VIOLATION, "insufficient data left in message");
    }
}
