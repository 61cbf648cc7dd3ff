package org.tusk.postmaster;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.ipc.ChannelDescriptors;

/**
 * A listening socket of the postmaster (PostgreSQL's ListenSocket): TCP on
 * each listen address, or Unix-domain at {@code <dir>/.s.PGSQL.<port>}. Its
 * thread accepts connections, sets their socket options (they belong to the
 * socket, so they must be set before the handoff) and passes them on.
 */
abstract class Listener implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(Listener.class);
    /** PostgreSQL's listen backlog is MaxConnections * 2, capped; the kernel caps it again (somaxconn). */
    private static final int BACKLOG_CAP = 4096;

    private Thread thread;
    protected volatile boolean closed;

    abstract String describe();

    abstract ClientSocket acceptOne() throws IOException;

    void start(Consumer<ClientSocket> dispatcher) {
        thread = new Thread(() -> {
            while (!closed) {
                try {
                    dispatcher.accept(acceptOne());
                } catch (IOException e) {
                    if (!closed) {
                        LOG.warn("could not accept new connection on {}: {}", describe(), e.getMessage());
                    }
                }
            }
        }, "listener " + describe());
        thread.setDaemon(true);
        thread.start();
    }

    /** Opens TCP listeners on every listen address; logs each failure as PostgreSQL does. */
    static List<Listener> openTcp(List<String> listenAddresses, int port, int maxConnections) throws IOException {
        Set<InetAddress> addresses = new LinkedHashSet<>();
        for (String a : listenAddresses) {
            if (a.equals("*")) {
                addresses.add(InetAddress.getByName("0.0.0.0"));
                addresses.add(InetAddress.getByName("::"));
            } else {
                for (InetAddress ia : InetAddress.getAllByName(a)) addresses.add(ia);
            }
        }
        List<Listener> opened = new ArrayList<>();
        for (InetAddress addr : addresses) {
            try {
                opened.add(new TcpListener(addr, port, Math.min(BACKLOG_CAP, Math.max(64, maxConnections * 2))));
                LOG.info("listening on {} address \"{}\", port {}", addr instanceof java.net.Inet6Address ? "IPv6" : "IPv4",
                        addr.getHostAddress(), port);
            } catch (IOException e) {
                LOG.warn("could not bind {} address \"{}\": {}", addr instanceof java.net.Inet6Address ? "IPv6" : "IPv4",
                        addr.getHostAddress(), e.getMessage());
                if (e instanceof java.net.BindException) {
                    LOG.warn("HINT:  Is another postmaster already running on port {}? If not, wait a few seconds and retry.", port);
                }
            }
        }
        if (opened.isEmpty() && !listenAddresses.isEmpty()) {
            throw new IOException("could not create any TCP/IP sockets");
        }
        return opened;
    }

    private static final class TcpListener extends Listener {
        private final ServerSocketChannel server;
        private final String description;

        TcpListener(InetAddress address, int port, int backlog) throws IOException {
            server = ServerSocketChannel.open(address instanceof java.net.Inet6Address
                    ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            try {
                server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                server.bind(new InetSocketAddress(address, port), backlog);
            } catch (IOException e) {
                server.close();
                throw e;
            }
            description = address.getHostAddress() + ":" + port;
        }

        @Override
        String describe() {
            return description;
        }

        @Override
        ClientSocket acceptOne() throws IOException {
            return wrap(server.accept(), false);
        }

        @Override
        public void close() throws IOException {
            closed = true;
            server.close();
        }
    }

    /**
     * Wraps an accepted connection for the handoff, setting the options that
     * belong to the socket first (TCP_NODELAY, keepalive); closes it when that
     * fails, so a bad accept leaks nothing.
     */
    static ClientSocket wrap(SocketChannel ch, boolean unixSocket) throws IOException {
        try {
            String address = null;
            int port = -1;
            if (!unixSocket) {
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
                InetSocketAddress remote = (InetSocketAddress) ch.getRemoteAddress();
                address = remote.getAddress().getHostAddress();
                port = remote.getPort();
            }
            return new ClientSocket(ChannelDescriptors.of(ch), unixSocket, address, port, ch,
                    Channels.newInputStream(ch), Channels.newOutputStream(ch));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Opens the Unix-domain socket {@code <dir>/.s.PGSQL.<port>} with its lock file. */
    static Listener openUnix(Path directory, int port) throws IOException {
        return new UnixListener(directory, port);
    }

    /**
     * Unix-domain listener on the JDK's own channel (not junixsocket's): closing
     * a junixsocket socket shuts the connection down for the backend's copy too,
     * while closing a JDK channel only drops our descriptor.
     */
    private static final class UnixListener extends Listener {
        private final ServerSocketChannel server;
        private final Path socketPath;
        private final Path lockPath;

        UnixListener(Path directory, int port) throws IOException {
            socketPath = directory.resolve(".s.PGSQL." + port);
            lockPath = directory.resolve(".s.PGSQL." + port + ".lock");
            if (Files.exists(lockPath)) {
                String[] lines = Files.readString(lockPath).split("\n");
                long pid = -1;
                try {
                    pid = Long.parseLong(lines[0].strip());
                } catch (NumberFormatException ignored) {
                    // unreadable lock file: treat as stale
                }
                if (pid > 0 && pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    throw new IOException("lock file \"" + lockPath + "\" already exists; is another postmaster (PID "
                            + pid + ") using socket file \"" + socketPath + "\"?");
                }
            }
            Files.writeString(lockPath, ProcessHandle.current().pid() + "\n");
            Files.deleteIfExists(socketPath);
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socketPath), 1024);
            LOG.info("listening on Unix socket \"{}\"", socketPath);
        }

        @Override
        String describe() {
            return socketPath.toString();
        }

        @Override
        ClientSocket acceptOne() throws IOException {
            return wrap(server.accept(), true);
        }

        @Override
        public void close() throws IOException {
            closed = true;
            server.close();
            Files.deleteIfExists(socketPath);
            Files.deleteIfExists(lockPath);
        }
    }
}
