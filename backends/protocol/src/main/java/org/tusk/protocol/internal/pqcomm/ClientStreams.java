package org.tusk.protocol.internal.pqcomm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The session's byte streams to the client, whose transport can change once:
 * after an SSLRequest answered 'S', every reader and writer that was handed
 * {@link #input()} or {@link #output()} goes on through TLS without knowing it
 * (PostgreSQL's secure_read/secure_write, which look at port->ssl_in_use).
 */
public final class ClientStreams {
    private volatile InputStream in;
    private volatile OutputStream out;
    private final InputStream input = new In();
    private final OutputStream output = new Out();

    public ClientStreams(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    public InputStream input() { return input; }

    public OutputStream output() { return output; }

    /** The streams as they are before any switch: where the TLS layer reads and writes its records. */
    public InputStream rawInput() { return in; }

    public OutputStream rawOutput() { return out; }

    /** Continues over another transport (the TLS layer wrapped around the raw streams). */
    public void switchTo(InputStream newIn, OutputStream newOut) {
        this.in = newIn;
        this.out = newOut;
    }

    private final class In extends InputStream {
        @Override public int read() throws IOException { return in.read(); }
        @Override public int read(byte[] b, int off, int len) throws IOException { return in.read(b, off, len); }
        @Override public int available() throws IOException { return in.available(); }
        @Override public void close() throws IOException { in.close(); }
    }

    private final class Out extends OutputStream {
        @Override public void write(int b) throws IOException { out.write(b); }
        @Override public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); }
        @Override public void flush() throws IOException { out.flush(); }
        @Override public void close() throws IOException { out.close(); }
    }
}
