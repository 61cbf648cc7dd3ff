package org.tusk.libpq.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * An open byte stream to a server: a TCP socket (maybe wrapped in TLS) or a
 * Unix-domain socket channel, with a read timeout that both support.
 */
public final class Transport implements Closeable {
    private final InputStream in;
    private final OutputStream out;
    private final Socket socket;
    private final UnixChannelStreams unix;

    private Transport(InputStream in, OutputStream out, Socket socket, UnixChannelStreams unix) {
        this.in = in;
        this.out = out;
        this.socket = socket;
        this.unix = unix;
    }

    public static Transport tcp(Socket s) throws IOException {
        return new Transport(s.getInputStream(), s.getOutputStream(), s, null);
    }

    public static Transport unix(UnixChannelStreams u) {
        return new Transport(u.in(), u.out(), null, u);
    }

    public InputStream in() { return in; }
    public OutputStream out() { return out; }
    /** The TCP socket (an SSLSocket once TLS is on), or null for a Unix-domain socket. */
    public Socket socket() { return socket; }
    public boolean isUnix() { return unix != null; }

    /** 0 = block as long as it takes; otherwise reads throw SocketTimeoutException after this long. */
    public void setReadTimeout(int millis) throws IOException {
        if (socket != null) socket.setSoTimeout(millis);
        else unix.setReadTimeout(millis);
    }

    @Override
    public void close() throws IOException {
        if (socket != null) socket.close();
        else unix.close();
    }
}
