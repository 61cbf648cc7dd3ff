package org.tusk.postmaster;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.ipc.ControlChannel;
import org.tusk.ipc.ControlMessage;

/**
 * The postmaster's end of the control channels: backends connect here once at
 * start; one thread per backend reads what it reports (Ready after each session).
 */
final class ControlServer implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);

    private final AFUNIXServerSocket server;
    private final Path path;
    private final BackendPool pool;
    private volatile boolean closed;

    ControlServer(Path path, BackendPool pool) throws IOException {
        this.path = path;
        this.pool = pool;
        Files.deleteIfExists(path);
        server = AFUNIXServerSocket.newInstance();
        server.bind(AFUNIXSocketAddress.of(path.toFile()), 256);
        Thread acceptor = new Thread(this::acceptLoop, "control acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                AFUNIXSocket s = server.accept();
                Thread reader = new Thread(() -> serve(s), "control reader");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("control socket accept failed: {}", e.getMessage());
                }
            }
        }
    }

    private void serve(AFUNIXSocket s) {
        ControlChannel channel = null;
        try {
            channel = new ControlChannel(s);
            ControlMessage first = channel.receive();
            if (!(first instanceof ControlMessage.Hello hello)) {
                channel.close();
                return;
            }
            BackendHandle b = pool.onHello(channel, hello);
            if (b == null) {
                channel.close();
                return;
            }
            while (true) {
                ControlMessage m = channel.receive();
                if (m instanceof ControlMessage.Ready r) {
                    pool.onReady(b, r);
                }
            }
        } catch (EOFException e) {
            // the backend exited; its process exit is handled by the pool
        } catch (IOException e) {
            LOG.debug("control channel error: {}", e.getMessage());
        } finally {
            if (channel != null) channel.close();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        Files.deleteIfExists(path);
    }
}
