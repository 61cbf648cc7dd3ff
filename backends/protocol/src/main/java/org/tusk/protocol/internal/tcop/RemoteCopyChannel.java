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

    private final class CopyInStream extends InputStream {
        private byte[] chunk = new byte[0];
        private int pos;
        private boolean done;

        /** Fetches the next CopyData payload; false at CopyDone. */
        private boolean fill() throws IOException {
            while (!done && pos >= chunk.length) {
                PqMessage m = receiver.read();
                if (m == null) {
                    throw new EOFException("unexpected EOF on client connection with an open transaction");
                }
                switch ((char) m.type()) {
                    case 'd' -> {
                        chunk = m.getBytes(m.length());
                        pos = 0;
                    }
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
            return pos < chunk.length;
        }

        @Override
        public int read() throws IOException {
            return fill() ? chunk[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, chunk.length - pos);
            System.arraycopy(chunk, pos, b, off, n);
            pos += n;
            return n;
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
