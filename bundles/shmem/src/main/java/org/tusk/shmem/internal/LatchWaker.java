package org.tusk.shmem.internal;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;

import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sending end of latches, one per process and segment: an unbound,
 * non-blocking Unix datagram channel that pokes other processes' latch sockets.
 *
 * <p>Never blocks and never throws: a full receive queue already holds a wake-up
 * for the sleeper, and a missing socket means its owner is gone (the postmaster
 * deals with dead processes), so both are ignored.
 */
public final class LatchWaker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LatchWaker.class);

    private final ByteBuffer poke = ByteBuffer.allocateDirect(1);
    private AFUNIXDatagramChannel channel;
    private boolean closed;

    public static SocketAddress address(Path path) {
        try {
            return AFUNIXSocketAddress.of(path);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid latch socket path \"" + path + "\"", e);
        }
    }

    /** Sends one wake-up datagram to {@code target}; returns whether it was queued. */
    public synchronized boolean wake(SocketAddress target) {
        if (closed) {
            return false;
        }
        try {
            if (channel == null) {
                channel = AFUNIXDatagramChannel.open();
                channel.configureBlocking(false);
            }
            poke.clear();
            poke.put((byte) 1).flip();
            return channel.send(poke, target) > 0;
        } catch (IOException e) {
            // Usually ENOENT or ECONNREFUSED: nobody owns that latch right now.
            LOG.trace("latch wake-up to {} not delivered: {}", target, e.toString());
            return false;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
