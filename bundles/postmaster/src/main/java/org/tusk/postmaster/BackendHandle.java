package org.tusk.postmaster;

import java.io.IOException;

import org.tusk.ipc.ControlChannel;
import org.tusk.ipc.ControlMessage;

/** The postmaster's record of one backend process (PostgreSQL's Backend struct in the postmaster). */
final class BackendHandle {

    enum State {
        /** Spawned, not yet connected to the control socket. */
        STARTING,
        /** In the pool, waiting for a connection. */
        IDLE,
        /** Serving a session. */
        BUSY,
        /** Told to exit (retire, quit); its exit is expected. */
        EXITING,
        /** An auxiliary process doing its role's work; never idle or busy. */
        AUXILIARY
    }

    final int slot;
    final Process process;
    /** The auxiliary role ({@code startup}, {@code checkpointer}), or null for a backend that serves sessions. */
    final String role;
    volatile ControlChannel channel;
    State state = State.STARTING;
    int sessionsServed;
    /** System.nanoTime() when it last became IDLE (the pool retires excess spares only after a long rest). */
    long idleSinceNanos;
    /** The storage deploy folder's generation when this process started (see BackendPool#refreshForDeploy). */
    int deployGeneration;

    BackendHandle(int slot, Process process, String role) {
        this.slot = slot;
        this.process = process;
        this.role = role;
        if (role != null) {
            state = State.AUXILIARY;
        }
    }

    boolean isAuxiliary() {
        return role != null;
    }

    long pid() {
        return process.pid();
    }

    /** Sends a control message; a failure means the backend is dying, which its exit handler deals with. */
    boolean trySend(ControlMessage message) {
        ControlChannel ch = channel;
        if (ch == null) {
            return false;
        }
        try {
            ch.send(message);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return (role == null ? "backend " : role + " process ") + pid() + " (slot " + slot + ", " + state + ")";
    }
}
