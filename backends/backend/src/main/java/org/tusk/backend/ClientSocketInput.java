package org.tusk.backend;

import java.io.IOException;
import java.io.InputStream;

/**
 * The client socket's input (pqcomm.c's pq_recvbuf): small reads come from a buffer
 * filled by one recv; a read into a caller's array returns what is buffered, or else
 * what a single recv brings, and never asks the kernel how much more is waiting.
 *
 * <p>java.io.BufferedInputStream did ask: after a bulk read shorter than requested it
 * calls the socket's available(), an ioctl(FIONREAD) per read. The protocol receiver
 * reads every message batch into its own 64 kB buffer, so that was one extra system
 * call per client message batch (per pgbench -S transaction: recvfrom, ioctl, sendto).
 * Only the session thread reads, so nothing here is synchronized either.
 *
 * <p>No read asks for more than {@code bufferSize} (8 kB) bytes, even when the caller's array
 * is larger: the JDK's FileInputStream reads up to 8 kB through a stack buffer and mallocs one
 * of the requested length above that, and the protocol receiver offers its 64 kB buffer for
 * every client message batch (one per pgbench statement). junixsocket's stream, used before,
 * also copied the whole requested length back: a 64 kB memcpy per statement.
 */
final class ClientSocketInput extends InputStream {
    private final InputStream socket;
    private final byte[] buffer;
    /** Bytes [pos, end) of {@link #buffer} are received and not consumed yet. */
    private int pos;
    private int end;

    ClientSocketInput(InputStream socket, int bufferSize) {
        this.socket = socket;
        this.buffer = new byte[bufferSize];
    }

    @Override
    public int read() throws IOException {
        if (pos == end && !fill()) {
            return -1;
        }
        return buffer[pos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (pos == end) {
            if (len >= buffer.length) {
                // as large as our buffer: receive straight into the caller's array, but never more than
                // our buffer's size at once (see the class comment)
                return socket.read(b, off, buffer.length);
            }
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(len, end - pos);
        System.arraycopy(buffer, pos, b, off, n);
        pos += n;
        return n;
    }

    /** One recv into the empty buffer; false at EOF. */
    private boolean fill() throws IOException {
        int n;
        do {
            n = socket.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        pos = 0;
        end = n;
        return true;
    }

    /** Buffered bytes plus what the socket has (the TLS negotiation asks, once per connection). */
    @Override
    public int available() throws IOException {
        return (end - pos) + socket.available();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
