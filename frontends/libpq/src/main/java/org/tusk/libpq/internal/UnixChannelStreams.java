package org.tusk.libpq.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * Streams over a non-blocking Unix-domain SocketChannel, driven by selectors,
 * so reads can time out and {@code available()} can tell whether data waits
 * (neither is possible with Channels.newInputStream on a blocking channel).
 */
public final class UnixChannelStreams implements Closeable {
    private final SocketChannel ch;
    private final Selector readSel;
    private final Selector writeSel;
    private volatile int readTimeout;

    private UnixChannelStreams(SocketChannel ch) throws IOException {
        this.ch = ch;
        ch.configureBlocking(false);
        this.readSel = Selector.open();
        this.writeSel = Selector.open();
        ch.register(readSel, SelectionKey.OP_READ);
        ch.register(writeSel, SelectionKey.OP_WRITE);
    }

    public static UnixChannelStreams connect(Path path) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(path));
            return new UnixChannelStreams(ch);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }

    void setReadTimeout(int millis) { readTimeout = millis; }

    private final InputStream in = new InputStream() {
        private final byte[] one = new byte[1];

        @Override
        public int read() throws IOException {
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            ByteBuffer bb = ByteBuffer.wrap(b, off, len);
            long deadline = readTimeout > 0 ? System.nanoTime() + readTimeout * 1_000_000L : 0;
            while (true) {
                int n = ch.read(bb);
                if (n != 0) return n;
                long wait = 0;
                if (deadline != 0) {
                    wait = (deadline - System.nanoTime()) / 1_000_000L;
                    if (wait <= 0) throw new SocketTimeoutException("Read timed out");
                }
                await(readSel, wait);
            }
        }

        /** 1 when the socket is readable (data or end of stream), else 0. */
        @Override
        public int available() throws IOException {
            if (!ch.isOpen()) return 0;
            try {
                int n = readSel.selectNow();
                readSel.selectedKeys().clear();
                return n > 0 ? 1 : 0;
            } catch (ClosedSelectorException e) {
                return 0;
            }
        }
    };

    private final OutputStream out = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer bb = ByteBuffer.wrap(b, off, len);
            while (bb.hasRemaining()) {
                if (ch.write(bb) == 0) {
                    await(writeSel, 0);
                }
            }
        }
    };

    private void await(Selector sel, long millis) throws IOException {
        try {
            sel.select(millis);
            sel.selectedKeys().clear();
        } catch (ClosedSelectorException e) {
            throw new ClosedChannelException();
        }
        if (!ch.isOpen()) throw new ClosedChannelException();
    }

    public InputStream in() { return in; }
    public OutputStream out() { return out; }

    @Override
    public void close() throws IOException {
        try {
            ch.close();
        } finally {
            readSel.wakeup();
            writeSel.wakeup();
            readSel.close();
            writeSel.close();
        }
    }
}
