package org.tusk.protocol.internal.pqcomm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.tusk.protocol.internal.pqformat.PqMessage;

/**
 * The receiver's read-ahead buffer: messages are parsed in place whatever the
 * chunks the transport delivers (one byte at a time here), bodies larger than
 * the buffer arrive whole, and {@link PqReceiver#hasBufferedMessage} says yes only
 * for a message that is completely there.
 */
class PqReceiverTest {

    private static byte[] message(char type, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type);
        int len = body.length + 4;
        out.write(len >>> 24);
        out.write(len >>> 16);
        out.write(len >>> 8);
        out.write(len);
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** A transport that hands out at most {@code chunk} bytes per read. */
    private static InputStream trickle(byte[] data, int chunk) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    private static byte[] body(PqMessage m) {
        byte[] out = new byte[m.remaining()];
        m.copyBytes(out, 0, out.length);
        return out;
    }

    @Test
    void messagesSurviveAnyChunking() throws IOException {
        byte[] big = new byte[PqReceiver.RECV_BUFFER_SIZE * 3 + 17];
        Arrays.fill(big, (byte) 'x');
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(message('d', "1\t1\t0\t\n".getBytes()));
        stream.writeBytes(message('d', big));
        stream.writeBytes(message('d', new byte[0]));
        stream.writeBytes(message('c', new byte[0]));
        for (int chunk : new int[] {1, 3, 4096, 1 << 20}) {
            PqReceiver r = new PqReceiver(trickle(stream.toByteArray(), chunk));
            PqMessage m = r.read();
            assertEquals('d', m.type());
            assertArrayEquals("1\t1\t0\t\n".getBytes(), body(m), "chunk " + chunk);
            m = r.read();
            assertEquals(big.length, m.length());
            assertArrayEquals(big, body(m));
            assertEquals(0, r.read().length());
            assertEquals('c', r.read().type());
            assertNull(r.read(), "clean EOF between messages");
        }
    }

    @Test
    void bufferedMessageMeansAWholeOne() throws IOException {
        byte[] two = new byte[0];
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(message('d', "a".getBytes()));
        stream.writeBytes(message('d', "bc".getBytes()));
        two = stream.toByteArray();
        PqReceiver whole = new PqReceiver(new ByteArrayInputStream(two));
        whole.read();
        assertTrue(whole.hasBufferedMessage(), "the second message came with the first");
        whole.read();
        assertFalse(whole.hasBufferedMessage());

        PqReceiver cut = new PqReceiver(trickle(Arrays.copyOf(two, two.length - 1), 1 << 20));
        cut.read();
        assertFalse(cut.hasBufferedMessage(), "one byte of the second message is missing");
        assertThrows(EOFException.class, cut::read);
    }
}
