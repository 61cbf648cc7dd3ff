package org.tusk.ipc;

/**
 * Messages on the control channel. Backend to postmaster: {@link Hello},
 * {@link Ready}. Postmaster to backend: {@link Handoff} (with the client's
 * descriptor), {@link Quit}, {@link Retire}.
 */
public sealed interface ControlMessage {

    /** First message of a new backend: which shared-memory slot it took, and its pid. */
    record Hello(int slot, int pid) implements ControlMessage {}

    /** The backend is idle and can take a connection; {@code sessionsServed} counts its sessions so far. */
    record Ready(int sessionsServed) implements ControlMessage {}

    /**
     * A client connection for this backend. The descriptor travels as ancillary
     * data; {@code remoteAddress} is null and {@code remotePort} -1 for a Unix socket.
     */
    record Handoff(int cancelKey, boolean unixSocket, String remoteAddress, int remotePort) implements ControlMessage {}

    /** End the session now with the given FATAL (crash of another process, fast or immediate shutdown) and exit. */
    record Quit(Reason reason) implements ControlMessage {}

    /** Exit once no session is running (smart shutdown, pool shrinking, new bundle generation). */
    record Retire() implements ControlMessage {}

    /** Why a backend is told to quit: decides the SQLSTATE and message its client gets. */
    enum Reason {
        /** 57P02 terminating connection because of crash of another server process */
        CRASH,
        /** 57P01 terminating connection due to administrator command (fast shutdown) */
        FAST_SHUTDOWN,
        /** 57P01 terminating connection due to immediate shutdown command */
        IMMEDIATE_SHUTDOWN
    }
}
