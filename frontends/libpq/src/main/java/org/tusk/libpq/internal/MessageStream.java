package org.tusk.libpq.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;

/**
 * Framing of protocol-3 messages over a socket's streams: a type byte and a
 * self-inclusive int32 length (the startup-phase packets have no type byte).
 * Not thread-safe; the connection serializes access.
 */
public final class MessageStream implements Closeable {
    /** Messages bigger than this are a protocol violation, not an allocation. */
    private static final int MAX_MESSAGE = 1 << 30;

    private final BufferedInputStream buffered;
    private final DataInputStream in;
    private final OutputStream out;
    private final Transport transport;
    private final Charset charset;

    public MessageStream(Transport transport, Charset charset) {
        this.buffered = new BufferedInputStream(transport.in(), 65536);
        this.in = new DataInputStream(buffered);
        this.out = new BufferedOutputStream(transport.out(), 65536);
        this.transport = transport;
        this.charset = charset;
    }

    public Transport transport() { return transport; }

    /** Whether bytes can be read without blocking (already buffered, or waiting on the socket). */
    public boolean hasPendingInput() throws IOException {
        return buffered.available() > 0;
    }

    /**
     * Waits up to timeoutMillis (at least 1) for the next message to start
     * arriving, without consuming anything. False on timeout.
     */
    public boolean waitReadable(int timeoutMillis) throws IOException {
        if (buffered.available() > 0) return true;
        transport.setReadTimeout(Math.max(1, timeoutMillis));
        try {
            buffered.mark(1);
            if (buffered.read() < 0) throw new EOFException("server closed the connection");
            buffered.reset();
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } finally {
            transport.setReadTimeout(0);
        }
    }

    public Charset charset() { return charset; }

    /** One backend message: its type and body (position 0, big-endian). */
    public record Message(char type, ByteBuffer body) {}

    public Message read() throws IOException {
        int type = in.read();
        if (type < 0) throw new EOFException("server closed the connection");
        int len = in.readInt();
        if (len < 4 || len > MAX_MESSAGE) throw new IOException("invalid message length " + len);
        byte[] body = new byte[len - 4];
        in.readFully(body);
        return new Message((char) type, ByteBuffer.wrap(body));
    }

    /** A single byte reply (to SSLRequest/GSSENCRequest). */
    public int readByte() throws IOException {
        return in.read();
    }

    public void send(char type, byte[] body) throws IOException {
        out.write(type);
        writeInt(body.length + 4);
        out.write(body);
    }

    /** A message whose body is part of an array (CopyData from a caller's buffer). */
    public void send(char type, byte[] body, int off, int len) throws IOException {
        out.write(type);
        writeInt(len + 4);
        out.write(body, off, len);
    }

    /** A startup-phase packet: length then body, no type byte. */
    public void sendUntyped(byte[] body) throws IOException {
        writeInt(body.length + 4);
        out.write(body);
    }

    public void flush() throws IOException {
        out.flush();
    }

    private void writeInt(int v) throws IOException {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    /** Reads a NUL-terminated string from a message body. */
    public String cstring(ByteBuffer b) {
        int start = b.position();
        int end = start;
        while (end < b.limit() && b.get(end) != 0) end++;
        String s = new String(b.array(), b.arrayOffset() + start, end - start, charset);
        b.position(Math.min(end + 1, b.limit()));
        return s;
    }

    /** A growable message body with protocol encodings. */
    public final class Body {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

        public Body int32(int v) {
            buf.write(v >>> 24);
            buf.write(v >>> 16);
            buf.write(v >>> 8);
            buf.write(v);
            return this;
        }

        public Body int16(int v) {
            buf.write(v >>> 8);
            buf.write(v);
            return this;
        }

        public Body byte1(int v) {
            buf.write(v);
            return this;
        }

        public Body cstring(String s) {
            byte[] b = s.getBytes(charset);
            buf.write(b, 0, b.length);
            buf.write(0);
            return this;
        }

        public Body bytes(byte[] b) {
            buf.write(b, 0, b.length);
            return this;
        }

        public byte[] toBytes() { return buf.toByteArray(); }
    }

    public Body body() { return new Body(); }

    @Override
    public void close() throws IOException {
        transport.close();
    }
}
