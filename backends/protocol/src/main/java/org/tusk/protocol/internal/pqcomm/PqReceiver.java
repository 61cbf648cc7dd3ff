package org.tusk.protocol.internal.pqcomm;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.protocol.internal.pqformat.PqMessage;

/**
 * Reads frontend messages (PostgreSQL's SocketBackend + pq_getmessage): the
 * type byte is checked before anything else, then the length word against the
 * per-type limit, then the body into one reused buffer.
 */
public final class PqReceiver {
    /** PQ_SMALL_MESSAGE_LIMIT: messages that never carry user data. */
    public static final int SMALL_MESSAGE_LIMIT = 10000;
    /** PQ_LARGE_MESSAGE_LIMIT: 1 GB - 1, as for a palloc'd StringInfo. */
    public static final int LARGE_MESSAGE_LIMIT = 0x3fffffff;

    /** Per message type: the largest allowed length, 0 for a type the protocol does not define. */
    private static final int[] MAX_LENGTH = new int[256];

    static {
        for (char t : new char[] {'Q', 'F', 'P', 'B', 'd'}) {
            MAX_LENGTH[t] = LARGE_MESSAGE_LIMIT;
        }
        for (char t : new char[] {'X', 'C', 'D', 'E', 'H', 'S', 'c', 'f'}) {
            MAX_LENGTH[t] = SMALL_MESSAGE_LIMIT;
        }
    }

    /** Bodies above this size are not kept for the next message. */
    private static final int KEEP_LIMIT = 1 << 20;

    private final InputStream in;
    private byte[] body = new byte[8192];
    private final PqMessage message = new PqMessage();

    public PqReceiver(InputStream in) {
        this.in = in;
    }

    /** The stream, for the startup packet, which has no type byte. */
    public InputStream stream() { return in; }

    /**
     * Reads the next message. Returns null on a clean EOF before the type byte.
     *
     * @throws PgException FATAL 08P01 for an unknown type or a bad length
     * @throws EOFException when the stream ends inside a message
     */
    public PqMessage read() throws IOException {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        int max = MAX_LENGTH[type];
        if (max == 0) {
            throw PgException.fatal(SqlState.PROTOCOL_VIOLATION, "invalid frontend message type " + type);
        }
        int len = readInt32(in);
        if (len < 4 || len > max) {
            throw PgException.fatal(SqlState.PROTOCOL_VIOLATION, "invalid message length");
        }
        int n = len - 4;
        readBody(n);
        message.reset((byte) type, body, n);
        return message;
    }

    /**
     * Reads n bytes into the body buffer, growing it only as data really
     * arrives: a length word that lies about 1 GB costs nothing until 1 GB comes.
     */
    private void readBody(int n) throws IOException {
        if (body.length > KEEP_LIMIT && n <= KEEP_LIMIT) {
            body = new byte[8192];
        }
        int got = 0;
        while (got < n) {
            if (got == body.length) {
                body = Arrays.copyOf(body, (int) Math.min(n, body.length * 2L));
            }
            int want = Math.min(n, body.length) - got;
            int r = in.read(body, got, want);
            if (r < 0) {
                throw new EOFException("incomplete message from client");
            }
            got += r;
        }
    }

    public static int readInt32(InputStream in) throws IOException {
        int b0 = in.read();
        int b1 = in.read();
        int b2 = in.read();
        int b3 = in.read();
        if ((b0 | b1 | b2 | b3) < 0) {
            throw new EOFException("unexpected EOF within message length word");
        }
        return (b0 << 24) | (b1 << 16) | (b2 << 8) | b3;
    }

    /** Reads exactly n bytes (startup packets); EOF inside is an EOFException. */
    public static byte[] readFully(InputStream in, int n) throws IOException {
        byte[] out = new byte[n];
        int got = 0;
        while (got < n) {
            int r = in.read(out, got, n - got);
            if (r < 0) {
                throw new EOFException("incomplete startup packet");
            }
            got += r;
        }
        return out;
    }
}
