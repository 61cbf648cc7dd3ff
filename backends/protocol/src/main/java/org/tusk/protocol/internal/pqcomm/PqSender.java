package org.tusk.protocol.internal.pqcomm;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.api.error.PgException;
import org.tusk.protocol.internal.pqformat.BackendMessages;
import org.tusk.protocol.internal.pqformat.PqSendBuffer;

/**
 * The only path to the client's output stream. The session thread builds
 * messages in its own buffer and hands whole messages over under {@link #lock},
 * which is also what a terminating thread takes, so the client never sees one
 * message cut by another. Output reaches the socket at {@link #flush()}, which
 * the traffic cop calls once per ReadyForQuery (and for Flush, PortalSuspended,
 * errors in extended mode and notices), or when a big result set fills the
 * buffer.
 */
public final class PqSender {
    private static final Logger LOG = LoggerFactory.getLogger(PqSender.class);

    /** Above this, whole messages go to the stream early so the buffer stays small. */
    private static final int SPILL_THRESHOLD = 64 * 1024;

    private final OutputStream out;
    private final InputStream in;
    private final ReentrantLock lock = new ReentrantLock();
    private final PqSendBuffer buffer = new PqSendBuffer(16 * 1024);
    private volatile boolean terminated;

    public PqSender(OutputStream out, InputStream in) {
        this.out = out;
        this.in = in;
    }

    /** The session thread's message buffer. */
    public PqSendBuffer buffer() { return buffer; }

    /** True once the session was ended from outside: nothing more may be sent. */
    public boolean terminated() { return terminated; }

    /** Called after each message that may be part of a long stream (DataRow). */
    public void maybeSpill() throws IOException {
        if (buffer.size() >= SPILL_THRESHOLD) {
            write(false);
        }
    }

    /** Sends everything built so far and flushes the stream. */
    public void flush() throws IOException {
        write(true);
    }

    private void write(boolean flush) throws IOException {
        lock.lock();
        try {
            if (terminated) {
                buffer.clear();
                throw new SessionTerminatedException();
            }
            if (buffer.size() > 0) {
                out.write(buffer.array(), 0, buffer.size());
            }
            if (flush) {
                out.flush();
            }
        } finally {
            buffer.clear();
            lock.unlock();
        }
    }

    /**
     * Ends the session from another thread (pg_terminate_backend, crash of a
     * sibling, shutdown): sends the FATAL error if the output is free soon,
     * then closes both streams so a session thread blocked in read or write
     * wakes up and finds the session over.
     */
    public void terminate(PgException fatal) {
        terminated = true;
        boolean locked = false;
        try {
            // The session thread holds the lock only while writing; if a stalled client keeps
            // it blocked there, give up on the message: closing the streams frees it.
            locked = lock.tryLock(2, TimeUnit.SECONDS);
            if (locked) {
                PqSendBuffer own = new PqSendBuffer(256);
                BackendMessages.errorOrNotice(own, 'E', fatal);
                out.write(own.array(), 0, own.size());
                out.flush();
            }
        } catch (IOException e) {
            LOG.debug("could not send termination message to client", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (locked) {
                lock.unlock();
            }
            closeQuietly(out);
            closeQuietly(in);
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("close failed", e);
        }
    }
}
