package org.tusk.backend;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

import org.tusk.api.backend.BackendContext;
import org.tusk.api.engine.QueryEngine;
import org.tusk.api.error.PgException;
import org.tusk.api.protocol.ClientConnection;
import org.tusk.api.protocol.TerminationListener;

/** A client connection received from the postmaster, as the protocol handler sees it. */
final class SessionConnection implements ClientConnection {

    /** Sized like PostgreSQL's PQ_SEND_BUFFER_SIZE / PQ_RECV_BUFFER_SIZE. */
    private static final int BUFFER_SIZE = 8192;

    private final Socket socket;
    private final FileDescriptor descriptor;
    private final InputStream input;
    private final OutputStream output;
    private final String remoteAddress;
    private final int remotePort;
    private final ProcessContext backend;
    private final QueryEngine engine;
    private volatile TerminationListener terminationListener;
    /** The warm-up's own loopback connection: client authentication does not apply to it. */
    private boolean preAuthenticated;

    /**
     * @param socket     the client socket, wrapped around {@code descriptor}
     * @param descriptor the descriptor received from the postmaster; this connection owns it
     */
    SessionConnection(Socket socket, FileDescriptor descriptor, String remoteAddress, int remotePort, ProcessContext backend,
            QueryEngine engine) throws IOException {
        this.socket = socket;
        this.descriptor = descriptor;
        // The bytes go through the JDK's file streams on the descriptor, not the socket's own streams:
        // read(2) and write(2) on a socket are recv and send without flags, and the JDK's native copy
        // uses a stack buffer and moves only the bytes transferred, where junixsocket's mallocs a buffer
        // of the requested length per call and copies all of it back on a read (bench/README.md,
        // "Session 19, lead"). The socket object stays for shutdown and close.
        this.input = new ClientSocketInput(new FileInputStream(descriptor), BUFFER_SIZE);
        this.output = new BufferedOutputStream(new FileOutputStream(descriptor), BUFFER_SIZE);
        this.remoteAddress = remoteAddress;
        this.remotePort = remotePort;
        this.backend = backend;
        this.engine = engine;
    }

    @Override public InputStream input() { return input; }
    @Override public OutputStream output() { return output; }
    @Override public String remoteAddress() { return remoteAddress; }
    @Override public int remotePort() { return remotePort; }
    @Override public BackendContext backend() { return backend; }
    @Override public QueryEngine engine() { return engine; }
    @Override public boolean preAuthenticated() { return preAuthenticated; }

    /** Marks the backend's own warm-up connection, which no tusk_hba.conf line is meant for. */
    SessionConnection markPreAuthenticated() {
        preAuthenticated = true;
        return this;
    }

    @Override
    public void onTermination(TerminationListener listener) {
        this.terminationListener = listener;
    }

    /**
     * Ends the session from outside the session thread: the handler sends the
     * FATAL if it can, then the socket is closed so a blocked read returns.
     */
    void terminate(PgException fatal) {
        TerminationListener l = terminationListener;
        if (l != null) {
            try {
                l.terminate(fatal);
            } catch (RuntimeException ignored) {
                // the client may be gone already
            }
        }
        close();
    }

    /**
     * Closes the connection. A socket made from a received descriptor shuts
     * down on close but does not release the descriptor itself, so it is
     * closed here too (closing invalidates it, so this never closes twice).
     */
    synchronized void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
        if (descriptor.valid()) {
            try {
                new FileInputStream(descriptor).close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }
}
