package org.tusk.shmem.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.SocketTimeoutException;
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

    private LatchSocket(Path path, AFUNIXDatagramSocket socket) {
        this.path = path;
        this.socket = socket;
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
        return new LatchSocket(path, socket);
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
        DatagramPacket packet = new DatagramPacket(receiveBuffer, receiveBuffer.length);
        try {
            socket.receive(packet);
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        Files.deleteIfExists(path);
    }
}
