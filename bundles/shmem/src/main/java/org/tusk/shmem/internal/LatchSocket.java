package org.tusk.shmem.internal;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * The receiving end of a latch: a Unix datagram socket bound by the process that
 * owns a slot. It plays the role of PostgreSQL's self-pipe / signalfd: the
 * datagram carries no information, it only ends a blocking receive, so the
 * sleeping process costs no CPU. The truth is always in shared memory; a
 * datagram may arrive late or twice, and sleepers re-check after every wake.
 */
public final class LatchSocket implements AutoCloseable {

    private final Path path;
    private final AFUNIXDatagramSocket socket;
    private final byte[] receiveBuffer = new byte[16];
    /**
     * The receive timeout the socket has now (-1: not set yet). Setting it costs two system calls
     * (junixsocket sets SO_SNDTIMEO and SO_RCVTIMEO), and most waits ask for the same one again: an
     * LWLock sleep always waits its maximum, the latch watcher always a minute.
     */
    private int socketTimeoutMillis = -1;

    /**
     * The socket's descriptor as a JDK stream, read instead of the socket: junixsocket's receive leases a
     * direct buffer and decodes the sender's address into a cached address object for every datagram,
     * and the sender does not matter here. The receive timeout is still the socket's (SO_RCVTIMEO).
     */
    private final FileInputStream datagrams;

    private LatchSocket(Path path, AFUNIXDatagramSocket socket) throws IOException {
        this.path = path;
        this.socket = socket;
        this.datagrams = new FileInputStream(socket.getFileDescriptor());
    }

    /** Binds {@code path}, first removing a file a dead previous owner may have left. */
    public static LatchSocket bind(Path path) throws IOException {
        Files.deleteIfExists(path);
        AFUNIXDatagramSocket socket = AFUNIXDatagramSocket.newInstance();
        try {
            socket.bind(AFUNIXSocketAddress.of(path));
        } catch (IOException e) {
            socket.close();
            throw new IOException("could not bind latch socket \"" + path + "\": " + e.getMessage(), e);
        }
        try {
            return new LatchSocket(path, socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    /**
     * Blocks until a datagram arrives or {@code timeoutMillis} passes
     * ({@code 0} means no timeout). Returns whether a datagram was received.
     */
    public boolean await(int timeoutMillis) throws IOException {
        if (timeoutMillis != socketTimeoutMillis) {
            socket.setSoTimeout(timeoutMillis);
            socketTimeoutMillis = timeoutMillis;
        }
        try {
            // read(2) takes one datagram, whatever its length (0 for an empty one, which the stream reports as -1)
            datagrams.read(receiveBuffer, 0, receiveBuffer.length);
            return true;
        } catch (IOException e) {
            if (socket.isClosed()) {
                throw e;
            }
            return false;       // EAGAIN: SO_RCVTIMEO passed (the JDK's stream reports every read error so)
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        Files.deleteIfExists(path);
    }
}
