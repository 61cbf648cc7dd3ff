package org.tusk.libpq.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.file.Path;

/**
 * Where a server listens: a Unix-domain socket {@code <dir>/.s.PGSQL.<port>}
 * (when the host is a directory path) or a TCP host and port.
 */
public final class ServerAddress {
    private final String host;
    private final String hostaddr;
    private final int port;

    public ServerAddress(String host, String hostaddr, int port) {
        this.host = host == null ? "" : host;
        this.hostaddr = hostaddr == null ? "" : hostaddr;
        this.port = port;
    }

    public boolean isUnixSocket() {
        return hostaddr.isEmpty() && (host.isEmpty() || host.startsWith("/") || host.startsWith("@"));
    }

    public String host() { return host; }
    public String hostaddr() { return hostaddr; }
    public int port() { return port; }

    public String socketPath() {
        String dir = host.isEmpty() ? org.tusk.libpq.ConnInfo.DEFAULT_SOCKET_DIR : host;
        return dir + "/.s.PGSQL." + port;
    }

    /** libpq's wording for the start of a connection failure message. */
    public String describe(String resolvedAddress) {
        if (isUnixSocket()) return "connection to server on socket \"" + socketPath() + "\" failed: ";
        if (!hostaddr.isEmpty() && !host.isEmpty() && !host.equals(hostaddr)) {
            return "connection to server at \"" + host + "\" (" + hostaddr + "), port " + port + " failed: ";
        }
        if (resolvedAddress != null && !host.isEmpty() && !host.equals(resolvedAddress)) {
            return "connection to server at \"" + host + "\" (" + resolvedAddress + "), port " + port + " failed: ";
        }
        return "connection to server at \"" + (host.isEmpty() ? hostaddr : host) + "\", port " + port + " failed: ";
    }

    /** The hint libpq adds when nothing listens there. */
    public String refusedHint() {
        return isUnixSocket()
                ? "\tIs the server running locally and accepting connections on that socket?\n"
                : "\tIs the server running on that host and accepting TCP/IP connections?\n";
    }

    public InetAddress resolve() throws UnknownHostException {
        return InetAddress.getByName(hostaddr.isEmpty() ? host : hostaddr);
    }

    /** Opens the socket; timeoutMillis 0 means wait as long as the OS does. */
    public Transport open(InetAddress resolved, int timeoutMillis) throws IOException {
        if (isUnixSocket()) return Transport.unix(UnixChannelStreams.connect(Path.of(socketPath())));
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setKeepAlive(true);
            s.connect(new InetSocketAddress(resolved, port), timeoutMillis);
            return Transport.tcp(s);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }
}
