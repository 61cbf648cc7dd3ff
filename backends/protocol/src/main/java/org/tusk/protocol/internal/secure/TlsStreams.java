package org.tusk.protocol.internal.secure;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * A TLS session over the client's plain streams (be-secure-openssl.c's
 * be_tls_open_server, be_tls_read and be_tls_write), built on a JDK
 * {@link SSLEngine} because the connection the backend serves is only a pair
 * of streams (a socket received as a descriptor, or the warm-up's loopback).
 *
 * <p>Reading and writing may happen on different threads (a termination sends
 * its FATAL while the session thread is blocked reading), which SSLEngine
 * allows; records are written under one lock so their sequence numbers reach
 * the client in order, also when a read has to answer a post-handshake
 * message.
 */
public final class TlsStreams {
    private final SSLEngine engine;
    private final InputStream rawIn;
    private final OutputStream rawOut;
    private final Object readLock = new Object();
    private final Object writeLock = new Object();

    /** Encrypted bytes received and not yet unwrapped: read mode (position..limit). */
    private ByteBuffer netIn;
    /** Decrypted bytes not yet handed out: read mode. */
    private ByteBuffer appIn;
    private ByteBuffer netOut;
    private boolean inboundDone;

    private final InputStream input = new In();
    private final OutputStream output = new Out();

    public TlsStreams(SSLEngine engine, InputStream rawIn, OutputStream rawOut) {
        this.engine = engine;
        this.rawIn = rawIn;
        this.rawOut = rawOut;
        SSLSession s = engine.getSession();
        this.netIn = ByteBuffer.allocate(s.getPacketBufferSize()).flip();
        this.appIn = ByteBuffer.allocate(s.getApplicationBufferSize()).flip();
        this.netOut = ByteBuffer.allocate(s.getPacketBufferSize());
    }

    public InputStream input() { return input; }

    public OutputStream output() { return output; }

    public SSLSession session() { return engine.getSession(); }

    /** Runs the server side of the handshake to its end. */
    public void handshake() throws IOException {
        try {
            runHandshake();
        } catch (SSLException e) {
            // The engine has an alert for the client (protocol_version, handshake_failure...): send it.
            synchronized (writeLock) {
                try {
                    engine.closeOutbound();
                    wrap(ByteBuffer.allocate(0));
                    rawOut.flush();
                } catch (IOException | RuntimeException ignored) {
                    // the client may be gone
                }
            }
            throw e;
        }
    }

    private void runHandshake() throws IOException {
        engine.beginHandshake();
        synchronized (readLock) {
            while (true) {
                SSLEngineResult.HandshakeStatus hs = engine.getHandshakeStatus();
                switch (hs) {
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                        if (!unwrapOnce()) {
                            throw new EOFException("client closed the connection during the TLS handshake");
                        }
                    }
                    case NEED_WRAP -> wrapHandshake();
                    case NEED_TASK -> runTasks();
                    default -> {
                        return; // FINISHED or NOT_HANDSHAKING
                    }
                }
            }
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** Sends what the engine has to say on its own (handshake messages, tickets, close_notify). */
    private void wrapHandshake() throws IOException {
        synchronized (writeLock) {
            wrap(ByteBuffer.allocate(0));
            rawOut.flush();
        }
    }

    /** Encrypts all of {@code src} and writes the records, under writeLock. */
    private void wrap(ByteBuffer src) throws IOException {
        do {
            netOut.clear();
            SSLEngineResult r = engine.wrap(src, netOut);
            switch (r.getStatus()) {
                case BUFFER_OVERFLOW -> {
                    netOut = ByteBuffer.allocate(Math.max(netOut.capacity() * 2, engine.getSession().getPacketBufferSize()));
                    continue;
                }
                case CLOSED -> {
                    if (netOut.position() > 0) {
                        rawOut.write(netOut.array(), 0, netOut.position());
                    }
                    if (src.hasRemaining()) {
                        throw new IOException("TLS session closed");
                    }
                    return;
                }
                default -> { }
            }
            if (netOut.position() > 0) {
                rawOut.write(netOut.array(), 0, netOut.position());
            }
            if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                runTasks();
            }
            if (!src.hasRemaining() && r.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                return;
            }
        } while (true);
    }

    /**
     * Unwraps one record into appIn, reading from the client when the engine
     * needs more bytes. Returns false at the end of the stream.
     */
    private boolean unwrapOnce() throws IOException {
        while (true) {
            appIn.compact();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, appIn);
            } finally {
                appIn.flip();
            }
            switch (r.getStatus()) {
                case OK -> {
                    if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                        runTasks();
                    }
                    if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP
                            && !engine.isOutboundDone()) {
                        wrapHandshake();
                    }
                    return true;
                }
                case CLOSED -> {
                    inboundDone = true;
                    return false;
                }
                case BUFFER_OVERFLOW -> {
                    ByteBuffer bigger = ByteBuffer.allocate(appIn.capacity() + engine.getSession().getApplicationBufferSize());
                    bigger.put(appIn).flip();
                    appIn = bigger;
                }
                case BUFFER_UNDERFLOW -> {
                    if (!fill()) {
                        inboundDone = true;
                        return false;
                    }
                }
            }
        }
    }

    /** Reads more encrypted bytes; false at EOF. */
    private boolean fill() throws IOException {
        netIn.compact();
        int need = engine.getSession().getPacketBufferSize();
        if (netIn.capacity() < need || !netIn.hasRemaining()) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(need, netIn.capacity() * 2));
            netIn.flip();
            bigger.put(netIn);
            netIn = bigger;
        }
        int n = rawIn.read(netIn.array(), netIn.arrayOffset() + netIn.position(), netIn.remaining());
        if (n > 0) {
            netIn.position(netIn.position() + n);
        }
        netIn.flip();
        return n >= 0;
    }

    private void closeQuietly() {
        synchronized (writeLock) {
            try {
                engine.closeOutbound();
                wrap(ByteBuffer.allocate(0));
                rawOut.flush();
            } catch (IOException | RuntimeException ignored) {
                // the client may be gone
            }
        }
        try {
            rawOut.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            rawIn.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private final class In extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            synchronized (readLock) {
                while (!appIn.hasRemaining()) {
                    if (inboundDone) {
                        return -1;
                    }
                    try {
                        if (!unwrapOnce() && !appIn.hasRemaining()) {
                            return -1;
                        }
                    } catch (SSLException e) {
                        throw new IOException("SSL error: " + e.getMessage(), e);
                    }
                }
                int n = Math.min(len, appIn.remaining());
                appIn.get(b, off, n);
                return n;
            }
        }

        @Override
        public int available() {
            return appIn.remaining();
        }

        @Override
        public void close() {
            closeQuietly();
        }
    }

    private final class Out extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            synchronized (writeLock) {
                wrap(ByteBuffer.wrap(b, off, len));
            }
        }

        @Override
        public void flush() throws IOException {
            synchronized (writeLock) {
                rawOut.flush();
            }
        }

        @Override
        public void close() {
            closeQuietly();
        }
    }
}
