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

    /**
     * pqcomm.c's PqRecvBuffer: input is read in chunks of up to this size and
     * messages that fit are parsed in place. Before, every message took five
     * single-byte reads through the synchronized, volatile-forwarding stream
     * chain plus a body read, and pgbench's COPY sends one CopyData per row.
     */
    static final int RECV_BUFFER_SIZE = 65536;

    private final InputStream in;
    private final byte[] recv = new byte[RECV_BUFFER_SIZE];
    /** Bytes [recvPos, recvEnd) of {@link #recv} are read from the client and not consumed yet. */
    private int recvPos;
    private int recvEnd;
    private byte[] body = new byte[8192];
    private final PqMessage message = new PqMessage();

    /**
     * The receiver reads ahead of the message it returns, so nothing else may read
     * {@code in} once the first message was read (the startup packet, authentication
     * and the TLS handshake come before, through {@link #stream()}).
     */
    public PqReceiver(InputStream in) {
        this.in = in;
    }

    /** The stream, for the startup packet, which has no type byte. */
    public InputStream stream() { return in; }

    /**
     * Reads the next message. Returns null on a clean EOF before the type byte.
     * The message's body stays valid until the next call.
     *
     * @throws PgException FATAL 08P01 for an unknown type or a bad length
     * @throws EOFException when the stream ends inside a message
     */
    public PqMessage read() throws IOException {
        if (recvPos == recvEnd && !fill(1)) {
            return null;
        }
        int type = recv[recvPos++] & 0xFF;
        int max = MAX_LENGTH[type];
        if (max == 0) {
            throw PgException.fatal(SqlState.PROTOCOL_VIOLATION, "invalid frontend message type " + type);
        }
        if (recvEnd - recvPos < 4 && !fill(4)) {
            throw new EOFException("unexpected EOF within message length word");
        }
        int len = int32At(recvPos);
        recvPos += 4;
        if (len < 4 || len > max) {
            throw PgException.fatal(SqlState.PROTOCOL_VIOLATION, "invalid message length");
        }
        int n = len - 4;
        if (n <= recv.length) {
            if (recvEnd - recvPos < n && !fill(n)) {
                throw new EOFException("incomplete message from client");
            }
            message.reset((byte) type, recv, recvPos, n);
            recvPos += n;
        } else {
            readBody(n);
            message.reset((byte) type, body, n);
        }
        return message;
    }

    /**
     * Whether a whole message is already read from the client and waiting here, so
     * reading it cannot block (COPY FROM STDIN gathers CopyData messages while this holds).
     */
    public boolean hasBufferedMessage() {
        int avail = recvEnd - recvPos;
        if (avail < 5) {
            return false;
        }
        int len = int32At(recvPos + 1);
        return len >= 4 && avail - 1 >= len;
    }

    /** The big-endian int32 at {@code pos} of the read buffer (a message's length word). */
    private int int32At(int pos) {
        return ((recv[pos] & 0xFF) << 24) | ((recv[pos + 1] & 0xFF) << 16) | ((recv[pos + 2] & 0xFF) << 8)
                | (recv[pos + 3] & 0xFF);
    }

    /**
     * Makes at least {@code need} (at most the buffer's size) unconsumed bytes available,
     * moving what is left to the front first and reading whatever the stream has, blocking
     * only while fewer than {@code need} are there; false at EOF before that.
     */
    private boolean fill(int need) throws IOException {
        if (recvPos > 0) {
            int left = recvEnd - recvPos;
            if (left > 0) {
                System.arraycopy(recv, recvPos, recv, 0, left);
            }
            recvPos = 0;
            recvEnd = left;
        }
        while (recvEnd < need) {
            int r = in.read(recv, recvEnd, recv.length - recvEnd);
            if (r < 0) {
                return false;
            }
            recvEnd += r;
        }
        return true;
    }

    /**
     * Reads a body larger than the read buffer into the body buffer, growing it only as
     * data really arrives: a length word that lies about 1 GB costs nothing until 1 GB comes.
     */
    private void readBody(int n) throws IOException {
        if (body.length > KEEP_LIMIT && n <= KEEP_LIMIT) {
            body = new byte[8192];
        }
        int got = Math.min(n, recvEnd - recvPos);
        if (got > body.length) {
            body = new byte[got];
        }
        System.arraycopy(recv, recvPos, body, 0, got);
        recvPos += got;
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
