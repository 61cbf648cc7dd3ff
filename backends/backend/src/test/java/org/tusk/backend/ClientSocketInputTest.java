package org.tusk.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

import org.junit.jupiter.api.Test;

/** The client socket's input: one recv per read, no FIONREAD. */
class ClientSocketInputTest {

    /** A socket stand-in: each read returns at most the next chunk the "client" sent; counts the calls. */
    private static final class ChunkedSocket extends InputStream {
        final Deque<byte[]> chunks = new ArrayDeque<>();
        int reads;
        int availableCalls;

        ChunkedSocket(byte[]... sent) {
            chunks.addAll(Arrays.asList(sent));
        }

        @Override
        public int read() {
            throw new AssertionError("single-byte socket read");
        }

        @Override
        public int read(byte[] b, int off, int len) {
            reads++;
            byte[] next = chunks.poll();
            if (next == null) {
                return -1;
            }
            int n = Math.min(len, next.length);
            System.arraycopy(next, 0, b, off, n);
            if (n < next.length) {
                chunks.push(Arrays.copyOfRange(next, n, next.length));
            }
            return n;
        }

        @Override
        public int available() {
            availableCalls++;
            byte[] next = chunks.peek();
            return next == null ? 0 : next.length;
        }
    }

    @Test
    void aBulkReadReturnsWhatOneRecvBringsWithoutAskingForMore() throws IOException {
        // pgbench -S: one Bind/Execute/Sync batch of 50 bytes, the receiver asks for 64 kB
        ChunkedSocket socket = new ChunkedSocket(new byte[50], new byte[50]);
        ClientSocketInput in = new ClientSocketInput(socket, 8192);

        assertEquals(50, in.read(new byte[65536], 0, 65536));
        assertEquals(50, in.read(new byte[65536], 0, 65536));

        assertEquals(2, socket.reads);
        assertEquals(0, socket.availableCalls, "BufferedInputStream's ioctl(FIONREAD) after each short read");
    }

    @Test
    void smallReadsComeFromOneBufferedRecv() throws IOException {
        ChunkedSocket socket = new ChunkedSocket(new byte[] {1, 2, 3, 4, 5, 6});
        ClientSocketInput in = new ClientSocketInput(socket, 8192);

        assertEquals(1, in.read());
        byte[] four = new byte[4];
        assertEquals(4, in.read(four, 0, 4));
        assertArrayEquals(new byte[] {2, 3, 4, 5}, four);
        // what is buffered comes first, even when more is asked for
        assertEquals(1, in.read(new byte[100], 0, 100));
        assertEquals(-1, in.read());

        assertEquals(2, socket.reads);
        assertEquals(0, socket.availableCalls);
    }

    @Test
    void availableCountsBufferedBytesAndTheSocketsOwn() throws IOException {
        ChunkedSocket socket = new ChunkedSocket(new byte[] {1, 2, 3}, new byte[] {4, 5});
        ClientSocketInput in = new ClientSocketInput(socket, 8192);

        assertEquals(1, in.read());
        assertEquals(2 + 2, in.available());
    }

    @Test
    void endOfStreamIsMinusOne() throws IOException {
        ClientSocketInput in = new ClientSocketInput(new ChunkedSocket(), 16);
        assertEquals(-1, in.read());
        assertEquals(-1, in.read(new byte[4], 0, 4));
        assertEquals(-1, in.read(new byte[64], 0, 64));
    }
}
