package org.tusk.protocol.internal.tcop;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.tusk.api.engine.CopyChannel;
import org.tusk.api.error.PgException;
import org.tusk.api.error.SqlState;
import org.tusk.protocol.internal.pqcomm.PqReceiver;
import org.tusk.protocol.internal.pqcomm.PqSender;
import org.tusk.protocol.internal.pqformat.PqMessage;
import org.tusk.protocol.internal.pqformat.PqSendBuffer;

/**
 * The COPY sub-protocol on the client connection (copyfromparse.c's
 * CopyGetData for COPY_FRONTEND, copyto.c's CopySendEndOfRow): CopyInResponse
 * then CopyData until CopyDone or CopyFail; CopyOutResponse then CopyData and
 * CopyDone. Flush and Sync arriving during COPY IN are ignored, as PostgreSQL
 * does; any other message is a protocol violation.
 */
final class RemoteCopyChannel implements CopyChannel {

    private final PqSender sender;
    private final PqReceiver receiver;

    RemoteCopyChannel(PqSender sender, PqReceiver receiver) {
        this.sender = sender;
        this.receiver = receiver;
    }

    @Override
    public InputStream copyIn(boolean binary, int columns) throws IOException {
        copyResponse('G', binary, columns);
        sender.flush();
        return new CopyInStream();
    }

    @Override
    public OutputStream copyOut(boolean binary, int columns) throws IOException {
        copyResponse('H', binary, columns);
        return new CopyOutStream();
    }

    private void copyResponse(char type, boolean binary, int columns) {
        PqSendBuffer b = sender.buffer();
        b.begin(type);
        b.int8(binary ? 1 : 0);
        b.int16(columns);
        for (int i = 0; i < columns; i++) {
            b.int16(binary ? 1 : 0);
        }
        b.end();
    }

    /**
     * The concatenated CopyData payloads. A payload is read straight out of the
     * receiver's buffer (valid until its next message, and only this stream reads
     * messages during COPY IN), and one read gathers every CopyData already
     * received: pgbench sends a message per row, and the reader asks for 64 kB.
     */
    private final class CopyInStream extends InputStream {
        /** The CopyData being read; null before the first and once consumed past. */
        private PqMessage current;
        private boolean done;

        /** Makes {@link #current} a CopyData with bytes left; false at CopyDone. */
        private boolean fill() throws IOException {
            while (!done && (current == null || current.remaining() == 0)) {
                current = null;
                PqMessage m = receiver.read();
                if (m == null) {
                    throw new EOFException("unexpected EOF on client connection with an open transaction");
                }
                switch ((char) m.type()) {
                    case 'd' -> current = m;
                    case 'c' -> {
                        m.end();
                        done = true;
                    }
                    case 'f' -> {
                        String reason = m.getString();
                        done = true;
                        throw PgException.error(SqlState.QUERY_CANCELED, "COPY from stdin failed: " + reason);
                    }
                    case 'H', 'S' -> {
                        // ignored during COPY IN, as PostgreSQL does
                    }
                    default -> throw PgException.error(SqlState.PROTOCOL_VIOLATION, String.format(
                            "unexpected message type 0x%02X during COPY from stdin", m.type()));
                }
            }
            return current != null && current.remaining() > 0;
        }

        @Override
        public int read() throws IOException {
            return fill() ? current.getByte() : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int total = 0;
            while (true) {
                int n = Math.min(len - total, current.remaining());
                current.copyBytes(b, off + total, n);
                total += n;
                // go on only with what is already here: never block with data in hand
                if (total == len || (current.remaining() == 0 && !receiver.hasBufferedMessage()) || !fill()) {
                    return total;
                }
            }
        }
    }

    private final class CopyOutStream extends OutputStream {
        private boolean closed;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return;
            }
            PqSendBuffer buf = sender.buffer();
            buf.begin('d');
            buf.bytes(off == 0 && len == b.length ? b : java.util.Arrays.copyOfRange(b, off, off + len));
            buf.end();
            sender.maybeSpill();
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                PqSendBuffer buf = sender.buffer();
                buf.begin('c');
                buf.end();
            }
        }
    }
}
