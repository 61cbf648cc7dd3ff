package org.tusk.protocol.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.tusk.api.backend.BackendContext;
import org.tusk.api.engine.QueryEngine;
import org.tusk.api.protocol.ClientConnection;
import org.tusk.api.protocol.ProtocolHandler;
import org.tusk.api.protocol.SessionOutcome;
import org.tusk.api.protocol.TerminationListener;

/**
 * One handler session over a real loopback TCP connection: the handler runs on
 * its own thread, as in a backend, and the test talks to it through a
 * {@link WireClient}. Reads time out so a protocol bug fails instead of hanging.
 */
final class LoopbackSession implements AutoCloseable {
    final FakeBackendContext backend = new FakeBackendContext();
    final FakeQueryEngine engine;
    final WireClient client;
    final Socket clientSocket;
    private final Socket serverSocket;
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    final Future<SessionOutcome> outcome;
    volatile TerminationListener terminationListener;

    LoopbackSession(ProtocolHandler handler, FakeQueryEngine engine) throws IOException {
        this(handler, engine, null);
    }

    /** A session whose backend has {@code dataDirectory} (for tusk_hba.conf), when not null. */
    LoopbackSession(ProtocolHandler handler, FakeQueryEngine engine, java.nio.file.Path dataDirectory) throws IOException {
        this.engine = engine;
        if (dataDirectory != null) {
            backend.dataDirectory = dataDirectory;
        }
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            clientSocket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            serverSocket = listener.accept();
        }
        clientSocket.setSoTimeout(20_000);
        clientSocket.setTcpNoDelay(true);
        serverSocket.setTcpNoDelay(true);
        client = new WireClient(new BufferedInputStream(clientSocket.getInputStream()), clientSocket.getOutputStream());
        InputStream in = new BufferedInputStream(serverSocket.getInputStream());
        OutputStream out = new BufferedOutputStream(serverSocket.getOutputStream());
        ClientConnection connection = new ClientConnection() {
            @Override public InputStream input() { return in; }
            @Override public OutputStream output() { return out; }
            @Override public String remoteAddress() { return "127.0.0.1"; }
            @Override public int remotePort() { return clientSocket.getLocalPort(); }
            @Override public BackendContext backend() { return backend; }
            @Override public QueryEngine engine() { return LoopbackSession.this.engine; }
            @Override public void onTermination(TerminationListener listener) { terminationListener = listener; }
        };
        outcome = thread.submit(() -> {
            try {
                return handler.serve(connection);
            } finally {
                serverSocket.close();
            }
        });
    }

    LoopbackSession() throws IOException {
        this(new PostgresProtocolHandler(), new FakeQueryEngine());
    }

    SessionOutcome outcome() throws Exception {
        return outcome.get(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        clientSocket.close();
        serverSocket.close();
        thread.shutdownNow();
    }
}
